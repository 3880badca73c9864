// BillingStore is what every Billing view shares: the settings (the firm,
// the currency), the work types and tax rates, and the billing run on
// screen with its progress. It hears Go's events (billing:progress,
// billing:finished, contacts:changed); `changes` goes up whenever what the
// billing views show may have changed, so they reload on it.
import {
  api,
  ApiError,
  toApiError,
  type BillingFinished,
  type BillingProgress,
  type BillingRun,
  type BillingSettings,
  type TaxRate,
  type WorkType,
} from '../api';
import type { EventPort } from './sync.svelte';

/** The calls BillingStore makes (api().billing has them). */
export interface BillingPort {
  settings(): Promise<BillingSettings>;
  workTypes(inactive: boolean): Promise<WorkType[]>;
  taxRates(archived: boolean): Promise<TaxRate[]>;
  run(id: number): Promise<BillingRun>;
  startRun(through: string, clientIds: number[]): Promise<BillingRun>;
  approveRun(id: number): Promise<BillingRun>;
  sendRun(id: number): Promise<void>;
  stopRun(): Promise<void>;
}

/** How long reports of a run gather before its invoices are read again. */
export const REFRESH_MS = 250;

/** What the run on screen is doing now, as far as this window knows. */
export type RunBusy = '' | 'loading' | 'drafting' | 'approving' | 'sending';

export class BillingStore {
  settings = $state<BillingSettings | null>(null);
  /** every work type, inactive ones too */
  workTypes = $state<WorkType[]>([]);
  /** every tax rate, archived ones too */
  taxRates = $state<TaxRate[]>([]);
  loaded = $state(false);
  /** why the settings or lists could not be read, '' when they could */
  loadError = $state('');
  /** goes up whenever the data behind the billing views may have changed */
  changes = $state(0);

  /** the billing run on screen, null before one is started or opened */
  run = $state<BillingRun | null>(null);
  busy = $state<RunBusy>('');
  /** the last report of the run on screen; null when none is under way */
  progress = $state<BillingProgress | null>(null);
  /** Stop was heard: the invoice going out is finished, then the run stops */
  stopping = $state(false);
  /** what the last send of the run could not send, in sentences */
  problems = $state<string[]>([]);
  /** why the last step of the run failed */
  runError = $state<ApiError | null>(null);

