// The contact fields kept in step with QuickBooks, as screens name and show
// them. Copies of Go's practice.SyncedFields and its labels, held to them by
// a Go test (app/vocabulary_test.go).
import type { Address, Contact, SyncedField } from '../api';

/** The synced fields in the order screens show them. */
export const syncedFields: SyncedField[] = [
  'name',
  'email',
  'phones.primary',
  'phones.mobile',
  'phones.other',
  'phones.fax',
  'physicalAddress',
  'mailingAddress',
];

/** How screens name a synced field (Go's practice.SyncedFieldLabel). */
export const syncedFieldLabels: Record<SyncedField, string> = {
  'name': 'Name',
  'email': 'Email',
  'phones.primary': 'Phone',
  'phones.mobile': 'Mobile phone',
  'phones.other': 'Other phone',
  'phones.fax': 'Fax',
  'physicalAddress': 'Physical address',
  'mailingAddress': 'Mailing address',
};

/** fieldLabel names any field, synced or not. */
export function fieldLabel(field: string): string {
  return syncedFieldLabels[field as SyncedField] ?? field;
}

/** addressLines shows an address as the lines of an envelope. */
export function addressLines(a: Address): string[] {
  const place = [a.city, a.region, a.postalCode].filter((s) => s !== '').join(' ');
  return [...(a.lines ?? []), place, a.country].filter((s) => s !== '');
}

/** addressTextLines shows an address Go sent as text (practice.Address.Text:
 * the street lines, a blank line, then city, region, postal code and
 * country one per line) as the lines of an envelope. */
export function addressTextLines(text: string): string[] {
  if (text === '') return [];
  const cut = text.indexOf('\n\n');
  const street = cut < 0 ? text : text.slice(0, cut);
  const [city = '', region = '', postalCode = '', country = ''] = cut < 0 ? [] : text.slice(cut + 2).split('\n');
  return addressLines({ lines: street === '' ? [] : street.split('\n'), city, region, postalCode, country });
}

/** fieldValue is one synced field of a contact as lines to show ([] when empty). */
export function fieldValue(c: Contact, field: SyncedField): string[] {
  switch (field) {
    case 'name':
      return nonEmpty(c.name);
    case 'email':
      return nonEmpty(c.email);
    case 'phones.primary':
      return nonEmpty(c.phones.primary);
    case 'phones.mobile':
      return nonEmpty(c.phones.mobile);
    case 'phones.other':
      return nonEmpty(c.phones.other);
    case 'phones.fax':
      return nonEmpty(c.phones.fax);
    case 'physicalAddress':
      return addressLines(c.physicalAddress);
    case 'mailingAddress':
      return addressLines(c.mailingAddress);
  }
}

/** textValue shows a synced field's value as Go sends it in conflicts and
 * the audit log (addresses as text) as lines. */
export function textValue(field: string, value: string): string[] {
  if (field === 'physicalAddress' || field === 'mailingAddress') return addressTextLines(value);
  return nonEmpty(value);
}

function nonEmpty(s: string): string[] {
  return s === '' ? [] : [s];
}
