import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp } from './helpers';

// The golden files the native tests write from the same cases: what the app hands over must
// be exactly what the domain's exporters produce.
const golden = (name: string) => readFileSync(`crates/handoff-core/tests/golden/${name}`, 'utf8');

async function openGoldenPhishing(page: Page) {
  await openApp(page);
  await page.getByLabel('Handoff package file (.json)').setInputFiles({
    name: 'INC-2291-handoff.json',
    mimeType: 'application/json',
    buffer: Buffer.from(golden('phishing.json')),
  });
  await expect(page.getByText(/^Imported the handoff/)).toBeVisible();
  // A closed case opens with "Export the case" open.
  await expect(page.getByLabel('Format', { exact: true })).toBeVisible();
}

async function choose(page: Page, format: string) {
  await page.getByLabel('Format', { exact: true }).selectOption({ label: format });
}

test('every format is copied exactly as its golden file', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openGoldenPhishing(page);
  for (const [format, file] of [
    ['Markdown', 'phishing.md'],
    ['Chat message', 'phishing.chat.txt'],
    ['Handoff package (JSON)', 'phishing.json'],
    ['Jira wiki markup', 'phishing.jira.txt'],
    ['Plain text', 'phishing.txt'],
    ['Slack message (JSON)', 'phishing.slack.json'],
    ['Teams message (JSON)', 'phishing.teams.json'],
    ['TheHive 5 alert (JSON)', 'phishing.thehive.json'],
    ['DFIR-IRIS alert (JSON)', 'phishing.iris.json'],
  ]) {
    await choose(page, format);
    await page.getByRole('button', { name: 'Copy the export' }).click();
    await expect(page.getByText(`Copied the ${format}.`).last()).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText()), format).toBe(golden(file));
  }
});

test('the STIX bundle downloads with the golden indicators and fresh UUIDv4 ids', async ({ page }) => {
  await openGoldenPhishing(page);
  await choose(page, 'STIX 2.1 bundle');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the export' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe('INC-2291-handoff.stix.json');
  const stix = JSON.parse(readFileSync(await file.path(), 'utf8'));
  const want = JSON.parse(golden('phishing.stix.json'));
  const patterns = (b: { objects: { type: string; pattern?: string }[] }) =>
    b.objects.filter((o) => o.type === 'indicator').map((o) => o.pattern);
  expect(patterns(stix)).toEqual(patterns(want));
  for (const o of stix.objects) {
    expect(o.id).toMatch(/--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
});

test('a case with nothing STIX can carry says so, and nothing is saved', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByText('Export the case', { exact: true }).click();
  await choose(page, 'STIX 2.1 bundle');
  let downloaded = false;
  page.on('download', () => (downloaded = true));
  await page.getByRole('button', { name: 'Download the export' }).click();
  await expect(page.getByText(/has none that STIX can express/)).toBeVisible();
  expect(downloaded).toBe(false);
});
