import { test, expect } from '@playwright/test';
import { chooseExport, downloadExport, openApp, step } from './helpers';

test.beforeEach(async ({ page }) => {
  // Record every CSP violation the page reports.
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
});

test('a strict Content-Security-Policy is in force and the app runs under it', async ({ page }) => {
  await openApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of [
    "default-src 'self'",
    "connect-src 'self' blob:;",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+';/);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain("'unsafe-eval'");

  // The app works, with no violation...
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Alert title', { exact: true }).fill('CSP check');
  await expect(page.getByText('Now: Alert triggered')).toBeVisible();
  expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);

  // ... while injected inline script is refused.
  // An inline script runs as it is inserted, if it runs at all; the refusal is reported.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.head.appendChild(s);
  });
  await expect
    .poll(() => page.evaluate(() => (window as any).__violations))
    .toContainEqual(expect.stringContaining('script-src'));
  expect(await page.evaluate(() => (window as any).__injected === true)).toBe(false);
});

test('nothing leaves the origin during a whole workflow and export', async ({ page }) => {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const outside: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['blob:', 'data:'].includes(u.protocol) && u.origin !== origin) outside.push(r.url());
  });
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Alert title', { exact: true }).fill('Egress check');
  await page.getByLabel('Alert ID', { exact: true }).fill('INC-9');
  await page.getByLabel('L1 analyst', { exact: true }).fill('Dana');
  // A pasted alert full of live URLs must not make the browser fetch anything.
  await page
    .getByLabel('Paste the alert', { exact: true })
    .fill('url=https://evil.example/payload.png img=http://198.51.100.7/x.gif mail=a@evil.example');
  await step(page, 'Read the alert');
  await expect(page.getByText(/^Alert text kept: /)).toBeVisible();
  await step(page, 'Start L1 review');
  await page.getByRole('radio', { name: /^False Positive/ }).check();
  await page.getByLabel('Verdict justification', { exact: true }).fill('Test traffic from the red team');
  await step(page, 'Close as false positive');
  await chooseExport(page, 'Markdown');
  await expect(page.getByLabel('Markdown as text')).toContainText('hxxps://evil[.]example');
  const download = await downloadExport(page, 'Markdown');
  expect(download.name).toBe('INC-9-handoff.md');
  // Even a deliberate request to another origin is stopped by the policy.
  const result = await page.evaluate(() =>
    fetch('https://example.com/').then(() => 'sent', () => 'blocked'),
  );
  expect(result).toBe('blocked');
  expect(outside).toEqual([]);
});

test('hostile pastes are bounded: 50 MB of alert text or JSON gets a message and loses nothing', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Alert title', { exact: true }).fill('Keep me');
  const paste = (label: string) =>
    page.getByLabel(label, { exact: true }).evaluate((el) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'A'.repeat(50 * 1024 * 1024));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      return (el as HTMLTextAreaElement).value.length;
    });
  const started = Date.now();
  expect(await paste('Paste the alert')).toBe(0);
  await expect(page.getByRole('alert').filter({ hasText: 'That paste is 50.0 MB' })).toBeVisible();
  expect(await paste('Or paste the package JSON')).toBe(0);
  await expect(page.getByRole('alert').filter({ hasText: 'Import refused: The file is 50.0 MB' })).toBeVisible();
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('Keep me');

  // Just over the limit, typed in rather than pasted: refused when read, not before.
  await page.getByLabel('Paste the alert', { exact: true }).evaluate((el) => {
    (el as HTMLTextAreaElement).value = 'B'.repeat(1024 * 1024 + 1);
  });
  await page.getByRole('button', { name: 'Read the alert' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That paste is 1.0 MB' })).toBeVisible();
});

test('10,000 indicators and direction-override characters are handled calmly', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  const lines = Array.from({ length: 12000 }, (_, i) => `src=10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  lines.push('file=invoice\u202Efdp.exe user=evil\u202Eadmin');
  await page.getByLabel('Paste the alert', { exact: true }).evaluate((el, v) => {
    (el as HTMLTextAreaElement).value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, lines.join('\n'));
  const started = Date.now();
  await page.getByRole('button', { name: 'Read the alert' }).click();
  await expect(page.getByText('10000 indicators in the case.')).toBeVisible();
  expect(Date.now() - started).toBeLessThan(5000);
  // The report step shows the evidence folded; opened, only the first page of rows is drawn.
  await page.getByLabel('Alert title', { exact: true }).fill('Many');
  await page.getByLabel('Alert ID', { exact: true }).fill('INC-10');
  await page.getByLabel('L1 analyst', { exact: true }).fill('Dana');
  await step(page, 'Start L1 review');
  await page.getByRole('radio', { name: /^True Positive/ }).check();
  await step(page, 'Continue to the report');
  // The rows are built only once the evidence is opened: closed, the section is one line.
  const table = page.getByRole('table', { name: 'Indicators of this case', includeHidden: true });
  await expect(table).toHaveCount(0);
  await page.getByText(/^Evidence: 10000 indicators/).click();
  // Only the first page of rows is rendered.
  await expect(page.getByRole('table', { name: 'Indicators of this case' }).getByRole('row')).toHaveCount(101);
  // A right-to-left override is shown, never obeyed, in the Markdown.
  await page.getByLabel('Who', { exact: true }).fill('evil\u202Eadmin');
  await chooseExport(page, 'Markdown');
  await expect(page.getByLabel('Markdown as text')).toContainText('evil[U+202E]admin');
  // The preview lays out a long table only once it is scrolled to; its last row is then there.
  const lastRow = page
    .getByRole('region', { name: 'Markdown as it will look' })
    .getByRole('row')
    .filter({ hasText: /10(\[\.\]|\.)0(\[\.\]|\.)39(\[\.\]|\.)15\b/ });
  await lastRow.scrollIntoViewIfNeeded();
  await expect(lastRow).toBeVisible();
});
