import { describe, expect, it } from 'vitest';
import { ContactList, type ContactSource } from './contactList.svelte';
import { ApiError, type ContactPage, type ContactQuery, type ContactRow } from '../api';

function rows(n: number): ContactRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    kind: 'person',
    name: `Contact ${String(i).padStart(5, '0')}`,
    email: i % 2 ? `odd${i}@example.com` : `even${i}@example.com`,
    phone: '',
    city: '',
    typeName: 'Client',
    updatedAt: '',
  }));
}

/** A source over an in-memory list that records the queries it answered. */
class ArraySource implements ContactSource {
  queries: ContactQuery[] = [];
  constructor(private all: ContactRow[]) {}
  async list(q: ContactQuery): Promise<ContactPage> {
    this.queries.push(q);
    let sel = this.all.filter((r) => (r.name + r.email).toLowerCase().includes(q.search.toLowerCase()));
    if (q.desc) sel = [...sel].reverse();
    return { offset: q.offset, total: sel.length, rows: sel.slice(q.offset, q.offset + q.limit) };
  }
}

describe('ContactList', () => {
  it('fetches only the pages around the visible rows', async () => {
    const src = new ArraySource(rows(10_000));
    const list = new ContactList(src, 100);
    await list.ensure(0, 30);
    expect(list.total).toBe(10_000);
    expect(list.row(0)?.name).toBe('Contact 00000');
    expect(list.row(150)).toBeUndefined();
    expect(src.queries.map((q) => q.offset)).toEqual([0]);

    await list.ensure(5_050, 5_120); // a jump into the middle spans two pages
    expect(src.queries.map((q) => q.offset)).toEqual([0, 5_000, 5_100]);
    expect(list.row(5_120)?.name).toBe('Contact 05120');

    await list.ensure(5_060, 5_110); // already cached: no new request
    expect(src.queries).toHaveLength(3);
  });

  it('filters by search and starts again from the top', async () => {
    const src = new ArraySource(rows(1_000));
    const list = new ContactList(src, 100);
    await list.ensure(400, 420);
    await list.setSearch('odd');
    expect(list.total).toBe(500);
    expect(list.row(0)?.email).toBe('odd1@example.com');
    expect(src.queries.at(-1)).toMatchObject({ search: 'odd', offset: 0 });
  });

  it('drops an answer that arrives after the query changed', async () => {
    const all = rows(300);
    let release: () => void = () => {};
    const src: ContactSource = {
      list: (q) => {
        const ans = new ArraySource(all).list(q);
        if (q.search === 'slow') return new Promise((r) => (release = () => r(ans)));
        return ans;
      },
    };
    const list = new ContactList(src, 100);
    const slow = list.setSearch('slow');
    await list.setSearch('Contact 0002');
    release();
    await slow;
    expect(list.search).toBe('Contact 0002');
    expect(list.total).toBe(10); // 00020..00029, not the 0 rows "slow" matches
  });

  it('toggles the direction when the same column is chosen again', async () => {
    const src = new ArraySource(rows(10));
    const list = new ContactList(src, 100);
    await list.ensure(0, 5);
    await list.sortBy('name');
    expect(list.desc).toBe(true);
    expect(list.row(0)?.name).toBe('Contact 00009');
    await list.sortBy('email');
    expect(list.sort).toBe('email');
    expect(list.desc).toBe(false);
  });

  it('shows the error message when Go refuses', async () => {
    const list = new ContactList({ list: async () => Promise.reject(new ApiError('internal', 'Disk is full.')) });
    await list.ensure(0, 10);
    expect(list.error).toBe('Disk is full.');
    expect(list.loaded).toBe(false);
  });
});
