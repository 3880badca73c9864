import { describe, expect, it } from 'vitest';
import { ApiError, errorText, toApiError } from './errors';

describe('errorText', () => {
  it('shows the sentence Go wrote', () => {
    expect(errorText(new ApiError('unavailable', 'QuickBooks is busy. Try again in a minute.'))).toBe(
      'QuickBooks is busy. Try again in a minute.',
    );
    expect(errorText({ code: 'invalid', message: 'Enter a name.', fields: { name: 'Required.' } })).toBe('Enter a name.');
  });

  it('says Ledgerlink could not be reached when the transport failed', () => {
    expect(errorText(new TypeError('Failed to fetch'))).toBe('Ledgerlink could not be reached: Failed to fetch');
  });

  it('never shows a raw object or undefined', () => {
    expect(errorText(undefined)).toBe('Something went wrong inside Ledgerlink. Please try again.');
    expect(errorText(42)).not.toContain('42');
  });

  it('keeps field problems for forms', () => {
    const e = toApiError('{"code":"invalid","message":"Not saved.","fields":{"email":"Enter an email address."}}');
    expect(e.field('email')).toBe('Enter an email address.');
    expect(errorText(e)).toBe('Not saved.');
  });
});