  #port: BillingPort;
  #generation = 0;
  #runGeneration = 0;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(port: BillingPort) {
    this.#port = port;
  }

  /** currency is the settings' currency (USD until they are read). */
  get currency(): string {
    return this.settings?.currency || 'USD';
  }

  get activeWorkTypes(): WorkType[] {
    return this.workTypes.filter((w) => w.active);
  }

  get currentTaxRates(): TaxRate[] {
    return this.taxRates.filter((r) => !r.archived);
  }

  /** ratesById indexes every tax rate, archived ones too (an invoice may name one). */
  get ratesById(): Map<number, TaxRate> {
    return new Map(this.taxRates.map((r) => [r.id, r]));
  }

  /** load reads the settings, work types and tax rates; an answer to an older request is dropped. */
  async load(): Promise<void> {
    const gen = ++this.#generation;
    try {
      const [settings, workTypes, taxRates] = await Promise.all([
        this.#port.settings(),
        this.#port.workTypes(true),
        this.#port.taxRates(true),
      ]);
      if (gen !== this.#generation) return;
      this.settings = settings;
      this.workTypes = workTypes;
      this.taxRates = taxRates;
      this.loaded = true;
      this.loadError = '';
    } catch (e) {
      if (gen !== this.#generation) return;
      this.loadError = toApiError(e).message;
    }
  }

  /** sending says the run on screen is being sent (by this window, or found so). */
  get sending(): boolean {
    return this.busy === 'sending';
  }

  /** openRun shows run id (0: none); an answer for a run no longer on screen is dropped. */
  async openRun(id: number): Promise<void> {
    const gen = ++this.#runGeneration;
    if (id === 0) {
      this.#showRun(null);
      return;
    }
    if (this.run?.id === id) return this.refreshRun();
    this.#showRun(null);
    this.busy = 'loading';
    try {
      const r = await this.#port.run(id);
      if (gen !== this.#runGeneration) return;
      this.run = r;
    } catch (e) {
      if (gen !== this.#runGeneration) return;
      this.runError = toApiError(e);
    } finally {
      if (gen === this.#runGeneration && this.busy === 'loading') this.busy = '';
    }
  }

  /** refreshRun reads the run on screen again (its invoices may have been edited). */
  async refreshRun(): Promise<void> {
    const id = this.run?.id;
    if (!id) return;
    const gen = this.#runGeneration;
    try {
      const r = await this.#port.run(id);
      if (gen === this.#runGeneration && this.run?.id === id) this.run = r;
    } catch (e) {
      if (gen === this.#runGeneration) this.runError = toApiError(e);
    }
  }

  #showRun(r: BillingRun | null) {
    this.run = r;
    this.progress = null;
    this.problems = [];
    this.runError = null;
    if (this.busy !== 'sending') this.busy = '';
  }

  /** startRun drafts the invoices of a run through a date for the chosen clients; it returns the run, or null when Go refused. */
  async startRun(through: string, clientIds: number[]): Promise<BillingRun | null> {
    if (this.busy) return null;
    const gen = ++this.#runGeneration;
    this.#showRun(null);
    this.busy = 'drafting';
    try {
      const r = await this.#port.startRun(through, clientIds);
      if (gen === this.#runGeneration) this.run = r;
      this.changed();
      return r;
    } catch (e) {
      if (gen === this.#runGeneration) this.runError = toApiError(e);
      return null;
    } finally {
      if (gen === this.#runGeneration) {
        this.busy = '';
        this.progress = null;
      }
    }
  }

  /** approveRun approves every draft of the run on screen. */
  async approveRun(): Promise<void> {
    const id = this.run?.id;
    if (!id || this.busy) return;
    const gen = this.#runGeneration;
    this.busy = 'approving';
    this.runError = null;
    try {
      const r = await this.#port.approveRun(id);
      if (gen === this.#runGeneration) this.run = r;
      this.changed();
    } catch (e) {
      if (gen === this.#runGeneration) this.runError = toApiError(e);
      void this.refreshRun(); // some may be approved
    } finally {
      if (gen === this.#runGeneration) {
        this.busy = '';
        this.progress = null;
      }
    }
  }

  /** sendRun sends (or resumes sending) the run on screen; the end comes as billing:finished. */
  async sendRun(): Promise<void> {
    const id = this.run?.id;
    if (!id || this.busy) return;
    this.busy = 'sending';
    this.problems = [];
    this.runError = null;
    this.progress = null;
    try {
      await this.#port.sendRun(id);
    } catch (e) {
      // Refused before it began (another run being sent, say): nothing is under way.
      if (this.busy === 'sending') this.busy = '';
      this.runError = toApiError(e);
    }
  }

  /** stopRun stops the sending under way; what was sent stays sent. */
  async stopRun(): Promise<void> {
    try {
      await this.#port.stopRun();
      this.stopping = true;
    } catch (e) {
      this.runError = toApiError(e);
    }
  }

  onProgress(p: BillingProgress) {
    // While a run is drafted its id is not known yet: its reports are this window's.
    const onScreen = this.run ? p.runId === this.run.id : this.busy === 'drafting';
    if (!onScreen) return;
    this.progress = p;
    if (p.phase === 'sending') this.busy = 'sending';
    if (this.run) this.#refreshSoon();
  }

  /** refreshSoon reads the run again shortly, so its invoices follow the
   * progress (once per burst of reports, not once per report). */
  #refreshSoon() {
    if (this.#refreshTimer) return;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      void this.refreshRun();
    }, REFRESH_MS);
  }

  onFinished(f: BillingFinished) {
    this.stopping = false;
    const mine = !this.run || !f.run || f.run.id === this.run.id;
    if (mine) {
      if (f.run && this.run) this.run = f.run;
      this.problems = f.problems ?? [];
      this.runError = f.error ? new ApiError(f.error.code, f.error.message) : null;
      this.progress = null;
      if (this.busy === 'sending') this.busy = '';
    }
    this.changed();
  }

  /** changed says the data behind the views changed: they reload, and so do
   * the settings and lists once a Billing view has read them. */
  changed() {
    this.changes++;
    if (this.loaded || this.loadError) void this.load();
  }

  /** listen follows Go's events; it returns the function that stops. */
  listen(events: EventPort): () => void {
    const offs = [
      events.on('billing:progress', (p) => this.onProgress(p)),
      events.on('billing:finished', (f) => this.onFinished(f)),
      events.on('contacts:changed', () => this.changed()),
      events.on('connection:restored', () => {
        this.changed();
        void this.refreshRun();
      }),
    ];
    return () => offs.forEach((off) => off());
  }
}

let shared: BillingStore | null = null;

/** billingStore returns the app-wide BillingStore, created on first use. */
export function billingStore(): BillingStore {
  return (shared ??= new BillingStore(api().billing));
}
