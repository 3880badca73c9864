// Where the Billing area's views live: hash routes, so a reload, a link
// from another view or the address bar brings back the same thing.
//   #/billing                  unbilled work
//   #/billing/invoices         the invoice list
//   #/billing/invoice/ID       one invoice
//   #/billing/close[/RUNID]    billing runs (the run on screen in the address)
//   #/billing/settings         billing settings

export type BillingRoute =
  | { view: 'unbilled' }
  | { view: 'invoices' }
  | { view: 'invoice'; id: number }
  | { view: 'close'; runId: number }
  | { view: 'settings' };

export type BillingView = BillingRoute['view'];

function id(s: string | undefined): number {
  return s && /^\d+$/.test(s) ? Number(s) : 0;
}

/** billingRoute reads what follows #/billing/ ('' is the unbilled work). */
export function billingRoute(sub: string): BillingRoute {
  const [view, arg] = sub.split('/');
  switch (view) {
    case 'invoices':
      return { view: 'invoices' };
    case 'invoice':
      return id(arg) ? { view: 'invoice', id: id(arg) } : { view: 'invoices' };
    case 'close':
      return { view: 'close', runId: id(arg) };
    case 'settings':
      return { view: 'settings' };
    default:
      return { view: 'unbilled' };
  }
}

/** billingHref is the address of a Billing route. */
export function billingHref(r: BillingRoute): string {
  switch (r.view) {
    case 'unbilled':
      return '#/billing';
    case 'invoice':
      return `#/billing/invoice/${r.id}`;
    case 'close':
      return r.runId ? `#/billing/close/${r.runId}` : '#/billing/close';
    default:
      return `#/billing/${r.view}`;
  }
}

export const invoiceHref = (id: number) => billingHref({ view: 'invoice', id });
