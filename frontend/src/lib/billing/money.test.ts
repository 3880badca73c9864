import { describe, expect, it } from 'vitest';
import {
  addDecimals,
  centsText,
  computeTotals,
  formatMoney,
  lineAmount,
  parseDecimal,
  parseMoney,
  taxLabel,
  taxOn,
} from './money';
import type { TaxRate } from '../api';

const value = <T>(p: { ok: true; value: T } | { ok: false; error: string }) => (p.ok ? p.value : `refused: ${p.error}`);

describe('parseMoney', () => {
  it('reads money as typed into exact cents', () => {
    expect(value(parseMoney('150.00'))).toBe(15000);
    expect(value(parseMoney('150'))).toBe(15000);
    expect(value(parseMoney(' 150.5 '))).toBe(15050);
    expect(value(parseMoney('.05'))).toBe(5);
    expect(value(parseMoney('0.10'))).toBe(10);
    expect(value(parseMoney('007.30'))).toBe(730);
    expect(value(parseMoney('10000000000'))).toBe(1_000_000_000_000);
  });

  it('never goes through a float: amounts a float would round read exactly', () => {
    // 0.29 * 100 is 28.999999999999996 in floating point; 1.005 * 100 is 100.49999999999999.
    expect(value(parseMoney('0.29'))).toBe(29);
    expect(value(parseMoney('4.35'))).toBe(435);
    expect(value(parseMoney('9999999999.99'))).toBe(999_999_999_999);
  });

  it('refuses commas either way they are meant, so neither is misread', () => {
    const thousands = parseMoney('1,234.50');
    expect(thousands.ok).toBe(false);
    expect(thousands.ok ? '' : thousands.error).toContain('without commas');
    expect(parseMoney('1,5').ok).toBe(false);
  });

  it('refuses what is not an amount of cents', () => {
    for (const t of ['', ' ', '.', 'abc', '$150', '-5', '+5', '1.005', '150.00.1', '1e3', '10000000000.01']) {
      expect(parseMoney(t).ok, t).toBe(false);
    }
  });
});

describe('centsText and formatMoney', () => {
  it('writes cents back as the text a field holds', () => {
    expect(centsText(15000)).toBe('150.00');
    expect(centsText(5)).toBe('0.05');
    expect(centsText(0)).toBe('0.00');
    expect(centsText(-1050)).toBe('-10.50');
    expect(centsText(999_999_999_999)).toBe('9999999999.99');
  });

  it('round-trips every amount it writes', () => {
    for (const c of [0, 1, 29, 435, 100, 123456, 999_999_999_999]) expect(value(parseMoney(centsText(c)))).toBe(c);
  });

  it("formats in the settings' currency with two decimals", () => {
    const en = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(1234.5);
    expect(formatMoney(123450, 'USD')).toBe(en);
    expect(formatMoney(123450, 'usd')).toBe(en);
    expect(formatMoney(29, 'EUR')).toBe(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(0.29));
    // A currency without cents still shows the cents Go keeps.
    expect(formatMoney(150, 'JPY')).toContain('1.50'.replace('.', (1.5).toLocaleString().charAt(1)));
  });

  it('falls back to the plain amount and code for a currency Intl does not know', () => {
    expect(formatMoney(15000, 'X1')).toBe('150.00 X1');
  });
});

describe('parseDecimal', () => {
  it('reads quantities and percentages into canonical text, as Go does', () => {
    expect(value(parseDecimal('1.50'))).toBe('1.5');
    expect(value(parseDecimal(' 8.25 '))).toBe('8.25');
    expect(value(parseDecimal('3.'))).toBe('3');
    expect(value(parseDecimal('.5'))).toBe('0.5');
    expect(value(parseDecimal('-2'))).toBe('-2');
    expect(value(parseDecimal('-0.0'))).toBe('0');
    expect(value(parseDecimal('0.000001'))).toBe('0.000001');
  });

  it('refuses commas, too many decimals and what is not a number', () => {
    for (const t of ['1,5', '1,000', '', '.', 'one', '0.0000001', '1e2', '1234567890123']) {
      expect(parseDecimal(t).ok, t).toBe(false);
    }
  });
});

