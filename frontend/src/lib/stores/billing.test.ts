import { describe, expect, it, vi } from 'vitest';
import { BillingStore, REFRESH_MS, type BillingPort } from './billing.svelte';
import { deferred, FakeEvents } from './testing';
import { ApiError, type BillingRun, type BillingSettings, type RunInvoice, type TaxRate, type WorkType } from '../api';

function settings(s: Partial<BillingSettings> = {}): BillingSettings {
  return {
    firm: { name: 'Kauri & Co', lines: ['1 Queen Street'], email: '', phone: '' },
    currency: 'NZD',
    termsDays: 14,
    mail: { host: '', port: 587, username: '', from: '', fromName: '', security: 'starttls', certificate: '' },
    saveFolder: '/tmp/invoices',
    numbering: { prefix: 'INV-', next: 1, digits: 4 },
    mailPasswordSaved: false,
    ...s,
  };
}

function invoice(id: number, status: RunInvoice['status'], sendState: RunInvoice['sendState'] = ''): RunInvoice {
  return {
    id, number: status === 'draft' ? '' : `INV-000${id}`, contactId: id, contactName: `Client ${id}`, status,
    issueDate: '2026-11-30', dueDate: '2026-12-14', notes: '', lines: null, subtotal: 1000, taxes: null, total: 1050,
    runId: 7, activity: null, createdAt: '', updatedAt: '', sendState,
  };
}

function run(status: BillingRun['status'], invoices: RunInvoice[], id = 7): BillingRun {
  return { id, through: '2026-11-30', status, invoices, createdAt: '' };
}

const workType: WorkType = { id: 1, name: 'Bookkeeping', rateKind: 'hourly', rate: 15000, active: true, inUse: 0, createdAt: '' };
const oldType: WorkType = { ...workType, id: 2, name: 'Typing', active: false };
const gst: TaxRate = { id: 1, name: 'GST', percent: '5', components: null, archived: false, inUse: 0, createdAt: '' };
const oldRate: TaxRate = { ...gst, id: 2, name: 'Old GST', archived: true };

