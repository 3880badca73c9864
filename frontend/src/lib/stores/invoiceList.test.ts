import { describe, expect, it } from 'vitest';
import { InvoiceList, type InvoicePort } from './invoiceList.svelte';
import { deferred } from './testing';
import { ApiError, type Invoice, type InvoiceFilter, type InvoicePage } from '../api';

function invoice(id: number): Invoice {
  return {
    id, number: `INV-${id}`, contactId: 1, contactName: 'Client', status: 'sent', issueDate: '2026-11-30',
    dueDate: '2026-12-14', notes: '', lines: null, subtotal: 1000, taxes: null, total: 1050, runId: 0,
    activity: null, createdAt: '', updatedAt: '',
  };
}

/** A port over n invoices that records each filter it is asked. */
class FakePort implements InvoicePort {
  asked: InvoiceFilter[] = [];
  constructor(public n: number) {}
  async invoices(f: InvoiceFilter): Promise<InvoicePage> {
    this.asked.push(f);
    const ids = Array.from({ length: this.n }, (_, i) => i + 1).slice(f.offset, f.offset + f.limit);
    return { invoices: ids.map(invoice), count: this.n, total: this.n * 1050 };
  }
}

describe('InvoiceList', () => {
  it('reads the invoices the filter selects with their count and total', async () => {
    const port = new FakePort(3);
    const l = new InvoiceList(port);
    await l.setQuery({ status: 'sent', number: 'INV', from: '2026-11-01', to: '2026-11-30', contactId: 4 });
    expect(port.asked[0]).toEqual({ status: 'sent', number: 'INV', from: '2026-11-01', to: '2026-11-30', contactId: 4, offset: 0, limit: 200 });
    expect(l.invoices.map((i) => i.id)).toEqual([1, 2, 3]);
    expect([l.count, l.total]).toEqual([3, 3150]);
    expect(l.hasMore).toBe(false);
  });

  it('reads more a page at a time', async () => {
    const port = new FakePort(5);
    const l = new InvoiceList(port, 2);
    await l.reload();
    expect(l.hasMore).toBe(true);
    await l.more();
    await l.more();
    expect(l.invoices.map((i) => i.id)).toEqual([1, 2, 3, 4, 5]);
    expect(l.hasMore).toBe(false);
    // A reload keeps as many rows as are shown.
    await l.reload();
    expect(port.asked.at(-1)).toMatchObject({ offset: 0, limit: 5 });
  });

  it('drops the answer to an outdated filter', async () => {
    const port = new FakePort(3);
    const slow = deferred<InvoicePage>();
    let first = true;
    const real = port.invoices.bind(port);
    port.invoices = (f) => (first ? ((first = false), slow.promise) : real(f));
    const l = new InvoiceList(port);
    const old = l.setQuery({ status: 'draft' });
    await l.setQuery({ status: 'void' });
    slow.resolve({ invoices: [invoice(99)], count: 1, total: 1 });
    await old;
    expect(l.invoices.map((i) => i.id)).toEqual([1, 2, 3]);
    expect(l.query.status).toBe('void');
  });

  it("shows Go's refusal, and an empty page as no invoices", async () => {
    const port = new FakePort(0);
    const l = new InvoiceList(port);
    port.invoices = async () => ({ invoices: null, count: 0, total: 0 });
    await l.reload();
    expect(l.invoices).toEqual([]);
    port.invoices = () => Promise.reject(new ApiError('invalid', 'Enter the date as YYYY-MM-DD.'));
    await l.reload();
    expect(l.error).toBe('Enter the date as YYYY-MM-DD.');
  });
});
