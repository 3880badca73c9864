// Money and exact decimals in the UI. Amounts are integer cents, as Go keeps
// them; quantities and percentages are decimal text ("1.5", "8.25"), as Go's
// practice.Decimal travels. Nothing here does arithmetic on floats: typed
// text is read digit by digit, sums and products are done on BigInt, and a
// float appears only at the very end, when cents / 100 is handed to
// Intl.NumberFormat to be shown.
//
// Commas are refused in typed numbers, whether meant as a thousands
// separator ("1,234.50") or a decimal comma ("1,5"): either reading of the
// other would be off by a factor of 1,000 or 10, so the accountant is asked
// to type the number plainly instead (Go's ParseDecimal refuses them too).

import type { Decimal, InvoiceTax, TaxRate } from '../api';

/** What reading typed text gives: the value, or the sentence to show beside the field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** The largest amount a form may hold, in cents (Go's practice.MaxMoney). */
export const MAX_MONEY = 1_000_000_000_000;

/** The most digits after the point a decimal keeps (Go's practice.MaxDecimalPlaces). */
export const MAX_DECIMAL_PLACES = 6;

const SCALE = 10n ** BigInt(MAX_DECIMAL_PLACES);

const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** parseMoney reads an amount typed as money into cents: "150" → 15000,
 * "150.5" → 15050, "150.00" → 15000, ".05" → 5. It refuses commas, signs,
 * currency symbols, more than two decimals and amounts above MAX_MONEY. */
