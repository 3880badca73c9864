// ConflictList holds the fields changed on both sides, grouped by contact,
// and the accountant's picks.
import { toApiError, type Conflict, type KeepSide } from '../api';

export interface ConflictPort {
  conflicts(): Promise<Conflict[]>;
  resolveConflict(id: number, keep: KeepSide): Promise<void>;
}

/** A contact's conflicted fields. */
export interface ConflictGroup {
  contactId: number;
  contactName: string;
  qboId: string;
  fields: Conflict[];
}

/** groupConflicts puts each contact's conflicts together, in the order they came. */
export function groupConflicts(list: Conflict[]): ConflictGroup[] {
  const groups = new Map<number, ConflictGroup>();
  for (const c of list) {
    let g = groups.get(c.contactId);
    if (!g) groups.set(c.contactId, (g = { contactId: c.contactId, contactName: c.contactName, qboId: c.qboId, fields: [] }));
    g.fields.push(c);
  }
  return [...groups.values()];
}

export class ConflictList {
  items = $state<Conflict[]>([]);
  groups = $derived(groupConflicts(this.items));
  loaded = $state(false);
  error = $state('');
  /** the conflict being settled, 0 when none */
  busy = $state(0);
  refused = $state<{ id: number; message: string } | null>(null);
  notice = $state('');

  #port: ConflictPort;
  #generation = 0;

  constructor(port: ConflictPort) {
    this.#port = port;
  }

  async load(): Promise<void> {
    const gen = ++this.#generation;
    try {
      const list = await this.#port.conflicts();
      if (gen !== this.#generation) return;
      this.items = list;
      this.loaded = true;
      this.error = '';
    } catch (e) {
      if (gen !== this.#generation) return;
      this.error = toApiError(e).message;
    }
  }

  /** keep settles one field with Ledgerlink's value (ours) or QuickBooks' (theirs). */
  async keep(c: Conflict, side: KeepSide): Promise<boolean> {
    if (this.busy) return false;
    this.busy = c.id;
    this.refused = null;
    this.notice = '';
    try {
      await this.#port.resolveConflict(c.id, side);
      this.items = this.items.filter((x) => x.id !== c.id);
      this.notice =
        side === 'ours'
          ? `Kept Ledgerlink's ${c.label.toLowerCase()} for ${c.contactName}; the next sync sends it to QuickBooks.`
          : `Kept QuickBooks' ${c.label.toLowerCase()} for ${c.contactName}.`;
      return true;
    } catch (e) {
      this.refused = { id: c.id, message: toApiError(e).message };
      return false;
    } finally {
      this.busy = 0;
      await this.load();
    }
  }
}
