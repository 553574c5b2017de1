import { test, expect } from './test';
import type { Page } from '@playwright/test';

/** A Gunicorn access log with %(D)s: pages alternate 40 and 60 ms, a fifth are static files. */
function gunicornLog(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const isStatic = i % 5 === 4;
    const path = isStatic ? '/static/app.css' : '/products/';
    const us = isStatic ? 900 : i % 2 === 0 ? 40_000 : 60_000;
    out.push(`10.0.0.11 - - [27/Nov/2026:10:00:00 +0000] "GET ${path} HTTP/1.0" 200 512 "-" "Mozilla/5.0" ${us}`);
  }
  return out.join('\n') + '\n';
}

interface SavedNode {
  kind: string;
  params?: { serviceMs?: number; serviceCv?: number };
}

/** The Django nodes of the autosaved production document. */
async function savedDjango(page: Page): Promise<SavedNode[]> {
  return page.evaluate(() => {
    const raw = localStorage.getItem('prodviz.doc.production');
    if (!raw) return [];
    const doc = JSON.parse(raw) as { topology?: { nodes?: SavedNode[] } };
    return (doc.topology?.nodes ?? []).filter((n) => n.kind === 'django');
  });
}

async function openDialog(page: Page) {
  await page.goto('./?lang=en&scene=production');
  await page.locator('.react-flow__node[data-kind="django"]').first().click();
  await page.getByRole('button', { name: 'Use your own numbers (access log)' }).click();
  return page.getByRole('dialog', { name: 'Use your own numbers' });
}

test('an access log is fitted in a worker and applied to every Django node', async ({ page }) => {
  const dialog = await openDialog(page);
  await dialog.getByTestId('log-file').setInputFiles({
    name: 'access.log',
    mimeType: 'text/plain',
    buffer: Buffer.from(gunicornLog(500)),
  });
  // 400 pages at a mean of 50 ms and 100 static files: the fit table shows both groups.
  const pages = dialog.getByRole('row', { name: /Pages \(GET\)/ });
  await expect(pages).toContainText('400');
  await expect(pages).toContainText('50.0 ms');
  await expect(dialog.getByRole('row', { name: /Static files/ })).toContainText('20.0 %');
  await dialog.getByRole('button', { name: 'Apply to the diagram' }).click();
  await expect(dialog.getByRole('status')).toContainText('Applied');
  // Django's time is the mean less the modelled queries (2 × 3 ms); CV 0.2 (40/60 ms alternating).
  await expect
    .poll(async () => (await savedDjango(page)).map((n) => n.params?.serviceMs))
    .toEqual([44, 44]);
  expect((await savedDjango(page)).every((n) => n.params?.serviceCv === 0.2)).toBe(true);
});

test('a malformed log gets a clear message and changes nothing', async ({ page }) => {
  const dialog = await openDialog(page);
  const before = await page.evaluate(() => localStorage.getItem('prodviz.doc.production'));
  await dialog.getByTestId('log-file').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('this is not a log\nneither is this\n'),
  });
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('No line of this file is an access-log line');
  await expect(alert).toContainText('this is not a log');
  await expect(alert).toContainText('Nothing in the diagram has changed.');
  await expect(dialog.getByRole('button', { name: 'Apply to the diagram' })).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('prodviz.doc.production'))).toBe(before);
});
