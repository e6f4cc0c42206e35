import { expect, type Browser, type Page, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { downloadExport, expectAccessible, openApp } from './helpers';

/** The two screens every walk of the guided flow is checked on. */
export const SCREENS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
export type Screen = keyof typeof SCREENS;

/** Scroll budgets from a new case to "L2 notified", in screen heights. */
export const SCROLL_BUDGET: Record<Screen, number> = { desktop: 5, phone: 12 };

/** A page on `screen`, which records how far it is scrolled, and the errors it raises. */
export async function openOn(browser: Browser, screen: Screen, colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({
    viewport: SCREENS[screen],
    colorScheme,
    hasTouch: screen === 'phone',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as any;
    w.__scrolled = 0;
    w.__counting = true;
    let last = 0;
    addEventListener(
      'scroll',
      () => {
        if (w.__counting) w.__scrolled += Math.abs(scrollY - last);
        last = scrollY;
      },
      { passive: true },
    );
  });
  const errors = await openApp(page);
  return { context, page, errors };
}

/** Pixels scrolled so far, up and down alike. */
export async function scrolled(page: Page): Promise<number> {
  return page.evaluate(() => (window as any).__scrolled as number);
}

/** Zero axe-core violations in the light theme and in the dark one. */
export async function expectAccessibleBothThemes(page: Page) {
  // The checks are the test's, not the analyst's walk: what they scroll (the page re-laid out
  // in each theme has been seen to jump to its top) is not counted, and the page is put back
  // where the analyst left it.
  const at = await page.evaluate(() => {
    (window as any).__counting = false;
    return scrollY;
  });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page);
  }
  await page.emulateMedia({ colorScheme: null });
  await page.evaluate((y) => scrollTo(0, y), at);
  // Its scroll event comes with the next frame: counting resumes after it.
  await settle(page);
  await page.evaluate(() => {
    (window as any).__counting = true;
  });
}

/** The open step: a region named by its heading ("Step 2 of 6: Triage and verdict"). */
export function openStep(page: Page, title: string): Locator {
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole("region", { name: new RegExp(`^(Step \\d+ of \\d+ ?: )?${escaped}$`) }).filter({
    has: page.getByRole('button').first(),
  });
}

/**
 * The step is open, and what it asks first and the action it ends with are on screen
 * together: nobody has to hunt for the next button.
 */
export async function expectStepReady(page: Page, title: string, firstField: Locator, action: Locator) {
  const step = page.getByRole('heading', { level: 2, name: new RegExp(`${title.replace(/[?]/g, '\\?')}$`) });
  await expect(step).toBeVisible();
  await expect(firstField).toBeInViewport();
  await expect(action).toBeInViewport();
}

/** After a refusal: the error summary has focus, is on screen, and lists `items`. */
export async function expectErrorSummary(page: Page, items: string[]) {
  const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  for (const item of items) await expect(summary.getByRole('link', { name: item })).toBeVisible();
  return summary;
}

export async function fill(page: Page, label: string, value: string) {
  await fillWhereSeen(page, page.getByLabel(label, { exact: true }), value);
}

export async function press(page: Page, name: string) {
  await clickWhereSeen(page, page.getByRole('button', { name, exact: true }));
}

/**
 * Waits for the frame after the next one: a scroll caused by what was just done (by the page
 * or by the test) has been painted and counted by then. The walk settles before and after each
 * action, so no two scrolls share a frame. Two that did would be counted as one movement, by
 * their net distance, and the walk's figure would depend on timing.
 */
export async function settle(page: Page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * The point a person would click `target` at (its middle), if the whole of it is in the window
 * and nothing is drawn over that point (its own label counts as it); otherwise null.
 */
async function pointToClick(target: Locator): Promise<{ x: number; y: number } | null> {
  return target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const inWindow =
      box.width > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
    if (!inWindow) return null;
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    const top = document.elementFromPoint(x, y);
    const labels = el instanceof HTMLInputElement && el.labels ? [...el.labels] : [];
    const hit = top !== null && (el.contains(top) || labels.some((label) => label.contains(top)));
    return hit ? { x, y } : null;
  });
}

