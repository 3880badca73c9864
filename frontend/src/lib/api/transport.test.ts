import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors';
import { createApi, emptyContact } from './index';
import { detectTransport, httpTransport, wailsTransport, type EventSourceLike, type WailsWindow } from './transport';

/** failure awaits a call that must fail and returns its error. */
async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('the call succeeded, but it should have failed');
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

class FakeEventSource implements EventSourceLike {
  onmessage: ((ev: { data: string }) => void) | null = null;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
  send(name: string, data: unknown) {
    this.onmessage?.({ data: JSON.stringify({ name, data }) });
  }
}

function http(fetchImpl: typeof fetch) {
  const sources: FakeEventSource[] = [];
  const t = httpTransport({
    base: 'http://127.0.0.1:9',
    token: 'tok123',
    fetch: fetchImpl,
    eventSource: (url) => {
      const s = new FakeEventSource(url);
      sources.push(s);
      return s;
    },
  });
  return { t, sources };
}

describe('httpTransport', () => {
  it('posts the arguments as a JSON array with the page token and returns the result', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { result: { total: 3 } }));
    const { t } = http(fetchMock as unknown as typeof fetch);
    const got = await t.call<{ total: number }>('Contacts.List', [{ search: "O'Brien" }]);
    expect(got).toEqual({ total: 3 });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:9/api/call/Contacts.List');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['X-Ledgerlink-Token']).toBe('tok123');
    expect(JSON.parse(init.body as string)).toEqual([{ search: "O'Brien" }]);
  });

  it('turns an error body into an ApiError with its field messages', async () => {
    const { t } = http((async () =>
      jsonResponse(400, { error: { code: 'invalid', message: 'Check the fields.', fields: { email: 'Not an email.' } } })) as unknown as typeof fetch);
    const err = await failure(t.call('Contacts.Create', [{}]));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('invalid');
    expect(err.message).toBe('Check the fields.');
    expect(err.field('email')).toBe('Not an email.');
  });

  it('reports a non-JSON answer by its status', async () => {
    const { t } = http((async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })) as unknown as typeof fetch);
    const err = await failure(t.call('System.Info', []));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toContain('502');
  });

  it('reports a network failure as unreachable', async () => {
    const { t } = http((async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch);
    const err = await failure(t.call('System.Info', []));
    expect(err.code).toBe('unreachable');
    expect(err.message).toContain('could not be reached');
  });

  it('opens one event stream, dispatches by name, and stops on unsubscribe', () => {
    const { t, sources } = http(vi.fn() as unknown as typeof fetch);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = t.on('contacts:changed', (d) => a.push(d));
    t.on('connection:restored', (d) => b.push(d));
    expect(sources).toHaveLength(1);
    expect(sources[0].url).toBe('http://127.0.0.1:9/api/events?token=tok123');

    sources[0].send('contacts:changed', { op: 'created', id: 7 });
    offA();
    sources[0].send('contacts:changed', { op: 'deleted', id: 7 });
    expect(a).toEqual([{ op: 'created', id: 7 }]);

    // A break then a reconnect tells listeners they may have missed events.
    sources[0].onopen?.();
    expect(b).toHaveLength(0);
    sources[0].onerror?.();
    sources[0].onopen?.();
    expect(b).toEqual([null]);
  });
});

