import { describe, expect, it } from 'vitest';
import { ClientList, type ClientPort } from './clientList.svelte';
import { deferred } from './testing';
import type { ClientLink, ClientLinkFilter, ClientPage } from '../api';

function link(i: number): ClientLink {
  return {
    contactId: i,
    contactName: `Client ${String(i).padStart(3, '0')}`,
    email: `c${i}@example.com`,
    realmId: '1',
    qboId: String(1000 + i),
    displayName: `Client ${i}`,
    active: true,
    linkedAt: '',
    syncedAt: '',
    jobs: null,
  };
}

class FakePort implements ClientPort {
  all = Array.from({ length: 250 }, (_, i) => link(i + 1));
  asked: ClientLinkFilter[] = [];
  unmatched: number[] = [];
  async clients(f: ClientLinkFilter): Promise<ClientPage> {
    this.asked.push(f);
    const sel = this.all.filter((c) => c.contactName.toLowerCase().includes(f.search.toLowerCase()));
    return { clients: sel.slice(f.offset, f.offset + f.limit), total: sel.length };
  }
  async unmatch(id: number) {
    this.unmatched.push(id);
    this.all = this.all.filter((c) => c.contactId !== id);
  }
}

describe('ClientList', () => {
  it('reads a page, then the next on request', async () => {
    const port = new FakePort();
    const list = new ClientList(port, 100);
    await list.setSearch('');
    expect(list.rows).toHaveLength(100);
    expect(list.total).toBe(250);
    expect(list.hasMore).toBe(true);
    await list.more();
    expect(list.rows).toHaveLength(200);
    expect(port.asked.at(-1)).toEqual({ search: '', offset: 100, limit: 100 });
  });

  it('searches from the top', async () => {
    const port = new FakePort();
    const list = new ClientList(port, 100);
    await list.setSearch('');
    await list.more();
    await list.setSearch('client 01');
    expect(list.total).toBe(10); // 010..019
    expect(port.asked.at(-1)).toEqual({ search: 'client 01', offset: 0, limit: 100 });
  });

  it('drops an answer to an outdated search', async () => {
    const port = new FakePort();
    const slow = deferred<ClientPage>();
    const inner = port.clients.bind(port);
    port.clients = (f) => (f.search === 'slow' ? slow.promise : inner(f));
    const list = new ClientList(port, 100);
    const a = list.setSearch('slow');
    await list.setSearch('client 2');
    slow.resolve({ clients: [], total: 0 });
    await a;
    expect(list.search).toBe('client 2');
    expect(list.total).toBeGreaterThan(0);
  });

  it('removes a match and keeps as many rows shown', async () => {
    const port = new FakePort();
    const list = new ClientList(port, 100);
    await list.setSearch('');
    await list.more();
    await list.unmatch(5);
    expect(port.unmatched).toEqual([5]);
    expect(list.rows.some((r) => r.contactId === 5)).toBe(false);
    expect(list.rows).toHaveLength(200);
    expect(list.total).toBe(249);
  });
});