/**
 * Brings `target` into sight as a person scrolling would, and returns where to click it. It is
 * left where it is if it is in the window and not covered; otherwise the page is scrolled just
 * far enough that it is, clear of what stays on screen over the page (the open step's actions
 * at the window's foot, the progress bar at its top on a phone). Playwright's own scrolling is
 * not used: when its click finds the target covered, it retries with other alignments, and
 * which one lands depends on timing.
 */
async function bringIntoSight(page: Page, target: Locator): Promise<{ x: number; y: number } | null> {
  await target.waitFor();
  await settle(page);
  for (let attempt = 0; attempt < 3; attempt++) {
    const point = await pointToClick(target);
    if (point) return point;
    await target.evaluate((el, first) => {
      if (first) {
        el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        return;
      }
      // In the window but covered: by how much, and from which side.
      const box = el.getBoundingClientRect();
      const probe = document.elementFromPoint(box.left + box.width / 2, Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1));
      for (let node = probe; node && node !== el; node = node.parentElement) {
        const position = getComputedStyle(node).position;
        if (position !== 'sticky' && position !== 'fixed') continue;
        const cover = node.getBoundingClientRect();
        const gap = 8;
        if (cover.top > innerHeight / 2) scrollBy(0, box.bottom - cover.top + gap);
        else scrollBy(0, box.top - cover.bottom - gap);
        return;
      }
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
    }, attempt === 0);
    await settle(page);
  }
  return pointToClick(target);
}

/**
 * Clicks `target` as a person does: where it is on screen, after scrolling it into sight if it
 * was not. Playwright's own click (kept for a target that still cannot be reached) scrolls the
 * element to its place in the layout, which for a step's action kept at the foot of the screen
 * is the step's end: a scroll nobody makes.
 */
export async function clickWhereSeen(page: Page, target: Locator) {
  const point = await bringIntoSight(page, target);
  if (point && (await target.isEnabled())) await page.mouse.click(point.x, point.y);
  else await target.click();
  await settle(page);
}

/** Checks a radio or a box where it is seen, as `clickWhereSeen` clicks. */
export async function checkWhereSeen(page: Page, target: Locator) {
  if (!(await target.isChecked())) await clickWhereSeen(page, target);
  await expect(target).toBeChecked();
}

/** Types into a field once it is in sight; the field is not scrolled any further by the typing. */
export async function fillWhereSeen(page: Page, target: Locator, value: string) {
  await bringIntoSight(page, target);
  await target.fill(value);
  await settle(page);
}

/** Downloads the case's package (the button in the open step or the send list). */
export async function downloadPackage(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the package (.json)' }).first().click(),
  ]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

/** Downloads the case's JSON from "Export the case", which every case has. */
export async function exportJson(page: Page): Promise<{ name: string; text: string }> {
  return downloadExport(page, 'Handoff package (JSON)');
}

/** Opens a package file, as the receiving analyst would. */
export async function openPackage(page: Page, pkg: { name: string; text: string }) {
  await page.getByLabel('Handoff package file (.json)').setInputFiles({
    name: pkg.name,
    mimeType: 'application/json',
    buffer: Buffer.from(pkg.text),
  });
}

export async function chooseRole(page: Page, role: 'L1' | 'L2') {
  await page.getByRole('group', { name: 'Working as' }).getByRole('radio', { name: role, exact: true }).check();
}

/**
 * The alert the L1 walk pastes: a Splunk Enterprise Security notable event, as its JSON
 * export writes it (CIM field names), headed by the walk's own title and ID.
 */
export function splunkNotable(title: string, id: string): string {
  return JSON.stringify(
    {
      _time: '2026-05-02T04:01:12.000+00:00',
      event_id: id,
      rule_name: 'Excessive Data Transmission to Cloud Storage',
      rule_title: title,
      search_name: 'Network - Large Upload to Unsanctioned Cloud Storage - Rule',
      security_domain: 'network',
      urgency: 'high',
      src: 'FS-STORAGE-07',
      src_ip: '172.16.8.21',
      dest: 'uploads.bucket-drop.example',
      user: 'svc-backup02',
      url: 'https://uploads.bucket-drop.example/put',
      bytes_out: '42949672960',
      process: 'C:\\ProgramData\\sync\\rclone.exe copy D:\\shares drop:put',
      file_hash: '9f2c7e1b8a3d4c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d',
      firstTime: '2026-05-02T01:10:00.000+00:00',
      lastTime: '2026-05-02T03:55:00.000+00:00',
      annotations: { mitre_attack: ['T1567.002'] },
    },
    null,
    2,
  );
}