describe('wailsTransport', () => {
  it('calls the bound method and passes the result through', async () => {
    const list = vi.fn(async (q: unknown) => ({ echoed: q }));
    const win: WailsWindow = { go: { app: { Contacts: { List: list as never } } } };
    const got = await wailsTransport(win).call('Contacts.List', [{ search: 'x' }]);
    expect(got).toEqual({ echoed: { search: 'x' } });
  });

  it('turns the formatted Go error into an ApiError', async () => {
    const win: WailsWindow = {
      go: {
        app: {
          Contacts: {
            Create: (async () => {
              throw { code: 'invalid', message: 'Name is required.', fields: { name: 'Name is required.' } };
            }) as never,
          },
        },
      },
    };
    const err = await failure(wailsTransport(win).call('Contacts.Create', [{}]));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.field('name')).toBe('Name is required.');
  });

  it('refuses an unknown method clearly', async () => {
    const err = await failure(wailsTransport({ go: { app: {} } }).call('Nope.Gone', []));
    expect(err.code).toBe('not_found');
  });

  it('listens through the Wails runtime', () => {
    let registered: ((d: unknown) => void) | undefined;
    const off = vi.fn();
    const win: WailsWindow = {
      go: { app: {} },
      runtime: {
        EventsOn: (_name, cb) => {
          registered = cb;
          return off;
        },
      },
    };
    const seen: unknown[] = [];
    const stop = wailsTransport(win).on('contacts:changed', (d) => seen.push(d));
    registered?.({ op: 'updated', id: 1 });
    stop();
    expect(seen).toEqual([{ op: 'updated', id: 1 }]);
    expect(off).toHaveBeenCalled();
  });
});

// Half a surrogate pair would reach Go as "\ud800" and be stored as "�":
// neither transport lets it leave the UI.
describe('a string that is not well-formed text', () => {
  const contact = { name: 'Ada Lovelace', physicalAddress: { city: 'Lon\ud800don', lines: [] } };
  const sentence = 'City contains characters that are not valid text.';

  it('is refused before it is sent over HTTP, with the field and the sentence Go uses', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { result: {} }));
    const { t } = http(fetchMock as unknown as typeof fetch);
    const err = await failure(t.call('Contacts.Create', [contact]));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('invalid');
    expect(err.message).toBe(sentence);
    expect(err.field('physicalAddress.city')).toBe(sentence);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('is refused before it reaches the Wails bindings', async () => {
    const create = vi.fn(async () => ({}));
    const win: WailsWindow = { go: { app: { Contacts: { Create: create as never, CreateType: create as never } } } };
    const err = await failure(wailsTransport(win).call('Contacts.Create', [contact]));
    expect(err.code).toBe('invalid');
    expect(err.field('physicalAddress.city')).toBe(sentence);
    const bare = await failure(wailsTransport(win).call('Contacts.CreateType', ['Supplier \udc00']));
    expect(bare.code).toBe('invalid');
    expect(bare.message).toBe('This text contains characters that are not valid text.');
    expect(create).not.toHaveBeenCalled();
  });

  it('lets a surrogate pair through: it is one character', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { result: {} }));
    const { t } = http(fetchMock as unknown as typeof fetch);
    await t.call('Contacts.Create', [{ name: 'Receipts \ud83e\uddfe' }]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe('detectTransport', () => {
  const doc = (token: string) => ({
    querySelector: (sel: string) => (sel === 'meta[name="ledgerlink-token"]' ? { getAttribute: () => token } : null),
  });

  it('picks Wails bindings when they exist', () => {
    const win = { go: { app: {} }, document: doc('') } as unknown as Window & WailsWindow;
    expect(detectTransport(win).kind).toBe('desktop');
  });

  it('falls back to HTTP with the token from the page', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { result: 'ok' }));
    const win = { document: doc('from-page'), fetch: fetchMock } as unknown as Window & WailsWindow;
    const t = detectTransport(win);
    expect(t.kind).toBe('browser');
    await t.call('System.Info', []);
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>)['X-Ledgerlink-Token']).toBe('from-page');
  });
});

describe('createApi', () => {
  it('sends a contact without the fields Go fills in itself', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { result: {} }));
    const { t } = http(fetchMock as unknown as typeof fetch);
    await createApi(t).contacts.create({ ...emptyContact(1), name: 'Ada' });
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    const [sent] = JSON.parse(init.body as string);
    expect(sent.name).toBe('Ada');
    expect(sent.typeId).toBe(1);
    expect(sent).not.toHaveProperty('createdAt');
    expect(sent).not.toHaveProperty('updatedAt');
    expect(sent).not.toHaveProperty('typeName');
  });
});
