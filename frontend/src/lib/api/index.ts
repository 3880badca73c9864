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
