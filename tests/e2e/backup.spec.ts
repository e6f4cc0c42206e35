import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { openApp, expectAccessible, seedStore, storeOpened } from './helpers';

/** Every (key, text) of the case store's `cases`, as IndexedDB holds them. */
async function storedCases(page: Page): Promise<Record<string, string>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, string>>((resolve, reject) => {
        const open = indexedDB.open('handoff');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('cases', 'readonly').objectStore('cases');
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onerror = () => reject(values.error);
          values.onsuccess = () => {
            db.close();
            const out: Record<string, string> = {};
            (keys.result as string[]).forEach((k, i) => (out[k] = values.result[i] as string));
            resolve(out);
          };
        };
      }),
  );
}

/** Opens the backup page and waits until its store has opened (the note is written). */
async function openBackupPage(page: Page) {
  await page.goto('/backup/');
  await expect(page.getByRole('heading', { name: 'Back up', level: 2 })).toBeVisible();
  await expect(page.getByText(/^Handoff takes .* this browser allows it\. The browser (has agreed to keep|may clear)/)).toBeVisible();
}

/** Downloads a backup, compressed or not; returns its file name and bytes. */
async function downloadBackup(page: Page, compressed: boolean) {
  await page.getByLabel('Compress the backup (gzip)').setChecked(compressed);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download a backup of all cases' }).click(),
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded a backup of' })).toBeVisible();
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** Chooses a backup file to restore and waits for the question (or the refusal). */
async function chooseBackup(page: Page, name: string, bytes: Buffer) {
  await page.getByLabel('Backup file (.json or .json.gz)').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
}

test('every case is backed up and restored into another browser byte for byte, merging by ID', async ({ page, browser }) => {
  await openApp(page);
  await seedStore(page, readFileSync('crates/handoff-core/tests/golden/phishing.json', 'utf8'), 30);
  const original = await storedCases(page);
  expect(Object.keys(original)).toHaveLength(30);

  // The case list leads to the backup page, which says how much is stored and whether the
  // browser keeps it.
  await page.reload();
  await storeOpened(page);
  const list = page.getByRole('navigation', { name: 'Cases' });
  await list.getByRole('link', { name: 'Back up or restore cases' }).click();
  await expect(page).toHaveURL(/\/backup\/$/);
  await openBackupPage(page);
  await expectAccessible(page);

  const gz = await downloadBackup(page, true);
  expect(gz.name).toMatch(/^handoff-backup-\d{4}-\d{2}-\d{2}-\d{4}\.json\.gz$/);
  const plain = await downloadBackup(page, false);
  expect(plain.name).toMatch(/\.json$/);
  const file = JSON.parse(plain.bytes.toString('utf8'));
  expect(file.format).toBe('handoff-backup');
  // Each case's text exactly as stored (compared whole, not printed: they are long).
  const same = (cases: string[]) => JSON.stringify([...cases].sort()) === JSON.stringify(Object.values(original).sort());
  expect(same(file.cases)).toBe(true);
  expect(same(JSON.parse(gunzipSync(gz.bytes).toString('utf8')).cases)).toBe(true);
  expect(gz.bytes.length).toBeLessThan(plain.bytes.length / 10);

  // Another browser: a profile with nothing stored.
  const other = await browser.newContext();
  const b = await other.newPage();
  await openBackupPage(b);
  await chooseBackup(b, gz.name, gz.bytes);
  const plan = b.getByRole('group', { name: 'Restore this backup?' });
  await expect(plan.getByText(/^The backup of .* holds 30 cases\.$/)).toBeVisible();
  await expect(plan.getByRole('listitem').filter({ hasText: '30 cases to add' })).toBeVisible();
  await expectAccessible(b);
  await plan.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(b.getByRole('status').filter({ hasText: 'Restored 30 cases.' })).toBeVisible();
  expect(JSON.stringify(await storedCases(b)) === JSON.stringify(original)).toBe(true);

  // There, one case changes after the backup (its L2 work is done, so it is changed behind
  // the page's back), and the analyst's page has it open in its own tab.
  const changed = JSON.parse(original['case-seed-29']);
  changed.case.report.header.title = 'Changed after the backup';
  changed.case.updated_at = '2026-11-01T00:00:00Z';
  await b.evaluate(
    (text) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('handoff');
        open.onsuccess = () => {
          const tx = open.result.transaction('cases', 'readwrite');
          tx.objectStore('cases').put(text, 'case-seed-29');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    JSON.stringify(changed),
  );
  const analyst = await other.newPage();
  await openApp(analyst);
  await expect(analyst.getByRole('navigation', { name: 'Cases' }).getByRole('listitem')).toHaveCount(25);
  await analyst.getByRole('button', { name: /^SIEM-29 / }).click();
  await expect(analyst.getByText('Changed after the backup').first()).toBeVisible();

  // Restored again, the changed case is a question; keeping both adds the backup's copy.
  await chooseBackup(b, plain.name, plain.bytes);
  await expect(plan.getByRole('listitem').filter({ hasText: '29 cases already here, unchanged' })).toBeVisible();
  await expect(plan.getByRole('listitem').filter({ hasText: /^SIEM-29 Phishing report 29 from finance: changed here 2026-11-01 00:00:00 UTC, in the backup 2026-04-02 05:00:00 UTC$/ })).toBeVisible();
  await expect(b.getByLabel('When a case in the backup differs from the one here').locator('option:checked')).toHaveText(/^Keep both/);
  await plan.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(b.getByRole('status').filter({ hasText: 'Restored 1 case.' })).toBeVisible();
  let stored = await storedCases(b);
  expect(Object.keys(stored)).toHaveLength(31);
  expect(JSON.parse(stored['case-seed-29']).case.report.header.title).toBe('Changed after the backup');
  const copy = Object.entries(stored).find(([id]) => !(id in original));
  expect(copy && JSON.parse(copy[1]).case.report.header.title).toBe('Phishing report 29 from finance');
  // The analyst's tab lists the copy without a reload.
  await expect(analyst.getByRole('navigation', { name: 'Cases' }).getByText('Phishing report 29 from finance')).toBeVisible();

  // Taking the backup's copy replaces the case; the analyst's tab, which has it open, is asked.
  await chooseBackup(b, plain.name, plain.bytes);
  await b.getByLabel('When a case in the backup differs from the one here').selectOption({ label: "Take the backup's" });
  await plan.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(b.getByRole('status').filter({ hasText: 'Restored 1 case.' })).toBeVisible();
  stored = await storedCases(b);
  expect(stored['case-seed-29'] === original['case-seed-29']).toBe(true);
  const conflict = analyst.getByRole('alert').filter({ hasText: 'Another tab changed this case' });
  await expect(conflict).toBeVisible();
  await conflict.getByRole('button', { name: "Load the other tab's version" }).click();
  await expect(conflict).toHaveCount(0);
  await expect(analyst.getByText('Changed after the backup')).toHaveCount(0);

  // Nothing left to restore: the question says so, and offers no restore.
  await chooseBackup(b, gz.name, gz.bytes);
  await expect(plan.getByText(/Nothing in it needs restoring here\.$/)).toBeVisible();
  await expect(plan.getByRole('button', { name: 'Restore', exact: true })).toHaveCount(0);
  await plan.getByRole('button', { name: 'Close' }).click();
  await other.close();
});

test('a file that is not a backup is refused with why, and nothing is stored', async ({ page }) => {
  await openApp(page);
  await openBackupPage(page);
  const golden = readFileSync('crates/handoff-core/tests/golden/phishing.json');
  await chooseBackup(page, 'phishing.json', golden);
  await expect(page.getByRole('alert').filter({ hasText: 'Restore refused: This is not a Handoff backup file' })).toBeVisible();
  await chooseBackup(page, 'broken.json.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
  await expect(page.getByRole('alert').filter({ hasText: 'Restore refused: This file is compressed, but not as gzip should be' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Restore this backup?' })).toHaveCount(0);
  expect(await storedCases(page)).toEqual({});
});
