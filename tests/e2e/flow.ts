import { expect, type Browser, type Page, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible, openApp } from './helpers';

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
    let last = 0;
    addEventListener(
      'scroll',
      () => {
        w.__scrolled += Math.abs(scrollY - last);
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
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page);
  }
  await page.emulateMedia({ colorScheme: null });
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
  await page.getByLabel(label, { exact: true }).fill(value);
}

export async function press(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
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
  const download = page.getByRole('button', { name: 'Download JSON' });
  if (!(await download.isVisible())) await page.getByText('Export the case', { exact: true }).click();
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
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

export const RAW_ALERT = `2026-05-02T04:01:12Z proxy upload alert
user=svc-backup02 host=FS-STORAGE-07 src=172.16.8.21 dst=203.0.113.80
url=hxxps://uploads[.]bucket-drop[.]example/put bytes_out=42949672960
process=C:\\ProgramData\\sync\\rclone.exe sha256=9f2c7e1b8a3d4c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d`;

export interface Walk {
  screen: Screen;
  axe: boolean;
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
  await page.getByRole('button', { name: 'New case' }).first().click();

  // The alert.
  await expectStepReady(page, 'The alert', page.getByLabel('Paste the alert'), page.getByRole('button', { name: 'Start L1 review' }));
  await a11y();
  await page.getByLabel('Paste the alert').fill(RAW_ALERT);
  await press(page, 'Keep the alert and read its indicators');
  await expect(page.getByText(/Alert text kept: .* indicators in the case\./)).toBeVisible();
  await fill(page, 'Alert title', o.title);
  await fill(page, 'Alert ID', o.id);
  await fill(page, 'Source (SIEM)', 'Microsoft Sentinel');
  await page.getByLabel('Severity', { exact: true }).selectOption({ label: 'High' });
  await fill(page, 'Detection time (UTC)', '2026-05-02 04:01');
  await fill(page, 'L1 analyst', 'Dana Kim');
  await press(page, 'Start L1 review');

  // Triage and verdict.
  await expectStepReady(page, 'Triage and verdict', page.getByRole('radio', { name: /^True Positive/ }), page.getByRole('button', { name: 'Continue to the report' }));
  await a11y();
  await page.getByRole('radio', { name: /^True Positive/ }).check();
  await fill(page, 'Verdict justification', 'The proxy logs confirm 40 GB left for an unknown bucket');
  await press(page, 'Continue to the report');

  // The report.
  await expectStepReady(page, 'The report: the Five Ws', page.getByLabel('Who', { exact: true }), page.getByRole('button', { name: 'Continue to the escalation decision' }));
  await a11y();
  await fill(page, 'Who', 'svc-backup02, a service account of the storage team');
  await fill(page, 'What', 'rclone.exe ran from a scheduled task and uploaded 40 GB');
  await fill(page, 'When', '2026-05-02 01:10 UTC to 03:55 UTC');
  await fill(page, 'Where', 'FS-STORAGE-07 (172.16.8.21) to uploads.bucket-drop.example');
  await fill(page, 'Why', 'The proxy logs show the upload; the task was created from an unknown IP');
  await press(page, 'Continue to the escalation decision');

  // The decision: refused once (a condition left open), fixed from the error summary.
  const escalate = page.getByRole('button', { name: 'Escalate: set the status to In Progress' });
  await expectStepReady(page, 'Escalate to L2?', page.getByRole('group', { name: 'Major attack indicators' }).getByRole('radio', { name: 'Yes' }), escalate);
  await a11y();
  for (const [condition, yes] of [
    ['Major attack indicators', true],
    ['Remediation required', true],
    ['Cross-team communication needed', false],
  ] as const) {
    await page.getByRole('group', { name: condition }).getByRole('radio', { name: yes ? 'Yes' : 'No' }).check();
  }
  await page.getByRole('group', { name: 'Your decision' }).getByRole('radio', { name: 'Escalate to L2' }).check();
  await escalate.click();
  const summary = await expectErrorSummary(page, ['Answer yes or no: Uncertain verdict.']);
  await a11y();
  await summary.getByRole('link', { name: 'Answer yes or no: Uncertain verdict.' }).click();
  const uncertainNo = page.getByRole('group', { name: 'Uncertain verdict' }).getByRole('radio', { name: 'No' });
  await expect(page.getByRole('group', { name: 'Uncertain verdict' }).getByRole('radio', { name: 'Yes' })).toBeFocused();
  await uncertainNo.check();
  await escalate.click();

  // Assign.
  await expectStepReady(page, 'Assign to the L2 analyst on shift', page.getByLabel('L2 analyst on shift', { exact: true }), page.getByRole('button', { name: 'Assign to L2' }));
  await a11y();
  await fill(page, 'L2 analyst on shift', 'Sam Lee');
  await press(page, 'Assign to Sam Lee');

  // Notify: the ticket is filled in from the alert, the message is sent from here.
  await expectStepReady(page, 'Notify L2 and send the handoff', page.getByLabel('Ticket ID', { exact: true }), page.getByRole('button', { name: 'I have sent it: mark L2 as notified' }));
  await expect(page.getByLabel('Ticket ID', { exact: true })).toHaveValue(o.id);
  await fill(page, 'Summary of findings', 'A service account uploaded 40 GB to an unknown bucket overnight.');
  await fill(page, 'Immediate concerns', o.concerns ?? 'The task runs again tonight at 01:00 UTC.');
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
