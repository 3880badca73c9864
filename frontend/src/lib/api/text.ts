// Strings Go cannot take as text. A JavaScript string can hold half of a
// UTF-16 surrogate pair (pasted from elsewhere, or cut by a slice); JSON
// carries it as "\ud800", and decoding it in Go stores "�" in its place
// without a word. In browser mode Go refuses it itself; the desktop
// window's calls are decoded by Wails, out of Go's reach. So the api layer
// refuses such a string before sending it, in either mode, with the
// sentence Go's validator uses for text that is not text.
import { ApiError } from './errors';

/** The form fields' labels, by the last part of the field's name ("city" in
 * "physicalAddress.city"): a copy of Go's (backend/practice/text.go), held
 * to it by a Go test (app/labels_test.go). */
export const fieldLabels: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  primary: 'Phone number',
  mobile: 'Phone number',
  other: 'Phone number',
  fax: 'Phone number',
  lines: 'Street line',
  city: 'City',
  region: 'Region',
  postalCode: 'Postal code',
  country: 'Country',
  search: 'Search',
};

/** isWellFormed reports whether s has no lone surrogate: every high one
 * (D800–DBFF) is followed by a low one (DC00–DFFF), and no low one stands
 * alone. (String.prototype.isWellFormed is missing from older WebKitGTK.) */
export function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1); // NaN past the end
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** illFormedField finds the first string in value that is not well formed
 * and returns the field it is in, named as Go names fields (object keys
 * joined by dots, array positions left out: "mailingAddress.lines"; '' for
 * a bare string or an object key), or null when every string is fine. */
export function illFormedField(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return isWellFormed(value) ? null : path.join('.');
  if (Array.isArray(value)) {
    for (const v of value) {
      const f = illFormedField(v, path);
      if (f !== null) return f;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!isWellFormed(k)) return '';
      const f = illFormedField(v, [...path, k]);
      if (f !== null) return f;
    }
  }
  return null;
}

/** invalidTextError is Go's refusal of text that is not text (practice.InvalidText). */
export function invalidTextError(field: string): ApiError {
  const label = field === '' ? 'This text' : (fieldLabels[field.slice(field.lastIndexOf('.') + 1)] ?? `The field "${field}"`);
  const message = `${label} contains characters that are not valid text.`;
  return new ApiError('invalid', message, field === '' ? {} : { [field]: message });
}
