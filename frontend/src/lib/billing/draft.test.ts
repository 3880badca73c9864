import { describe, expect, it } from 'vitest';
import { figures, fromEdit, newLine, sameDraft, toEdit } from './draft';
import type { Invoice } from '../api';

const inv: Invoice = {
  id: 5, number: '', contactId: 2, contactName: 'Client', status: 'draft', issueDate: '2026-11-30', dueDate: '2026-12-14',
  notes: '', subtotal: 22500, taxes: null, total: 23625, runId: 0, activity: null, createdAt: '', updatedAt: '',
  lines: [{ id: 9, workItemId: 3, workTypeId: 1, workType: 'Bookkeeping', description: 'November', quantity: '1.5', rate: 15000, taxRateId: 1, amount: 22500 }],
};

describe('the draft editor', () => {
  it('edits rates as money text and reads them back into exact cents', () => {
    const d = toEdit(inv);
    expect(d.lines[0].rate).toBe('150.00');
    d.lines[0].rate = '160.10';
    d.lines[0].quantity = '2.25';
    const out = fromEdit(inv, d);
    expect(out.errors).toBeNull();
    expect(out.invoice?.lines?.[0]).toMatchObject({ id: 9, workItemId: 3, quantity: '2.25', rate: 16010 });
  });

  it("keys a field it cannot read as Go keys it, and sends nothing", () => {
    const d = toEdit(inv);
    d.lines.push(newLine(1));
    d.lines[1].rate = '1,000';
    d.lines[0].quantity = '1,5';
    const out = fromEdit(inv, d);
    expect(out.invoice).toBeNull();
    expect(Object.keys(out.errors ?? {}).sort()).toEqual(['lines.0.quantity', 'lines.1.rate']);
  });

  it('says whether anything changed, and which lines can be added up yet', () => {
    const a = toEdit(inv);
    const b = toEdit(inv);
    expect(sameDraft(a, b)).toBe(true);
    b.notes = 'Thank you';
    expect(sameDraft(a, b)).toBe(false);
    b.lines.push(newLine());
    expect(figures(b)).toEqual([{ quantity: '1.5', rate: 15000, taxRateId: 1 }, null]);
  });
});
