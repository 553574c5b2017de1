import { describe, expect, it } from 'vitest';
import { checkSearch } from './urlGuard';

describe('query parameters', () => {
  it('keep what the app knows', () => {
    const search = '?lang=tr&scene=staging&seed=42&lesson=nginx&step=3&join=AB12-cd&bench=1';
    expect(checkSearch(search)).toEqual({ notices: [], search });
  });

  it('take out what it does not know, and say which', () => {
    const long = 'x'.repeat(8000);
    const { notices, search } = checkSearch(
      `?scene=${long}&lang=fr&seed=-1&lesson=valueOf&step=2&join=%3Cscript%3E&other=1`,
    );
    expect(notices.map((n) => n.param)).toEqual(['scene', 'lang', 'seed', 'lesson', 'join']);
    expect(notices[0]!.value).toBe(`${'x'.repeat(40)}…`);
    expect(search).toBe('?other=1');
  });

  it('a bad step keeps the lesson; every prototype name is an unknown value', () => {
    expect(checkSearch('?lesson=nginx&step=abc')).toEqual({
      notices: [{ param: 'step', value: 'abc' }],
      search: '?lesson=nginx',
    });
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      const { notices } = checkSearch(`?scene=${name}&lesson=${name}&lang=${name}`);
      expect(notices.map((n) => n.param)).toEqual(['scene', 'lang', 'lesson']);
    }
  });

  it('a refused value is shown without characters that could disguise it', () => {
    const { notices } = checkSearch(`?scene=${encodeURIComponent('\u202eevil\u0007')}`);
    expect(notices[0]!.value).toBe('evil');
  });

  it('the server\'s "address too long" redirect becomes a notice and leaves the address', () => {
    expect(checkSearch('?notice=too-long')).toEqual({ notices: [{ param: 'tooLong', value: '' }], search: '' });
    expect(checkSearch('?lang=en&notice=too-long').search).toBe('?lang=en');
    expect(checkSearch('?notice=other')).toEqual({ notices: [], search: '?notice=other' });
  });
});
