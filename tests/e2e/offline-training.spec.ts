import { test, expect, type Page } from '@playwright/test';
import { openApp, openTrainingRoom, expectAccessible, step } from './helpers';
import { escalatePhishing, runCheck, startScenario } from './training';

async function waitReadyOffline(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: 'Ready offline' })).toBeVisible({ timeout: 20_000 });
}

test('after one visit it works offline: a whole training scenario to its debrief', async ({ page, context }) => {
  // Both pages, each with its own service worker and cache, neither deleting the other's.
  await openApp(page);
  await waitReadyOffline(page);
  await openTrainingRoom(page);
  await waitReadyOffline(page);
  expect((await page.evaluate(() => caches.keys())).sort()).toEqual([
    expect.stringMatching(/^handoff-app-[0-9a-f]{16}$/),
    expect.stringMatching(/^handoff-training-[0-9a-f]{16}$/),
  ]);

  await context.setOffline(true);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'New case' }).first()).toBeVisible();
  await page.goto('/training/');
  await expect(page.getByRole('heading', { name: 'Training', level: 2 })).toBeVisible();

  await startScenario(page, 'Invoice phishing with a macro document');
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('Training: Invoice phishing with a macro document');
  // Every check that matters, and no dead end.
  for (const check of [
    'Open the EDR process tree on WS-ACC-113',
    'Trace the mail that carried the attachment',
    "Look up the age of the sender's domain",
    'Call hmorgan',
  ]) {
    await runCheck(page, check);
  }
  await expect(page.getByText('billing-notice.example was registered three days ago')).toBeVisible();
  await escalatePhishing(page, {
    analyst: 'Trainee',
    concerns: 'The child process is still running; eleven other recipients got the same mail.',
  });
  await step(page, 'Submit for scoring');
  await expect(page.getByRole('heading', { name: 'Debrief: 100 of 100 points' })).toBeVisible();
  await expect(page.getByText('Trainer\'s note:')).toBeVisible();
  await expectAccessible(page);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download session summary (Markdown)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('training-session.md');
  await context.setOffline(false);
});

test('a wrong call is scored lower and explained with the guide\'s rule', async ({ page }) => {
  await openTrainingRoom(page);
  await startScenario(page, 'An unsigned program calling out every minute');
  await step(page, 'Start L1 review');
  await page.getByRole('radio', { name: /^False Positive/ }).check();
  await step(page, 'Submit for scoring');
  const debrief = page.getByRole('region', { name: /Debrief/ });
  await expect(page.getByRole('heading', { name: /^Debrief: \d+ of 100 points$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Debrief: 100 of 100 points' })).toHaveCount(0);
  await expect(debrief).toContainText('Needs Review always means escalate');
});

test('served under a sub-path, it loads and goes offline too', async ({ browser }) => {
  const url = process.env.HANDOFF_SUBPATH_URL;
  test.skip(!url, 'set by cargo xtask test');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url!);
  await expect(page.getByRole('heading', { name: 'Handoff', level: 1 })).toBeVisible();
  await waitReadyOffline(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('button', { name: 'New case' }).first()).toBeVisible();
  // The training room under the same sub-path, through the analyst's link.
  await context.setOffline(false);
  await page.getByRole('link', { name: 'Open the training room' }).click();
  await expect(page).toHaveURL(`${url}training/`);
  await waitReadyOffline(page);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('button', { name: 'Show the scenario library' }).click();
  const { readFileSync } = await import('node:fs');
  const index = JSON.parse(readFileSync(`${process.env.HANDOFF_SUBPATH_DIR}/training/scenarios/index.json`, 'utf8'));
  await expect(page.getByRole('button', { name: /^Start scenario: / })).toHaveCount(index.scenarios.length);
  await context.close();
});

test('a new build waits for the analyst, then replaces the old cache whole', async ({ browser }) => {
  const url = process.env.HANDOFF_SUBPATH_URL;
  const dir = process.env.HANDOFF_SUBPATH_DIR;
  test.skip(!url || !dir, 'set by cargo xtask test');
  const { readFileSync, writeFileSync } = await import('node:fs');
  const swPath = `${dir}/sw.js`;
  const original = readFileSync(swPath, 'utf8');
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    // The training room first: its cache must outlive the analyst page's update.
    await page.goto(`${url}training/`);
    await waitReadyOffline(page);
    const room = await page.evaluate(() => caches.keys());
    expect(room).toEqual([expect.stringMatching(/^handoff-training-[0-9a-f]{16}$/)]);
    await page.goto(url!);
    await waitReadyOffline(page);
    const before = (await page.evaluate(() => caches.keys())).filter((k) => !room.includes(k));
    expect(before).toHaveLength(1);

    // "Deploy" a new build: a different cache name, as any changed file would give.
    writeFileSync(swPath, original.replace(/const CACHE = "handoff-" \+ PAGE \+ "-[0-9a-f]+";/, 'const CACHE = "handoff-app-0000000000000001";'));
    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: 'An update is ready.' })).toBeVisible({ timeout: 20_000 });
    // Until the analyst accepts, the old version keeps serving from its own cache.
    expect(await page.evaluate(() => caches.keys())).toContain(before[0]);

    await page.getByRole('button', { name: 'Reload to update' }).click();
    await waitReadyOffline(page);
    await expect.poll(async () => (await page.evaluate(() => caches.keys())).sort()).toEqual(['handoff-app-0000000000000001', room[0]]);
  } finally {
    writeFileSync(swPath, original);
    await context.close();
  }
});
