// The UI's only door to Go. Components import from here and never learn
// whether they run in the desktop window or a browser.
import { detectTransport, type Listener, type Transport } from './transport';
import type { EventName } from './events';
import type {
  ConnectStart,
  ConnectionStatus,
  Contact,
  ContactPage,
  ContactQuery,
  ContactImport,
  ContactType,
  QBOAppSettings,
  QBOAppSettingsInput,
  ReadyReport,
  SystemInfo,
  AuditFilter,
  AuditPage,
  ClientLink,
  ClientLinkFilter,
  ClientPage,
  Conflict,
  Duplicate,
  ErrorList,
  KeepSide,
  PushPreview,
  PushRequest,
  Resolution,
  StartOptions,
  SyncOverview,
  SyncResult,
  SyncSettings,
} from './types';

export * from './types';
export { ApiError, errorText, toApiError } from './errors';
export type { EventName, EventMap } from './events';

/** The fields of a contact Go reads on save; the rest are Go's to fill. */
function contactInput(c: Contact) {
  const { createdAt: _c, updatedAt: _u, typeName: _t, ...input } = c;
  return input;
}

export function createApi(t: Transport) {
  return {
    transport: t.kind,
    contacts: {
      list: (q: ContactQuery) => t.call<ContactPage>('Contacts.List', [q]),
      get: (id: number) => t.call<Contact>('Contacts.Get', [id]),
      create: (c: Contact) => t.call<Contact>('Contacts.Create', [contactInput(c)]),
      update: (c: Contact) => t.call<Contact>('Contacts.Update', [contactInput(c)]),
      remove: (id: number) => t.call<void>('Contacts.Delete', [id]),
      types: () => t.call<ContactType[] | null>('Contacts.Types', []).then((l) => l ?? []),
      createType: (name: string) => t.call<ContactType>('Contacts.CreateType', [name]),
      /** exportCsv returns every contact as the text of a CSV file. */
      exportCsv: () => t.call<string>('Contacts.ExportCSV', []),
      /** importCsv imports the text of a CSV file: all its rows, or none and the reasons. */
      importCsv: (text: string) =>
        t.call<ContactImport>('Contacts.ImportCSV', [text]).then((r) => ({ ...r, errors: r.errors ?? [] })),
    },
    quickbooks: {
      status: () => t.call<ConnectionStatus>('QuickBooks.Status', []),
      connect: () => t.call<ConnectStart>('QuickBooks.Connect', []),
      cancelConnect: () => t.call<void>('QuickBooks.CancelConnect', []),
      completeWithUrl: (url: string) => t.call<void>('QuickBooks.CompleteWithURL', [url]),
      disconnect: () => t.call<void>('QuickBooks.Disconnect', []),
      forget: () => t.call<void>('QuickBooks.Forget', []),
      check: () => t.call<ConnectionStatus>('QuickBooks.Check', []),
      cancel: () => t.call<void>('QuickBooks.Cancel', []),
      appSettings: () => t.call<QBOAppSettings>('QuickBooks.AppSettings', []),
      saveAppSettings: (s: QBOAppSettingsInput) => t.call<QBOAppSettings>('QuickBooks.SaveAppSettings', [s]),
    },
    sync: {
      overview: () => t.call<SyncOverview>('Sync.Overview', []),
      /** start begins Sync Now and returns at once: progress comes as sync:progress, the outcome as sync:finished. */
      start: (o: StartOptions) => t.call<void>('Sync.Start', [o]),
      cancel: () => t.call<void>('Sync.Cancel', []),
      /** preview is the dry run: what Sync Now would do, written nowhere. */
      preview: () => t.call<SyncResult>('Sync.Preview', []),
      /** retry retries every sync error at once (once every 3 minutes), and returns at once like start. */
      retry: () => t.call<void>('Sync.Retry', []),
      duplicates: () => t.call<Duplicate[] | null>('Sync.Duplicates', []).then((l) => l ?? []),
      resolve: (id: number, r: Resolution) => t.call<Contact>('Sync.Resolve', [id, r]),
      clients: (f: ClientLinkFilter) => t.call<ClientPage>('Sync.Clients', [f]),
      unmatch: (contactId: number) => t.call<void>('Sync.Unmatch', [contactId]),
      /** linkOf is the QuickBooks customer a contact is linked to, or null. */
      linkOf: (contactId: number) => t.call<ClientLink | null>('Sync.LinkOf', [contactId]),
      conflicts: () => t.call<Conflict[] | null>('Sync.Conflicts', []).then((l) => l ?? []),
      resolveConflict: (id: number, keep: KeepSide) => t.call<void>('Sync.ResolveConflict', [id, keep]),
      errors: () => t.call<ErrorList>('Sync.Errors', []),
      audit: (f: AuditFilter) => t.call<AuditPage>('Sync.Audit', [f]),
      saveSettings: (s: SyncSettings) => t.call<SyncSettings>('Sync.SaveSettings', [s]),
      pushPreview: (r: PushRequest) => t.call<PushPreview>('Sync.PushPreview', [r]),
      /** push sends the chosen contacts to QuickBooks and returns at once, like start. */
      push: (r: PushRequest) => t.call<void>('Sync.Push', [r]),
    },
    system: {
      info: () => t.call<SystemInfo>('System.Info', []),
      ready: (r: ReadyReport) => t.call<void>('System.Ready', [r]),
    },
    on: <K extends EventName>(name: K, l: Listener<K>) => t.on(name, l),
  };
}

export type Api = ReturnType<typeof createApi>;

let current: Api | null = null;

/** api returns the app-wide Api, created on first use. */
export function api(): Api {
  return (current ??= createApi(detectTransport()));
}

/** setApi replaces the app-wide Api (tests). */
export function setApi(a: Api | null) {
  current = a;
}
