import { describe, expect, it } from 'vitest';
import { SyncErrorList, type ErrorPort } from './syncErrors.svelte';
import type { ErrorList, SyncError } from '../api';

function syncError(id: number): SyncError {
  return {
    id,
    code: 'duplicate_name',
    title: 'Name already used in QuickBooks',
    explain: 'QuickBooks already has a customer with this display name.',
    fix: 'Rename the contact, then retry.',
    screen: 'contacts',
    recordKind: 'contact',
    recordId: '12',
    recordName: 'Harbour Lights',
    detail: 'Duplicate Name Exists Error',
    attempts: 1,
    createdAt: '',
    updatedAt: '',
  };
}

/** Go's side: Retry allowed once every 3 minutes, on a clock the spec moves. */
class FakePort implements ErrorPort {
  t = 1_000_000;
  retryNotBefore = 0;
  retries = 0;
  list = [syncError(1)];
  async errors(): Promise<ErrorList> {
    return { errors: this.list, retryInSeconds: Math.max(0, Math.ceil((this.retryNotBefore - this.t) / 1000)) };
  }
  async retry() {
    if (this.t < this.retryNotBefore) throw { code: 'retry_wait', message: 'Retry is allowed once every 3 minutes.' };
    this.retries++;
    this.retryNotBefore = this.t + 180_000;
  }
}

describe('SyncErrorList', () => {
  it('retries, then counts the 3 minutes down before the next retry', async () => {
    const port = new FakePort();
    const errs = new SyncErrorList(port, () => port.t);
    await errs.load();
    expect(errs.items).toHaveLength(1);
    expect(errs.waitSeconds).toBe(0);

    expect(await errs.retry()).toBe(true);
    expect(errs.retrying).toBe(true);
    expect(await errs.retry()).toBe(false); // once while one runs
    expect(port.retries).toBe(1);

    await errs.finished();
    expect(errs.retrying).toBe(false);
    expect(errs.waitSeconds).toBe(180);

    port.t += 19_000;
    errs.tick();
    expect(errs.waitSeconds).toBe(161); // 2:41
    expect(await errs.retry()).toBe(false);
    expect(port.retries).toBe(1);

    port.t += 161_000;
    errs.tick();
    expect(errs.waitSeconds).toBe(0);
    expect(await errs.retry()).toBe(true);
    expect(port.retries).toBe(2);
  });

  it("takes Go's word for the wait when Go refuses", async () => {
    const port = new FakePort();
    port.retryNotBefore = port.t + 60_000; // pressed in another window
    const errs = new SyncErrorList(port, () => port.t);
    expect(await errs.retry()).toBe(false);
    expect(errs.retryError).toBe('Retry is allowed once every 3 minutes.');
    expect(errs.retrying).toBe(false);
    expect(errs.waitSeconds).toBe(60);
  });
});
