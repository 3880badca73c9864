// ContactList holds what the contact list shows: the query (search, sort),
// the total, and a cache of pages fetched from Go as the user scrolls. Only
// the pages around the visible rows are ever fetched, so 10,000 contacts cost
// what 50 do.
import { type ContactPage, type ContactQuery, type ContactRow, type ContactSort, errorText } from '../api';

export interface ContactSource {
  list(q: ContactQuery): Promise<ContactPage>;
}

export class ContactList {
  search = $state('');
  sort = $state<ContactSort>('name');
  desc = $state(false);
  total = $state(0);
  /** true once the first answer for the current query has arrived */
  loaded = $state(false);
  error = $state<string | null>(null);

  readonly pageSize: number;
  #src: ContactSource;
  #pages = new Map<number, ContactRow[]>();
  #version = $state(0); // bumped when #pages changes, so readers re-run
  #generation = 0; // bumped when the query changes; stale answers are dropped
  #inflight = new Map<number, Promise<void>>();
  #window: [number, number] = [0, 0];

  constructor(src: ContactSource, pageSize = 200) {
    this.#src = src;
    this.pageSize = pageSize;
  }

  /** row returns the i-th row of the list, or undefined while it loads. */
  row(i: number): ContactRow | undefined {
    void this.#version;
    return this.#pages.get(Math.floor(i / this.pageSize))?.[i % this.pageSize];
  }

  /** ensure fetches the pages that hold rows first..last (inclusive). */
  ensure(first: number, last: number): Promise<void> {
    if (this.loaded) last = Math.min(last, Math.max(0, this.total - 1)); // nothing to fetch past the end
    this.#window = [first, last];
    const pages: Promise<void>[] = [];
    for (let p = this.#pageOf(first); p <= this.#pageOf(Math.max(first, last)); p++) {
      if (!this.#pages.has(p)) pages.push(this.#fetch(p, this.#generation, this.#pages));
    }
    return Promise.all(pages).then(() => undefined);
  }

  /** reload refetches the visible pages for the current query, keeping the
   * old rows on screen until the new ones arrive. */
  async reload(): Promise<void> {
    const gen = ++this.#generation;
    this.#inflight.clear();
    const fresh = new Map<number, ContactRow[]>();
    const [first, last] = this.#window;
    const jobs: Promise<void>[] = [];
    for (let p = this.#pageOf(first); p <= this.#pageOf(Math.max(first, last)); p++) {
      jobs.push(this.#fetch(p, gen, fresh));
    }
    await Promise.all(jobs);
    if (gen !== this.#generation) return;
    this.#pages = fresh;
    this.#version++;
  }

  /** setSearch changes the search and reloads from the top. */
  setSearch(s: string): Promise<void> {
    if (s === this.search) return Promise.resolve();
    this.search = s;
    this.#window = [0, this.#window[1] - this.#window[0]];
    return this.reload();
  }

  /** sortBy sorts by column; choosing the current column flips the direction. */
  sortBy(col: ContactSort): Promise<void> {
    if (this.sort === col) this.desc = !this.desc;
    else {
      this.sort = col;
      this.desc = false;
    }
    return this.reload();
  }

  #pageOf(i: number) {
    return Math.floor(Math.max(0, i) / this.pageSize);
  }

  #fetch(page: number, gen: number, into: Map<number, ContactRow[]>): Promise<void> {
    const key = page;
    const running = gen === this.#generation ? this.#inflight.get(key) : undefined;
    if (running && into === this.#pages) return running;
    const job = this.#src
      .list({ search: this.search, sort: this.sort, desc: this.desc, offset: page * this.pageSize, limit: this.pageSize })
      .then((res) => {
        if (gen !== this.#generation) return; // the query changed meanwhile
        into.set(page, res.rows ?? []);
        this.total = res.total;
        this.loaded = true;
        this.error = null;
        if (into === this.#pages) this.#version++;
      })
      .catch((e: unknown) => {
        if (gen !== this.#generation) return;
        this.error = errorText(e);
      })
      .finally(() => {
        if (this.#inflight.get(key) === job) this.#inflight.delete(key);
      });
    if (into === this.#pages) this.#inflight.set(key, job);
    return job;
  }
}
