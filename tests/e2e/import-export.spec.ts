import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { downloadExport, openApp } from './helpers';
import { fill, press } from './flow';

test('a bad import is refused with a reason and the open case is untouched', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await fill(page, 'Alert title', 'Keep me');
  await page.getByLabel('Or paste the package JSON').fill('{"format": "handoff-package", "schema_version": 9, "case": {}}');
  await press(page, 'Import pasted JSON');
  await expect(page.getByRole('alert').filter({ hasText: 'Import refused' })).toContainText(
    'schema version 9, newer than the version 1',
  );
  await page.getByLabel('Or paste the package JSON').fill('{"format": "handoff-package", "schema_version": 1, "case": {"id": 3}}');
  await press(page, 'Import pasted JSON');
  await expect(page.getByRole('alert').filter({ hasText: 'Import refused' })).toContainText(
    "The package's field case.id is wrong: invalid type: integer `3`, expected a string.",
  );
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('Keep me');
});

test('copy buttons put the exact export on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await fill(page, 'Alert title', 'Clipboard check');
  const exported = (await downloadExport(page, 'Handoff package (JSON)')).text;
  await page.getByRole('button', { name: 'Copy Handoff package (JSON)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied the Handoff package (JSON).' })).toBeVisible();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toBe(exported);
});
