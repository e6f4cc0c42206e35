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

test('a chosen file that is no package at all is refused from its start, at once', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await fill(page, 'Alert title', 'Keep me');
  // 5 MB, within the importer's limit, broken at its first byte: the first kilobytes decide,
  // and the answer is the whole file's.
  const junk = Buffer.alloc(5 * 1000 * 1000, 'x');
  await page.getByLabel('Handoff package file (.json)').setInputFiles({ name: 'junk.json', mimeType: 'application/json', buffer: junk });
  await expect(page.getByRole('alert').filter({ hasText: 'Import refused' })).toHaveText(
    'Import refused: The file is not valid JSON: expected value at line 1, column 1. The open case was not changed.',
  );
  // A file broken further on is read whole, and refused where it breaks.
  const late = Buffer.from(`{"format": "handoff-package", "pad": "${'y'.repeat(10_000)}", oops}`);
  await page.getByLabel('Handoff package file (.json)').setInputFiles({ name: 'late.json', mimeType: 'application/json', buffer: late });
  await expect(page.getByRole('alert').filter({ hasText: 'Import refused' })).toContainText('key must be a string at line 1, column 10042');
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
