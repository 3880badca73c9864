// Event names Go sends (see app/events.go, app/sync.go and app/billing.go), with their payloads.
import type { BillingFinished, BillingProgress, ConnectionStatus, SyncFinished, SyncProgress } from './types';

export interface EventMap {
  'contacts:changed': { op: 'created' | 'updated' | 'deleted' | 'imported'; id: number };
  'quickbooks:status': ConnectionStatus;
  /** A sync run advances (at most every ~100 ms per phase). */
  'sync:progress': SyncProgress;
  /** A sync run (Sync Now, background, retry or push) ended. */
  'sync:finished': SyncFinished;
  /** A billing run advances: drafting, approving, sending. */
  'billing:progress': BillingProgress;
  /** A billing run's sending ended: sent, stopped, or failed. */
  'billing:finished': BillingFinished;
  /** Sent by the browser transport when its event stream comes back after a
   * break: events may have been missed, so views refresh. */
  'connection:restored': null;
}

export type EventName = keyof EventMap;
