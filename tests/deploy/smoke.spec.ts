// The app in Chromium, served by nginx with the shipped configuration. Relies only on what a
// redesign keeps: the title and the "Handoff" heading, the "New case" button and the
// "Alert title" field it brings, the CSP <meta>, and the service worker.
import { test, expect } from '@playwright/test';
import { meta } from './server';

test('loads, works, reloads offline under its service worker, and asks nothing of another origin', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const outside: string[] = [];
  // On the context, so the service worker's own requests are seen too.
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (!['blob:', 'data:'].includes(u.protocol) && u.origin !== origin) outside.push(r.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let online = true;
  page.on('console', (m) => {
    if (online && m.type() === 'error') errors.push(m.text());
  });
  const wasmEncodings: (string | undefined)[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.wasm')) wasmEncodings.push(r.headers()['content-encoding']);
  });

  await page.goto('./');
  await expect(page).toHaveTitle(/Handoff/);
  const heading = page.getByRole('heading', { name: 'Handoff', level: 1 });
  await expect(heading).toBeVisible();

  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self' blob:;");

  // The browser got the wasm compressed: brotli where nginx has it (Chromium asks for it on
  // loopback too), gzip otherwise.
  expect(wasmEncodings.length).toBeGreaterThan(0);
  expect(wasmEncodings[0]).toBe(meta().brotli ? 'br' : 'gzip');
  console.log(`${test.info().project.name}: Chromium got the wasm with Content-Encoding: ${wasmEncodings[0]}`);

  const alertTitle = page.getByLabel('Alert title', { exact: true });
  await expect(alertTitle).toHaveCount(0);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await expect(alertTitle).toBeVisible();

  // Once the service worker has taken the page over, the network can go.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
  expect(errors).toEqual([]);
  online = false;
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(heading).toBeVisible();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect(page.getByRole('button', { name: 'New case' }).first()).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
});
