import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, expectAccessible, step, expectStage } from './helpers';

const RAW_ALERT = `From: billing@evil-invoices.example
To: jdoe@corp.example
Attachment: Invoice_2291.docm sha256=275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f
host=WS-FIN-042 user=CORP\\jdoe url=hxxps://cdn-update[.]example[.]com/stage2.ps1 dst=203.0.113.50`;

async function fill(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).fill(value);
}

async function answer(page: Page, condition: string, yes: boolean) {
  await page.getByRole('group', { name: condition }).getByRole('radio', { name: yes ? 'Yes' : 'No' }).check();
}

async function downloadJson(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('L1 escalates a true positive, L2 imports the handoff and starts incident response', async ({ page, browser }) => {
  const errors = await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();

  await fill(page, 'Alert title', 'Macro document from invoice phishing ran PowerShell');
  await fill(page, 'Alert ID', 'INC-2291');
  await fill(page, 'Source (SIEM)', 'Splunk ES');
  await page.getByLabel('Severity', { exact: true }).selectOption({ label: 'High' });
  await fill(page, 'Detection time (UTC)', '2026-03-14T09:14');
  await fill(page, 'L1 analyst', 'Dana Kim');
  await fill(page, 'Paste the raw alert', RAW_ALERT);
  await step(page, 'Keep alert text and extract indicators');
  await expect(page.getByRole('heading', { name: 'Indicators (8)' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'https://cdn-update.example.com/stage2.ps1', exact: true })).toBeVisible();

  await step(page, 'Start L1 review');
  await expectStage(page, 'L1 review');
  await page.getByRole('radio', { name: 'True Positive' }).check();
  await step(page, 'Write the report');
  await expectStage(page, 'Writing the report');
  await expectAccessible(page);

  // Escalating before the report is written is refused: document before escalation.
  await step(page, 'Set status: In Progress');
  const refusal = page.getByRole('alert').filter({ hasText: 'document before escalation' });
  await expect(refusal).toContainText('Who is empty');
  await expect(page.getByLabel('Who', { exact: true })).toBeFocused();
  await expectAccessible(page);

  await fill(page, 'Who', 'jdoe (CORP\\jdoe, finance), mail from billing@evil-invoices.example');
  await fill(page, 'What', 'Invoice_2291.docm opened; Word started encoded PowerShell that downloaded stage2.ps1');
  await fill(page, 'When', '2026-03-14 09:12 UTC to 09:19 UTC');
  await fill(page, 'Where', 'WS-FIN-042 (10.20.30.40)');
  await fill(page, 'Why', 'The EDR process tree and proxy logs show the download; the hash is known malware');
  await fill(page, 'Verdict justification', 'Malicious macro executed and fetched a second stage');
  await answer(page, 'Major attack indicators', false);
  await answer(page, 'Remediation required', true);
  await answer(page, 'Cross-team communication needed', true);
  await answer(page, 'Uncertain verdict', false);
  await expect(page.getByRole('status').filter({ hasText: 'Recommendation: escalate to L2' })).toBeVisible();
  await page.getByRole('group', { name: 'Your decision' }).getByRole('radio', { name: 'Escalate to L2' }).check();

  await step(page, 'Set status: In Progress');
  await expectStage(page, 'In progress');
  await fill(page, 'Ticket ID', 'INC-2291');
  await fill(page, 'L2 analyst on shift', 'Sam Lee');
  await fill(page, 'Summary of findings', 'Invoice phishing: macro ran on WS-FIN-042 and fetched a second stage.');
  await fill(page, 'Immediate concerns', 'Host still online; @here the same mail reached 14 users');
  await step(page, 'Assign to L2 on shift');
  await expectStage(page, 'Assigned to L2');
  await expect(page.getByLabel('Chat message for Slack or Teams')).toHaveValue(/＠here/);
  await step(page, 'Mark L2 as notified');
  await expectStage(page, 'L2 notified');
  await expectAccessible(page);

  const exported = await downloadJson(page);
  expect(exported.name).toBe('INC-2291-handoff.json');

  // L2, in a fresh browser profile, opens the handoff.
  const l2Context = await browser.newContext();
  const l2 = await l2Context.newPage();
  const l2Errors = await openApp(l2);
  await l2.getByLabel('Handoff package file (.json)').setInputFiles({
    name: exported.name,
    mimeType: 'application/json',
    buffer: Buffer.from(exported.text),
  });
  await expectStage(l2, 'L2 notified');
  await expect(l2.getByLabel('Who', { exact: true })).toHaveValue(/jdoe/);
  // The same case, byte for byte.
  expect((await downloadJson(l2)).text).toBe(exported.text);

  await l2.getByLabel('L2 analyst', { exact: true }).fill('Sam Lee');
  await step(l2, 'Start L2 review');
  await expectStage(l2, 'L2 review');
  await l2.getByRole('checkbox', { name: 'Validate L1 findings' }).check();
  await l2.getByRole('checkbox', { name: 'Document actions taken' }).check();
  await l2.getByRole('radio', { name: /^Major/ }).check();
  await l2.getByLabel('Outcome note', { exact: true }).fill('Beacon to C2 confirmed; IR engaged.');
  await expectAccessible(l2);
  await step(l2, 'Start incident response');
  await expectStage(l2, 'Incident response');
  await expect(l2.locator('figcaption')).toContainText('Path so far: Alert triggered → L1 review → Writing the report → In progress → Assigned to L2 → L2 notified → L2 review → Incident response');
  await expectAccessible(l2);
  expect(l2Errors).toEqual([]);
  expect(errors).toEqual([]);
  await l2Context.close();
});

test('a bad import is refused with a reason and the open case is untouched', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await fill(page, 'Alert title', 'Keep me');
  await page.getByLabel('Or paste the package JSON').fill('{"format": "handoff-package", "schema_version": 9, "case": {}}');
  await step(page, 'Import pasted JSON');
  await expect(page.getByRole('alert').filter({ hasText: 'Import refused' })).toContainText(
    'schema version 9, newer than the version 1',
  );
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('Keep me');
});

test('copy buttons put the exact export on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await fill(page, 'Alert title', 'Clipboard check');
  const exported = await downloadJson(page);
  await page.getByRole('button', { name: 'Copy JSON' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied the JSON.' })).toBeVisible();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toBe(exported.text);
});
