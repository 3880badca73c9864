// The one place that knows how the UI reaches Go: Wails bindings in the
// desktop window, JSON over HTTP plus Server-Sent Events in browser mode.
import { toApiError } from './errors';
import type { EventMap, EventName } from './events';
import { illFormedField, invalidTextError } from './text';

export type Listener<K extends EventName> = (data: EventMap[K]) => void;

export interface Transport {
  readonly kind: 'desktop' | 'browser';
  /** call invokes a bound Go method, e.g. call('Contacts.List', [query]). */
  call<T>(method: string, args: unknown[]): Promise<T>;
  /** on listens to a Go event; it returns the function that stops listening. */
  on<K extends EventName>(name: K, listener: Listener<K>): () => void;
}

type BoundFn = (...args: unknown[]) => Promise<unknown>;

/** refuseIllFormed throws Go's refusal when an argument holds a string that
 * is not well-formed text (see text.ts): it must not leave the UI. */
function refuseIllFormed(args: unknown[]) {
  const field = illFormedField(args);
  if (field !== null) throw invalidTextError(field);
}

/** What the Wails runtime puts on window in the desktop app. */
export interface WailsWindow {
  go?: { app?: Record<string, Record<string, BoundFn>> };
  runtime?: { EventsOn(name: string, cb: (data: unknown) => void): () => void };
}

export function wailsTransport(win: WailsWindow): Transport {
  return {
    kind: 'desktop',
    async call<T>(method: string, args: unknown[]): Promise<T> {
      refuseIllFormed(args);
      const [service, name] = method.split('.');
      const fn = win.go?.app?.[service]?.[name];
      if (!fn) throw toApiError({ code: 'not_found', message: `There is no method ${method}.` });
      try {
        return (await fn(...args)) as T;
      } catch (e) {
        throw toApiError(e);
      }
    },
    on(name, listener) {
      return win.runtime!.EventsOn(name, (data) => listener(data as never));
    },
  };
}

/** Minimal EventSource surface, so tests can supply their own. */
export interface EventSourceLike {
  onmessage: ((ev: { data: string }) => void) | null;
  onopen: (() => void) | null;
  onerror: (() => void) | null;
  close(): void;
}

export interface HttpOptions {
  base: string; // '' for the page's own origin
  token: string;
  fetch: typeof fetch;
  eventSource: (url: string) => EventSourceLike;
}

export function httpTransport(o: HttpOptions): Transport {
  const listeners = new Map<string, Set<(data: unknown) => void>>();
  let source: EventSourceLike | null = null;
  let broken = false;

  const dispatch = (name: string, data: unknown) => {
    for (const l of listeners.get(name) ?? []) l(data);
  };
  const connect = () => {
    if (source) return;
    source = o.eventSource(`${o.base}/api/events?token=${encodeURIComponent(o.token)}`);
    source.onmessage = (ev) => {
      try {
        const msg = JSON.parse(ev.data) as { name: string; data: unknown };
        dispatch(msg.name, msg.data);
      } catch {
        // A malformed event is dropped; the next refresh corrects the view.
      }
    };
    source.onerror = () => {
      broken = true; // EventSource reconnects by itself
    };
    source.onopen = () => {
      if (broken) {
        broken = false;
        dispatch('connection:restored', null);
      }
    };
  };

  return {
    kind: 'browser',
    async call<T>(method: string, args: unknown[]): Promise<T> {
      refuseIllFormed(args);
      let res: Response;
      try {
        res = await o.fetch(`${o.base}/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Ledgerlink-Token': o.token },
          body: JSON.stringify(args),
        });
      } catch (e) {
        throw toApiError(e);
      }
      let body: { result?: T; error?: unknown } | null = null;
      try {
        body = await res.json();
      } catch {
        // fall through: the status says what happened
      }
      if (!res.ok || !body || body.error) {
        throw toApiError(
          body?.error ?? { code: 'unreachable', message: `Ledgerlink answered ${res.status} ${res.statusText}.` },
        );
      }
      return body.result as T;
    },
    on(name, listener) {
      connect();
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const l = listener as (data: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
}

/** detectTransport picks Wails when its bindings are present, HTTP otherwise. */
export function detectTransport(win: Window & WailsWindow = window): Transport {
  if (win.go?.app) return wailsTransport(win);
  const token = win.document.querySelector('meta[name="ledgerlink-token"]')?.getAttribute('content') ?? '';
  return httpTransport({
    base: '',
    token,
    fetch: win.fetch.bind(win),
    eventSource: (url) => new EventSource(url) as unknown as EventSourceLike,
  });
}
