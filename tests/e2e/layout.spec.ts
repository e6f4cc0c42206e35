import { test, expect } from '@playwright/test';
import { expectSaved, notePlaces, openApp, placesSeen } from './helpers';

// A laptop's window, where the header's actions take two lines, and a desktop's.
for (const viewport of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
  test(`at ${viewport.width}x${viewport.height}, the page stays put under the pointer while a new case is saved and typed in`, async ({ browser }) => {
    const page = await browser.newPage({ viewport });
    await openApp(page);
    await notePlaces(page, 'Read the alert');
    await page.getByRole('button', { name: 'New case' }).first().click();
    // The save status appears, says "Saving…", then that all is saved: three widths of words
    // in the header, which once rewrapped it and moved everything below by a line, a third of
    // a second after the case opened (a click aimed at "Read the alert" then missed it).
    await expectSaved(page);
    await page.getByLabel('Alert title', { exact: true }).fill('Beaconing from a finance laptop');
    // Once the case list has the title, the typing has been drawn, "Saving…" with it.
    await expect(page.getByRole('button', { name: '(no ID) Beaconing from a finance laptop' })).toBeVisible();
    await expectSaved(page);
    expect(await placesSeen(page)).toHaveLength(1);
    await page.close();
  });
}
