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

// ── Billing ──────────────────────────────────────────────────────────────
// Mirrors of the JSON of backend/practice (billing.go, invoice.go),
// backend/billing, backend/sqlite's InvoicePage and app/billing.go, field
// for field (app/vocabulary_test.go compares them, and holds the unions to
// Go's constants). Money is integer cents; a Decimal (a quantity, a
// percentage) travels as its exact text, e.g. "1.5" or "8.25". Go sends a
// nil list as null.

/** An exact decimal as Go's practice.Decimal sends it: "0", "1.5", "8.25". */
export type Decimal = string;

/** Where an invoice is in its life (practice.InvoiceStatuses); 'sent' reads "Awaiting Payment". */
export type InvoiceStatus = 'draft' | 'approved' | 'sent' | 'paid' | 'void';
/** Where a billing run is (practice.BillingRun*). */
export type BillingRunStatus = 'drafted' | 'approved' | 'sending' | 'stopped' | 'done';
/** How a work type's rate counts (practice.Rate*). */
export type RateKind = 'hourly' | 'fixed';
/** How the mail server is reached (billing.Mail.Security). */
export type MailSecurity = 'starttls' | 'tls' | 'none';
/** The phases a billing run reports (billing.Progress.Phase). */
export type BillingPhase = 'drafting' | 'approving' | 'sending' | 'done';
/** How far an invoice of a run got in sending (practice.RunInvoice.SendState). */
export type SendState = '' | 'sending' | 'sent';
/** Codes of refusals the billing screens act on (billing.ErrMaybeSent). */
export type BillingRefusal = 'maybe_sent';

/** A kind of work the firm bills, with its default rate in cents (practice.WorkType). */
export interface WorkType {
  id: number;
  name: string;
  rateKind: RateKind;
  /** cents, per hour or per unit */
  rate: number;
  active: boolean;
  /** work items and invoice lines that name it; read only */
  inUse: number;
  createdAt: string;
}

/** One part of a combined tax rate (practice.TaxComponent). */
export interface TaxComponent {
  name: string;
  percent: Decimal;
}

/** A simple or combined tax rate (practice.TaxRate). */
export interface TaxRate {
  id: number;
  name: string;
  /** the sum of the components for a combined rate */
  percent: Decimal;
  /** empty (or null) for a simple rate */
  components: TaxComponent[] | null;
  archived: boolean;
  /** read only */
  inUse: number;
  createdAt: string;
}

