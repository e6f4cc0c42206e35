import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp } from './helpers';
import { expectAccessibleBothThemes, fill, press } from './flow';

// A case from last March, stored by an earlier visit: no part of today's shift.
const march = readFileSync('crates/handoff-core/tests/golden/phishing.json', 'utf8');

async function newCase(page: Page, title: string, id: string, review: boolean) {
  await page.getByRole('button', { name: 'New case' }).first().click();
  await fill(page, 'Alert title', title);
  await fill(page, 'Alert ID', id);
  await fill(page, 'L1 analyst', 'Dana Kim');
  if (review) await press(page, 'Start L1 review');
}

test('the shift handover lists the cases touched in the shift, with their next step and owner', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('handoff.v1.case.case-phish', text);
      sessionStorage.setItem('seeded', '1');
    }
  }, march);
  const errors = await openApp(page);
  await expect(page.getByRole('complementary', { name: 'Cases' }).getByText(/Macro document from invoice phishing/).first()).toBeVisible();
  await newCase(page, 'Impossible travel for mlopez', 'SIEM-5101', true);
  await newCase(page, 'Beacon to a new domain from KSK-07', 'SIEM-5102', false);

  const card = page.getByRole('region', { name: 'Shift handover', exact: true });
  const hours = card.getByLabel('Hours to look back');
  await expect(hours).toHaveValue('12');
  // A look-back that is not a number of hours is refused where it was typed.
  await hours.fill('0');
  await card.getByRole('button', { name: 'Write the shift handover' }).click();
  await expect(card.getByText('Error: Enter a whole number of hours from 1 to 168.')).toBeVisible();
  await expect(hours).toBeFocused();
  await expect(hours).toHaveAttribute('aria-invalid', 'true');
  await hours.fill('12');
  await card.getByRole('button', { name: 'Write the shift handover' }).click();

  // The chat message: the figures, then each case still open with what comes next.
  const chat = card.getByLabel('Shift handover as a chat message');
  await expect(chat).toContainText('2 alerts handled: 2 opened, 0 escalated to L2, 0 false positives, 0 closed at L1. Median time to escalation: none escalated.');
  await card.getByRole('button', { name: 'Copy chat message' }).click();
  await expect(card.getByText('Copied the chat message.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^Shift handover, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC to \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\n/);
  expect(copied.split('\n').slice(2)).toEqual([
    'TLP:AMBER: share no wider than the most restricted case in it.',
    'Open at L1:',
    '- SIEM-5102 · TLP:AMBER · Beacon to a new domain from KSK-07 — next: Start the L1 review (L1 Dana Kim)',
    '- SIEM-5101 · TLP:AMBER · Impossible travel for mlopez — next: Reach a verdict on the alert (L1 Dana Kim)',
    '',
  ]);

  // The Markdown, as a CommonMark reader renders it: a table per standing, a row per case.
  await card.getByText('The handover as it will look').click();
  const rendered = card.getByRole('region', { name: 'Shift handover as it will look' });
  await expect(rendered.getByRole('heading', { name: 'Open at L1 (2)' })).toBeVisible();
  const rows = rendered.getByRole('table').last().getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1).getByRole('cell')).toHaveText([
    'SIEM-5102', 'TLP:AMBER', 'Beacon to a new domain from KSK-07', 'Alert triggered', 'opened', 'Start the L1 review', 'L1 Dana Kim',
  ]);
  await expect(rows.nth(2).getByRole('cell')).toHaveText([
    'SIEM-5101', 'TLP:AMBER', 'Impossible travel for mlopez', 'L1 review', 'opened', 'Reach a verdict on the alert', 'L1 Dana Kim',
  ]);
  await expect(rendered.getByText(/Macro document from invoice phishing/)).toHaveCount(0);

  // The same Markdown downloads as a file for the ticket or the wiki.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('button', { name: 'Download (.md)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('shift-handover.md');
  const md = readFileSync(await download.path(), 'utf8');
  expect(md.split('\n')[0]).toMatch(/^# Shift handover: .* UTC to .* UTC$/);
  expect(md).toContain('| SIEM-5101 | TLP:AMBER | Impossible travel for mlopez | L1 review | opened | Reach a verdict on the alert | L1 Dana Kim |');

  // A week back still leaves out March; the handover on screen is the new one.
  await hours.fill('168');
  await card.getByRole('button', { name: 'Write the shift handover' }).click();
  await expect(card.getByRole('status').filter({ hasText: 'The shift handover is written below.' })).toBeVisible();
  const [from, to] = [...((await chat.textContent()) ?? '').matchAll(/(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/g)].map(
    (m) => Date.parse(m[1].replace(' ', 'T') + 'Z'),
  );
  expect((to - from) / 3_600_000).toBe(168);
  await expect(chat).toContainText('2 alerts handled');
  await expectAccessibleBothThemes(page);
  expect(errors).toEqual([]);
});
