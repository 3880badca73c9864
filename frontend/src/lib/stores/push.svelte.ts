// PushFlow is Push to QuickBooks for chosen contacts: the preview first
// (what would be created, linked, left alone because it collides, or
// skipped), then the push itself, followed through the sync events.
import {
  ApiError,
  toApiError,
  type PushPreview,
  type PushRequest,
  type SyncFinished,
  type SyncProgress,
} from '../api';
import type { EventPort } from './sync.svelte';

export interface PushPort {
  pushPreview(r: PushRequest): Promise<PushPreview>;
  push(r: PushRequest): Promise<void>;
}

export type PushStage = 'choose' | 'previewing' | 'preview' | 'pushing' | 'done';

export class PushFlow {
  stage = $state<PushStage>('choose');
  request = $state<PushRequest | null>(null);
  preview = $state<PushPreview | null>(null);
  error = $state<ApiError | null>(null);
  progress = $state<SyncProgress | null>(null);
  outcome = $state<SyncFinished | null>(null);

  #port: PushPort;

  constructor(port: PushPort) {
    this.#port = port;
  }

  /** count is how many contacts the push would send or link. */
  get count(): number {
    return (this.preview?.create?.length ?? 0) + (this.preview?.link?.length ?? 0);
  }

  /** runPreview asks Go what pushing r would do. */
  async runPreview(r: PushRequest): Promise<void> {
    this.request = r;
    this.stage = 'previewing';
    this.error = null;
    this.preview = null;
    try {
      this.preview = await this.#port.pushPreview(r);
      this.stage = 'preview';
    } catch (e) {
      this.error = toApiError(e);
      this.stage = 'choose';
    }
  }

  /** push does what the preview said; progress and the end come as events. */
  async push(): Promise<boolean> {
    if (this.stage !== 'preview' || !this.request || this.count === 0) return false;
    this.error = null;
    this.progress = null;
    this.outcome = null;
    this.stage = 'pushing';
    try {
      await this.#port.push(this.request);
      return true;
    } catch (e) {
      this.error = toApiError(e);
      this.stage = 'preview';
      return false;
    }
  }

  /** back returns to choosing what to push. */
  back() {
    this.stage = 'choose';
    this.preview = null;
    this.error = null;
  }

  onProgress(p: SyncProgress) {
    if (this.stage === 'pushing' && !p.dryRun) this.progress = p;
  }

  onFinished(f: SyncFinished) {
    if (this.stage !== 'pushing') return;
    this.outcome = f;
    this.stage = 'done';
  }

  listen(events: EventPort): () => void {
    const offs = [
      events.on('sync:progress', (p) => this.onProgress(p)),
      events.on('sync:finished', (f) => this.onFinished(f)),
    ];
    return () => offs.forEach((off) => off());
  }
}
