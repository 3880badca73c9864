import { describe, expect, it } from 'vitest';
import { fixHref, syncHref, syncView } from './routes';

describe('sync routes', () => {
  it('reads and writes the views', () => {
    expect(syncView('duplicates')).toBe('duplicates');
    expect(syncView('')).toBe('overview');
    expect(syncView('nonsense')).toBe('overview');
    expect(syncHref('overview')).toBe('#/sync');
    expect(syncHref('errors')).toBe('#/sync/errors');
  });

  it('sends each error to the screen where its fix is made', () => {
    expect(fixHref('contacts')?.href).toBe('#/contacts');
    expect(fixHref('clients')?.href).toBe('#/sync/clients');
    expect(fixHref('settings')?.href).toBe('#/settings');
    expect(fixHref('quickbooks')).toBeNull();
  });
});
