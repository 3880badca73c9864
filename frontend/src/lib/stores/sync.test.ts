import { describe, expect, it } from 'vitest';
import { SyncStatus, type SyncPort } from './sync.svelte';
import { deferred, FakeEvents } from './testing';
import { ApiError, type SyncOverview, type SyncProgress, type SyncResult } from '../api';

function overview(o: Partial<SyncOverview> = {}): SyncOverview {
  return {
    running: false,
    lastRun: null,
    duplicates: 0,
    conflicts: 0,
    errors: 0,
    retryInSeconds: 0,
    settings: { importTypeId: 1, pushTypeIds: [], inactive: 'import', jobs: 'under_parent', intervalMinutes: 15 },
    types: [],
    ...o,
  };
}

function progress(p: Partial<SyncProgress> = {}): SyncProgress {
  return { runId: 1, phase: 'reading', done: 10, total: 40, remainingSeconds: 30, dryRun: false, ...p };
}

/** A port whose answers the spec sets, counting the calls. */
class FakePort implements SyncPort {
  ov = overview();
  calls: string[] = [];
  startError: unknown = null;
  previewAnswer: Promise<SyncResult> | null = null;
  async overview() {
    this.calls.push('overview');
    return this.ov;
  }
  async start(o: { startFresh: boolean }) {
    this.calls.push(o.startFresh ? 'start fresh' : 'start');
    if (this.startError) throw this.startError;
  }
  async cancel() {
    this.calls.push('cancel');
  }
  preview() {
    this.calls.push('preview');
    return this.previewAnswer!;
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('SyncStatus', () => {
  it('reads the counts the badges show', async () => {
    const port = new FakePort();
    port.ov = overview({ duplicates: 3, conflicts: 1, errors: 2 });
    const s = new SyncStatus(port);
    await s.load();
    expect([s.duplicates, s.conflicts, s.errors]).toEqual([3, 1, 2]);
  });

  it('shows progress from Start until sync:finished, then reloads the counts', async () => {
    const port = new FakePort();
    const events = new FakeEvents();
    const s = new SyncStatus(port);
    const stop = s.listen(events);
    expect(await s.start()).toBe(true);
    expect(s.running).toBe(true);

    // Go has not begun the run yet when the overview is read: still running.
    await s.load();
    expect(s.running).toBe(true);

    events.emit('sync:progress', progress({ done: 20 }));
    expect(s.progress?.done).toBe(20);

    const changesBefore = s.changes;
    port.ov = overview({ duplicates: 5 });
    events.emit('sync:finished', { result: null, error: null });
    expect(s.running).toBe(false);
    expect(s.progress).toBeNull();
    expect(s.changes).toBe(changesBefore + 1);
    await flush();
    expect(s.duplicates).toBe(5);
    stop();
    expect(events.count('sync:finished')).toBe(0);
  });

  it('is not left running when the run ends before Start answers', async () => {
    const port = new FakePort();
    const events = new FakeEvents();
    const s = new SyncStatus(port);
    s.listen(events);
    port.start = async () => {
      // A run with nothing to do: its end arrives before the call's answer.
      events.emit('sync:finished', { result: null, error: null });
    };
    expect(await s.start()).toBe(true);
    expect(s.running).toBe(false);
    await s.load();
    expect(s.running).toBe(false);
  });

  it('says why Sync Now could not start', async () => {
    const port = new FakePort();
    port.startError = { code: 'invalid', message: 'Ledgerlink is not connected to QuickBooks.' };
    const s = new SyncStatus(port);
    expect(await s.start()).toBe(false);
    expect(s.running).toBe(false);
    expect(s.startError?.message).toBe('Ledgerlink is not connected to QuickBooks.');
  });

  it('offers Start fresh when the run was refused for another company', async () => {
    const port = new FakePort();
    const events = new FakeEvents();
    const s = new SyncStatus(port);
    s.listen(events);
    await s.start();
    events.emit('sync:finished', { result: null, error: { code: 'other_company', message: 'Another company.' } });
    expect(s.otherCompany).toEqual({ message: 'Another company.' });
    await s.start(true);
    expect(port.calls).toContain('start fresh');
    expect(s.otherCompany).toBeNull();
  });

  it('keeps the dry run apart from a real run', async () => {
    const port = new FakePort();
    const events = new FakeEvents();
    const answer = deferred<SyncResult>();
    port.previewAnswer = answer.promise;
    const s = new SyncStatus(port);
    s.listen(events);
    const running = s.runPreview();
    expect(s.previewing).toBe(true);
    events.emit('sync:progress', progress({ dryRun: true, done: 3 }));
    expect(s.previewProgress?.done).toBe(3);
    expect(s.progress).toBeNull();
    expect(s.running).toBe(false);
    const result = { run: { id: 0 }, plan: { mode: 'full' } } as SyncResult;
    answer.resolve(result);
    await running;
    expect(s.preview).toBe(result);
    expect(s.previewing).toBe(false);
    expect(s.previewProgress).toBeNull();
  });

  it('keeps a failed dry run as an ApiError', async () => {
    const port = new FakePort();
    port.previewAnswer = Promise.reject(new ApiError('other_company', 'Another company.'));
    const s = new SyncStatus(port);
    await s.runPreview();
    expect(s.previewError?.code).toBe('other_company');
    expect(s.otherCompany?.message).toBe('Another company.');
  });

  it('drops an overview that arrives after a newer one', async () => {
    const slow = deferred<SyncOverview>();
    let first = true;
    const port = new FakePort();
    port.overview = () => {
      if (first) {
        first = false;
        return slow.promise;
      }
      return Promise.resolve(overview({ errors: 7 }));
    };
    const s = new SyncStatus(port);
    const a = s.load();
    await s.load();
    slow.resolve(overview({ errors: 1 }));
    await a;
    expect(s.errors).toBe(7);
  });

  it('refreshes when contacts change', async () => {
    const port = new FakePort();
    const events = new FakeEvents();
    const s = new SyncStatus(port);
    s.listen(events);
    events.emit('contacts:changed', { op: 'updated', id: 3 });
    expect(s.changes).toBe(1);
    expect(port.calls).toEqual(['overview']);
  });
});
