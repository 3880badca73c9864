import { describe, expect, it } from 'vitest';
import { clock, plural, remaining, when } from './format';

describe('format', () => {
  it('shows a wait as m:ss', () => {
    expect(clock(161)).toBe('2:41');
    expect(clock(180)).toBe('3:00');
    expect(clock(0.2)).toBe('0:01');
    expect(clock(-3)).toBe('0:00');
  });

  it('says the time left as a person would', () => {
    expect(remaining(-1)).toBe('estimating the time left…');
    expect(remaining(0)).toBe('almost done');
    expect(remaining(12)).toBe('about 10 seconds left');
    expect(remaining(150)).toBe('about 3 minutes left');
    expect(remaining(60)).toBe('about 1 minute left');
  });

  it("shows no time for Go's zero time", () => {
    expect(when('0001-01-01T00:00:00Z')).toBe('');
    expect(when(null)).toBe('');
    expect(when('2026-03-01T10:00:00Z')).not.toBe('');
  });

  it('counts in words', () => {
    expect(plural(1, 'contact')).toBe('1 contact');
    expect(plural(1200, 'contact')).toBe(`${(1200).toLocaleString()} contacts`);
  });
});
