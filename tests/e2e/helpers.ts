import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Opens the app on a clean browser profile and fails the test on any page error. */
export async function openApp(page: Page, path = '/') {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(path);
  await expect(page.getByRole('heading', { name: 'Handoff', level: 1 })).toBeVisible();
  await storeOpened(page);
  return errors;
}

/** The training room: the app built with scenarios and scoring, a page of its own. */
export async function openTrainingRoom(page: Page) {
  const errors = await openApp(page, '/training/');
  await expect(page.getByRole('heading', { name: 'Training', level: 2 })).toBeVisible();
  return errors;
}

/** Zero axe-core violations (WCAG 2.1 A and AA) on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, 'axe-core violations').toEqual([]);
}

export async function step(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
}

/** The stage the workflow panel says the case is in. */
export async function expectStage(page: Page, stage: string) {
  await expect(page.getByRole('heading', { name: `Next step — now: ${stage}` })).toBeVisible();
}

/** Waits until the case list has what the store holds (it opens just after the page). */
export async function storeOpened(page: Page) {
  await expect(page.getByText('Opening the cases stored in this browser')).toHaveCount(0);
}

/** Waits until autosave has written every change of the open case to this browser. */
export async function expectSaved(page: Page) {
  await expect(page.getByText('All changes saved in this browser')).toBeVisible();
}

/**
 * The titles of the cases in this browser's case store (IndexedDB), as the next page load
 * would read them. Call it once the app has opened the store: opening a database that does
 * not exist yet would create it without its object stores.
 */
export async function storedTitles(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('handoff');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('cases', 'readonly').objectStore('cases').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve((all.result as string[]).map((t) => JSON.parse(t).case.report.header.title));
          };
        };
      }),
  );
}

/** Opens "Export the case" if it is closed (a closed case opens with it open). */
export async function openExport(page: Page) {
  const select = page.getByLabel('Format', { exact: true });
  // After a reload the case comes back from the store a moment later.
  await expect(page.getByText('Export the case', { exact: true })).toBeVisible();
  if (!(await select.isVisible())) await page.getByText('Export the case', { exact: true }).click();
  await expect(select).toBeVisible();
}

/** Opens "Export the case" (if closed) and chooses a format; waits until it is written. */
export async function chooseExport(page: Page, format: string) {
  await openExport(page);
  await page.getByLabel('Format', { exact: true }).selectOption({ label: format });
  await expect(page.getByRole('button', { name: `Download ${format}`, exact: true })).toBeEnabled();
}

/** Downloads the chosen export; returns its file name and text. */
export async function downloadExport(page: Page, format: string): Promise<{ name: string; text: string }> {
  await chooseExport(page, format);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Download ${format}`, exact: true }).click(),
  ]);
  const { readFileSync } = await import('node:fs');
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/**
 * Fills the case store as the app does (each case's package, the summaries record and its
 * newest 100 lines) with `count` copies of `template` (a package's JSON), case `i` titled
 * `Phishing report i` and updated `i` hours after April 1st. Call it once the store is open.
 */
export async function seedStore(page: Page, template: string, count: number) {
  await page.evaluate(
    async ([template, count]) => {
      const pkg = JSON.parse(template as string);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('handoff');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction(['cases', 'meta'], 'readwrite');
      const lines: string[] = [];
      for (let i = 0; i < (count as number); i++) {
        const id = `case-seed-${i}`;
        const updated = new Date(Date.parse('2026-04-01T00:00:00Z') + i * 3_600_000).toISOString().replace('.000Z', 'Z');
        Object.assign(pkg.case, { id, updated_at: updated });
        Object.assign(pkg.case.report.header, { title: `Phishing report ${i} from finance`, alert_id: `SIEM-${i}` });
        tx.objectStore('cases').put(JSON.stringify(pkg), id);
        lines.unshift(JSON.stringify([id, pkg.case.report.header.title, `SIEM-${i}`, pkg.case.stage, updated, false]));
      }
      tx.objectStore('meta').put(lines.join('\n'), 'summaries');
      tx.objectStore('meta').put(lines.slice(0, 100).join('\n'), 'summaries-head');
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    [template, count],
  );
}

/**
 * Starts noting, at every frame, where on the page (not in the window: scrolling is not
 * moving) the control named `text` is, while it is there. Read with `placesSeen`.
 */
export async function notePlaces(page: Page, text: string) {
  await page.evaluate((text) => {
    const seen = new Set<number>();
    (window as unknown as { placesSeen: Set<number> }).placesSeen = seen;
    const note = () => {
      const control = [...document.querySelectorAll('button')].find((b) => b.textContent === text);
      if (control) seen.add(Math.round(control.getBoundingClientRect().top + scrollY));
      requestAnimationFrame(note);
    };
    requestAnimationFrame(note);
  }, text);
}

export const placesSeen = (page: Page) =>
  page.evaluate(() => [...(window as unknown as { placesSeen: Set<number> }).placesSeen]);
