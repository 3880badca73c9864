// The invoice editor's working copy of a draft: quantities and rates as the
// accountant types them (text), read exactly into Go's shapes on save. A
// problem found here is keyed as Go keys its own ("lines.0.quantity"), so
// both appear beside the same field.
import type { Invoice, InvoiceLine } from '../api';
import { centsText, parseDecimal, parseMoney, type LineFigures } from './money';

export interface EditLine {
  /** stable key for the list while lines are added and removed */
  key: number;
  id: number;
  workItemId: number;
  workTypeId: number;
  workType: string;
  description: string;
  /** as typed, e.g. "1.5" */
  quantity: string;
  /** as typed, in money, e.g. "150.00" */
  rate: string;
  taxRateId: number;
}

export interface EditDraft {
  issueDate: string;
  dueDate: string;
  notes: string;
  lines: EditLine[];
}

let nextKey = 1;

/** newLine is an empty line typed on the invoice (no work behind it). */
export function newLine(taxRateId = 0): EditLine {
  return { key: nextKey++, id: 0, workItemId: 0, workTypeId: 0, workType: '', description: '', quantity: '1', rate: '', taxRateId };
}

function editLine(l: InvoiceLine): EditLine {
  return {
    key: nextKey++,
    id: l.id,
    workItemId: l.workItemId,
    workTypeId: l.workTypeId,
    workType: l.workType,
    description: l.description,
    quantity: l.quantity,
    rate: centsText(l.rate),
    taxRateId: l.taxRateId,
  };
}

/** toEdit makes the working copy of an invoice. */
export function toEdit(inv: Invoice): EditDraft {
  return { issueDate: inv.issueDate, dueDate: inv.dueDate, notes: inv.notes, lines: (inv.lines ?? []).map(editLine) };
}

/** sameDraft reports whether two working copies say the same (nothing to save). */
export function sameDraft(a: EditDraft, b: EditDraft): boolean {
  const strip = (d: EditDraft) => JSON.stringify({ ...d, lines: d.lines.map(({ key: _k, ...l }) => l) });
  return strip(a) === strip(b);
}

/** figures reads each line's quantity and rate for the live totals; null for a line not yet readable. */
export function figures(d: EditDraft): (LineFigures | null)[] {
  return d.lines.map((l) => {
    const q = parseDecimal(l.quantity);
    const r = parseMoney(l.rate);
    return q.ok && r.ok ? { quantity: q.value, rate: r.value, taxRateId: l.taxRateId } : null;
  });
}

/** fromEdit reads the working copy back into the invoice Go saves, or says which fields cannot be read. */
export function fromEdit(inv: Invoice, d: EditDraft): { invoice: Invoice; errors: null } | { invoice: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const lines: InvoiceLine[] = d.lines.map((l, i) => {
    const q = parseDecimal(l.quantity);
    const r = parseMoney(l.rate);
    if (!q.ok) errors[`lines.${i}.quantity`] = q.error;
    if (!r.ok) errors[`lines.${i}.rate`] = r.error;
    return {
      id: l.id,
      workItemId: l.workItemId,
      workTypeId: l.workTypeId,
      workType: l.workType,
      description: l.description,
      quantity: q.ok ? q.value : '0',
      rate: r.ok ? r.value : 0,
      taxRateId: l.taxRateId,
      amount: 0,
    };
  });
  if (Object.keys(errors).length > 0) return { invoice: null, errors };
  return { invoice: { ...inv, issueDate: d.issueDate, dueDate: d.dueDate, notes: d.notes, lines }, errors: null };
}
