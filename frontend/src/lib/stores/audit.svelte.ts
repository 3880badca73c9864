// AuditLog holds the audit log as searched: the entries a page at a time,
// optionally one run's, and the recent runs. An answer to an outdated
// query is dropped.
import { toApiError, type AuditEntry, type AuditFilter, type AuditPage, type SyncRun } from '../api';

export interface AuditPort {
  audit(f: AuditFilter): Promise<AuditPage>;
}

export class AuditLog {
  search = $state('');
  /** the run whose entries are shown; 0 for all */
  runId = $state(0);
  entries = $state<AuditEntry[]>([]);
  total = $state(0);
  runs = $state<SyncRun[]>([]);
  loaded = $state(false);
  loading = $state(false);
  error = $state('');

  readonly pageSize: number;
  #port: AuditPort;
  #generation = 0;

  constructor(port: AuditPort, pageSize = 100) {
    this.#port = port;
    this.pageSize = pageSize;
  }

  get hasMore() {
    return this.entries.length < this.total;
  }

  setSearch(s: string): Promise<void> {
    if (s === this.search && this.loaded) return Promise.resolve();
    this.search = s;
    return this.#fetch(0, this.pageSize, false);
  }

  /** setRun shows one run's entries (0: every run's). */
  setRun(id: number): Promise<void> {
    this.runId = id;
    return this.#fetch(0, this.pageSize, false);
  }

  reload(): Promise<void> {
    return this.#fetch(0, Math.max(this.pageSize, this.entries.length), false);
  }

  more(): Promise<void> {
    if (!this.hasMore || this.loading) return Promise.resolve();
    return this.#fetch(this.entries.length, this.pageSize, true);
  }

  async #fetch(offset: number, limit: number, append: boolean): Promise<void> {
    const gen = append ? this.#generation : ++this.#generation;
    this.loading = true;
    try {
      const page = await this.#port.audit({ search: this.search, runId: this.runId, offset, limit });
      if (gen !== this.#generation) return;
      const got = page.entries ?? [];
      this.entries = append ? [...this.entries, ...got] : got;
      this.total = page.total;
      this.runs = page.runs ?? [];
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