/** A piece of work for a client, unbilled while invoiceId is 0 (practice.WorkItem). */
export interface WorkItem {
  id: number;
  contactId: number;
  /** read only */
  contactName: string;
  /** YYYY-MM-DD */
  date: string;
  workTypeId: number;
  /** read only */
  workType: string;
  description: string;
  /** hours or units */
  quantity: Decimal;
  /** cents */
  rate: number;
  /** 0: no tax */
  taxRateId: number;
  /** read only: the rate's label */
  taxRate: string;
  /** read only: quantity × rate, rounded to the cent */
  amount: number;
  invoiceId: number;
  /** on a save: take the work type's rate instead of rate */
  defaultRate?: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One client's unbilled work and its total before tax (app.ClientWork). */
export interface ClientWork {
  contactId: number;
  contactName: string;
  items: WorkItem[] | null;
  total: number;
}

/** One line of an invoice (practice.InvoiceLine). */
export interface InvoiceLine {
  id: number;
  /** 0 for a line typed on the invoice */
  workItemId: number;
  workTypeId: number;
  /** read only */
  workType: string;
  description: string;
  quantity: Decimal;
  /** cents */
  rate: number;
  taxRateId: number;
  /** computed: quantity × rate, rounded */
  amount: number;
}

/** One component's share of a combined rate's tax (practice.InvoiceTaxPart). */
export interface InvoiceTaxPart {
  name: string;
  percent: Decimal;
  amount: number;
}

/** The tax of one rate over an invoice (practice.InvoiceTax). */
export interface InvoiceTax {
  taxRateId: number;
  /** the rate's label, e.g. "GST 5 %" */
  name: string;
  base: number;
  amount: number;
  parts: InvoiceTaxPart[] | null;
}

/** A line of an invoice's activity log (practice.InvoiceEvent). */
export interface InvoiceEvent {
  at: string;
  action: string;
  detail: string;
}

/** A bill to one client (practice.Invoice). */
export interface Invoice {
  id: number;
  /** '' until approved */
  number: string;
  contactId: number;
  /** read only */
  contactName: string;
  status: InvoiceStatus;
  /** YYYY-MM-DD */
  issueDate: string;
  dueDate: string;
  notes: string;
  /** null in the list, which carries no lines */
  lines: InvoiceLine[] | null;
  subtotal: number;
  taxes: InvoiceTax[] | null;
  total: number;
  /** the billing run that drafted it, 0 if none */
  runId: number;
  /** read only, oldest first; null in the list */
  activity: InvoiceEvent[] | null;
  createdAt: string;
  updatedAt: string;
}

/** What the invoice list shows (practice.InvoiceFilter). */
export interface InvoiceFilter {
  /** '' for any */
  status: InvoiceStatus | '';
  /** 0 for any */
  contactId: number;
  /** issue date on or after, YYYY-MM-DD */
  from: string;
  /** issue date on or before */
  to: string;
  /** part of the number */
  number: string;
  offset: number;
  limit: number;
}

/** A page of the invoice list, how many match, and their total in cents (sqlite.InvoicePage). */
export interface InvoicePage {
  invoices: Invoice[] | null;
  count: number;
  total: number;
}

/** How approved invoices are numbered: prefix + the sequence zero-padded to digits (practice.InvoiceNumbering). */
export interface InvoiceNumbering {
  prefix: string;
  next: number;
  digits: number;
}

/** An invoice of a run, with how far its sending got (practice.RunInvoice). */
export interface RunInvoice extends Invoice {
  sendState: SendState;
}

/** A billing run: a period closed at once (practice.BillingRun). */
export interface BillingRun {
  id: number;
  /** the cut-off date, YYYY-MM-DD */
  through: string;
  status: BillingRunStatus;
  invoices: RunInvoice[] | null;
  createdAt: string;
}

/** One report of a billing run under way (billing.Progress). */
export interface BillingProgress {
  runId: number;
  phase: BillingPhase;
  done: number;
  total: number;
}

/** The payload of billing:finished (app.BillingFinished): the run, the invoices it could not send (sentences), and why it stopped, if it failed. */
export interface BillingFinished {
  run: BillingRun | null;
  problems: string[] | null;
  error: { code: string; message: string } | null;
}

/** The firm as its invoices show it (billing.Firm). */
export interface Firm {
  name: string;
  /** the address, a line each */
  lines: string[] | null;
  email: string;
  phone: string;
}

/** The firm's outgoing mail server; an empty host means invoices are saved in a folder (billing.Mail). */
export interface MailServer {
  host: string;
  port: number;
  username: string;
  from: string;
  fromName: string;
  security: MailSecurity;
  /** the server's own certificate (PEM), trusted besides the system's; '' for most */
  certificate: string;
}

/** The Billing settings form (app.BillingSettings). mailPassword is write only: a new password, kept in the OS keychain ('' or absent keeps the saved one); mailPasswordSaved says whether one is kept. */
export interface BillingSettings {
  firm: Firm;
  /** three letters, e.g. USD */
  currency: string;
  /** due date = invoice date + this */
  termsDays: number;
  mail: MailServer;
  /** where invoices are saved as PDF files when no mail server is set */
  saveFolder: string;
  numbering: InvoiceNumbering;
  mailPassword?: string;
  mailPasswordSaved: boolean;
}
