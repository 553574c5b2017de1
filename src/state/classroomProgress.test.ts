import { afterAll, describe, expect, it, vi } from 'vitest';

describe('saved lesson progress', () => {
  afterAll(() => vi.unstubAllGlobals());
  it('is clamped per field on read ("-5 / 4" → "0 / 4"), unknown lessons dropped', async () => {
    const saved = JSON.stringify({
      nginx: { seen: -5, total: 4 },
      wsgi: { seen: 99, total: 3 },
      gunicorn: { seen: 1, total: -2 },
      valueOf: { seen: 1, total: 2 },
      linux: { seen: 'x', total: 2 },
    });
    vi.stubGlobal('localStorage', { getItem: () => saved, setItem: () => {} });
    const { useClassroomStore } = await import('./classroomStore');
    expect(useClassroomStore.getState().progress).toEqual({
      nginx: { seen: 0, total: 4 },
      wsgi: { seen: 3, total: 3 },
      gunicorn: { seen: 1, total: 1 },
    });
  });
});
