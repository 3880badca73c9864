// SyncStatus is contact sync at a glance, shared by the main nav's badges
// and every Sync view: the overview (last run, counts, settings), the
// progress of the run under way, how the last run ended, and the dry run.
// It hears Go's sync events; `changes` goes up whenever what the sync views
// show may have changed, so they reload on it.
import {
  api,
  ApiError,
  toApiError,
  type EventMap,
  type EventName,
  type StartOptions,
  type SyncFinished,
  type SyncOverview,
  type SyncProgress,
  type SyncResult,
} from '../api';

/** The calls SyncStatus makes (api().sync has them). */
export interface SyncPort {
  overview(): Promise<SyncOverview>;
  start(o: StartOptions): Promise<void>;
  cancel(): Promise<void>;
  preview(): Promise<SyncResult>;
}

/** Where Go's events come from (api() is one). */
export interface EventPort {
  on<K extends EventName>(name: K, listener: (data: EventMap[K]) => void): () => void;
}

export class SyncStatus {
  overview = $state<SyncOverview | null>(null);
  /** why the overview could not be read, '' when it could */
  loadError = $state('');
  /** a run is under way (this window's, the background's, a retry or a push) */
  running = $state(false);
  /** the last report of the run under way; null before the first */
  progress = $state<SyncProgress | null>(null);
  /** how the last run this window saw ended */
  outcome = $state<SyncFinished | null>(null);
  /** why Sync Now could not start */
  startError = $state<ApiError | null>(null);
  /** the dry run's answer, its progress while it runs, and its failure */
  preview = $state<SyncResult | null>(null);
  previewing = $state(false);
  previewProgress = $state<SyncProgress | null>(null);
  previewError = $state<ApiError | null>(null);
  /** goes up whenever the data behind the sync views may have changed */
  changes = $state(0);

  #port: SyncPort;
  #generation = 0;
  #awaitingEnd = false; // a run was started here and its end has not come yet
  #ends = 0; // how many sync:finished this store has heard

  constructor(port: SyncPort) {
    this.#port = port;
  }

  get duplicates() {
    return this.overview?.duplicates ?? 0;
  }
  get conflicts() {
    return this.overview?.conflicts ?? 0;
  }
  get errors() {
    return this.overview?.errors ?? 0;
  }

  /** otherCompany is the refusal to sync another company than the links belong to, when that is what stopped the last attempt. */
  get otherCompany(): { message: string } | null {
    for (const e of [this.outcome?.error, this.startError, this.previewError]) {
      if (e?.code === 'other_company') return { message: e.message };
    }
    return null;
  }

  /** load reads the overview; an answer to an older request is dropped. */
  async load(): Promise<void> {
    const gen = ++this.#generation;
    try {
      const o = await this.#port.overview();
      if (gen !== this.#generation) return;
      this.overview = o;
      this.loadError = '';
      this.running = o.running || this.#awaitingEnd;
      if (!this.running) this.progress = null;
    } catch (e) {
      if (gen !== this.#generation) return;
      this.loadError = toApiError(e).message;
    }
  }

  /** start begins Sync Now; startFresh syncs with the connected company although the links are another's. */
  async start(startFresh = false): Promise<boolean> {
    this.startError = null;
    this.outcome = null;
    this.preview = null;
    this.previewError = null;
    const since = this.ends;
    try {
      await this.#port.start({ startFresh });
    } catch (e) {
      this.startError = toApiError(e);
      return false;
    }
    this.began(since);
    return true;
  }

  /** ends counts the runs' ends heard so far. */
  get ends() {
    return this.#ends;
  }

  /** began notes a run started here (Sync Now, Retry, Push) whose end is to
   * come. since is `ends` as it was before the call that started it: a
   * short run can end (its event arriving) before the call answers, and
   * then there is nothing to wait for. */
  began(since: number) {
    if (this.#ends !== since) return;
    this.#awaitingEnd = true;
    this.running = true;
    this.progress = null;
  }

  /** cancel stops the run under way; the next one picks up where it stopped. */
  async cancel(): Promise<void> {
    try {
      await this.#port.cancel();
    } catch (e) {
      this.startError = toApiError(e);
    }
  }

  /** runPreview runs the dry run and keeps its plan. */
  async runPreview(): Promise<void> {
    if (this.previewing) return;
    this.previewing = true;
    this.previewError = null;
    this.startError = null;
    this.preview = null;
    this.previewProgress = null;
    try {
      this.preview = await this.#port.preview();
    } catch (e) {
      this.previewError = toApiError(e);
    } finally {
      this.previewing = false;
      this.previewProgress = null;
    }
  }

  clearPreview() {
    this.preview = null;
    this.previewError = null;
  }

  onProgress(p: SyncProgress) {
    if (p.dryRun) {
      if (this.previewing) this.previewProgress = p;
      return;
    }
    this.progress = p;
    if (p.phase !== 'done') this.running = true;
  }

  onFinished(f: SyncFinished) {
    this.#ends++;
    this.#awaitingEnd = false;
    this.running = false;
    this.progress = null;
    this.outcome = f;
    this.changed();
  }

  /** changed says the data behind the views changed: they reload, and so do the counts. */
  changed() {
    this.changes++;
    void this.load();
  }

  /** listen follows Go's events; it returns the function that stops. */
  listen(events: EventPort): () => void {
    const offs = [
      events.on('sync:progress', (p) => this.onProgress(p)),
      events.on('sync:finished', (f) => this.onFinished(f)),
      events.on('contacts:changed', () => this.changed()),
      events.on('connection:restored', () => this.changed()),
    ];
    return () => offs.forEach((off) => off());
  }
}

let shared: SyncStatus | null = null;

/** syncStatus returns the app-wide SyncStatus, created on first use. */
export function syncStatus(): SyncStatus {
  return (shared ??= new SyncStatus(api().sync));
}
