import { describe, expect, it } from 'vitest';
import { DuplicateList, type DuplicatePort } from './duplicates.svelte';
import { emptyContact, type Contact, type Duplicate, type Resolution } from '../api';

function dup(id: number, name: string): Duplicate {
  return { id, qboId: String(100 + id), displayName: name, customer: { ...emptyContact(1), name }, candidates: [], createdAt: '' };
}

class FakePort implements DuplicatePort {
  waiting = [dup(1, 'Petra Novak'), dup(2, 'Daniel Morgan')];
  resolved: [number, Resolution][] = [];
  refuse = '';
  async duplicates() {
    return this.waiting;
  }
  async resolve(id: number, r: Resolution): Promise<Contact> {
    if (this.refuse) throw { code: 'conflict', message: this.refuse };
    this.resolved.push([id, r]);
    this.waiting = this.waiting.filter((d) => d.id !== id);
    return { ...emptyContact(1), id: r.contactId || 99, name: 'x' };
  }
}

describe('DuplicateList', () => {
  it('links a customer to the chosen contact and reads the list again', async () => {
    const port = new FakePort();
    const list = new DuplicateList(port);
    await list.load();
    expect(list.items.map((d) => d.displayName)).toEqual(['Petra Novak', 'Daniel Morgan']);
    expect(await list.link(list.items[0], { id: 7, name: 'Petra Nováková' })).toBe(true);
    expect(port.resolved).toEqual([[1, { contactId: 7, create: false }]]);
    expect(list.items.map((d) => d.id)).toEqual([2]);
    expect(list.notice).toBe('Linked Petra Novak to Petra Nováková.');
    expect(list.busy).toBe(0);
  });

  it('creates a new contact for a customer', async () => {
    const port = new FakePort();
    const list = new DuplicateList(port);
    await list.load();
    await list.create(list.items[1]);
    expect(port.resolved).toEqual([[2, { contactId: 0, create: true }]]);
    expect(list.notice).toBe('Created a new contact for Daniel Morgan.');
  });

  it("shows Go's refusal beside the duplicate it concerns", async () => {
    const port = new FakePort();
    port.refuse = 'Petra is already linked to QuickBooks customer 58.';
    const list = new DuplicateList(port);
    await list.load();
    expect(await list.link(list.items[0], { id: 7, name: 'Petra' })).toBe(false);
    expect(list.refused).toEqual({ id: 1, message: 'Petra is already linked to QuickBooks customer 58.' });
    expect(list.items).toHaveLength(2);
  });

  it('says why the list could not be read', async () => {
    const list = new DuplicateList({ duplicates: () => Promise.reject({ code: 'internal', message: 'Disk is full.' }), resolve: async () => emptyContact() });
    await list.load();
    expect(list.error).toBe('Disk is full.');
    expect(list.loaded).toBe(false);
  });
});
