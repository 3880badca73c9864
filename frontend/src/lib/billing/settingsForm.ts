// The Billing settings form: Go's BillingSettings with the numbers held as
// typed text, read back exactly on save. Go names most problems by their
// JSON path ("mail.port", "firm.email"); the invoice numbering's come
// from its own check as "prefix", "next" and "digits", and are put under
// "numbering." here so each shows beside its field.
import type { BillingSettings } from '../api';

export interface SettingsForm {
  s: BillingSettings;
  /** the firm's address, a line each */
  lines: string;
  termsDays: string;
  port: string;
  next: string;
  digits: string;
  /** a new mail server password; '' keeps the saved one */
  password: string;
}

export function toForm(s: BillingSettings): SettingsForm {
  const copy: BillingSettings = structuredClone(s);
  delete copy.mailPassword;
  return {
    s: copy,
    lines: (s.firm.lines ?? []).join('\n'),
    termsDays: String(s.termsDays),
    port: s.mail.port ? String(s.mail.port) : '',
    next: String(s.numbering.next),
    digits: String(s.numbering.digits),
    password: '',
  };
}

const numberingFields = new Set(['prefix', 'next', 'digits']);

/** fieldKey puts a problem Go reported under the form's name for its field. */
export function fieldKey(goKey: string): string {
  return numberingFields.has(goKey) ? `numbering.${goKey}` : goKey;
}

/** formErrors maps Go's field problems to the form's fields. */
export function formErrors(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [fieldKey(k), v]));
}

function whole(text: string): number | null {
  const t = text.trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

/** fromForm reads the form back into the settings Go saves, or says which fields cannot be read. */
export function fromForm(f: SettingsForm): { settings: BillingSettings; errors: null } | { settings: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const terms = whole(f.termsDays);
  if (terms === null) errors.termsDays = 'Enter the number of days, e.g. 14.';
  const next = whole(f.next);
  if (next === null) errors['numbering.next'] = 'Enter a whole number, e.g. 1.';
  const digits = whole(f.digits);
  if (digits === null) errors['numbering.digits'] = 'Enter how many digits numbers have, e.g. 4.';
  const port = f.port.trim() === '' ? 0 : whole(f.port);
  if (port === null) errors['mail.port'] = 'Enter the port as a number, e.g. 587.';
  if (Object.keys(errors).length > 0) return { settings: null, errors };
  const s: BillingSettings = {
    ...f.s,
    firm: { ...f.s.firm, lines: f.lines.split('\n').map((l) => l.trim()).filter((l) => l !== '') },
    termsDays: terms!,
    mail: { ...f.s.mail, port: port! },
    numbering: { ...f.s.numbering, next: next!, digits: digits! },
  };
  if (f.password !== '') s.mailPassword = f.password;
  return { settings: s, errors: null };
}
