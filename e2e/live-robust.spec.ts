import { test, expect } from './test';
import { startAppServer, type AppServer } from './liveServer';
import { fillStorage } from './storage';

/**
 * Issue 16, item 5 for the live class: a student following the teacher whose own work is not
 * safely saved (browser storage full) is asked before the teacher's lesson replaces it.
 * "Keep my work" keeps it and stops following; following again asks again.
 */
let server: AppServer;
test.beforeAll(async () => {
  server = await startAppServer();
});
test.afterAll(async () => {
  await server?.stop();
});

test('a following student is asked before the teacher’s lesson replaces unsaved work', async ({ page: teacher, browser }) => {
  test.setTimeout(120_000);
  await teacher.goto(`${server.url}/?lang=en&scene=production`);
  await teacher.getByRole('button', { name: 'Live class' }).click();
  const panel = teacher.getByRole('region', { name: 'Live class' });
  await panel.getByRole('button', { name: 'Start a live class' }).click();
  await expect(panel.getByText('Connected', { exact: true })).toBeVisible();
  const link = await panel.getByRole('textbox', { name: 'Join link' }).inputValue();

  const context = await browser.newContext();
  const student = await context.newPage();
  const errors: string[] = [];
  student.on('pageerror', (e) => errors.push(e.message));
  await student.addInitScript(() => localStorage.setItem('prodviz.editor', '1'));
  await fillStorage(student);
  await student.goto(`${link}&lang=en`);
  const join = student.getByRole('dialog', { name: 'Join the live class' });
  await join.getByLabel('Nickname').fill('Ayşe');
  await join.getByRole('button', { name: 'Join' }).click();
  const status = student.getByRole('region', { name: 'Live class' }).getByRole('status').first();
  await expect(status).toHaveText('Following the teacher');

  const sqlite = student.locator('.react-flow__node[data-kind="sqlite"]');
  await student.getByRole('region', { name: 'Components' }).getByRole('button', { name: 'Add SQLite' }).click();
  await expect(student.getByRole('alert').filter({ hasText: 'Browser storage is full' })).toBeVisible();
  await expect(sqlite).toHaveCount(1);
  if ((await status.textContent()) !== 'Following the teacher')
    await student.getByRole('button', { name: 'Follow the teacher again' }).click();
  await expect(status).toHaveText('Following the teacher');

  // The teacher starts a lesson on Production.
  await teacher.getByRole('button', { name: 'Lessons', exact: true }).click();
  await teacher.getByRole('dialog', { name: 'Course lessons' }).getByRole('button', { name: 'NGINX', exact: true }).click();
  await expect(teacher.getByRole('region', { name: 'Lesson' })).toBeVisible();

  const ask = student.getByRole('dialog', { name: 'Replace your work?' });
  await expect(ask).toContainText('Opening the live class replaces it');
  await ask.getByRole('button', { name: 'Keep my work' }).click();
  await expect(status).toHaveText('Exploring on your own');
  await expect(student.getByRole('region', { name: 'Lesson' })).toHaveCount(0);
  await expect(sqlite).toHaveCount(1);

  await student.getByRole('button', { name: 'Follow the teacher again' }).click();
  await ask.getByRole('button', { name: 'Replace it' }).click();
  await expect(student.getByRole('region', { name: 'Lesson' })).toBeVisible();
  await expect(sqlite).toHaveCount(0);
  expect(errors).toEqual([]);
  await context.close();
});
