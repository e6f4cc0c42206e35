import { test, expect } from '@playwright/test';
import { chooseExport, openTrainingRoom, expectAccessible, step } from './helpers';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`zero axe-core violations in the ${colorScheme} theme, with findings, refusal and debrief on screen`, async ({ browser }) => {
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
    await chooseExport(page, 'Markdown');
    await page.getByText('Export settings: your own domains, DFIR-IRIS IDs').click();
    await expectAccessible(page);
    // The toggle flips to the other theme.
    await page.getByRole('button', { name: 'Light/dark theme' }).click();
    await expectAccessible(page);
    await context.close();
  });
}
