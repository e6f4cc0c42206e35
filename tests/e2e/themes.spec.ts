import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chooseExport, openTrainingRoom, expectAccessible, step } from './helpers';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`zero axe-core violations in the ${colorScheme} theme, with findings, refusal, debrief and the export step on screen`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await openTrainingRoom(page);
    await page.getByRole('button', { name: 'Show the scenario library' }).click();
    await page.getByRole('button', { name: 'Start scenario: Invoice phishing with a macro document' }).click();
    await step(page, 'Start L1 review');
    await page.getByRole('radio', { name: /^Needs Review/ }).check();
    await step(page, 'Continue to the report');
    // Refused: the report is empty. The error summary and the field errors are on screen.
    await step(page, 'Continue to the escalation decision');
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await expectAccessible(page);
    await step(page, 'Submit for scoring');
    await expect(page.getByRole('heading', { name: /^Debrief: \d+ of 100 points$/ })).toBeVisible();
    await expectAccessible(page);
    // The analyst's page: a case with the whole export step open, the Markdown rendered.
    await page.goto('/');
    await page.getByLabel('Handoff package file (.json)').setInputFiles({
      name: 'phishing.json',
      mimeType: 'application/json',
      buffer: readFileSync('crates/handoff-core/tests/golden/phishing.json'),
    });
    await expect(page.getByText(/^Imported the handoff/)).toBeVisible();
    await chooseExport(page, 'Markdown');
    await expect(page.getByRole('region', { name: 'Markdown as it will look' })).toBeVisible();
    await page.getByText('Export settings: your own domains, DFIR-IRIS IDs').click();
    await expectAccessible(page);
    // The toggle flips to the other theme.
    await page.getByRole('button', { name: 'Light/dark theme' }).click();
    await expectAccessible(page);
    await context.close();
  });
}
