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
  BillingRun,
  BillingSettings,
  ClientWork,
  Invoice,
  InvoiceFilter,
  InvoicePage,
  InvoiceStatus,
  TaxRate,
  WorkItem,
  WorkType,
} from './types';

export * from './types';
export { ApiError, errorText, toApiError } from './errors';
export type { EventName, EventMap } from './events';

/** The fields of a contact Go reads on save; the rest are Go's to fill. */
function contactInput(c: Contact) {
  const { createdAt: _c, updatedAt: _u, typeName: _t, ...input } = c;
  return input;
}

/** The fields of a work type Go reads on save. */
function workTypeInput(w: WorkType) {
  const { inUse: _i, createdAt: _c, ...input } = w;
  return input;
}

/** The fields of a tax rate Go reads on save. */
function taxRateInput(r: TaxRate) {
  const { inUse: _i, createdAt: _c, ...input } = r;
  return input;
}

/** The fields of a piece of work Go reads on save. */
function workInput(w: WorkItem) {
  const { contactName: _n, workType: _w, taxRate: _t, amount: _a, createdAt: _c, updatedAt: _u, ...input } = w;
  return input;
}

/** The fields of a draft Go reads on save: its dates, notes and lines. */
function draftInput(inv: Invoice) {
  const { contactName: _n, taxes: _t, activity: _a, createdAt: _c, updatedAt: _u, ...input } = inv;
  return { ...input, lines: (inv.lines ?? []).map(({ workType: _w, ...l }) => l) };
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
    billing: {
      /** workTypes lists the work types; inactive ones too when asked. */
      workTypes: (inactive: boolean) => t.call<WorkType[] | null>('Billing.WorkTypes', [inactive]).then((l) => l ?? []),
      saveWorkType: (w: WorkType) => t.call<WorkType>('Billing.SaveWorkType', [workTypeInput(w)]),
      /** taxRates lists the tax rates; archived ones too when asked. */
      taxRates: (archived: boolean) => t.call<TaxRate[] | null>('Billing.TaxRates', [archived]).then((l) => l ?? []),
      /** saveTaxRate creates, updates or (archived: true) archives a rate. */
      saveTaxRate: (r: TaxRate) => t.call<TaxRate>('Billing.SaveTaxRate', [taxRateInput(r)]),
      /** deleteTaxRate deletes a rate nothing uses; Go refuses one in use (archive it instead). */
      deleteTaxRate: (id: number) => t.call<void>('Billing.DeleteTaxRate', [id]),
      /** unbilled is the unbilled work, per client. */
      unbilled: () => t.call<ClientWork[] | null>('Billing.Unbilled', []).then((l) => l ?? []),
      saveWork: (w: WorkItem) => t.call<WorkItem>('Billing.SaveWork', [workInput(w)]),
      deleteWork: (id: number) => t.call<void>('Billing.DeleteWork', [id]),
      /** draftInvoice drafts an invoice of some of a client's unbilled work, dated today. */
      draftInvoice: (contactId: number, itemIds: number[]) => t.call<Invoice>('Billing.DraftInvoice', [contactId, itemIds]),
      invoice: (id: number) => t.call<Invoice>('Billing.Invoice', [id]),
      invoices: (f: InvoiceFilter) => t.call<InvoicePage>('Billing.Invoices', [f]),
      /** updateDraft saves a draft's dates, notes and lines and returns it as Go computed it. */
      updateDraft: (inv: Invoice) => t.call<Invoice>('Billing.UpdateDraft', [draftInput(inv)]),
      deleteDraft: (id: number) => t.call<void>('Billing.DeleteDraft', [id]),
      /** approve gives a draft its number. */
      approve: (id: number) => t.call<Invoice>('Billing.Approve', [id]),
      /** send delivers an approved invoice; again sends one Go found half-sent (code maybe_sent), once the accountant checked. */
      send: (id: number, again: boolean) => t.call<Invoice>('Billing.Send', [id, again]),
      void: (id: number, reason: string) => t.call<void>('Billing.Void', [id, reason]),
      settings: () => t.call<BillingSettings>('Billing.Settings', []),
      saveSettings: (s: BillingSettings) => t.call<BillingSettings>('Billing.SaveSettings', [s]),
      /** startRun drafts a run's invoices through a cut-off date for the chosen clients (all with unbilled work when none). */
      startRun: (through: string, clientIds: number[]) => t.call<BillingRun>('Billing.StartRun', [through, clientIds]),
      run: (id: number) => t.call<BillingRun>('Billing.Run', [id]),
      approveRun: (id: number) => t.call<BillingRun>('Billing.ApproveRun', [id]),
      /** sendRun sends a run's approved invoices and returns at once: progress comes as billing:progress, the end as billing:finished. Again resumes a stopped run. */
      sendRun: (id: number) => t.call<void>('Billing.SendRun', [id]),
      stopRun: () => t.call<void>('Billing.StopRun', []),
      statuses: () => t.call<InvoiceStatus[] | null>('Billing.Statuses', []).then((l) => l ?? []),
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
