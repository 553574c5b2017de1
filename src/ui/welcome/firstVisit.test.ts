import { describe, expect, it } from 'vitest';
import { shouldWelcome } from './firstVisit';

const fresh = { search: '', hash: '', keys: [] as string[] | null, robot: false };

describe('first-visit welcome', () => {
  it('greets a first visit, and never a returning one', () => {
    expect(shouldWelcome(fresh)).toBe(true);
    expect(shouldWelcome({ ...fresh, search: '?lang=en', keys: ['other-site'] })).toBe(true);
    expect(shouldWelcome({ ...fresh, keys: ['prodviz.welcome'] })).toBe(false);
    expect(shouldWelcome({ ...fresh, keys: ['prodviz.lang'] })).toBe(false);
  });

  it('stays away from deep links, unreadable storage and test robots', () => {
    for (const search of ['?scene=local', '?lesson=nginx&step=2', '?join=ABC', '?notes=1', '?present=1'])
      expect(shouldWelcome({ ...fresh, search }), search).toBe(false);
    expect(shouldWelcome({ ...fresh, hash: '#doc=abc' })).toBe(false);
    expect(shouldWelcome({ ...fresh, keys: null })).toBe(false);
    expect(shouldWelcome({ ...fresh, robot: true })).toBe(false);
  });
});
