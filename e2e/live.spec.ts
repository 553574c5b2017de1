import { test, expect } from './test';
import type { Browser, Page } from '@playwright/test';
import { startAppServer, type AppServer } from './liveServer';

/**
 * A live class through the real server (`npm start`): a teacher and two students in separate
 * browser contexts. Join by link, follow presenter steps, answer, reveal, break away and come
 * back, a server restart mid-class, and a student who tries to drive.
 */
let server: AppServer;
test.beforeAll(async () => {
  server = await startAppServer();
});
test.afterAll(async () => {
  await server?.stop();
});

const lessonCounter = (page: Page) => page.getByRole('region', { name: 'Lesson' }).locator('.lesson-card__counter');
const status = (page: Page) => page.getByRole('region', { name: 'Live class' }).getByRole('status').first();

async function startClass(page: Page): Promise<string> {
  await page.goto(`${server.url}/?lang=en&lesson=wsgi`);
  await page.getByRole('button', { name: 'Live class' }).click();
  const panel = page.getByRole('region', { name: 'Live class' });
  await panel.getByRole('button', { name: 'Start a live class' }).click();
  await expect(panel.getByText('Connected', { exact: true })).toBeVisible();
  const link = await panel.getByRole('textbox', { name: 'Join link' }).inputValue();
  expect(link).toMatch(/\?join=[A-HJ-NP-Z2-9]{8}$/);
  await expect(panel.getByRole('img', { name: 'QR code of the join link' })).toBeVisible();
  return link;
}

