// InvoiceList holds the invoice list as filtered: the filter (status,
// client, dates, number), the invoices a page at a time, and the count and
// total of every invoice the filter selects. An answer to an outdated
// filter is dropped.
import { toApiError, type Invoice, type InvoiceFilter, type InvoicePage } from '../api';

export interface InvoicePort {
  invoices(f: InvoiceFilter): Promise<InvoicePage>;
}

/** The filter's parts the accountant sets (paging is the list's). */
export type InvoiceQuery = Omit<InvoiceFilter, 'offset' | 'limit'>;

export function emptyQuery(): InvoiceQuery {
  return { status: '', contactId: 0, from: '', to: '', number: '' };
}

export class InvoiceList {
  query = $state<InvoiceQuery>(emptyQuery());
  invoices = $state<Invoice[]>([]);
  /** how many invoices the filter selects, and their total in cents */
  count = $state(0);
  total = $state(0);
  loaded = $state(false);
  loading = $state(false);
  error = $state('');

  readonly pageSize: number;
  #port: InvoicePort;
  #generation = 0;

  constructor(port: InvoicePort, pageSize = 200) {
    this.#port = port;
    this.pageSize = pageSize;
  }

  get hasMore() {
    return this.invoices.length < this.count;
  }

  /** setQuery changes parts of the filter and reads the list again from the top. */
  setQuery(q: Partial<InvoiceQuery>): Promise<void> {
    this.query = { ...this.query, ...q };
    return this.reload();
  }

  /** reload reads the first page (and as many as are shown) for the current filter. */
  reload(): Promise<void> {
    return this.#fetch(0, Math.max(this.pageSize, this.invoices.length), false);
  }

  /** more reads the next page. */
  more(): Promise<void> {
    if (!this.hasMore || this.loading) return Promise.resolve();
    return this.#fetch(this.invoices.length, this.pageSize, true);
  }

  async #fetch(offset: number, limit: number, append: boolean): Promise<void> {
    const gen = ++this.#generation;
    this.loading = true;
    try {
      const page = await this.#port.invoices({ ...$state.snapshot(this.query), offset, limit });
      if (gen !== this.#generation) return;
      const rows = page.invoices ?? [];
      this.invoices = append ? [...this.invoices, ...rows] : rows;
      this.count = page.count;
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