describe('exact arithmetic', () => {
  it('adds decimals exactly: 0.1 + 0.2 is 0.3, never 0.30000000000000004', () => {
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(addDecimals('6', '1.25', '1')).toBe('8.25');
    expect(addDecimals('0.000001', '-0.000001')).toBe('0');
    expect(addDecimals()).toBe('0');
  });

  // The cases of Go's TestLineAmount_QuantityTimesRate_RoundedPerLine.
  it('computes a line as Go does: quantity × rate, rounded half away from zero', () => {
    const cases: [string, number, number][] = [
      ['1', 15000, 15000],
      ['1.5', 15000, 22500],
      ['0.25', 18001, 4500],
      ['0.5', 18001, 9001],
      ['0.333', 10000, 3330],
      ['0.3333', 10001, 3333],
      ['2.125', 1, 2],
      ['2.5', 1, 3],
      ['-2.5', 1, -3],
      ['0', 99999, 0],
    ];
    for (const [q, r, want] of cases) expect(lineAmount(q, r), `${q} × ${r}`).toBe(want);
  });

  // The cases of Go's TestTaxOn_PercentOfAmount_HalfCentCases.
  it('computes tax as Go does, at the half cents', () => {
    const cases: [number, string, number][] = [
      [10000, '5', 500],
      [10000, '8.25', 825],
      [1010, '5', 51],
      [1030, '5', 52],
      [1001, '13', 130],
      [1050, '13', 137],
      [-1050, '13', -137],
      [333, '6', 20],
    ];
    for (const [a, p, want] of cases) expect(taxOn(a, p), `${p} % of ${a}`).toBe(want);
  });
});

function rate(r: Partial<TaxRate> & { id: number }): TaxRate {
  return { name: 'Tax', percent: '0', components: null, archived: false, inUse: 0, createdAt: '', ...r };
}

describe('computeTotals', () => {
  const gst = rate({ id: 2, name: 'GST', percent: '5' });
  const ca = rate({
    id: 1,
    name: 'CA sales',
    percent: '8.25',
    components: [
      { name: 'State', percent: '6' },
      { name: 'County', percent: '1.25' },
      { name: 'City', percent: '1' },
    ],
  });
  const rates = new Map([gst, ca].map((r) => [r.id, r]));

  it('rounds per line, sums tax per rate, and lists a combined rate by its parts', () => {
    const t = computeTotals(
      [
        { quantity: '1.5', rate: 15000, taxRateId: 2 }, // 225.00, GST 11.25
        { quantity: '1', rate: 1010, taxRateId: 2 }, // 10.10, GST 0.505 → 0.51
        { quantity: '2', rate: 5000, taxRateId: 1 }, // 100.00: 6.00 + 1.25 + 1.00
        { quantity: '1', rate: 999, taxRateId: 0 }, // untaxed
      ],
      rates,
    );
    expect(t.amounts).toEqual([22500, 1010, 10000, 999]);
    expect(t.subtotal).toBe(34509);
    expect(t.taxes.map((x) => [x.taxRateId, x.name, x.base, x.amount])).toEqual([
      [1, 'CA sales 8.25 %', 10000, 825],
      [2, 'GST 5 %', 23510, 1176],
    ]);
    expect(t.taxes[0].parts?.map((p) => [p.name, p.amount])).toEqual([
      ['State', 600],
      ['County', 125],
      ['City', 100],
    ]);
    expect(t.taxes[1].parts).toBeNull();
    expect(t.total).toBe(34509 + 825 + 1176);
  });

  it('names a rate as Go does', () => {
    expect(taxLabel({ name: 'GST', percent: '5' })).toBe('GST 5 %');
    expect(taxLabel({ name: 'HST 13%', percent: '13' })).toBe('HST 13%');
  });
});
