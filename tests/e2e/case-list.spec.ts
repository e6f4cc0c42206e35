import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, expectAccessible, expectSaved, seedStore, storeOpened } from './helpers';

test('cases can be searched, duplicated, archived, deleted and restored', async ({ page }) => {
  await openApp(page);
  for (const [id, title] of [
    ['INC-1', 'Password spraying against VPN'],
    ['INC-2', 'Impossible travel for jdoe'],
  ]) {
    await page.getByRole('button', { name: 'New case' }).first().click();
    await page.getByLabel('Alert title', { exact: true }).fill(title);
    await page.getByLabel('Alert ID', { exact: true }).fill(id);
  }
  const list = page.getByRole('navigation', { name: 'Cases' });
  await expect(list.getByRole('listitem')).toHaveCount(2);

  await page.getByLabel('Search cases').fill('spraying');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByLabel('Search cases').fill('');

  await list.getByRole('button', { name: 'Duplicate Password spraying against VPN' }).click();
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('Copy of Password spraying against VPN');
  await expect(list.getByRole('listitem')).toHaveCount(3);

  await list.getByRole('button', { name: 'Archive Impossible travel for jdoe' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await page.getByLabel('Show archived cases').check();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByLabel('Show archived cases').uncheck();

  await list.getByRole('button', { name: 'Delete Password spraying against VPN' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByRole('button', { name: 'Undo delete' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expectAccessible(page);

  // The restored case is saved again: it survives a reload.
  await expectSaved(page);
  await page.reload();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await page.getByLabel('Filter by status').selectOption({ label: 'Closed' });
  await expect(list.getByRole('listitem')).toHaveCount(0);
});

test('keyboard shortcuts move between the sections and to export', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  // A new case opens on its first step, with the cursor in its first field.
  await expect(page.getByLabel('Paste the alert', { exact: true })).toBeFocused();
  await page.keyboard.press('Alt+Shift+N');
  await expect(page.getByRole('heading', { name: 'Triage and verdict' })).toBeFocused();
  await page.keyboard.press('Alt+Shift+P');
  await expect(page.getByRole('heading', { name: /The alert$/ })).toBeFocused();
  await page.keyboard.press('Alt+Shift+E');
  await expect(page.locator(':focus')).toContainText('Export the case');
  await expect(page.getByRole('button', { name: 'Download Markdown' })).toBeVisible();
  // Keyboard only: type, Tab on to the step's action and press it; the refusal is read out
  // from the error summary, whose link takes the cursor to the field.
  await page.getByLabel('Alert title', { exact: true }).focus();
  await page.keyboard.type('Keyboard-only case');
  await page.getByRole('button', { name: 'Start L1 review' }).focus();
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Enter the alert or ticket ID.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Alert ID', { exact: true })).toBeFocused();
});

test('a store of 130 cases: the list shows 25 at a time, and the search finds the oldest', async ({ page }) => {
  await openApp(page);
  await seedStore(page, readFileSync('crates/handoff-core/tests/golden/phishing.json', 'utf8'), 130);
  await page.reload();
  await storeOpened(page);
  const list = page.getByRole('navigation', { name: 'Cases' });
  await expect(list.getByRole('listitem')).toHaveCount(25);
  await expect(list.getByRole('listitem').first()).toContainText('Phishing report 129 from finance');
  // The newest lines come first; the rest of the store follows, and the count says so.
  await expect(list.getByRole('button', { name: 'Show 25 more (105 not shown)' })).toBeVisible();
  await list.getByRole('button', { name: 'Show 25 more (105 not shown)' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(50);
  // The oldest case, far past the first answer's lines, is found and opens.
  await page.getByLabel('Search cases').fill('report 3 from');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByRole('button', { name: 'SIEM-3 Phishing report 3 from finance', exact: true }).click();
  await expect(page.getByRole('main').getByText('Phishing report 3 from finance').first()).toBeVisible();
});
