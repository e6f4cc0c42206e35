import { test, expect } from '@playwright/test';
import { openApp, expectAccessible, step, expectStage } from './helpers';

test('an L1 analyst closes a false positive with a justification', async ({ page }) => {
  const errors = await openApp(page);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'New case' }).first().click();
  await expectStage(page, 'Alert triggered');
  await expectAccessible(page);

  // Starting the review without the alert's identity is refused, and names what is missing.
  await step(page, 'Start L1 review');
  const refusal = page.getByRole('alert').filter({ hasText: 'was refused' });
  await expect(refusal).toContainText('Give the alert a title.');
  await expect(page.getByLabel('Alert title', { exact: true })).toBeFocused();

  await page.getByLabel('Alert title', { exact: true }).fill('Admin ran PowerShell script flagged as suspicious');
  await page.getByLabel('Alert ID', { exact: true }).fill('INC-4410');
  await page.getByLabel('L1 analyst', { exact: true }).fill('Dana Kim');
  await step(page, 'Start L1 review');
  await expectStage(page, 'L1 review');

  await page.getByRole('radio', { name: 'False Positive' }).check();
  await step(page, 'Close as false positive');
  await expect(page.getByRole('alert').filter({ hasText: 'was refused' })).toContainText('Justify the False Positive verdict');

  await page
    .getByLabel('Verdict justification', { exact: true })
    .fill('Change CHG-1182 approved the inventory script; signed by IT, run from the admin jump host.');
  await step(page, 'Close as false positive');
  await expectStage(page, 'Closed as false positive');
  await expect(page.getByRole('img', { name: /Escalation workflow/ })).toBeVisible();
  await expect(page.locator('figcaption')).toContainText('Closed as false positive');
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('a reload mid-case loses nothing', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Alert title', { exact: true }).fill('Impossible travel for jdoe');
  await page.getByLabel('Who', { exact: true }).fill('jdoe@corp.example, finance');
  // Reload straight away: the pagehide flush must save what the debounce has not yet.
  await page.reload();
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('Impossible travel for jdoe');
  await expect(page.getByLabel('Who', { exact: true })).toHaveValue('jdoe@corp.example, finance');
  await expectAccessible(page);
});