/**
 * The fields the last L1 walk typed by hand, and the suggestions it took with one click: the
 * intake's effect on a shift, recorded for the notes.
 */
export const typed = { fields: [] as string[], taken: [] as string[] };

/** Pixels scrolled by the end of each step of the last L1 walk: where a change in scroll comes from. */
export const scrollByStep: [string, number][] = [];

export interface Walk {
  screen: Screen;
  axe: boolean;
}

/** Answers escalation conditions, each by its group's Yes or No. */
export async function answerConditions(page: Page, answers: readonly (readonly [string, boolean])[]) {
  for (const [condition, yes] of answers) {
    await checkWhereSeen(page, page.getByRole('group', { name: condition }).getByRole('radio', { name: yes ? 'Yes' : 'No' }));
  }
}

/**
 * L1's whole walk for a true positive, from a new case to "L2 notified": every step is
 * checked to open with its first field and its action in view; one escalation is refused
 * and fixed from the error summary. Returns the pixels scrolled.
 */
export async function escalateAsL1(page: Page, o: Walk & { title: string; id: string; concerns?: string }) {
  const a11y = async () => {
    if (o.axe) await expectAccessibleBothThemes(page);
  };
  await clickWhereSeen(page, page.getByRole('button', { name: 'New case' }).first());

  // The alert.
  await expectStepReady(page, 'The alert', page.getByLabel('Paste the alert'), page.getByRole('button', { name: 'Start L1 review' }));
  await a11y();
  typed.fields = [];
  typed.taken = [];
  scrollByStep.length = 0;
  const mark = async (step: string) => {
    scrollByStep.push([step, await scrolled(page)]);
  };
  const type = async (label: string, value: string) => {
    typed.fields.push(label);
    await fill(page, label, value);
  };
  await fillWhereSeen(page, page.getByLabel('Paste the alert'), splunkNotable(o.title, o.id));
  await press(page, 'Read the alert');
  // What was read is shown beside the paste box, and the header is filled from it.
  await expect(page.getByRole('heading', { name: /^Read as a Splunk notable event: 9 fields, \d+ indicators\.$/ })).toBeVisible();
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue(o.title);
  await expect(page.getByLabel('Alert ID', { exact: true })).toHaveValue(o.id);
  await expect(page.getByLabel('Source (SIEM)', { exact: true })).toHaveValue('Splunk Enterprise Security');
  await expect(page.getByLabel('Severity', { exact: true })).toHaveValue('high');
  await expect(page.getByLabel('Detection time (UTC)', { exact: true })).toHaveValue('2026-05-02 04:01:12');
  await type('L1 analyst', 'Dana Kim');
  await press(page, 'Start L1 review');

  await mark('The alert');
  // Triage and verdict.
  await expectStepReady(page, 'Triage and verdict', page.getByRole('radio', { name: /^True Positive/ }), page.getByRole('button', { name: 'Continue to the report' }));
  await a11y();
  await checkWhereSeen(page, page.getByRole('radio', { name: /^True Positive/ }));
  await type('Verdict justification', 'The proxy logs confirm 40 GB left for an unknown bucket');
  await press(page, 'Continue to the report');

  await mark('Triage and verdict');
  // The report.
  await expectStepReady(page, 'The report: the Five Ws', page.getByLabel('Who', { exact: true }), page.getByRole('button', { name: 'Continue to the escalation decision' }));
  await a11y();
  // Top to bottom: Who, When and Where are the alert's words, taken with one click each.
  const take = async (w: string) => {
    await clickWhereSeen(page, page.getByRole('button', { name: `Use this for ${w}` }));
    typed.taken.push(w);
  };
  await take('Who');
  await expect(page.getByLabel('Who', { exact: true })).toHaveValue('svc-backup02 (user)');
  await type('What', 'rclone.exe ran from a scheduled task and uploaded 40 GB');
  await take('When');
  await expect(page.getByLabel('When', { exact: true })).toHaveValue('2026-05-02 01:10:00 UTC to 2026-05-02 03:55:00 UTC');
  await take('Where');
  await type('Why', 'The proxy logs show the upload; the task was created from an unknown IP');
  await press(page, 'Continue to the escalation decision');

  await mark('The report');
  // The decision: refused once (a condition left open), fixed from the error summary.
  const escalate = page.getByRole('button', { name: 'Escalate: set the status to In Progress' });
  await expectStepReady(page, 'Escalate to L2?', page.getByRole('group', { name: 'Major attack indicators' }).getByRole('radio', { name: 'Yes' }), escalate);
  await a11y();
  await answerConditions(page, [
    ['Major attack indicators', true],
    ['Remediation required', true],
    ['Cross-team communication needed', false],
  ]);
  await checkWhereSeen(page, page.getByRole('group', { name: 'Your decision' }).getByRole('radio', { name: 'Escalate to L2' }));
  await clickWhereSeen(page, escalate);
  const summary = await expectErrorSummary(page, ['Answer yes or no: Uncertain verdict.']);
  await a11y();
  await clickWhereSeen(page, summary.getByRole('link', { name: 'Answer yes or no: Uncertain verdict.' }));
  const uncertainNo = page.getByRole('group', { name: 'Uncertain verdict' }).getByRole('radio', { name: 'No' });
  await expect(page.getByRole('group', { name: 'Uncertain verdict' }).getByRole('radio', { name: 'Yes' })).toBeFocused();
  await checkWhereSeen(page, uncertainNo);
  await clickWhereSeen(page, escalate);

  await mark('Escalate to L2?');
  // Assign.
  await expectStepReady(page, 'Assign to the L2 analyst on shift', page.getByLabel('L2 analyst on shift', { exact: true }), page.getByRole('button', { name: 'Assign to L2' }));
  await a11y();
  await type('L2 analyst on shift', 'Sam Lee');
  await press(page, 'Assign to Sam Lee');

  await mark('Assign');
  // Notify: the ticket is filled in from the alert, the message is sent from here.
  await expectStepReady(page, 'Notify L2 and send the handoff', page.getByLabel('Ticket ID', { exact: true }), page.getByRole('button', { name: 'I have sent it: mark L2 as notified' }));
  await expect(page.getByLabel('Ticket ID', { exact: true })).toHaveValue(o.id);
  await type('Summary of findings', 'A service account uploaded 40 GB to an unknown bucket overnight.');
  await type('Immediate concerns', o.concerns ?? 'The task runs again tonight at 01:00 UTC.');
  const chat = page.getByLabel('The chat message, as it will be sent');
  await expect(chat).toHaveValue(/Assigned to: Sam Lee/);
  // A mention typed by the analyst cannot ping a whole channel.
  if (o.concerns?.includes('@')) {
    await expect(chat).toHaveValue(/＠here/);
    await expect(chat).not.toHaveValue(/ @here/);
  }
  await a11y();
  await press(page, 'I have sent it: mark L2 as notified');
  await expect(page.getByText('Now: L2 notified')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'With L2' })).toBeVisible();
  await a11y();
  await mark('Notify');
  return scrolled(page);
}

/** L2 opens a package and takes the case from the briefing. */
export async function takeAsL2(page: Page, pkg: { name: string; text: string }, o: { axe: boolean; name?: string }) {
  await chooseRole(page, 'L2');
  await openPackage(page, pkg);
  const take = page.getByRole('button', { name: 'Take the case: start the L2 review' });
  await expectStepReady(page, 'Briefing from L1', page.getByRole('heading', { name: 'Summary', exact: true }), take);
  if (o.axe) await expectAccessibleBothThemes(page);
  if (o.name) await fill(page, 'You take the case as', o.name);
  await take.click();
  await expectStepReady(page, 'L2 review and outcome', page.getByRole('checkbox', { name: 'Validate L1 findings' }), page.getByRole('button', { name: 'Mark as resolved' }));
  if (o.axe) await expectAccessibleBothThemes(page);
}
