import { describe, expect, it } from 'vitest';
import { ConflictList, groupConflicts, type ConflictPort } from './conflicts.svelte';
import type { Conflict, KeepSide } from '../api';

function conflict(id: number, contactId: number, field: Conflict['field'], label: string): Conflict {
  return { id, contactId, contactName: `Contact ${contactId}`, qboId: '58', field, label, base: 'a', ours: 'b', theirs: 'c', createdAt: '' };
}

class FakePort implements ConflictPort {
  open = [conflict(1, 10, 'phones.mobile', 'Mobile phone'), conflict(2, 11, 'email', 'Email'), conflict(3, 10, 'name', 'Name')];
  kept: [number, KeepSide][] = [];
  async conflicts() {
    return this.open;
  }
  async resolveConflict(id: number, keep: KeepSide) {
    this.kept.push([id, keep]);
    this.open = this.open.filter((c) => c.id !== id);
  }
}

describe('ConflictList', () => {
  it("groups each contact's fields together", () => {
    const groups = groupConflicts(new FakePort().open);
    expect(groups.map((g) => [g.contactId, g.fields.map((f) => f.id)])).toEqual([
      [10, [1, 3]],
      [11, [2]],
    ]);
  });

  it('keeps ours or theirs and reads the list again', async () => {
    const port = new FakePort();
    const list = new ConflictList(port);
    await list.load();
    expect(list.groups).toHaveLength(2);
    await list.keep(list.items[0], 'ours');
    expect(list.notice).toBe("Kept Ledgerlink's mobile phone for Contact 10; the next sync sends it to QuickBooks.");
    await list.keep(list.items[0], 'theirs');
    expect(port.kept).toEqual([
      [1, 'ours'],
      [2, 'theirs'],
    ]);
    expect(list.groups.map((g) => g.contactId)).toEqual([10]);
  });

  it('says why a pick was refused', async () => {
    const port = new FakePort();
    port.resolveConflict = () => Promise.reject({ code: 'not_found', message: 'The conflict was settled meanwhile.' });
    const list = new ConflictList(port);
    await list.load();
    expect(await list.keep(list.items[0], 'theirs')).toBe(false);
    expect(list.refused).toEqual({ id: 1, message: 'The conflict was settled meanwhile.' });
  });
});
