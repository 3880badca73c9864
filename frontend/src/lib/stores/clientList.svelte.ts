// ClientList holds the client list: the linked pairs matching a search, a
// page at a time, and Remove Match. An answer to an outdated search is
// dropped.
import { toApiError, type ClientLink, type ClientLinkFilter, type ClientPage } from '../api';

export interface ClientPort {
  clients(f: ClientLinkFilter): Promise<ClientPage>;
  unmatch(contactId: number): Promise<void>;
}

export class ClientList {
  search = $state('');
  rows = $state<ClientLink[]>([]);
  total = $state(0);
  loaded = $state(false);
  loading = $state(false);
  error = $state('');

  readonly pageSize: number;
  #port: ClientPort;
  #generation = 0;

  constructor(port: ClientPort, pageSize = 100) {
    this.#port = port;
    this.pageSize = pageSize;
  }

  get hasMore() {
    return this.rows.length < this.total;
  }

  /** setSearch changes the search and reads from the top. */
  setSearch(s: string): Promise<void> {
    if (s === this.search && this.loaded) return Promise.resolve();
    this.search = s;
    return this.#fetch(0, this.pageSize, false);
  }

  /** reload reads again as many rows as are shown (at least a page). */
  reload(): Promise<void> {
    return this.#fetch(0, Math.max(this.pageSize, this.rows.length), false);
  }

  /** more reads the next page. */
  more(): Promise<void> {
    if (!this.hasMore || this.loading) return Promise.resolve();
    return this.#fetch(this.rows.length, this.pageSize, true);
  }

  /** unmatch removes a contact's match, then reads the list again. */
  async unmatch(contactId: number): Promise<void> {
    await this.#port.unmatch(contactId);
    const shown = Math.max(this.pageSize, this.rows.length);
    this.rows = this.rows.filter((r) => r.contactId !== contactId);
    this.total = Math.max(0, this.total - 1);
    await this.#fetch(0, shown, false);
  }

  async #fetch(offset: number, limit: number, append: boolean): Promise<void> {
    const gen = append ? this.#generation : ++this.#generation;
    this.loading = true;
    try {
      const page = await this.#port.clients({ search: this.search, offset, limit });
      if (gen !== this.#generation) return;
      const got = page.clients ?? [];
      this.rows = append ? [...this.rows, ...got] : got;
      this.total = page.total;
      this.loaded = true;
      this.error = '';
    } catch (e) {
      if (gen !== this.#generation) return;
      this.error = toApiError(e).message;
    } finally {
      if (gen === this.#generation) this.loading = false;
    }
  }
}
