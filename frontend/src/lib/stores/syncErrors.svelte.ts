// SyncErrorList holds View Errors: the sync errors, and when Retry is
// allowed again (once every 3 minutes), counted down on the clock it is
// given.
import { toApiError, type ErrorList, type SyncError } from '../api';

export interface ErrorPort {
  errors(): Promise<ErrorList>;
  retry(): Promise<void>;
}

export class SyncErrorList {
  items = $state<SyncError[]>([]);
  loaded = $state(false);
  error = $state('');
  /** when Retry is allowed again (ms since the epoch) */
  retryAt = $state(0);
  /** the time the countdown shows; tick() moves it on */
  now = $state(0);
  /** Retry was pressed and its run has not ended yet */
  retrying = $state(false);
  retryError = $state('');

  #port: ErrorPort;
  #clock: () => number;
  #generation = 0;

  constructor(port: ErrorPort, clock: () => number = Date.now) {
    this.#port = port;
    this.#clock = clock;
    this.now = clock();
  }

  /** waitSeconds is how long until Retry is allowed (0: now). */
  get waitSeconds(): number {
    return Math.max(0, Math.ceil((this.retryAt - this.now) / 1000));
  }

  tick() {
    this.now = this.#clock();
  }

  async load(): Promise<void> {
    const gen = ++this.#generation;
    try {
      const l = await this.#port.errors();
      if (gen !== this.#generation) return;
      this.items = l.errors ?? [];
      this.now = this.#clock();
      this.retryAt = this.now + l.retryInSeconds * 1000;
      this.loaded = true;
      this.error = '';
    } catch (e) {
      if (gen !== this.#generation) return;
      this.error = toApiError(e).message;
    }
  }

  /** retry retries every error; the outcome comes with sync:finished (see finished). */
  async retry(): Promise<boolean> {
    this.tick();
    if (this.retrying || this.waitSeconds > 0) return false;
    this.retrying = true;
    this.retryError = '';
    try {
      await this.#port.retry();
      return true;
    } catch (e) {
      this.retrying = false;
      const ae = toApiError(e);
      this.retryError = ae.message;
      if (ae.code === 'retry_wait') await this.load(); // the wait as Go counts it
      return false;
    }
  }

  /** finished is told that a run ended: a retry is over, the list may have changed. */
  finished(): Promise<void> {
    this.retrying = false;
    return this.load();
  }
}
