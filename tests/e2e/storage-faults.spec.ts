import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { downloadExport, openApp, expectSaved, storedTitles, storeOpened } from './helpers';

// A package the current release stored: the golden phishing case.
const phishing = readFileSync('crates/handoff-core/tests/golden/phishing.json', 'utf8');
const PHISHING_TITLE = JSON.parse(phishing).case.report.header.title as string;
const PHISHING_ID = JSON.parse(phishing).case.id as string;

async function exportStillWorks(page: Page) {
  const download = await downloadExport(page, 'Handoff package (JSON)');
  expect(download.name).toMatch(/-handoff\.json$/);
}

/** The case store lives in the worker: this takes IndexedDB away from it, as some private
 * modes and policies do, by loading the worker through a script that hides it first. */
async function withoutIndexedDb(page: Page) {
  await page.route('**/handoff-worker_loader.js', async (route) => {
    const original = await route.fetch();
    await route.fulfill({
      response: original,
      body: 'Object.defineProperty(self, "indexedDB", { get() { return undefined; } });\n' + (await original.text()),
    });
  });
}

function localCaseKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('handoff.v1.case.')));
}

async function newCase(page: Page, title: string) {
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Alert title', { exact: true }).fill(title);
  await expectSaved(page);
}

test('what the current release stored in localStorage moves into the case store, nothing lost', async ({ page }) => {
  await openApp(page);
  await page.evaluate(
    ([text, id]) => {
      localStorage.setItem('handoff.v1.name', 'Dana Kim');
      localStorage.setItem(`handoff.v1.case.${id}`, text);
      localStorage.setItem('handoff.v1.case.broken', '{"format": "handoff-package", "schema_version": 1, "case": {');
      localStorage.setItem('handoff.v1.quarantine.old', 'set aside by the current release');
      localStorage.setItem('handoff.v1.archived', JSON.stringify([id]));
      localStorage.setItem('handoff.v1.current', id);
    },
    [phishing, PHISHING_ID],
  );
  await page.reload();
  await storeOpened(page);
  // The case last open reopens (a closed one: read only); it was archived, and still is.
  await expect(page.getByRole('main').getByText(PHISHING_TITLE).first()).toBeVisible();
  await page.getByLabel('Show archived cases').check();
  await expect(page.getByRole('button', { name: `Unarchive ${PHISHING_TITLE}` })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'A saved case (broken) could not be read and was set aside' })).toBeVisible();
  for (const id of ['broken', 'old']) {
    await expect(page.getByRole('button', { name: `Download set-aside entry ${id}` })).toBeVisible();
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download set-aside entry old' }).click(),
  ]);
  expect(readFileSync(await download.path(), 'utf8')).toBe('set aside by the current release');
  // localStorage gave up what the store took, and kept the rest (the analyst's name).
  expect(await localCaseKeys(page)).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem('handoff.v1.name'))).toBe('Dana Kim');
  expect(await storedTitles(page)).toEqual([PHISHING_TITLE]);
  // And after another start, all of it is still there.
  await page.reload();
  await expect(page.getByRole('main').getByText(PHISHING_TITLE).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download set-aside entry broken' })).toBeVisible();
});

test('a reload moments after a new case is begun reopens it, with what was typed', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  // Reloaded inside the autosave's 300 ms: only the copy kept as the page left has the case.
  await page.getByLabel('Alert title', { exact: true }).fill('Reloaded at once');
  await page.reload();
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('Reloaded at once');
  await expect(page.getByRole('navigation', { name: 'Cases' }).getByRole('listitem').filter({ hasText: 'Reloaded at once' })).toHaveCount(1);
});

test('no IndexedDB (private mode, policy): said plainly, cases kept in localStorage, moved in later', async ({ page }) => {
  await withoutIndexedDb(page);
  await openApp(page);
  await expect(page.getByRole('alert').filter({ hasText: 'does not let Handoff use its database' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'cases are kept in this browser\'s local storage' })).toBeVisible();
  await newCase(page, 'Kept without a database');
  expect(await localCaseKeys(page)).toHaveLength(1);
  // Listed again after a reload, still without IndexedDB.
  await page.reload();
  await storeOpened(page);
  await expect(page.getByRole('navigation', { name: 'Cases' }).getByText('Kept without a database')).toBeVisible();
  // Once the browser lets it, the store takes them.
  await page.unrouteAll();
  await page.reload();
  await storeOpened(page);
  await expect(page.getByRole('alert').filter({ hasText: 'does not let Handoff use its database' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Cases' }).getByText('Kept without a database')).toBeVisible();
  expect(await localCaseKeys(page)).toEqual([]);
  expect(await storedTitles(page)).toEqual(['Kept without a database']);
});

test('no storage at all: said plainly, and the case on screen can still be exported', async ({ page }) => {
  await withoutIndexedDb(page);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await openApp(page);
  await expect(page.getByRole('alert').filter({ hasText: 'does not let Handoff use its database' })).toBeVisible();
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Alert title', { exact: true }).fill('No storage here');
  await expect(page.getByRole('alert').filter({ hasText: 'does not let Handoff use local storage' }).first()).toBeVisible();
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('No storage here');
  await exportStillWorks(page);
});

test('a full quota is reported, not silent, and what is on screen can be exported', async ({ page, baseURL }) => {
  // The browser's own quota for this origin, shrunk to nothing before the app first writes
  // (Chromium reserves quota ahead of writes, so a later override would not be felt at once).
  const origin = new URL(baseURL!).origin;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Alert title', { exact: true }).fill('Quota test');
  await page.getByLabel('Paste the alert').fill(`Suspicious sign-in for jdoe from 203.0.113.7\n${'x'.repeat(300_000)}`);
  await page.getByRole('button', { name: 'Read the alert' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Browser storage is full' }).first()).toBeVisible();
  await expect(page.getByText('Not saved', { exact: false }).first()).toBeVisible();
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('Quota test');
  await exportStillWorks(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
});

test('a corrupted record is set aside when it is read, reported and downloadable', async ({ page }) => {
  await openApp(page);
  await newCase(page, 'About to break');
  const broken = '{"format": "handoff-package", "schema_version": 1, "case": {';
  // What a crash halfway through a write, or a disk error, could leave.
  const storedId = await page.evaluate(
    (broken) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('handoff');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['cases', 'meta'], 'readwrite');
          const current = tx.objectStore('meta').get('current');
          current.onsuccess = () => tx.objectStore('cases').put(broken, current.result);
          tx.oncomplete = () => {
            db.close();
            resolve(current.result as string);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    broken,
  );
  await page.reload();
  await storeOpened(page);
  await expect(page.getByRole('alert').filter({ hasText: `A saved case (${storedId}) could not be read and was set aside` })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Download set-aside entry ${storedId}` }).click(),
  ]);
  expect(readFileSync(await download.path(), 'utf8')).toBe(broken);
  await expect(page.getByRole('navigation', { name: 'Cases' }).getByText('About to break')).toHaveCount(0);
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
