import { readFileSync } from 'node:fs';
import { test, expect } from './test';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { COURSE_SECTIONS, EXTRA_LESSONS, LESSON_IDS } from '../src/core/lessons/sections';
import type { Quiz } from '../src/core/lessons/types';

const quiz = JSON.parse(readFileSync(new URL('../src/content/quiz.json', import.meta.url), 'utf8')) as Quiz;

const counter = (page: Page) => page.getByRole('region', { name: 'Presenter' }).locator('.presenter__counter');

async function seriousViolations(page: Page, include: string) {
  const results = await new AxeBuilder({ page }).include(include).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

test.describe('classroom', () => {
  test('the lesson list names every section of the course, with progress', async ({ page }) => {
    await page.goto('./?lang=en');
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Course lessons' });
    await expect(dialog).toBeVisible();
    const list = dialog.getByRole('list', { name: 'Course lessons' });
    await expect(list.getByRole('listitem')).toHaveCount(LESSON_IDS.length);
    for (const s of [...COURSE_SECTIONS, ...EXTRA_LESSONS]) {
      await expect(list.getByRole('button', { name: s.name, exact: true })).toBeVisible();
    }
    expect(await seriousViolations(page, '.lessons-dialog')).toEqual([]);
    // Escape closes it and focus returns to the Lessons button.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Lessons', exact: true })).toBeFocused();

    // Starting a lesson and stepping records progress.
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await list.getByRole('button', { name: 'WSGI', exact: true }).click();
    const card = page.getByRole('region', { name: 'Lesson' });
    await expect(card).toContainText('1 / 4');
    await card.getByRole('button', { name: /Next/ }).click();
    await expect(card).toContainText('2 / 4');
    await expect(page).toHaveURL(/lesson=wsgi&step=2/);
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await expect(dialog.getByRole('progressbar', { name: 'Progress: WSGI' })).toHaveAttribute('aria-valuenow', '2');
    await expect(dialog.getByText('2 of 4 steps')).toBeVisible();
  });

  test('a deep link opens a lesson at a step, on its scene, with its nodes highlighted', async ({ page }) => {
    await page.goto('./?lang=en&lesson=nginx&step=3');
    const card = page.getByRole('region', { name: 'Lesson' });
    await expect(card).toContainText('3 / 7');
    await expect(card.getByRole('heading', { name: "Let's load it" })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Development' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('html[data-lesson-highlight="runserver"]')).toHaveCount(1);
    // The step's action started the traffic.
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  });

  test('presenter mode: keyboard and clicker keys step, Escape leaves, no drags', async ({ page }) => {
    await page.goto('./?lang=en&lesson=nginx&step=1');
    await expect(page.getByRole('region', { name: 'Lesson' })).toContainText('1 / 7');
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    const presenter = page.getByRole('region', { name: 'Presenter' });
    await expect(presenter).toBeVisible();
    await expect(counter(page)).toHaveText('Step 1 / 7');
    // Editing chrome is hidden.
    await expect(page.getByRole('button', { name: 'Lessons', exact: true })).toBeHidden();
    await expect(page.locator('.app')).toHaveClass(/presenting/);

    await page.keyboard.press('ArrowRight');
    await expect(counter(page)).toHaveText('Step 2 / 7');
    // Step 3 asks the class first: the question, then the step.
    await page.keyboard.press('Space');
    await expect(presenter.getByRole('heading', { name: 'Predict first' })).toBeVisible();
    await expect(counter(page)).toHaveText('Step 2 / 7');
    await page.keyboard.press('Space');
    await expect(counter(page)).toHaveText('Step 3 / 7');
    await page.keyboard.press('PageDown');
    await expect(counter(page)).toHaveText('Step 4 / 7');
    await page.keyboard.press('PageUp');
    await expect(counter(page)).toHaveText('Step 3 / 7');
    await page.keyboard.press('ArrowLeft');
    await expect(counter(page)).toHaveText('Step 2 / 7');
    await page.keyboard.press('End');
    await expect(counter(page)).toHaveText('Step 7 / 7');
    await page.keyboard.press('Home');
    await expect(counter(page)).toHaveText('Step 1 / 7');
    // Back before the lesson's first traffic action, the simulation waits; Space steps the
    // lesson, it does not start the simulation.
    await expect(page.locator('.transport__play')).not.toHaveClass(/is-playing/);
    await page.keyboard.press(' ');
    await expect(counter(page)).toHaveText('Step 2 / 7');
    await expect(page.locator('.transport__play')).not.toHaveClass(/is-playing/);
    await page.keyboard.press('Home');

    // B blanks the screen, B brings it back; K shows the laser pointer.
    await page.keyboard.press('b');
    await expect(page.locator('.presenter-blank')).toBeVisible();
    await page.keyboard.press('b');
    await expect(page.locator('.presenter-blank')).toBeHidden();
    await page.keyboard.press('k');
    await expect(page.locator('.laser-dot')).toBeAttached();
    await page.keyboard.press('k');
    await expect(page.locator('.laser-dot')).toHaveCount(0);

    // A drag on a node does not move it. Compare its position in the diagram (the node's own
    // transform), which a drag changes and a fit of the view (pan/zoom) does not.
    const node = page.locator('.react-flow__node[data-id="nginx"]');
    const flowPosition = () => node.evaluate((el) => (el as HTMLElement).style.transform);
    const positionBefore = await flowPosition();
    // Let the view finish fitting the stage, so the pointer lands on the node.
    await expect
      .poll(() =>
        page.locator('.react-flow__viewport').evaluate(
          (el) =>
            new Promise<boolean>((resolve) => {
              const t0 = (el as HTMLElement).style.transform;
              requestAnimationFrame(() =>
                requestAnimationFrame(() => resolve((el as HTMLElement).style.transform === t0)),
              );
            }),
        ),
      )
      .toBe(true);
    const box = await node.boundingBox();
    if (!box) throw new Error('nginx node not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 80, { steps: 6 });
    await page.mouse.up();
    expect(await flowPosition()).toBe(positionBefore);
    expect(positionBefore).toMatch(/translate\(/);

    expect(await seriousViolations(page, '.presenter')).toEqual([]);

    await page.keyboard.press('Escape');
    await expect(presenter).toBeHidden();
    await expect(page.getByRole('button', { name: 'Lessons', exact: true })).toBeVisible();
    await expect(page.locator('.app')).not.toHaveClass(/presenting/);
    // The lesson stays open at the same step, in the editing view.
    await expect(page.getByRole('region', { name: 'Lesson' })).toContainText('1 / 7');
  });

  test("a lesson step's action changes the live simulation", async ({ page }) => {
    await page.goto('./?lang=en&lesson=scaling&step=4');
    const card = page.getByRole('region', { name: 'Lesson' });
    await expect(card).toContainText('4 / 6');
    await expect(page.getByRole('tab', { name: 'Production' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('slider', { name: 'Requests per second' })).toHaveValue('250');
    await expect(page.locator('.react-flow__node[data-id="app2"]')).toHaveCount(0);
    await expect(page.locator('.react-flow__node[data-id="app3"]')).toHaveCount(0);
    // Next asks the class to predict; Reveal adds the servers — App server 3 appears and traffic reaches it.
    await card.getByRole('button', { name: /Next/ }).click();
    await expect(card.getByRole('heading', { name: 'Predict first' })).toBeVisible();
    await expect(page.locator('.react-flow__node[data-id="app3"]')).toHaveCount(0);
    await card.getByRole('button', { name: /Reveal/ }).click();
    await expect(card).toContainText('5 / 6');
    await expect(page.locator('.react-flow__node[data-id="app3"]')).toBeVisible();
    await expect(page.locator('.react-flow__node[data-id="app3-gunicorn"]')).toBeVisible();
    await page.getByRole('slider', { name: 'Speed' }).fill('7');
    await expect(page.getByRole('list', { name: 'Event log' }).getByText(/NGINX → Gunicorn/).first()).toBeVisible({
      timeout: 15_000,
    });
    // Back one step: the lesson replays to that point, so the third server goes away again.
    await card.getByRole('button', { name: /Previous/ }).click();
    await expect(card).toContainText('4 / 6');
    await expect(page.locator('.react-flow__node[data-id="app3"]')).toHaveCount(0);
  });

  test('stopping a component from a lesson shows it stopped', async ({ page }) => {
    await page.goto('./?lang=en&lesson=nginx&step=5');
    const card = page.getByRole('region', { name: 'Lesson' });
    await expect(card).toContainText('5 / 7');
    const nginx = page.locator('.react-flow__node[data-id="nginx"]');
    await expect(nginx).not.toContainText('stopped');
    await card.getByRole('button', { name: /Next/ }).click();
    await expect(card).toContainText('what do users see?');
    await expect(nginx).not.toContainText('stopped');
    await card.getByRole('button', { name: /Reveal/ }).click();
    await expect(card).toContainText('NGINX stopped');
    await expect(nginx).toContainText('stopped');
    await card.getByRole('button', { name: /Next/ }).click();
    await expect(nginx).not.toContainText('stopped');
  });

  test('the quiz checks answers, explains, scores and can be retried', async ({ page }) => {
    await page.goto('./?lang=en');
    await page.getByRole('button', { name: 'Quiz', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Quiz' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Questions' }).selectOption('interview');
    const questions = quiz.questions.filter((q) => q.interview);
    expect(questions.length).toBe(5);
    for (const [i, q] of questions.entries()) {
      await expect(dialog.getByText(`Question ${i + 1} of ${questions.length}`)).toBeVisible();
      await expect(dialog.getByRole('group', { name: q.prompt.en })).toBeVisible();
      const pick = i === 1 ? (q.answer + 1) % q.choices.length : q.answer; // the second one wrong
      await dialog.getByRole('radio', { name: q.choices[pick]!.en, exact: true }).check();
      await dialog.getByRole('button', { name: 'Check answer' }).click();
      if (i === 1) await expect(dialog.getByRole('status')).toContainText(`Not quite. The right answer is: ${q.choices[q.answer]!.en}.`);
      else await expect(dialog.getByRole('status')).toContainText('Correct!');
      await expect(dialog.getByRole('status')).toContainText(q.explanation.en);
      await expect(dialog.getByText(`Score: ${i === 0 ? 1 : i} / ${i + 1}`)).toBeVisible();
      if (i === 0) expect(await seriousViolations(page, '.quiz-dialog')).toEqual([]);
      await dialog.getByRole('button', { name: i === questions.length - 1 ? 'See my score' : 'Next question' }).click();
    }
    await expect(dialog.getByText('You answered 4 of 5 questions correctly.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Try again' }).click();
    await expect(dialog.getByText('Question 1 of 5')).toBeVisible();
    await expect(dialog.getByText('Score: 0 / 0')).toBeVisible();
  });

  test('Turkish: buttons, lesson and quiz speak Turkish', async ({ page }) => {
    await page.goto('./?lang=tr&lesson=gunicorn&step=3');
    await expect(page.getByRole('button', { name: 'Dersler', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sunum', exact: true })).toBeVisible();
    const card = page.getByRole('region', { name: 'Ders' });
    await expect(card.getByRole('heading', { name: 'Tek bir worker' })).toBeVisible();
    await expect(card).toContainText('sırada bekler');
  });

  test('after the first load the app, its lessons and its quiz work offline', async ({ page, context }) => {
    await page.goto('./?lang=en');
    await expect(page.getByRole('tab', { name: 'Production' })).toBeVisible();
    // The service worker has installed (precached everything) and is active.
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      if (!reg.active) throw new Error('no active service worker');
    });
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('tab', { name: 'Production' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Course lessons' });
    await expect(dialog.getByRole('button', { name: 'Summary', exact: true })).toBeVisible();
    await dialog.getByRole('button', { name: 'Docker Compose', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Lesson' })).toContainText('1 / 6');
    await page.getByRole('button', { name: 'Quiz', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Quiz' }).getByText(/Question 1 of \d+/)).toBeVisible();
    await context.setOffline(false);
  });
});
