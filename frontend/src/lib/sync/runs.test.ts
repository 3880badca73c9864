import { describe, expect, it } from 'vitest';
import { countsSummary, progressText } from './runs';
import type { SyncCounts } from '../api';

const zero: SyncCounts = {
  read: 0, linked: 0, created: 0, updatedLocal: 0, updatedQbo: 0, pushed: 0,
  duplicates: 0, conflicts: 0, errors: 0, listed: 0, unchanged: 0,
};

describe('runs in words', () => {
  it('says where a run is', () => {
    expect(progressText(null)).toBe('Starting…');
    expect(progressText({ runId: 1, phase: 'reading', done: 20, total: 40, remainingSeconds: 60, dryRun: false })).toBe(
      'Reading customers from QuickBooks: 20 of 40, about 1 minute left',
    );
    expect(progressText({ runId: 1, phase: 'sending', done: 0, total: 0, remainingSeconds: -1, dryRun: false })).toBe(
      'Sending changes to QuickBooks, estimating the time left…',
    );
  });

  it('sums a run up without its zeros', () => {
    expect(countsSummary(zero)).toBe('nothing to do');
    expect(countsSummary({ ...zero, read: 48, linked: 12, duplicates: 3 })).toBe(
      'customers read 48 · linked to existing contacts 12 · sent to resolve duplicates 3',
    );
  });
});
