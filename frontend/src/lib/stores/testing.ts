// Helpers for the stores' specs: Go's events without Go.
import type { EventMap, EventName } from '../api';
import type { EventPort } from './sync.svelte';

/** FakeEvents delivers events the spec emits to the listeners a store added. */
export class FakeEvents implements EventPort {
  #listeners = new Map<string, Set<(data: unknown) => void>>();

  on<K extends EventName>(name: K, listener: (data: EventMap[K]) => void): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    const l = listener as (data: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  emit<K extends EventName>(name: K, data: EventMap[K]) {
    for (const l of this.#listeners.get(name) ?? []) l(data);
  }

  /** count is how many listeners are on name. */
  count(name: EventName): number {
    return this.#listeners.get(name)?.size ?? 0;
  }
}

/** deferred is a promise the spec settles by hand. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
