import { expect, type Page } from '@playwright/test';
import { answerConditions, fill, press } from './flow';

// The steps of training walks, shared by the training and offline specs. By role and label only.

export async function startScenario(page: Page, title: string) {
  await page.getByRole('button', { name: 'Show the scenario library' }).click();
  await page.getByRole('button', { name: `Start scenario: ${title}` }).click();
  await expect(page.getByRole('region', { name: `Training scenario: ${title}` })).toBeVisible();
}

/** Runs a check by the start of its action, and returns its button. */
export async function runCheck(page: Page, action: string) {
  const check = page
    .getByRole('list', { name: 'Investigate: choose your checks' })
    .getByRole('button', { name: new RegExp(`^${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  await check.click();
  return check;
}

export function shiftTime(page: Page) {
  return page.getByRole('region', { name: /^Training scenario:/ }).getByRole('status');
}

/** The row of the score table whose first cell starts with `item`. */
export function scoreRow(page: Page, item: string | RegExp) {
  return page.getByRole('table', { name: 'Score by item' }).getByRole('row', { name: item });
}

/**
 * L1's handoff of "Invoice phishing with a macro document", once the checks are chosen: the
 * verdict, the report, the decision, the assignment and the notification with `concerns`.
 */
export async function escalatePhishing(page: Page, o: { analyst: string; concerns: string }) {
  await page.getByLabel('Severity', { exact: true }).selectOption('high');
  await fill(page, 'Detection time (UTC)', '2026-03-16 09:14');
  await fill(page, 'L1 analyst', o.analyst);
  await press(page, 'Start L1 review');
  await page.getByRole('radio', { name: /^True Positive/ }).check();
  await fill(page, 'Verdict justification', 'The EDR process tree shows the macro starting PowerShell, which fetched load.ps1');
  await press(page, 'Continue to the report');
  await fill(page, 'Who', 'hmorgan (finance) opened the attachment');
  await fill(page, 'What', 'The macro in Payment_Reminder_0316.docm started PowerShell, which fetched load.ps1 and started a child process');
  await fill(page, 'When', '2026-03-16 09:14 UTC, still running');
  await fill(page, 'Where', 'WS-ACC-113');
  await fill(page, 'Why', 'The EDR process tree shows the chain; the mail trace found the same message sent to finance');
  await press(page, 'Continue to the escalation decision');
  await answerConditions(page, [
    ['Major attack indicators', false],
    ['Remediation required', true],
    ['Cross-team communication needed', true],
    ['Uncertain verdict', false],
  ]);
  await page.getByRole('group', { name: 'Your decision' }).getByRole('radio', { name: 'Escalate to L2' }).check();
  await press(page, 'Escalate: set the status to In Progress');
  await fill(page, 'L2 analyst on shift', 'Kwame Mensah');
  await press(page, 'Assign to Kwame Mensah');
  await expect(page.getByLabel('Ticket ID', { exact: true })).toHaveValue('SPL-20931');
  await fill(page, 'Summary of findings', 'A macro on WS-ACC-113 (hmorgan) ran PowerShell and pulled a second stage.');
  await fill(page, 'Immediate concerns', o.concerns);
  await press(page, 'I have sent it: mark L2 as notified');
  await expect(page.getByRole('region', { name: 'Scoring' })).toContainText('The case has gone as far as your part of it goes');
}