/** A port whose answers the spec sets, recording the calls. */
class FakePort implements BillingPort {
  calls: string[] = [];
  set = settings();
  runs = new Map<number, BillingRun>([[7, run('drafted', [invoice(1, 'draft'), invoice(2, 'draft')])]]);
  startAnswer: Promise<BillingRun> | null = null;
  sendError: unknown = null;
  async settings() {
    this.calls.push('settings');
    return this.set;
  }
  async workTypes(inactive: boolean) {
    this.calls.push(`workTypes ${inactive}`);
    return [workType, oldType];
  }
  async taxRates(archived: boolean) {
    this.calls.push(`taxRates ${archived}`);
    return [gst, oldRate];
  }
  async run(id: number) {
    this.calls.push(`run ${id}`);
    const r = this.runs.get(id);
    if (!r) throw new ApiError('not_found', `There is no billing run ${id}.`);
    return r;
  }
  startRun(through: string, ids: number[]) {
    this.calls.push(`startRun ${through} [${ids}]`);
    return this.startAnswer ?? Promise.resolve(this.runs.get(7)!);
  }
  async approveRun(id: number) {
    this.calls.push(`approveRun ${id}`);
    return run('approved', [invoice(1, 'approved'), invoice(2, 'approved')], id);
  }
  async sendRun(id: number) {
    this.calls.push(`sendRun ${id}`);
    if (this.sendError) throw this.sendError;
  }
  async stopRun() {
    this.calls.push('stopRun');
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('BillingStore', () => {
  it('reads the settings, every work type and every tax rate', async () => {
    const port = new FakePort();
    const b = new BillingStore(port);
    expect(b.currency).toBe('USD');
    await b.load();
    expect(port.calls).toEqual(['settings', 'workTypes true', 'taxRates true']);
    expect(b.currency).toBe('NZD');
    expect(b.activeWorkTypes.map((w) => w.name)).toEqual(['Bookkeeping']);
    expect(b.currentTaxRates.map((r) => r.name)).toEqual(['GST']);
    expect(b.ratesById.get(2)?.name).toBe('Old GST'); // an old invoice may name it
  });

  it('drops an answer to an older load', async () => {
    const port = new FakePort();
    const first = deferred<BillingSettings>();
    let n = 0;
    port.settings = () => (n++ === 0 ? first.promise : Promise.resolve(settings({ currency: 'EUR' })));
    const b = new BillingStore(port);
    const a = b.load();
    await b.load();
    first.resolve(settings({ currency: 'GBP' }));
    await a;
    expect(b.currency).toBe('EUR');
  });

  it('drafts a run, shows its drafting progress, approves it, and says what changed', async () => {
    const port = new FakePort();
    const events = new FakeEvents();
    const b = new BillingStore(port);
    b.listen(events);
    const answer = deferred<BillingRun>();
    port.startAnswer = answer.promise;

    const started = b.startRun('2026-11-30', [1, 2]);
    expect(b.busy).toBe('drafting');
    events.emit('billing:progress', { runId: 7, phase: 'drafting', done: 1, total: 2 });
    expect(b.progress?.done).toBe(1);
    const changes = b.changes;
    answer.resolve(port.runs.get(7)!);
    expect((await started)?.id).toBe(7);
    expect(port.calls).toContain('startRun 2026-11-30 [1,2]');
    expect(b.busy).toBe('');
    expect(b.progress).toBeNull();
    expect(b.changes).toBe(changes + 1);

    await b.approveRun();
    expect(b.run?.status).toBe('approved');
    expect(b.run?.invoices?.every((i) => i.status === 'approved')).toBe(true);
  });

  it("keeps Go's refusal of a run", async () => {
    const port = new FakePort();
    port.startAnswer = Promise.reject(new ApiError('invalid', 'No unbilled work dated on or before 2026-11-30 for the chosen clients.'));
    const b = new BillingStore(port);
    expect(await b.startRun('2026-11-30', [])).toBeNull();
    expect(b.runError?.message).toContain('No unbilled work');
    expect(b.busy).toBe('');
  });

  it('sends until billing:finished, stops on Stop, and resumes with the run Go reports', async () => {
    const port = new FakePort();
    port.runs.set(7, run('approved', [invoice(1, 'approved'), invoice(2, 'approved'), invoice(3, 'approved')]));
    const events = new FakeEvents();
    const b = new BillingStore(port);
    b.listen(events);
    await b.openRun(7);

    await b.sendRun();
    expect(b.sending).toBe(true);
    events.emit('billing:progress', { runId: 7, phase: 'sending', done: 1, total: 3 });
    expect(b.progress?.done).toBe(1);
    // Another run's report is not this one's.
    events.emit('billing:progress', { runId: 8, phase: 'sending', done: 3, total: 3 });
    expect(b.progress?.done).toBe(1);

    await b.stopRun();
    expect(port.calls).toContain('stopRun');
    const stopped = run('stopped', [invoice(1, 'sent', 'sent'), invoice(2, 'approved'), invoice(3, 'approved')]);
    events.emit('billing:finished', { run: stopped, problems: [], error: null });
    expect(b.sending).toBe(false);
    expect(b.progress).toBeNull();
    expect(b.run?.status).toBe('stopped');

    await b.sendRun(); // Resume
    expect(port.calls.filter((c) => c === 'sendRun 7')).toHaveLength(2);
    events.emit('billing:finished', {
      run: run('stopped', [invoice(1, 'sent', 'sent'), invoice(2, 'approved', 'sending'), invoice(3, 'sent', 'sent')]),
      problems: ['Invoice INV-0002 may have been sent already.'],
      error: null,
    });
    expect(b.problems).toEqual(['Invoice INV-0002 may have been sent already.']);
    expect(b.runError).toBeNull();
  });

  it('reads the run again as its reports come, once per burst', async () => {
    vi.useFakeTimers();
    try {
      const port = new FakePort();
      const events = new FakeEvents();
      const b = new BillingStore(port);
      b.listen(events);
      await b.openRun(7);
      await b.sendRun();
      port.calls = [];
      events.emit('billing:progress', { runId: 7, phase: 'sending', done: 1, total: 3 });
      events.emit('billing:progress', { runId: 7, phase: 'sending', done: 2, total: 3 });
      port.runs.set(7, run('sending', [invoice(1, 'sent', 'sent'), invoice(2, 'sent', 'sent'), invoice(3, 'approved')]));
      await vi.advanceTimersByTimeAsync(REFRESH_MS);
      expect(port.calls).toEqual(['run 7']);
      expect(b.run?.invoices?.filter((i) => i.status === 'sent')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a send refused before it began, and is not left sending', async () => {
    const port = new FakePort();
    port.sendError = new ApiError('conflict', 'A billing run is being sent already.');
    const b = new BillingStore(port);
    await b.openRun(7);
    await b.sendRun();
    expect(b.sending).toBe(false);
    expect(b.runError?.message).toBe('A billing run is being sent already.');
  });

  it('is not left sending when a short run ends before its call answers', async () => {
    const port = new FakePort();
    const events = new FakeEvents();
    const b = new BillingStore(port);
    b.listen(events);
    await b.openRun(7);
    port.sendRun = async (id) => {
      port.calls.push(`sendRun ${id}`);
      events.emit('billing:finished', { run: run('done', [invoice(1, 'sent', 'sent')]), problems: [], error: null });
    };
    await b.sendRun();
    expect(b.sending).toBe(false);
    expect(b.run?.status).toBe('done');
  });

  it('shows why a run could not be opened, and drops the answer for a run no longer on screen', async () => {
    const port = new FakePort();
    const b = new BillingStore(port);
    await b.openRun(99);
    expect(b.runError?.message).toBe('There is no billing run 99.');
    const slow = deferred<BillingRun>();
    port.run = () => slow.promise;
    const opening = b.openRun(5);
    await b.openRun(0);
    slow.resolve(run('drafted', [], 5));
    await opening;
    expect(b.run).toBeNull();
  });

  it('has every view reload on billing:finished, contacts:changed and a restored connection, and stops listening', async () => {
    const port = new FakePort();
    const events = new FakeEvents();
    const b = new BillingStore(port);
    const stop = b.listen(events);
    await b.load();
    port.calls = [];
    const before = b.changes;
    events.emit('contacts:changed', { op: 'updated', id: 1 });
    events.emit('billing:finished', { run: null, problems: null, error: { code: 'unavailable', message: 'The folder could not be made.' } });
    events.emit('connection:restored', null);
    expect(b.changes).toBe(before + 3);
    expect(b.runError?.message).toBe('The folder could not be made.');
    await flush();
    expect(port.calls.filter((c) => c === 'settings')).toHaveLength(3);
    stop();
    for (const name of ['billing:progress', 'billing:finished', 'contacts:changed', 'connection:restored'] as const) {
      expect(events.count(name)).toBe(0);
    }
  });
});
