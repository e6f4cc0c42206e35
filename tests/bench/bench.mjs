// Browser timings for `cargo xtask bench`: start-up of Handoff and of the hello-world Yew app,
// keystroke latency on a large case, autosave and export. Prints one JSON object.
// usage: node tests/bench/bench.mjs <handoff url> <hello url> <large case package path>
import { chromium } from 'playwright';
import { readFileSync } from 'node:fs';

const [, , handoffUrl, helloUrl, casePath] = process.argv;
const LOADS = 12;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };

// Time from navigation start until the app has rendered its first button (both apps render
// buttons as their first interactive content), over fresh profiles with no service worker.
async function startup(url) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const ctx = await browser.newContext({ serviceWorkers: 'block' });
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.querySelector('button')) { window.__firstButton = performance.now(); obs.disconnect(); }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url);
    await page.waitForFunction(() => window.__firstButton !== undefined);
    times.push(await page.evaluate(() => window.__firstButton));
    await ctx.close();
  }
  return { median: median(times), all: times };
}

async function largeCase() {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await ctx.newPage();
  await page.goto(handoffUrl);
  await page.getByRole('button', { name: 'New case' }).first().waitFor();
  const json = readFileSync(casePath, 'utf8');
  await page.getByLabel('Or paste the package JSON').evaluate((el, v) => { el.value = v; }, json);
  await page.getByRole('button', { name: 'Import pasted JSON' }).click();
  await page.getByRole('heading', { name: 'Indicators (1000)' }).waitFor();
  await page.getByLabel('Why', { exact: true }).focus();
  // Keystroke work: from the moment the input event reaches the page to the end of the app's
  // handling of it (reducer, Yew's render, queued microtasks), taken by a capturing and a
  // bubbling listener on window around Yew's own. This is the work that must fit in a frame.
  // The time from the key to the next animation frame is reported too: it also holds the
  // browser's style and layout and the wait for the display's frame boundary (0 to 16.7 ms).
  await page.evaluate(() => {
    window.__latency = [];
    window.__frame = [];
    let t0 = 0;
    window.addEventListener('input', () => { t0 = performance.now(); }, true);
    window.addEventListener('input', () => {
      queueMicrotask(() => queueMicrotask(() => window.__latency.push(performance.now() - t0)));
    });
    document.getElementById('why').addEventListener('keydown', (e) => {
      const k = e.timeStamp;
      requestAnimationFrame(() => window.__frame.push(performance.now() - k));
    }, true);
  });
  await page.keyboard.press('End');
  for (const ch of ' and the EDR confirms the process tree of the macro'.split('')) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(40);
  }
  await page.waitForTimeout(800); // autosave
  const latency = await page.evaluate(() => window.__latency);
  const frame = await page.evaluate(() => window.__frame);
  // Each copy builds the export afresh (the app measures it with User Timing).
  for (let i = 0; i < 10; i++) {
    await page.getByRole('button', { name: 'Copy JSON' }).click();
    await page.getByRole('button', { name: 'Copy Markdown' }).click();
  }
  await page.waitForTimeout(300);
  const entries = await page.evaluate(() =>
    Object.fromEntries(['handoff:autosave', 'handoff:export-json', 'handoff:export-markdown'].map((n) => [
      n, performance.getEntriesByName(n).map((e) => e.duration),
    ])),
  );
  await ctx.close();
  return {
    keystroke_p50: pct(latency, 50),
    keystroke_p95: pct(latency, 95),
    keystrokes: latency.length,
    next_frame_p50: pct(frame, 50),
    next_frame_p95: pct(frame, 95),
    autosave_median: median(entries['handoff:autosave']),
    autosave_count: entries['handoff:autosave'].length,
    export_json_median: median(entries['handoff:export-json']),
    export_markdown_median: median(entries['handoff:export-markdown']),
  };
}

const result = {
  hello_startup: await startup(helloUrl),
  handoff_startup: await startup(handoffUrl),
  large_case: await largeCase(),
};
await browser.close();
console.log(JSON.stringify(result));
