// Billing's words: statuses, activity and progress as the accountant reads them.
import type { BillingProgress, BillingRunStatus, InvoiceNumbering, InvoiceStatus } from '../api';

const statuses: Record<InvoiceStatus, string> = {
  draft: 'Draft',
  approved: 'Approved',
  sent: 'Awaiting Payment',
  paid: 'Paid',
  void: 'Void',
};

/** The statuses in their order of life, for filters (Go's practice.InvoiceStatuses). */
export const invoiceStatuses: InvoiceStatus[] = ['draft', 'approved', 'sent', 'paid', 'void'];

/** statusLabel names an invoice status: 'sent' is "Awaiting Payment". */
export const statusLabel = (s: InvoiceStatus) => statuses[s] ?? s;

const runStatuses: Record<BillingRunStatus, string> = {
  drafted: 'Drafted: review the invoices, then approve them',
  approved: 'Approved: ready to send',
  sending: 'Sending',
  stopped: 'Stopped: resume to send the rest',
  done: 'Done: every invoice sent',
};

export const runStatusLabel = (s: BillingRunStatus) => runStatuses[s] ?? s;

const actions: Record<string, string> = {
  drafted: 'Drafted',
  edited: 'Edited',
  approved: 'Approved',
  sent: 'Sent',
  voided: 'Voided',
  'send failed': 'Sending failed',
  'send uncertain': 'Sending uncertain',
};

/** activityLabel names an entry of an invoice's activity log. */
export const activityLabel = (action: string) => actions[action] ?? action.charAt(0).toUpperCase() + action.slice(1);

const phases: Record<BillingProgress['phase'], string> = {
  drafting: 'Drafting invoices',
  approving: 'Approving invoices',
  sending: 'Sending invoices',
  done: 'Finishing',
};

/** progressText says where a run is: "Sending invoices: 2 of 3". */
export function progressText(p: BillingProgress | null): string {
  if (!p) return 'Starting…';
  const s = phases[p.phase] ?? p.phase;
  if (p.phase === 'done') return s + '…';
  return p.total > 0 ? `${s}: ${p.done.toLocaleString()} of ${p.total.toLocaleString()}` : `${s}…`;
}

/** numberPreview is the number the next approved invoice takes: "INV-0042" (Go's InvoiceNumbering.Format). */
export function numberPreview(n: InvoiceNumbering): string {
  const seq = Number.isSafeInteger(n.next) && n.next >= 0 ? String(n.next) : '?';
  const digits = Number.isSafeInteger(n.digits) ? Math.min(Math.max(n.digits, 0), 12) : 0;
  return n.prefix.trim() + seq.padStart(digits, '0');
}

/** today is the local date as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** day shows a YYYY-MM-DD date as the reader's locale writes it; '' for none. */
export function day(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso + 'T00:00:00Z');
  return isNaN(d.getTime()) ? iso : dateFmt.format(d);
}

/** addDays is a YYYY-MM-DD date n days on (Go's billing.DueDate); '' for a date it cannot read. */
export function addDays(iso: string, n: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  const d = new Date(iso + 'T00:00:00Z');
  if (isNaN(d.getTime())) return '';
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
