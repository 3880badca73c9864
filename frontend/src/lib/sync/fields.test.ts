import { describe, expect, it } from 'vitest';
import { addressTextLines, fieldValue, textValue } from './fields';
import { emptyContact } from '../api';

describe('synced fields', () => {
  it("reads Go's address text as envelope lines", () => {
    // practice.Address.Text: street lines, a blank line, city, region, postal code, country.
    expect(addressTextLines('12 Harbour St\nLevel 2\n\nWellington\n\n6011\nNZ')).toEqual(['12 Harbour St', 'Level 2', 'Wellington 6011', 'NZ']);
    expect(addressTextLines('')).toEqual([]);
    expect(textValue('physicalAddress', '\n\nAuckland\n\n\n')).toEqual(['Auckland']);
    expect(textValue('email', '')).toEqual([]);
  });

  it("shows a contact's field", () => {
    const c = emptyContact(1);
    c.phones.mobile = '(808) 555-3333';
    c.mailingAddress = { lines: ['PO Box 4'], city: 'Hilo', region: 'HI', postalCode: '96720', country: '' };
    expect(fieldValue(c, 'phones.mobile')).toEqual(['(808) 555-3333']);
    expect(fieldValue(c, 'mailingAddress')).toEqual(['PO Box 4', 'Hilo HI 96720']);
    expect(fieldValue(c, 'email')).toEqual([]);
  });
});
