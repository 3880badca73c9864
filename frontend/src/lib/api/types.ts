// The shapes Go sends and receives. They mirror the JSON of the Go types in
// backend/practice and app; keep the two in step.

export type ContactKind = 'person' | 'organisation';
export type ContactSort = 'name' | 'email' | 'type' | 'updated';

export interface Phones {
  primary: string;
  mobile: string;
  other: string;
  fax: string;
}

export interface Address {
  lines: string[] | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface Contact {
  id: number;
  kind: ContactKind;
  name: string;
  email: string;
  phones: Phones;
  physicalAddress: Address;
  mailingAddress: Address;
  typeId: number;
  typeName: string;
  createdAt: string;
  updatedAt: string;
}

export interface ContactType {
  id: number;
  name: string;
  isDefault: boolean;
  contacts: number;
  createdAt: string;
}

export interface ContactQuery {
  search: string;
  sort: ContactSort;
  desc: boolean;
  offset: number;
  limit: number;
}

export interface ContactRow {
  id: number;
  kind: ContactKind;
  name: string;
  email: string;
  phone: string;
  city: string;
  typeName: string;
  updatedAt: string;
}

export interface ContactPage {
  offset: number;
  total: number;
  rows: ContactRow[] | null;
}

/** One problem of an imported file: the row as a spreadsheet numbers it
 * (the header is row 1), the column by its header name ('' for the whole
 * row), and what is wrong (Go's csvfile.RowError). */
export interface RowError {
  row: number;
  column: string;
  problem: string;
}

/** What an import of a contacts CSV file did (Go's app.ContactImport). When
 * errors is not empty nothing was imported and message says so. */
export interface ContactImport {
  created: number;
  updated: number;
  unchanged: number;
  message?: string;
  errors: RowError[] | null;
}

export interface SystemInfo {
  version: string;
  mode: 'desktop' | 'browser';
  database: string;
}

export interface ReadyReport {
  screen: string;
  contacts: number;
}

export function emptyAddress(): Address {
  return { lines: [], city: '', region: '', postalCode: '', country: '' };
}

export function emptyContact(typeId = 0): Contact {
  return {
    id: 0,
    kind: 'person',
    name: '',
    email: '',
    phones: { primary: '', mobile: '', other: '', fax: '' },
    physicalAddress: emptyAddress(),
    mailingAddress: emptyAddress(),
    typeId,
    typeName: '',
    createdAt: '',
    updatedAt: '',
  };
}

// The connection states and environments: Go's practice.ConnectionStates and
// quickbooks.Environments (a Go test, app/vocabulary_test.go, holds these
// unions to them).
export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'needs_reconnect';
export type QBOEnvironment = 'embedded' | 'intuit-sandbox' | 'intuit-production';

export interface ConnectionStatus {
  state: ConnectionState;
  environment: QBOEnvironment;
  environmentLabel: string;
  companyName: string;
  realmId: string;
  country: string;
  connectedAt?: string;
  daysLeft: number;
  expiresAt?: string;
  /** Intuit's 5-year cap on a connection, and the whole days left to it */
  hardExpiresAt?: string;
  hardDaysLeft?: number;
  warning: string;
  reason: string;
  /** why the company's details could not be read yet, when they could not */
  infoProblem?: string;
  authUrl: string;
  needsPaste: boolean;
}

export interface ConnectStart {
  authUrl: string;
  needsPaste: boolean;
  openedBrowser: boolean;
}

export interface QBOAppSettings {
  environment: QBOEnvironment;
  clientId: string;
  redirectUri: string;
  hasSecret: boolean;
  /** settings fixed by a command-line flag or environment variable, with what fixed them */
  overridden: Record<string, string> | null;
  environments: { id: QBOEnvironment; label: string }[] | null;
}

export interface QBOAppSettingsInput {
  environment: QBOEnvironment;
  clientId: string;
  clientSecret: string; // '' keeps the saved one
  redirectUri: string;
}

// ── Contact sync ─────────────────────────────────────────────────────────
// Mirrors of the JSON of backend/practice (sync.go, syncerror.go,
// syncfields.go), backend/sync and app/sync.go, field for field (a Go test,
// app/vocabulary_test.go, compares them). Go sends a nil list as null,
// so lists Go may leave nil are typed `| null`. The unions below are held to
// Go's constants by app/vocabulary_test.go.

/** The phases of a run (sync.Phase*). */
export type SyncPhase = 'reading' | 'local' | 'sending' | 'done';
/** How a run ended, or that it has not (practice.Run*). */
export type SyncRunStatus = 'running' | 'done' | 'cancelled' | 'failed';
/** What started a run (sync.Trigger*). */
export type SyncTrigger = 'manual' | 'background' | 'cli' | 'retry' | 'push';
/** Where the fix of a sync error is made (practice.Screen*). */
export type SyncErrorScreen = 'contacts' | 'duplicates' | 'clients' | 'conflicts' | 'settings' | 'quickbooks';
/** The sides of a change in the audit log (practice.Side*). */
export type AuditSide = 'local' | 'quickbooks';
/** What an inactive customer becomes (sync.Inactive*). */
export type InactiveSetting = 'import' | 'list';
/** What a sub-customer becomes (sync.Jobs*). */
export type JobsSetting = 'under_parent' | 'contacts';
/** Which value of a conflicted field to keep (sync.Keep*). */
export type KeepSide = 'ours' | 'theirs';
/** Codes of refusals the sync screens act on (sync.ErrOtherCompany, sync.ErrRetryWait). */
export type SyncRefusal = 'other_company' | 'retry_wait';
/** The contact fields kept in step with QuickBooks (practice.SyncedFields). */
export type SyncedField =
  | 'name'
  | 'email'
  | 'phones.primary'
  | 'phones.mobile'
  | 'phones.other'
  | 'phones.fax'
  | 'physicalAddress'
  | 'mailingAddress';

/** One report of a running sync (sync.Progress); remainingSeconds is -1 while unknown. */
export interface SyncProgress {
  runId: number;
  phase: SyncPhase;
  done: number;
  /** 0 when unknown */
  total: number;
  remainingSeconds: number;
  dryRun: boolean;
}

/** What one run did, by kind of change (practice.SyncCounts). */
export interface SyncCounts {
  read: number;
  linked: number;
  created: number;
  updatedLocal: number;
  updatedQbo: number;
  pushed: number;
  duplicates: number;
  conflicts: number;
  errors: number;
  listed: number;
  unchanged: number;
}

/** A customer a run did not import, and why (practice.ReportLine). */
export interface ReportLine {
  qboId: string;
  displayName: string;
  why: string;
}

/** One Sync Now, background sync, retry, push or dry run (practice.SyncRun). */
export interface SyncRun {
  id: number;
  realmId: string;
  trigger: SyncTrigger;
  /** full, changes or push */
  mode: string;
  dryRun: boolean;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  /** HTTP requests sent to QuickBooks */
  requests: number;
  counts: SyncCounts;
  report: ReportLine[] | null;
  error: string;
}

/** One field's before and after (sync.FieldChange). */
export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface PlanLink {
  qboId: string;
  displayName: string;
  contactId: number;
  contactName: string;
  why: string;
}

export interface PlanCreate {
  qboId: string;
  displayName: string;
  name: string;
  kind: string;
}

export interface PlanUpdate {
  contactId: number;
  name: string;
  qboId: string;
  changes: FieldChange[] | null;
}

export interface PlanPush {
  contactId: number;
  name: string;
}

export interface PlanCandidate {
  contactId: number;
  name: string;
  why: string;
}

export interface PlanDuplicate {
  qboId: string;
  displayName: string;
  candidates: PlanCandidate[] | null;
}

export interface PlanConflict {
  contactId: number;
  name: string;
  qboId: string;
  field: string;
  ours: string;
  theirs: string;
}

export interface PlanInvalid {
  /** customer or contact */
  kind: string;
  id: string;
  name: string;
  problem: string;
}

/** What a run would do (sync.Plan), as a dry run reports it. */
export interface Plan {
  mode: string;
  link: PlanLink[] | null;
  create: PlanCreate[] | null;
  updateLocal: PlanUpdate[] | null;
  updateQuickBooks: PlanUpdate[] | null;
  push: PlanPush[] | null;
  duplicates: PlanDuplicate[] | null;
  conflicts: PlanConflict[] | null;
  listed: ReportLine[] | null;
  invalid: PlanInvalid[] | null;
}

/** What a run did; a dry run's plan lists what it would do (sync.Result). */
export interface SyncResult {
  run: SyncRun;
  plan?: Plan;
}

/** One piece of evidence behind a duplicate suggestion (practice.Reason). */
export interface Reason {
  code: string;
  text: string;
}

/** A contact a QuickBooks customer may be, with why (practice.Candidate). */
export interface Candidate {
  contact: Contact;
  score: number;
  reasons: Reason[] | null;
  summary: string;
  /** the QuickBooks Id of the customer the candidate is already linked to; '' when free */
  linkedTo: string;
  /** the synced fields whose values differ between the customer and this candidate */
  differs: SyncedField[] | null;
}

/** A customer waiting in Resolve Duplicates (practice.Duplicate). */
export interface Duplicate {
  id: number;
  qboId: string;
  displayName: string;
  /** the contact the customer would become */
  customer: Contact;
  candidates: Candidate[] | null;
  createdAt: string;
}

/** The accountant's answer to a duplicate (sync.Resolution): link, or create. */
export interface Resolution {
  contactId: number;
  create: boolean;
}

/** A QuickBooks sub-customer (practice.Job). */
export interface Job {
  qboId: string;
  displayName: string;
  active: boolean;
}

/** A row of the client list (practice.ClientLink). */
export interface ClientLink {
  contactId: number;
  contactName: string;
  email: string;
  realmId: string;
  qboId: string;
  displayName: string;
  /** false: made inactive in QuickBooks */
  active: boolean;
  linkedAt: string;
  syncedAt: string;
  jobs: Job[] | null;
}

export interface ClientLinkFilter {
  search: string;
  /** one contact's row only, when set */
  contactId?: number;
  offset: number;
  limit: number;
}

/** A page of the client list (sync.ClientPage). */
export interface ClientPage {
  clients: ClientLink[] | null;
  total: number;
}

/** A field changed on both sides since the last sync (practice.Conflict). */
export interface Conflict {
  id: number;
  contactId: number;
  contactName: string;
  qboId: string;
  field: SyncedField;
  label: string;
  /** the value both sides last agreed on */
  base: string;
  ours: string;
  theirs: string;
  createdAt: string;
}

/** Something a sync could not do, in plain words (practice.SyncError). */
export interface SyncError {
  id: number;
  code: string;
  title: string;
  explain: string;
  fix: string;
  screen: SyncErrorScreen;
  /** contact, customer or company */
  recordKind: string;
  recordId: string;
  recordName: string;
  /** what QuickBooks said */
  detail: string;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

/** The View Errors screen's content (sync.ErrorList). */
export interface ErrorList {
  errors: SyncError[] | null;
  retryInSeconds: number;
}

/** One change a sync or a resolution made (practice.AuditEntry). */
export interface AuditEntry {
  id: number;
  /** 0 for a change made outside a run (a resolution) */
  runId: number;
  at: string;
  action: string;
  side: AuditSide;
  contactId: number;
  qboId: string;
  record: string;
  field: string;
  before: string;
  after: string;
}

export interface AuditFilter {
  search: string;
  runId: number;
  offset: number;
  limit: number;
}

/** A page of the audit log and the recent runs (sync.AuditPage). */
export interface AuditPage {
  entries: AuditEntry[] | null;
  total: number;
  runs: SyncRun[] | null;
}

/** The Contact Sync Settings (sync.Settings). */
export interface SyncSettings {
  /** the contact type given to contacts created from customers */
  importTypeId: number;
  /** the contact types pushed to QuickBooks */
  pushTypeIds: number[] | null;
  inactive: InactiveSetting;
  jobs: JobsSetting;
  /** how often the open app syncs by itself; 0: never */
  intervalMinutes: number;
}

/** What the Sync area shows at a glance (sync.Overview). */
export interface SyncOverview {
  running: boolean;
  lastRun: SyncRun | null;
  duplicates: number;
  conflicts: number;
  errors: number;
  retryInSeconds: number;
  settings: SyncSettings;
  types: ContactType[] | null;
}

/** Options of a run started from the UI (app.StartOptions). */
export interface StartOptions {
  /** sync with the connected company although the links belong to another one */
  startFresh: boolean;
}

/** The payload of sync:finished (app.SyncFinished). */
export interface SyncFinished {
  result: SyncResult | null;
  error: { code: string; message: string } | null;
}

/** Contacts chosen for Push to QuickBooks: by id, every contact of a type, or both (sync.PushRequest). */
export interface PushRequest {
  contactIds: number[];
  typeId: number;
}

/** One contact in a push preview (sync.PushItem). */
export interface PushItem {
  contactId: number;
  name: string;
  /** the customer it links to or collides with */
  qboId: string;
  customerName: string;
  why: string;
}

/** What Push to QuickBooks would do (sync.PushPreview). */
export interface PushPreview {
  create: PushItem[] | null;
  link: PushItem[] | null;
  collide: PushItem[] | null;
  skip: PushItem[] | null;
  requests: number;
}
