import { describe, expect, it } from 'vitest';
import { formErrors, fromForm, toForm } from './settingsForm';
import type { BillingSettings } from '../api';

const settings: BillingSettings = {
  firm: { name: 'Kauri & Co', lines: ['1 Queen Street', 'Auckland'], email: 'hello@kauri.example', phone: '' },
  currency: 'NZD',
  termsDays: 14,
  mail: { host: '', port: 587, username: '', from: '', fromName: '', security: 'starttls', certificate: '' },
  saveFolder: '/srv/invoices',
  numbering: { prefix: 'INV-', next: 42, digits: 4 },
  mailPasswordSaved: true,
};

describe('the billing settings form', () => {
  it('round-trips the settings, and sends no password unless a new one is typed', () => {
    const f = toForm(settings);
    expect(f.lines).toBe('1 Queen Street\nAuckland');
    const out = fromForm(f);
    expect(out.settings).toEqual(settings);
    expect('mailPassword' in (out.settings ?? {})).toBe(false);
    f.password = 's3cret';
    expect(fromForm(f).settings?.mailPassword).toBe('s3cret');
  });

  it('reads address lines and numbers as typed', () => {
    const f = toForm(settings);
    f.lines = '  2 Main St \n\n Wellington ';
    f.termsDays = ' 30 ';
    f.next = '100';
    f.port = '';
    const s = fromForm(f).settings!;
    expect(s.firm.lines).toEqual(['2 Main St', 'Wellington']);
    expect([s.termsDays, s.numbering.next, s.mail.port]).toEqual([30, 100, 0]);
  });

  it('names numbers it cannot read by the fields Go would name', () => {
    const f = toForm(settings);
    f.termsDays = '14.5';
    f.next = 'forty';
    f.port = '-1';
    expect(Object.keys(fromForm(f).errors ?? {}).sort()).toEqual(['mail.port', 'numbering.next', 'termsDays']);
  });

  it("puts Go's numbering problems under numbering, and leaves the others as Go names them", () => {
    expect(formErrors({ next: 'INV-0041 is already an invoice number.', 'mail.port': 'A port is 1 to 65535.', currency: 'Three letters.' })).toEqual({
      'numbering.next': 'INV-0041 is already an invoice number.',
      'mail.port': 'A port is 1 to 65535.',
      currency: 'Three letters.',
    });
  });
});