async function joinAs(browser: Browser, link: string, nick: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${link}&lang=en`);
  const dialog = page.getByRole('dialog', { name: 'Join the live class' });
  await dialog.getByLabel('Nickname').fill(nick);
  await dialog.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByText(`Joined as ${nick}`)).toBeVisible();
  await expect(status(page)).toHaveText('Following the teacher');
  return { context, page };
}

test('two students follow the teacher, answer, see the reveal; answers survive a server restart', async ({ page: teacher, browser }) => {
  test.setTimeout(240_000); // three browsers and a server restart on a shared 2-core machine
  const errors: string[] = [];
  teacher.on('pageerror', (e) => errors.push(e.message));
  const link = await startClass(teacher);
  const a = await joinAs(browser, link, 'Ayşe');
  const b = await joinAs(browser, link, 'Burak');
  const panel = teacher.getByRole('region', { name: 'Live class' });
  await expect(panel.getByRole('heading', { name: '2 students' })).toBeVisible();

  // Two presenter steps reach both students.
  for (const s of [a.page, b.page]) await expect(lessonCounter(s)).toContainText('1 / 4');
  const card = teacher.getByRole('region', { name: 'Lesson' });
  await card.getByRole('button', { name: /Next/ }).click();
  for (const s of [a.page, b.page]) await expect(lessonCounter(s)).toContainText('2 / 4');
  await card.getByRole('button', { name: /Next/ }).click();
  for (const s of [a.page, b.page]) await expect(lessonCounter(s)).toContainText('3 / 4');

  // Ask the class: a dialog with radio choices on every student's screen.
  await panel.getByRole('button', { name: 'Ask the class' }).click();
  const question = teacher.getByRole('region', { name: 'Class question' });
  await expect(question.getByText('0 / 2 answered')).toBeVisible();
  for (const [i, s] of [a.page, b.page].entries()) {
    const dialog = s.getByRole('dialog');
    await expect(dialog.getByRole('radio')).not.toHaveCount(0);
    await dialog.getByRole('radio').nth(i).check();
    await dialog.getByRole('button', { name: 'Send answer' }).click();
    await expect(dialog.getByText('Your answer is in')).toBeVisible();
    await expect(dialog.getByRole('radio').first()).toBeDisabled();
  }
  await expect(question.getByText('2 / 2 answered')).toBeVisible();

  // The server restarts mid-class: every screen reconnects, the answers are still there.
  await server.restart();
  // Reconnecting waits for the new process and the client's back-off (at most 3 s).
  await expect(panel.getByText('Connected', { exact: true })).toBeVisible({ timeout: 30_000 });
  for (const s of [a.page, b.page]) await expect(status(s)).toHaveText('Following the teacher', { timeout: 30_000 });
  await expect(question.getByText('2 / 2 answered')).toBeVisible();

  await question.getByRole('button', { name: 'Reveal' }).click();
  await expect(question.getByText('Correct answer')).toBeVisible();
  await expect(question.getByText('1 votes')).toHaveCount(2);

  // Student i chose choice i: the feedback follows the answer the teacher revealed.
  const choices = question.locator('.live-question__choice');
  const correct = await choices.evaluateAll((els) => els.findIndex((e) => e.classList.contains('live-question__choice--right')));
  expect(correct).toBeGreaterThanOrEqual(0);
  for (const [i, s] of [a.page, b.page].entries()) {
    const feedback = s.getByRole('dialog').locator('.live-answer__feedback');
    if (i === correct) await expect(feedback).toHaveText('Right!');
    else await expect(feedback).toHaveText(/^Not this time/);
  }
  for (const s of [a.page, b.page]) await s.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await question.getByRole('button', { name: 'Hide' }).click();
  await expect(question).toBeHidden();

  // A student breaks away (pans the canvas) and comes back.
  await a.page.locator('.react-flow__pane').click({ position: { x: 30, y: 200 } });
  await expect(status(a.page)).toHaveText('Exploring on your own');
  await a.page.getByRole('region', { name: 'Lesson' }).getByRole('button', { name: /Previous/ }).click();
  await expect(lessonCounter(a.page)).toContainText('2 / 4');
  await card.getByRole('button', { name: /Next/ }).click();
  await expect(lessonCounter(b.page)).toContainText('4 / 4');
  await expect(lessonCounter(a.page)).toContainText('2 / 4');
  // Their own step never reached the class.
  await expect(lessonCounter(teacher)).toContainText('4 / 4');
  await a.page.getByRole('button', { name: 'Follow the teacher again' }).click();
  await expect(status(a.page)).toHaveText('Following the teacher');
  await expect(lessonCounter(a.page)).toContainText('4 / 4');

  // End: the leaderboard counts the answers given before the restart.
  await panel.getByRole('button', { name: 'End class' }).click();
  const board = panel.locator('.live-board');
  await expect(board.getByRole('listitem')).toHaveCount(2);
  const rights = [0, 1].filter((i) => i === correct).length;
  await expect(board).toContainText(`${rights} right of 1`);
  await expect(board).toContainText('0 right of 1');
  const download = teacher.waitForEvent('download');
  await panel.getByRole('button', { name: 'Answers (CSV)' }).click();
  const csv = await (await download).createReadStream();
  let text = '';
  for await (const chunk of csv) text += chunk;
  expect(text).toContain('Ayşe');
  expect(text).toContain('Burak');
  await expect(a.page.getByRole('region', { name: 'Live class' })).toContainText('The class has ended');
  expect(errors).toEqual([]);
  await a.context.close();
  await b.context.close();
});

test('a student cannot drive the class; garbage on the socket is dropped', async ({ page: teacher, browser }) => {
  const link = await startClass(teacher);
  const s = await joinAs(browser, link, 'Deniz');
  const code = new URL(link).searchParams.get('join')!;

  // The student's browser writes straight into its copy of the class document and sends
  // teacher-only messages; nothing reaches the teacher.
  await s.page.evaluate(async (code) => {
    const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/live`);
    await new Promise((r) => ws.addEventListener('open', r));
    ws.send('garbage');
    ws.send(new Uint8Array([255, 255, 255, 255, 1, 2, 3]));
    const name = new TextEncoder().encode(`class:${code}`);
    ws.send(new Uint8Array([name.length, ...name, 6, 4, 115, 112, 97, 109])); // broadcast "spam"
    ws.send(new Uint8Array(200_000));
  }, code);
  const card = teacher.getByRole('region', { name: 'Lesson' });
  await card.getByRole('button', { name: /Next/ }).click();
  await expect(lessonCounter(s.page)).toContainText('2 / 4');
  // Breaking away and stepping ahead stays on the student's screen.
  await s.page.getByRole('region', { name: 'Lesson' }).getByRole('button', { name: /Next/ }).click();
  await expect(status(s.page)).toHaveText('Exploring on your own');
  await expect(lessonCounter(s.page)).toContainText('3 / 4');
  await card.getByRole('button', { name: /Previous/ }).click();
  await expect(lessonCounter(teacher)).toContainText('1 / 4');
  await expect(lessonCounter(s.page)).toContainText('3 / 4');
  // The class still works for everyone.
  await s.page.getByRole('button', { name: 'Follow the teacher again' }).click();
  await expect(lessonCounter(s.page)).toContainText('1 / 4');
  await s.context.close();
});
