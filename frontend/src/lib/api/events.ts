// Event names Go sends (see app/events.go), with their payloads.
export interface EventMap {
  'contacts:changed': { op: 'created' | 'updated' | 'deleted' | 'imported'; id: number };
  'quickbooks:status': import('./types').ConnectionStatus;
  /** Sent by the browser transport when its event stream comes back after a
   * break: events may have been missed, so views refresh. */
  'connection:restored': null;
}

export type EventName = keyof EventMap;
