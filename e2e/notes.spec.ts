import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './test';

/**
 * The presenter notes window (issue 11): opened from presenter mode, it follows the stage and
 * moves it, over a BroadcastChannel between two windows of the same app.
 */
test.use({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });

test('notes window follows the stage, and its Next moves the stage', async ({ page, context }) => {
  test.setTimeout(60_000);
  // reverse-proxy has no "predict first" step: every press moves one step.
  await page.goto('./?lang=en&lesson=reverse-proxy&step=1&present=1');
  const stage = page.getByRole('region', { name: 'Presenter' });
  await expect(stage).toBeVisible({ timeout: 20_000 });
  await expect(stage.locator('.presenter__counter')).toContainText('1 /');

  const opened = context.waitForEvent('page');
  await stage.getByRole('button', { name: 'Notes' }).click();
  const notes = await opened;
  await expect(notes).toHaveURL(/[?&]notes=1/);
  const main = notes.getByRole('main', { name: 'Presenter notes' });
  await expect(main).toBeVisible({ timeout: 20_000 });
  const now = notes.getByRole('region', { name: 'On the screen now' });
  const next = notes.getByRole('region', { name: 'Next' });
  const title = now.locator('.notes__step');
  await expect(title).toHaveText('Client → Proxy → Backend');
  await expect(next).toContainText('The client never sees Django');
  await expect(notes.getByRole('timer')).toBeVisible();
  const axe = await new AxeBuilder({ page: notes }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // A step on the stage → the notes show it (and the one after it).
  await page.bringToFront();
  await page.keyboard.press('ArrowRight');
  await expect(stage.locator('.presenter__counter')).toContainText('2 /');
  await expect(title).toHaveText('The client never sees Django');
  await expect(main).toContainText('2 / 5');

  // Next in the notes window → the stage moves.
  await notes.getByRole('button', { name: /^Next/ }).click();
  await expect(stage.locator('.presenter__counter')).toContainText('3 /');
  await expect(title).toHaveText('Forward or reverse?');
  await notes.getByRole('button', { name: /^Previous/ }).click();
  await expect(stage.locator('.presenter__counter')).toContainText('2 /');

  // The stage leaves presenter mode → the notes say the presentation ended.
  await page.bringToFront();
  await page.keyboard.press('Escape');
  await expect(stage).toBeHidden();
  await expect(notes.getByRole('status')).toContainText('presentation ended');
  await expect(notes.getByRole('button', { name: /^Next/ })).toBeDisabled();
});
