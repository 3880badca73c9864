import { describe, expect, it } from 'vitest';
import { illFormedField, invalidTextError, isWellFormed } from './text';

describe('isWellFormed', () => {
  it('accepts text, surrogate pairs included', () => {
    for (const s of ['', 'Ada Lovelace', 'Zoë Ångström 株式会社', 'Receipts 🧾', '\ud83e\uddfe', '\\ud800']) {
      expect(isWellFormed(s), JSON.stringify(s)).toBe(true);
    }
  });

  it('refuses half a surrogate pair, wherever it is', () => {
    for (const s of ['\ud800', 'Lon\ud800don', 'x\udc00', '\udfff', '555 \ud83dA', 'Ada\ud83d', '\ude00\ud83d']) {
      expect(isWellFormed(s), JSON.stringify(s)).toBe(false);
    }
  });
});

describe('illFormedField', () => {
  it('names the field as Go does: keys joined by dots, array positions left out', () => {
    expect(illFormedField([{ name: 'Ada' }])).toBeNull();
    expect(illFormedField([{ mailingAddress: { lines: ['1 Main St', '\udc00'] } }])).toBe('mailingAddress.lines');
    expect(illFormedField(['Supplier \ud800'])).toBe('');
    expect(illFormedField([{ ['bad\ud800key']: 'x' }])).toBe('');
  });

  it('words the refusal as Go does, with the label of the field', () => {
    const err = invalidTextError('phones.mobile');
    expect(err.code).toBe('invalid');
    expect(err.message).toBe('Phone number contains characters that are not valid text.');
    expect(err.field('phones.mobile')).toBe(err.message);
    expect(invalidTextError('').message).toBe('This text contains characters that are not valid text.');
    expect(invalidTextError('clientId').message).toBe('The field "clientId" contains characters that are not valid text.');
  });
});
