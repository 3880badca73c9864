// How times and waits read on screen.

const dateTimeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** when shows a time Go sent; '' for none (Go's zero time is year 1). */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d.getTime()) || d.getUTCFullYear() < 1970 ? '' : dateTimeFmt.format(d);
}

/** clock shows a wait as m:ss ("2:41"). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** remaining says how long a run still needs, as a person would. */
export function remaining(seconds: number): string {
  if (seconds < 0) return 'estimating the time left…';
  if (seconds === 0) return 'almost done';
  if (seconds < 60) return `about ${Math.max(5, Math.round(seconds / 5) * 5)} seconds left`;
  const min = Math.round(seconds / 60);
  return `about ${min} ${min === 1 ? 'minute' : 'minutes'} left`;
}

/** plural says "1 contact" or "3 contacts". */
export function plural(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
