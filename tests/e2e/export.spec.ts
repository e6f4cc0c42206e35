import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { expectAccessible, openApp, openExport, chooseExport, notePlaces, placesSeen } from './helpers';

// The golden files the native tests write from the same cases: what the app copies must be
// exactly what the domain's exporters produce.
const golden = (name: string) => readFileSync(`crates/handoff-core/tests/golden/${name}`, 'utf8');

async function openGoldenPhishing(page: Page) {
  await openApp(page);
  await page.getByLabel('Handoff package file (.json)').setInputFiles({
    name: 'INC-2291-handoff.json',
    mimeType: 'application/json',
    buffer: Buffer.from(golden('phishing.json')),
  });
  await expect(page.getByText(/^Imported the handoff/)).toBeVisible();
}

async function copied(page: Page, format: string): Promise<string> {
  await chooseExport(page, format);
  await page.getByRole('button', { name: `Copy ${format}`, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Copied the ${format}.` })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('the clipboard holds exactly the golden text of every format', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openGoldenPhishing(page);
  await openExport(page);
  await page.getByRole('radio', { name: 'The full case record' }).check();
  for (const [format, file] of [
    ['Markdown', 'phishing.md'],
    ['Jira wiki markup', 'phishing.jira.txt'],
    ['Plain text', 'phishing.txt'],
    ['Chat message', 'phishing.chat.txt'],
    ['Slack message (JSON)', 'phishing.slack.json'],
    ['Teams message (JSON)', 'phishing.teams.json'],
    ['TheHive 5 alert (JSON)', 'phishing.thehive.json'],
    ['DFIR-IRIS alert (JSON)', 'phishing.iris.json'],
    ['Handoff package (JSON)', 'phishing.json'],
  ]) {
    expect(await copied(page, format), format).toBe(golden(file));
  }
  // STIX ids are random and its times are the export's: the same indicators, valid ids.
  const stix = JSON.parse(await copied(page, 'STIX 2.1 bundle'));
  const want = JSON.parse(golden('phishing.stix.json'));
  const patterns = (b: { objects: { type: string; pattern?: string }[] }) =>
    b.objects.filter((o) => o.type === 'indicator').map((o) => o.pattern);
  expect(patterns(stix)).toEqual(patterns(want));
  for (const o of stix.objects) expect(o.id).toMatch(/--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('own domains are saved once and every export keeps them as they are', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openGoldenPhishing(page);
  await openExport(page);
  await page.getByText('Export settings: your own domains, DFIR-IRIS IDs').click();
  // A bad line is refused with its line number, and what was typed stays.
  const own = page.getByLabel("Your organisation's domains and address ranges");
  await own.fill('corp.example\nnot a domain\n10.20.0.0/16');
  await page.getByRole('button', { name: 'Save the export settings' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'The settings were not saved' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /^Line 2: "not a domain" is not a domain/ })).toBeVisible();
  await expect(own).toHaveValue('corp.example\nnot a domain\n10.20.0.0/16');
  await own.fill('Corp.Example\n10.20.0.0/16');
  await page.getByRole('button', { name: 'Save the export settings' }).click();
  await expect(page.getByText(/^Export settings saved in this browser/)).toBeVisible();
  await expect(own).toHaveValue('corp.example\n10.20.0.0/16');
  // Saving with the IRIS box empty shows a fresh install's IDs.
  await expect(page.getByLabel('DFIR-IRIS IDs (JSON)')).toHaveValue(/"customer_id": 1/);

  await page.getByRole('radio', { name: /^L1's handoff to L2/ }).check();
  for (const [format, file] of [
    ['Markdown', 'phishing.l1-own.md'],
    ['Jira wiki markup', 'phishing.l1-own.jira.txt'],
    ['Plain text', 'phishing.l1-own.txt'],
    ['TheHive 5 alert (JSON)', 'phishing.l1-own.thehive.json'],
  ]) {
    expect(await copied(page, format), format).toBe(golden(file));
  }
  // Kept in this browser: after a reload the export still leaves them alone.
  await page.reload();
  await openExport(page);
  await page.getByRole('radio', { name: /^L1's handoff to L2/ }).check();
  expect(await copied(page, 'Markdown')).toBe(golden('phishing.l1-own.md'));
});

test('the saved settings go to another browser as a file, and no other file passes for one', async ({ page, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openGoldenPhishing(page);
  await openExport(page);
  await page.getByText('Export settings: your own domains, DFIR-IRIS IDs').click();
  await page.getByLabel("Your organisation's domains and address ranges").fill('corp.example\n10.20.0.0/16');
  await page.getByRole('button', { name: 'Save the export settings' }).click();
  await expect(page.getByText(/^Export settings saved in this browser/)).toBeVisible();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the saved settings' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe('handoff-export-settings.json');
  const saved = readFileSync(await file.path());
  expect(JSON.parse(saved.toString('utf8'))).toMatchObject({ format: 'handoff-export-settings', own_domains: 'corp.example\n10.20.0.0/16' });

  // Another browser: a package is refused as a settings file, the saved file fills the boxes.
  const other = await browser.newContext();
  await other.grantPermissions(['clipboard-read', 'clipboard-write']);
  const there = await other.newPage();
  await openGoldenPhishing(there);
  await openExport(there);
  await there.getByText('Export settings: your own domains, DFIR-IRIS IDs').click();
  const load = there.getByLabel('Load settings from a file (.json)');
  await load.setInputFiles({ name: 'phishing.json', mimeType: 'application/json', buffer: Buffer.from(golden('phishing.json')) });
  await expect(there.getByText('phishing.json was not read: This is not a Handoff export settings file')).toBeVisible();
  await load.setInputFiles({ name: 'handoff-export-settings.json', mimeType: 'application/json', buffer: saved });
  await expect(there.getByLabel("Your organisation's domains and address ranges")).toHaveValue('corp.example\n10.20.0.0/16');
  await there.getByRole('button', { name: 'Save the export settings' }).click();
  await expect(there.getByText(/^Export settings saved in this browser/)).toBeVisible();
  await there.getByRole('radio', { name: /^L1's handoff to L2/ }).check();
  expect(await copied(there, 'Markdown')).toBe(golden('phishing.l1-own.md'));
  await other.close();
});

test('the Markdown preview is rendered beside its text, and a case with no indicator has no STIX', async ({ page }) => {
  await openGoldenPhishing(page);
  await chooseExport(page, 'Markdown');
  const rendered = page.getByRole('region', { name: 'Markdown as it will look' });
  await expect(rendered.getByRole('heading', { name: 'Five Ws' })).toBeVisible();
  await expect(rendered.getByRole('table').first()).toBeVisible();
  await expect(page.getByLabel('Markdown as text')).toContainText('## Five Ws');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'New case' }).first().click();
  await openExport(page);
  await page.getByLabel('Format', { exact: true }).selectOption({ label: 'STIX 2.1 bundle' });
  await expect(page.getByRole('alert').filter({ hasText: 'has none that STIX can express' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download STIX 2.1 bundle' })).toBeDisabled();
});

test('the text stays in its place while the next one is written', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Alert title', { exact: true }).fill('Beaconing from a finance laptop');
  await chooseExport(page, 'Markdown');
  await expect(page.getByLabel('Markdown as text')).toContainText('Beaconing from a finance laptop');
  // An edit has the text written again a moment later. It used to vanish meanwhile, and
  // everything below it jumped up by its height and back down when it came.
  await notePlaces(page, 'Print the case report');
  await page.getByLabel('Alert title', { exact: true }).fill('Beaconing from the finance laptop FIN-042');
  await expect(page.getByLabel('Markdown as text')).toContainText('Beaconing from the finance laptop FIN-042');
  await expect(page.getByRole('button', { name: 'Copy Markdown' })).toBeEnabled();
  expect(await placesSeen(page)).toHaveLength(1);
  // A new format: the last text stays, dimmed, until the new one takes its place; only the
  // new one is offered for copying.
  await page.evaluate(() => {
    const w = window as unknown as { framesWithoutText: number };
    w.framesWithoutText = 0;
    const note = () => {
      if (!document.querySelector('pre[aria-label$=" as text"]')) w.framesWithoutText += 1;
      requestAnimationFrame(note);
    };
    requestAnimationFrame(note);
  });
  await page.getByLabel('Format', { exact: true }).selectOption({ label: 'Handoff package (JSON)' });
  await expect(page.getByLabel('Handoff package (JSON) as text')).toContainText('"format": "handoff-package"');
  await expect(page.getByRole('button', { name: 'Copy Handoff package (JSON)' })).toBeEnabled();
  expect(await page.evaluate(() => (window as unknown as { framesWithoutText: number }).framesWithoutText)).toBe(0);
});

test('the printed report has every section and the TLP label on every page', async ({ page }, info) => {
  await openGoldenPhishing(page);
  await openExport(page);
  // Headless Chromium has no print dialog (a real window.print() would hold the page in
  // printing); the test stands in for it and prints to PDF itself.
  await page.evaluate(() => {
    window.print = () => {
      document.documentElement.dataset.printAsked = 'yes';
    };
  });
  await page.getByRole('button', { name: 'Print the case report' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-print-asked', 'yes');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { name: /^Handoff: INC-2291/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print the case report' })).toBeHidden();
  const pdf = info.outputPath('report.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4' }));
  const text = execFileSync(process.env.PDFTOTEXT ?? '/usr/bin/pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim() !== '');
  const sections = golden('phishing.md')
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .map((l) => l.slice(3));
  expect(sections.length).toBeGreaterThan(5);
  for (const s of sections) expect(text, s).toContain(s);
  // A page for each section (after the title page), each carrying the TLP label.
  expect(pages.length).toBeGreaterThanOrEqual(sections.length + 1);
  for (const [i, p] of pages.entries()) expect(p, `page ${i + 1}`).toContain('TLP:AMBER');
  // No navigation or buttons on paper.
  expect(text).not.toContain('New case');
  expect(text).not.toContain('Print the case report');
});
