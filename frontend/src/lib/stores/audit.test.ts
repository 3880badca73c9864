import { describe, expect, it } from 'vitest';
import { AuditLog } from './audit.svelte';
import type { AuditEntry, AuditFilter, AuditPage, SyncRun } from '../api';

function entry(id: number, runId: number, record: string): AuditEntry {
  return { id, runId, at: '', action: 'update', side: 'local', contactId: id, qboId: '', record, field: 'email', before: '', after: '' };
}

const entries = [entry(1, 1, 'Bluegum Bakery'), entry(2, 2, 'Kaito Nakamura'), entry(3, 2, 'Bluegum Bakery')];
const runs = [{ id: 2 }, { id: 1 }] as SyncRun[];

function port(asked: AuditFilter[]) {
  return {
    async audit(f: AuditFilter): Promise<AuditPage> {
      asked.push(f);
      const sel = entries.filter((e) => (!f.runId || e.runId === f.runId) && e.record.toLowerCase().includes(f.search.toLowerCase()));
      return { entries: sel.slice(f.offset, f.offset + f.limit), total: sel.length, runs };
    },
  };
}

describe('AuditLog', () => {
  it("searches, and shows one run's entries when a run is chosen", async () => {
    const asked: AuditFilter[] = [];
    const log = new AuditLog(port(asked), 2);
    await log.setSearch('');
    expect(log.entries).toHaveLength(2);
    expect(log.runs.map((r) => r.id)).toEqual([2, 1]);
    await log.more();
    expect(log.entries.map((e) => e.id)).toEqual([1, 2, 3]);

    await log.setRun(2);
    expect(log.entries.map((e) => e.id)).toEqual([2, 3]);
    await log.setSearch('bluegum');
    expect(log.entries.map((e) => e.id)).toEqual([3]);
    expect(asked.at(-1)).toEqual({ search: 'bluegum', runId: 2, offset: 0, limit: 2 });

    await log.setRun(0);
    expect(log.entries.map((e) => e.id)).toEqual([1, 3]);
  });
});
