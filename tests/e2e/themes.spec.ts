import { test } from '@playwright/test';
import { openApp, expectAccessible, step } from './helpers';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`zero axe-core violations in the ${colorScheme} theme, with findings, refusal and debrief on screen`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await openApp(page);
    await page.getByRole('button', { name: 'Show the scenario library' }).click();
    await page.getByRole('button', { name: 'Start scenario: Invoice phishing with a macro document' }).click();
    await step(page, 'Start L1 review');
    await page.getByRole('radio', { name: 'Needs Review' }).check();
    await step(page, 'Write the report');
    await step(page, 'Set status: In Progress');
    await expectAccessible(page);
    await step(page, 'Submit for scoring');
    await page.getByText('Markdown preview (as it will be pasted)').click();
    await expectAccessible(page);
    // The toggle flips to the other theme.
    await page.getByRole('button', { name: 'Light/dark theme' }).click();
    await expectAccessible(page);
    await context.close();
  });
}
