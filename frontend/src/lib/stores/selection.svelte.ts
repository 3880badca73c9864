// Selection is the set of rows chosen in a list (by id), for actions on
// several at once.
import { SvelteSet } from 'svelte/reactivity';

export class Selection {
  #ids = new SvelteSet<number>();

  get size() {
    return this.#ids.size;
  }

  has(id: number) {
    return this.#ids.has(id);
  }

  toggle(id: number) {
    if (this.#ids.has(id)) this.#ids.delete(id);
    else this.#ids.add(id);
  }

  set(id: number, on: boolean) {
    if (on) this.#ids.add(id);
    else this.#ids.delete(id);
  }

  clear() {
    this.#ids.clear();
  }

  /** ids lists the chosen ids, smallest first. */
  ids(): number[] {
    return [...this.#ids].sort((a, b) => a - b);
  }
}