export function parseMoney(text: string): Parsed<number> {
  const t = text.trim();
  if (t === '') return fail('Enter an amount, e.g. 150.00.');
  if (t.includes(',')) return fail('Type the amount without commas, e.g. 1234.50.');
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return fail('Enter an amount such as 150.00 (digits and a point).');
  const frac = m[2] ?? '';
  if (frac.length > 2) return fail('An amount has at most two decimals (cents).');
  const digits = (m[1] + frac.padEnd(2, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 13 || BigInt(digits) > BigInt(MAX_MONEY)) return fail('This amount is too large.');
  return { ok: true, value: Number(digits) };
}

/** centsText writes cents as the plain text a money field holds: 15000 → "150.00", 5 → "0.05", -1050 → "-10.50". */
export function centsText(cents: number): string {
  if (!Number.isSafeInteger(cents)) return '';
  const abs = Math.abs(cents);
  const frac = abs % 100;
  const whole = (abs - frac) / 100;
  return `${cents < 0 ? '-' : ''}${whole}.${String(frac).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.NumberFormat | null>();

function formatter(currency: string): Intl.NumberFormat | null {
  const code = currency.trim().toUpperCase();
  if (!formatters.has(code)) {
    let f: Intl.NumberFormat | null = null;
    try {
      f = new Intl.NumberFormat(undefined, { style: 'currency', currency: code, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    } catch {
      f = null; // not a currency Intl knows: shown as "150.00 XYZ"
    }
    formatters.set(code, f);
  }
  return formatters.get(code) ?? null;
}

/** formatMoney shows cents in the firm's currency as the reader's locale
 * writes it: formatMoney(123450, 'USD') → "$1,234.50" in en-US. The only
 * float in money: cents / 100, for display. */
export function formatMoney(cents: number, currency: string): string {
  const f = formatter(currency || 'USD');
  return f ? f.format(cents / 100) : `${centsText(cents)} ${currency}`.trim();
}

/** parseDecimal reads a quantity or a percentage as Go's ParseDecimal does,
 * into its canonical text: " 1.50 " → "1.5", "3." → "3", "-0" → "0". It
 * refuses commas, more than six decimals, and more than twelve digits
 * before the point. */
export function parseDecimal(text: string): Parsed<Decimal> {
  let t = text.trim();
  if (t.includes(',')) return fail('Type the number with a point, not a comma, e.g. 1.5.');
  const neg = t.startsWith('-');
  if (neg || t.startsWith('+')) t = t.slice(1);
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return fail('Enter a number such as 1.5.');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if ((m[2] ?? '').length > MAX_DECIMAL_PLACES) return fail(`A number has at most ${MAX_DECIMAL_PLACES} decimals.`);
  const whole = m[1].replace(/^0+/, '');
  if (whole.length > 12) return fail('This number is too large.');
  let s = (whole || '0') + (frac ? '.' + frac : '');
  if (s === '0') return { ok: true, value: '0' };
  if (neg) s = '-' + s;
  return { ok: true, value: s };
}

/** scaled is a canonical decimal times 10^6, exactly. */
function scaled(d: Decimal): bigint {
  const p = parseDecimal(d);
  if (!p.ok) throw new Error(`not a decimal: ${d}`);
  const neg = p.value.startsWith('-');
  const [whole, frac = ''] = p.value.replace('-', '').split('.');
  const v = BigInt(whole) * SCALE + BigInt(frac.padEnd(MAX_DECIMAL_PLACES, '0'));
  return neg ? -v : v;
}

/** unscaled writes a number times 10^6 back as canonical decimal text. */
function unscaled(v: bigint): Decimal {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const whole = abs / SCALE;
  const frac = (abs % SCALE).toString().padStart(MAX_DECIMAL_PLACES, '0').replace(/0+$/, '');
  const s = whole.toString() + (frac ? '.' + frac : '');
  return s === '0' ? '0' : (neg ? '-' : '') + s;
}

/** addDecimals sums decimals exactly: "0.1" + "0.2" is "0.3". */
export function addDecimals(...ds: Decimal[]): Decimal {
  return unscaled(ds.reduce((sum, d) => sum + scaled(d), 0n));
}

/** roundDiv is n / d rounded to a whole number, half away from zero (Go's RoundCents). */
function roundDiv(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let q = abs / d;
  if ((abs % d) * 2n >= d) q += 1n;
  return neg ? -q : q;
}

/** lineAmount is quantity × rate (cents), rounded to the cent, half away from zero (Go's LineAmount). */
export function lineAmount(quantity: Decimal, rate: number): number {
  return Number(roundDiv(scaled(quantity) * BigInt(rate), SCALE));
}

/** taxOn is percent % of an amount (cents), rounded to the cent the same way (Go's TaxOn). */
export function taxOn(amount: number, percent: Decimal): number {
  return Number(roundDiv(BigInt(amount) * scaled(percent), 100n * SCALE));
}

/** taxLabel names a rate as invoices do: "GST 5 %" (Go's TaxRate.Label). */
export function taxLabel(r: Pick<TaxRate, 'name' | 'percent'>): string {
  return r.name.includes('%') ? r.name : `${r.name} ${r.percent} %`;
}

/** A line as the invoice editor holds it: the quantity as Go's decimal text, the rate in cents. */
export interface LineFigures {
  quantity: Decimal;
  rate: number;
  taxRateId: number;
}

/** What an invoice adds up to (Go's Invoice.Compute). */
export interface Totals {
  amounts: number[];
  subtotal: number;
  taxes: InvoiceTax[];
  total: number;
}

/** computeTotals adds up lines as Go's Invoice.Compute does: each line's
 * amount rounded per line; each line's tax per rate (per component for a
 * combined rate) rounded per line, summed per rate; taxes in the order of
 * the rates' ids. A line naming a rate not in rates is left untaxed: Go
 * refuses it on save and says why. */
export function computeTotals(lines: LineFigures[], rates: Map<number, TaxRate>): Totals {
  const byRate = new Map<number, InvoiceTax>();
  const amounts: number[] = [];
  let subtotal = 0;
  for (const l of lines) {
    const amount = lineAmount(l.quantity, l.rate);
    amounts.push(amount);
    subtotal += amount;
    const r = l.taxRateId ? rates.get(l.taxRateId) : undefined;
    if (!r) continue;
    let t = byRate.get(r.id);
    if (!t) {
      const comps = r.components ?? [];
      t = { taxRateId: r.id, name: taxLabel(r), base: 0, amount: 0, parts: comps.length ? comps.map((c) => ({ name: c.name, percent: c.percent, amount: 0 })) : null };
      byRate.set(r.id, t);
    }
    t.base += amount;
    const comps = r.components ?? [];
    if (comps.length === 0) {
      t.amount += taxOn(amount, r.percent);
      continue;
    }
    comps.forEach((c, j) => {
      const part = taxOn(amount, c.percent);
      t.parts![j].amount += part;
      t.amount += part;
    });
  }
  const taxes = [...byRate.values()].sort((a, b) => a.taxRateId - b.taxRateId);
  return { amounts, subtotal, taxes, total: subtotal + taxes.reduce((s, t) => s + t.amount, 0) };
}
