import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp } from './helpers';
import { expectAccessibleBothThemes, fill, press } from './flow';

// The samples are the domain crate's golden corpus: one set of realistic alerts for both the
// native tests and these.
const corpus = (name: string) => readFileSync(`crates/handoff-core/tests/intake/${name}`, 'utf8');

async function pasteAlert(page: Page, text: string) {
  await page.getByLabel('Paste the alert', { exact: true }).fill(text);
  await press(page, 'Read the alert');
}

/** The panel beside the paste box: what was read, with the alert's facts and indicators. */
const reading = (page: Page) => page.getByRole('region', { name: /^(Read as |Not a format)/ });
const readingTitle = (page: Page) => reading(page).getByRole('heading', { level: 3 });

async function toTheReport(page: Page) {
  await fill(page, 'L1 analyst', 'Dana Kim');
  await press(page, 'Start L1 review');
  await page.getByRole('radio', { name: /^True Positive/ }).check();
  await fill(page, 'Verdict justification', 'The script download is confirmed by the proxy logs');
  await press(page, 'Continue to the report');
}

test('a Defender XDR alert fills the header; Who and Where wait as suggestions until taken', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await pasteAlert(page, corpus('defender-xdr-alert.json'));

  await expect(readingTitle(page)).toHaveText(
    'Read as a Microsoft Defender XDR alert: 8 fields, 11 indicators.',
  );
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('Suspicious PowerShell download and execution');
  await expect(page.getByLabel('Alert ID', { exact: true })).toHaveValue('da638459817027754321_-1419205874');
  await expect(page.getByLabel('Severity', { exact: true })).toHaveValue('high');
  await expect(page.getByLabel('Detection time (UTC)', { exact: true })).toHaveValue('2026-03-14 09:16:42');
  await expect(page.getByLabel('Source (SIEM)', { exact: true })).toHaveValue('Microsoft Defender for Endpoint');
  // Indicators keep the role the alert gives them, next to the paste box.
  // Eleven are folded under a line that says what they are; one click shows them.
  await reading(page).getByText('Indicators found: 11 (Email, Host, User, File name ×2, SHA-256 ×2, SHA-1 ×2, URL, IPv4)').click();
  const indicators = reading(page).getByRole('list').last();
  await expect(indicators.getByRole('listitem').filter({ hasText: '198.51.100.23' })).toContainText('IP address, attacker');
  await expect(indicators.getByRole('listitem').filter({ hasText: 'Invoice_0342.docm' })).toContainText('file, source');
  await expect(reading(page)).toContainText('Suggested beside each field, to take or dismiss: Who, Where, When.');
  await expectAccessibleBothThemes(page);

  await toTheReport(page);
  const who = page.getByLabel('Who', { exact: true });
  const where = page.getByLabel('Where', { exact: true });
  await expect(who).toHaveValue('');
  await expect(page.getByText('jdoe@corp.example (user, compromised)')).toBeVisible();
  await expectAccessibleBothThemes(page);
  await page.getByRole('button', { name: 'Use this for Who' }).click();
  await expect(who).toHaveValue('jdoe@corp.example (user, compromised)');
  await page.getByRole('button', { name: 'Use this for Where' }).click();
  await expect(where).toHaveValue(
    'ws-fin-0142.corp.example (device); https://cdn-update.example.net/payload.ps1 (URL, attacker); 198.51.100.23 (IP address, attacker)',
  );
  // Dismissed, a suggestion goes and the field stays as it was.
  await page.getByRole('button', { name: 'Dismiss the suggestion for When' }).click();
  await expect(page.getByRole('button', { name: 'Use this for When' })).toHaveCount(0);
  await expect(page.getByLabel('When', { exact: true })).toHaveValue('');
  expect(errors).toEqual([]);
});

