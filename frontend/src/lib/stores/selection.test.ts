import { describe, expect, it } from 'vitest';
import { Selection } from './selection.svelte';

describe('Selection', () => {
  it('toggles ids and lists them in order', () => {
    const s = new Selection();
    s.toggle(5);
    s.toggle(2);
    s.toggle(9);
    s.toggle(5);
    expect(s.ids()).toEqual([2, 9]);
    expect(s.size).toBe(2);
    s.set(2, false);
    expect(s.has(2)).toBe(false);
    s.clear();
    expect(s.size).toBe(0);
  });
});
