// DuplicateList holds Resolve Duplicates: the customers waiting beside
// their candidates, and the resolution under way. After each resolution it
// reads the list again, since one answer can settle others.
import { toApiError, type Contact, type Duplicate, type Resolution } from '../api';

export interface DuplicatePort {
  duplicates(): Promise<Duplicate[]>;
  resolve(id: number, r: Resolution): Promise<Contact>;
}

export class DuplicateList {
  items = $state<Duplicate[]>([]);
  loaded = $state(false);
  error = $state('');
  /** the duplicate being resolved, 0 when none */
  busy = $state(0);
  /** why the last resolution was refused, by duplicate */
  refused = $state<{ id: number; message: string } | null>(null);
  /** what the last resolution did, in words */
  notice = $state('');

  #port: DuplicatePort;
  #generation = 0;

  constructor(port: DuplicatePort) {
    this.#port = port;
  }

  async load(): Promise<void> {
    const gen = ++this.#generation;
    try {
      const list = await this.#port.duplicates();
      if (gen !== this.#generation) return;
      this.items = list;
      this.loaded = true;
      this.error = '';
    } catch (e) {
      if (gen !== this.#generation) return;
      this.error = toApiError(e).message;
    }
  }

  /** link links the waiting customer to contact. */
  link(d: Duplicate, contact: { id: number; name: string }): Promise<boolean> {
    return this.#resolve(d, { contactId: contact.id, create: false }, `Linked ${d.displayName} to ${contact.name}.`);
  }

  /** create makes the waiting customer a new contact. */
  create(d: Duplicate): Promise<boolean> {
    return this.#resolve(d, { contactId: 0, create: true }, `Created a new contact for ${d.displayName}.`);
  }

  async #resolve(d: Duplicate, r: Resolution, done: string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = d.id;
    this.refused = null;
    this.notice = '';
    try {
      await this.#port.resolve(d.id, r);
      this.items = this.items.filter((x) => x.id !== d.id);
      this.notice = done;
      return true;
    } catch (e) {
      this.refused = { id: d.id, message: toApiError(e).message };
      return false;
    } finally {
      this.busy = 0;
      await this.load();
    }
  }
}
