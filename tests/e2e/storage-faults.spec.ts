import { test, expect, type Page } from '@playwright/test';
import { downloadExport, openApp, expectSaved, storedTitles } from './helpers';

async function exportStillWorks(page: Page) {
  const download = await downloadExport(page, 'Handoff package (JSON)');
  expect(download.name).toMatch(/-handoff\.json$/);
}

test('storage disabled (private mode, policy): said plainly, and the app still works', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await openApp(page);
  await expect(page.getByRole('alert').filter({ hasText: 'does not let Handoff use local storage' })).toBeVisible();
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Alert title', { exact: true }).fill('No storage here');
  await exportStillWorks(page);
});

test('a full quota is reported, not silent, and what is on screen can be exported', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('Storage quota exceeded', 'QuotaExceededError');
    };
  });
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Alert title', { exact: true }).fill('Quota test');
  await expect(page.getByRole('alert').filter({ hasText: 'Browser storage is full' }).first()).toBeVisible();
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('Quota test');
  await exportStillWorks(page);
});

test('corrupted and newer-version entries are set aside, reported and downloadable', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('handoff.v1.case.broken', '{"format": "handoff-package", "schema_version": 1, "case": {');
    localStorage.setItem('handoff.v1.case.future', '{"format": "handoff-package", "schema_version": 99, "case": {}}');
  });
  await page.reload();
  const alerts = page.getByRole('alert').filter({ hasText: 'could not be read and was set aside' });
  await expect(alerts).toHaveCount(2);
  await expect(alerts.filter({ hasText: 'schema version 99, newer than' })).toHaveCount(1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download set-aside entry broken' }).click(),
  ]);
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(await download.path(), 'utf8')).toBe('{"format": "handoff-package", "schema_version": 1, "case": {');
  // Kept, not wiped: still there after another reload.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Download set-aside entry future' })).toBeVisible();
});

test('a second tab editing the same case is detected and nothing is overwritten silently', async ({ context }) => {
  const a = await context.newPage();
  await openApp(a);
  await a.getByRole('button', { name: 'New case' }).first().click();
  await a.getByLabel('Alert title', { exact: true }).fill('Shared case');
  await expectSaved(a);

  const b = await context.newPage();
  await openApp(b);
  await expect(b.getByLabel('Alert title', { exact: true })).toHaveValue('Shared case');
  await b.getByLabel('Alert title', { exact: true }).fill('Changed in tab B');
  await expectSaved(b);

  const conflict = a.getByRole('alert').filter({ hasText: 'Another tab changed this case' });
  await expect(conflict).toBeVisible();
  await expect(a.getByText('Not saved: another tab changed this case')).toBeVisible();
  // Tab A keeps editing, but does not overwrite B's version until told to: not when its
  // autosave is due, and not when the page is hidden (which flushes a pending save at once).
  await a.getByLabel('Alert title', { exact: true }).fill('Typed in tab A');
  await expect(a.getByRole('navigation').getByText('Typed in tab A')).toBeVisible();
  await a.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  expect(await storedTitles(a)).toEqual(['Changed in tab B']);
  await conflict.getByRole('button', { name: "Load the other tab's version" }).click();
  await expect(a.getByLabel('Alert title', { exact: true })).toHaveValue('Changed in tab B');
  await expect(conflict).toHaveCount(0);
});
