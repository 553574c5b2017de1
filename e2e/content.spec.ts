import { readFileSync } from 'node:fs';
import { test, expect } from './test';
import type { Glossary, Quiz } from '../src/core/lessons/types';

const quiz = JSON.parse(readFileSync(new URL('../src/content/quiz.json', import.meta.url), 'utf8')) as Quiz;
const glossary = JSON.parse(readFileSync(new URL('../src/content/glossary.json', import.meta.url), 'utf8')) as Glossary;
const term = (id: string) => glossary.terms.find((t) => t.id === id)!;

test.describe('content', () => {
  test('a lesson step with an action shows a human chip in Turkish, never a raw parameter', async ({ page }) => {
    await page.goto('./?lang=tr&lesson=performance&step=2');
    const card = page.getByRole('region', { name: 'Ders' });
    // Lessons load on demand: give a busy machine time to bring the card up.
    await expect(card).toBeVisible({ timeout: 20_000 });
    await expect(card.locator('.lesson-card__action')).toHaveText(/Redis · Cache isabet oranı: %95/);
    await expect(card).not.toContainText('hitRatio');
    // Load balancing by its Turkish name, not lbMethod = least_conn.
    await page.goto('./?lang=tr&lesson=load-balancing&step=3');
    await expect(card).toContainText('3 / 6', { timeout: 20_000 });
    await expect(card.locator('.lesson-card__action')).toHaveText(/Yük dengeleme: En az bağlantı/);
  });

  test('a narration names the Step button as the toolbar does', async ({ page }) => {
    await page.goto('./?lang=tr&lesson=lifecycle&step=7');
    const card = page.getByRole('region', { name: 'Ders' });
    await expect(card).toBeVisible({ timeout: 20_000 });
    const label = (await page.getByRole('button', { name: /^Adım/ }).first().innerText()).replace(/^\W+/, '').trim();
    await expect(card.locator('.lesson-card__narration')).toContainText(`${label} düğmesini`);
  });

  test('predict first: the question comes before the step, the next press reveals it', async ({ page }) => {
    await page.goto('./?lang=en&lesson=first-deploy&step=1');
    const card = page.getByRole('region', { name: 'Lesson' });
    await expect(card).toContainText('1 / 14', { timeout: 20_000 });
    await card.getByRole('button', { name: /Next/ }).click();
    await expect(card.getByRole('heading', { name: 'Predict first' })).toBeVisible();
    await expect(card).toContainText('what does the user see?');
    await expect(card).toContainText('1 / 14');
    await card.getByRole('button', { name: /Reveal/ }).click();
    await expect(card.getByRole('heading', { name: 'collectstatic forgotten' })).toBeVisible();
    await expect(card).toContainText('2 / 14');
    await expect(card.locator('.lesson-card__action')).toContainText('collectstatic forgotten');
  });

  test('the interview view steps question → answer → next question with the keyboard', async ({ page }) => {
    await page.goto('./?lang=en');
    await page.getByRole('button', { name: 'Quiz', exact: true }).click();
    await page.getByRole('button', { name: 'Interview questions (projector)' }).click();
    const view = page.getByRole('dialog', { name: 'Interview questions' });
    const stage = view.getByRole('region', { name: 'Interview question' });
    const questions = quiz.questions.filter((q) => q.interview);
    const [first, second] = [questions[0]!, questions[1]!];
    await expect(stage.getByRole('heading', { name: first.prompt.en })).toBeVisible();
    await expect(stage).toContainText(`Question 1 of ${questions.length}`);
    await expect(stage).not.toContainText(first.choices[first.answer]!.en);
    await page.keyboard.press('ArrowRight');
    await expect(stage).toContainText(first.choices[first.answer]!.en);
    await expect(stage).toContainText(first.explanation.en);
    await page.keyboard.press('Space');
    await expect(stage.getByRole('heading', { name: second.prompt.en })).toBeVisible();
    await expect(stage).not.toContainText(second.choices[second.answer]!.en);
    await page.keyboard.press('ArrowLeft');
    await expect(stage.getByRole('heading', { name: first.prompt.en })).toBeVisible();
    await expect(stage).toContainText(first.choices[first.answer]!.en);
    await page.keyboard.press('Escape');
    await expect(view).toBeHidden();
  });

  test('hovering p95 shows its definition from the glossary; keyboard focus does too', async ({ page }) => {
    await page.goto('./?lang=en');
    const metrics = page.getByRole('region', { name: 'Metrics' });
    await expect(metrics).toContainText(/p95 latency\s*\d/);
    await metrics.getByText('p95 latency').hover();
    const tip = page.getByRole('tooltip');
    await expect(tip).toContainText(term('p95').en.def);
    await page.mouse.move(5, 700);
    await expect(tip).toBeHidden();
    const throughput = metrics.locator('[data-term="throughput"]');
    await throughput.focus();
    await expect(page.getByRole('tooltip')).toContainText(term('throughput').en.def);
    await expect(throughput).toHaveAttribute('aria-describedby', /.+/);
  });

  test('the glossary is searchable in both languages', async ({ page }) => {
    await page.goto('./?lang=tr');
    await page.getByRole('button', { name: 'Dersler', exact: true }).click();
    await page.getByRole('button', { name: 'Sözlük' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sözlük' });
    const list = dialog.getByRole('definition');
    await expect(list).toHaveCount(glossary.terms.length);
    await dialog.getByLabel(/Sözlükte ara/).fill('scale out');
    await expect(dialog.locator('[data-term="scale-out"]')).toContainText('Yatay ölçekleme');
    await expect(dialog.locator('[data-term="scale-out"]')).toContainText('Horizontal scaling');
  });

  test('the 45-minute class lists its lessons with minutes', async ({ page }) => {
    await page.goto('./?lang=en');
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Course lessons' });
    await dialog.getByRole('button', { name: '45-minute class' }).click();
    await expect(dialog.getByRole('listitem')).toHaveCount(11);
    await expect(dialog).toContainText('45 minutes in all');
    await expect(dialog.getByRole('listitem').filter({ hasText: 'First deploy mistakes' })).toContainText('7 min');
  });
});
