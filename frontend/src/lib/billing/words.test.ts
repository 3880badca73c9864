import { describe, expect, it } from 'vitest';
import { activityLabel, addDays, day, numberPreview, progressText, statusLabel, today } from './words';

describe('billing words', () => {
  it('calls a sent invoice Awaiting Payment', () => {
    expect(statusLabel('sent')).toBe('Awaiting Payment');
    expect(statusLabel('draft')).toBe('Draft');
  });

  it('previews the next number as Go formats it', () => {
    expect(numberPreview({ prefix: 'INV-', next: 42, digits: 4 })).toBe('INV-0042');
    expect(numberPreview({ prefix: '', next: 12345, digits: 3 })).toBe('12345');
    expect(numberPreview({ prefix: 'A', next: 1, digits: 1 })).toBe('A1');
  });

  it('names activity and progress in words', () => {
    expect(activityLabel('send uncertain')).toBe('Sending uncertain');
    expect(activityLabel('paid')).toBe('Paid');
    expect(progressText(null)).toBe('Starting…');
    expect(progressText({ runId: 1, phase: 'sending', done: 2, total: 3 })).toBe('Sending invoices: 2 of 3');
  });

  it('counts days on as Go does for a due date, across months and leap years', () => {
    expect(addDays('2026-11-30', 14)).toBe('2026-12-14');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2028-02-20', 14)).toBe('2028-03-05');
    expect(addDays('2026-03-01', 0)).toBe('2026-03-01');
    expect(addDays('', 14)).toBe('');
  });

  it('writes today as YYYY-MM-DD in local time, and shows a date without shifting it a day', () => {
    expect(today(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(day('2026-03-01')).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 1)));
    expect(day('')).toBe('');
  });
});
