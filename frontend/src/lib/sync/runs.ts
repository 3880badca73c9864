// Runs and their progress in words.
import type { SyncCounts, SyncPhase, SyncProgress, SyncRun, SyncRunStatus, SyncTrigger } from '../api';
import { remaining } from '../format';

const phases: Record<SyncPhase, string> = {
  reading: 'Reading customers from QuickBooks',
  local: 'Checking contacts in Ledgerlink',
  sending: 'Sending changes to QuickBooks',
  done: 'Finishing',
};

const statuses: Record<SyncRunStatus, string> = {
  running: 'Running',
  done: 'Done',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

const triggers: Record<SyncTrigger, string> = {
  manual: 'Sync Now',
  background: 'Background sync',
  cli: 'Command line',
  retry: 'Retry',
  push: 'Push to QuickBooks',
};

export const phaseLabel = (p: SyncPhase) => phases[p] ?? p;
export const statusLabel = (s: SyncRunStatus) => statuses[s] ?? s;
export const triggerLabel = (t: SyncTrigger) => triggers[t] ?? t;

/** progressText says where a run is: "Reading customers from QuickBooks: 20 of 40, about 1 minute left". */
export function progressText(p: SyncProgress | null): string {
  if (!p) return 'Starting…';
  let s = phaseLabel(p.phase);
  if (p.phase === 'done') return s + '…';
  if (p.total > 0) s += `: ${p.done.toLocaleString()} of ${p.total.toLocaleString()}`;
  else if (p.done > 0) s += `: ${p.done.toLocaleString()}`;
  return `${s}, ${remaining(p.remainingSeconds)}`;
}

/** The counts a run shows, in the order they are read. */
export const countLabels: { key: keyof SyncCounts; label: string }[] = [
  { key: 'read', label: 'Customers read' },
  { key: 'linked', label: 'Linked to existing contacts' },
  { key: 'created', label: 'Contacts created' },
  { key: 'updatedLocal', label: 'Contacts updated from QuickBooks' },
  { key: 'updatedQbo', label: 'Customers updated from Ledgerlink' },
  { key: 'pushed', label: 'Customers created from contacts' },
  { key: 'duplicates', label: 'Sent to Resolve Duplicates' },
  { key: 'conflicts', label: 'Conflicts' },
  { key: 'errors', label: 'Errors' },
  { key: 'listed', label: 'Listed, not imported' },
  { key: 'unchanged', label: 'Unchanged' },
];

/** countsSummary is a run's counts in one line, the zero ones left out. */
export function countsSummary(c: SyncCounts): string {
  const parts = countLabels.filter(({ key }) => c[key] > 0).map(({ key, label }) => `${label.toLowerCase()} ${c[key].toLocaleString()}`);
  return parts.length ? parts.join(' · ') : 'nothing to do';
}

/** runTitle names a run: "Sync Now #12" or "Dry run". */
export function runTitle(r: SyncRun): string {
  return `${r.dryRun ? 'Dry run' : triggerLabel(r.trigger)} #${r.id}`;
}
