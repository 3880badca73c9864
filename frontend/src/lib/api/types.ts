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