test('a field typed before the paste is never overwritten: the alert says its piece beside it', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await fill(page, 'Alert title', 'PowerShell on the finance laptop');
  await pasteAlert(page, corpus('defender-xdr-alert.json'));
  await expect(reading(page)).toBeVisible();
  const title = page.getByLabel('Alert title', { exact: true });
  await expect(title).toHaveValue('PowerShell on the finance laptop');
  await expect(page.getByLabel('Alert ID', { exact: true })).toHaveValue('da638459817027754321_-1419205874');
  await page.getByRole('button', { name: 'Use this for Alert title' }).click();
  await expect(title).toHaveValue('Suspicious PowerShell download and execution');

  // After a reload the reading is back beside the paste box (the worker reads the stored
  // alert again); suggestions are a paste's, so they are not.
  await page.reload();
  await expect(readingTitle(page)).toHaveText(/^Read as a Microsoft Defender XDR alert/);
  await expect(page.getByRole('button', { name: /^Use this for/ })).toHaveCount(0);
});

test('a case opened past its alert reads the stored alert again only when the alert step is opened', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await pasteAlert(page, corpus('defender-xdr-alert.json'));
  await expect(reading(page)).toBeVisible();
  await toTheReport(page);
  await page.reload();
  await expect(page.getByLabel('Who', { exact: true })).toBeVisible();
  await expect(reading(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Change: The alert' }).click();
  await expect(readingTitle(page)).toHaveText(/^Read as a Microsoft Defender XDR alert/);
});

test('reported e-mail headers show the sender, a Reply-To elsewhere and SPF, DKIM and DMARC', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await pasteAlert(page, corpus('email-phish-headers.txt'));
  const panel = reading(page);
  await expect(panel.getByRole('heading', { level: 3 })).toHaveText(/^Read as the headers of an e-mail: 5 fields, \d+ indicators\.$/);
  const facts = panel.getByRole('list').first();
  for (const line of [
    'From: Payroll Team <payroll@corp-payroll.example>',
    'Reply-To payroll-desk@secure-mailbox.example.net is not the From address payroll@corp-payroll.example: replies would go elsewhere',
    'Authentication-Results (mx.corp.example): SPF fail (smtp.mailfrom=payrol1-services.example), DKIM none (header.d=none), DMARC fail (header.from=corp-payroll.example), Composite authentication fail',
  ]) {
    await expect(facts.getByRole('listitem').filter({ hasText: line })).toHaveCount(1);
  }
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue(
    'Reported e-mail: Action required: confirm your March salary details',
  );
  await panel.getByText(/^Indicators found: 8 /).click();
  const indicators = panel.getByRole('list').last();
  await expect(indicators.getByRole('listitem').filter({ hasText: 'payroll@corp-payroll.example' })).toContainText('sender, From header');
  await expect(indicators.getByRole('listitem').filter({ hasText: '203.0.113.66' })).toContainText('sending server, Received hop 1 of 3');
  await expectAccessibleBothThemes(page);
});

test.describe('without the worker', () => {
  // The service worker would serve the reader from its cache, past the route below.
  test.use({ serviceWorkers: 'block' });
  test('if the reader cannot start, the alert text is still kept, and the analyst is told what was not read', async ({ page, context }) => {
    await context.route('**/handoff-worker_loader.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await openApp(page);
    await page.getByRole('button', { name: 'New case' }).first().click();
    const alert = corpus('defender-xdr-alert.json');
    await pasteAlert(page, alert);
    const told = page.getByRole('alert').filter({ hasText: "The alert could not be read: Handoff's worker failed" });
    await expect(told).toContainText('The alert text is kept, but neither its fields nor its indicators were read: paste it again to retry, or enter them by hand.');
    await expect(page.getByText(/^Alert text kept: [1-9][\d,]* characters; 0 indicators in the case\.$/)).toBeVisible();
    await expect(readingTitle(page)).toHaveText('Not a format Handoff reads field by field; kept as text: 0 indicators.');
    await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('');
  });
});
