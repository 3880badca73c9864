// Where the Sync area's views live (hash routes, so links can point at
// them), and where the fix of a sync error is made.
import type { SyncErrorScreen } from '../api';

export type SyncView = 'overview' | 'duplicates' | 'clients' | 'conflicts' | 'errors' | 'audit' | 'settings';

const views: SyncView[] = ['overview', 'duplicates', 'clients', 'conflicts', 'errors', 'audit', 'settings'];

/** syncHref is the address of a Sync view. */
export function syncHref(view: SyncView): string {
  return view === 'overview' ? '#/sync' : `#/sync/${view}`;
}

/** syncView reads the view from what follows #/sync/ ('' is the overview). */
export function syncView(sub: string): SyncView {
  return views.includes(sub as SyncView) ? (sub as SyncView) : 'overview';
}

/** fixHref is where the fix of an error on `screen` is made; null when it is made in QuickBooks itself. */
export function fixHref(screen: SyncErrorScreen): { href: string; label: string } | null {
  switch (screen) {
    case 'contacts':
      return { href: '#/contacts', label: 'Open Contacts' };
    case 'duplicates':
      return { href: syncHref('duplicates'), label: 'Open Resolve Duplicates' };
    case 'clients':
      return { href: syncHref('clients'), label: 'Open the Client List' };
    case 'conflicts':
      return { href: syncHref('conflicts'), label: 'Open Conflicts' };
    case 'settings':
      return { href: '#/settings', label: 'Open Settings' };
    case 'quickbooks':
      return null;
  }
}
