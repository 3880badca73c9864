import { describe, expect, it } from 'vitest';
import { billingHref, billingRoute, type BillingRoute } from './routes';

describe('billing routes', () => {
  it('reads each view from the address', () => {
    expect(billingRoute('')).toEqual({ view: 'unbilled' });
    expect(billingRoute('invoices')).toEqual({ view: 'invoices' });
    expect(billingRoute('invoice/42')).toEqual({ view: 'invoice', id: 42 });
    expect(billingRoute('close')).toEqual({ view: 'close', runId: 0 });
    expect(billingRoute('close/7')).toEqual({ view: 'close', runId: 7 });
    expect(billingRoute('settings')).toEqual({ view: 'settings' });
  });

  it('falls back to a sensible view for an address it does not know', () => {
    expect(billingRoute('nonsense')).toEqual({ view: 'unbilled' });
    expect(billingRoute('invoice/abc')).toEqual({ view: 'invoices' });
    expect(billingRoute('close/-1')).toEqual({ view: 'close', runId: 0 });
  });

  it('writes addresses it reads back', () => {
    const routes: BillingRoute[] = [
      { view: 'unbilled' },
      { view: 'invoices' },
      { view: 'invoice', id: 3 },
      { view: 'close', runId: 0 },
      { view: 'close', runId: 9 },
      { view: 'settings' },
    ];
    for (const r of routes) expect(billingRoute(billingHref(r).replace(/^#\/billing\/?/, ''))).toEqual(r);
  });
});
