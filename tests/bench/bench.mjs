// Browser timings for `cargo xtask bench`: start-up of Handoff and of the hello-world Yew app,
// keystroke latency on a large case (and with the CPU slowed 4x), autosave and export, the
// largest package's import and refused files, and the case store with 10,000 cases (start-up
// to the case list, a keystroke in its search). Prints one JSON object.
// usage: node tests/bench/bench.mjs <handoff url> <hello url> <large case package path> <folder of
// largest.json, too-large.json and not-json.json>
import { chromium } from 'playwright';
import { readFileSync, statSync } from 'node:fs';

const [, , handoffUrl, helloUrl, casePath, importsDir] = process.argv;
const LOADS = 20;
const launch = (extra = []) => chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extra],
});
const browser = await launch();

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };

// Time from navigation start until the app has rendered its first button (both apps render
// buttons as their first interactive content), in a fresh profile with no service worker.
// Handoff's app shell (index.html) has buttons of its own that do nothing: they do not count.
async function startupOnce(url) {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('button:not(#shell button)')) { window.__firstButton = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__firstButton !== undefined);
  const t = await page.evaluate(() => window.__firstButton);
  await ctx.close();
  return t;
}

// The two apps' loads alternate, so a change in the machine's load during the run weighs on
// both alike instead of on whichever app happened to run then.
async function startups() {
  const hello = [];
  const handoff = [];
  for (let i = 0; i < LOADS; i++) {
    hello.push(await startupOnce(helloUrl));
    handoff.push(await startupOnce(handoffUrl));
  }
  return { hello: { median: median(hello), all: hello }, handoff: { median: median(handoff), all: handoff } };
}

async function openLargeCase(b) {
  const ctx = await b.newContext({ serviceWorkers: 'block' });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await ctx.newPage();
  await page.goto(handoffUrl);
  await page.getByRole('button', { name: 'New case' }).first().waitFor();
  const json = readFileSync(casePath, 'utf8');
  await page.getByLabel('Or paste the package JSON').evaluate((el, v) => { el.value = v; }, json);
  await page.getByRole('button', { name: 'Import pasted JSON' }).click();
  // The case opens on its report step; its evidence is opened too, so that the thousand
  // indicator rows are on the page while keys are typed (the worst case).
  await page.getByText(/^Evidence: 1000 indicators/).click();
  await page.getByRole('heading', { name: 'Indicators (1000)' }).waitFor();
  await page.getByLabel('Why', { exact: true }).focus();
  await page.keyboard.press('End');
  return { ctx, page };
}

// In the page: from each key in the element with `id` to just after the frame that shows it
// (a requestAnimationFrame callback, then a message, which runs once that frame's style,
// layout and paint are done), into `window.__frame`.
function timeFrames(id) {
  window.__frame = [];
  document.getElementById(id).addEventListener('keydown', (e) => {
    const k = e.timeStamp;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.__frame.push(performance.now() - k);
      ch.port2.postMessage(0);
    });
  }, true);
}

async function typeInWhy(page) {
  for (const ch of ' and the EDR confirms the process tree of the macro'.split('')) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(40);
  }
}

// The browser's own floor for the same keys: a page that holds nothing but a text area of the
// Why's size, font and text, with no script, typed into the same way at full speed and with
// the CPU slowed 4x, once Handoff's page is closed. What Handoff's figure adds to it is the
// app's and its page's.
async function floorKeystrokes(b, handoff) {
  const why = await handoff.getByLabel('Why', { exact: true }).evaluate((el) => {
    const s = getComputedStyle(el);
    const props = ['width', 'height', 'font-family', 'font-size', 'line-height', 'padding', 'border', 'box-sizing'];
    return { value: el.value, style: props.map((k) => `${k}: ${s.getPropertyValue(k)}`).join('; ') };
  });
  // Handoff's page goes first, so that the floor is the bare page's alone.
  await handoff.close();
  const page = await b.newPage();
  await page.setContent('<!doctype html><html lang="en"><title>Floor</title><label for="why">Why</label><textarea id="why"></textarea></html>');
  const area = page.getByLabel('Why', { exact: true });
  await area.evaluate((el, w) => { el.setAttribute('style', w.style); el.value = w.value; }, why);
  await area.focus();
  await page.keyboard.press('End');
  await page.evaluate(timeFrames, 'why');
  await typeInWhy(page);
  const frame = await page.evaluate(() => window.__frame);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.evaluate(() => { window.__frame.length = 0; });
  await typeInWhy(page);
  const slowFrame = await page.evaluate(() => window.__frame);
  await page.close();
  return {
    floor_next_frame_p50: pct(frame, 50),
    floor_next_frame_p95: pct(frame, 95),
    floor_slowed_next_frame_p50: pct(slowFrame, 50),
    floor_slowed_next_frame_p95: pct(slowFrame, 95),
  };
}

// Keystrokes run in a browser whose frames are not tied to a 60 Hz display: the next frame
// then comes as soon as the page can produce it, so the time from a key to that frame is the
// app's and the browser's work, not the wait for the display's next refresh (which adds 0 to
// 16.7 ms whatever the app does). Uncapped frames keep a core busy, so autosave and export are
// timed in an ordinary browser.
async function keystrokes() {
  const uncapped = await launch(['--disable-gpu-vsync', '--disable-frame-rate-limit']);
  const { page } = await openLargeCase(uncapped);
  // Two figures per keystroke. To the next frame: from the key event's time stamp to just
  // after the frame that shows the change (a requestAnimationFrame callback, then a message,
  // which runs once that frame's style, layout and paint are done). The app's own work: from
  // a capturing input listener on window to a microtask queued by a bubbling one, around
  // Yew's handler (reducer, render, queued microtasks).
  await page.evaluate(() => {
    window.__latency = [];
    let t0 = 0;
    window.addEventListener('input', () => { t0 = performance.now(); }, true);
    window.addEventListener('input', () => {
      queueMicrotask(() => queueMicrotask(() => window.__latency.push(performance.now() - t0)));
    });
  });
  await page.evaluate(timeFrames, 'why');
  await typeInWhy(page);
  const latency = await page.evaluate(() => window.__latency);
  const frame = await page.evaluate(() => window.__frame);
  // The same keys with the CPU slowed 4x through the DevTools protocol, as on a busy
  // corporate laptop.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.evaluate(() => { window.__frame.length = 0; window.__latency.length = 0; });
  await typeInWhy(page);
  const slowLatency = await page.evaluate(() => window.__latency);
  const slowFrame = await page.evaluate(() => window.__frame);
  const floor = await floorKeystrokes(uncapped, page);
  await uncapped.close();
  return {
    ...floor,
    keystroke_p50: pct(latency, 50),
    keystroke_p95: pct(latency, 95),
    keystrokes: latency.length,
    next_frame_p50: pct(frame, 50),
    next_frame_p95: pct(frame, 95),
    slowed_keystroke_p50: pct(slowLatency, 50),
    slowed_keystroke_p95: pct(slowLatency, 95),
    slowed_next_frame_p50: pct(slowFrame, 50),
    slowed_next_frame_p95: pct(slowFrame, 95),
  };
}

// Imports, each in a fresh profile, from the file chooser as an analyst opens a handoff: from
// the chosen file's change event to the frame that shows the outcome (the case's report step,
// or the refusal). Longest main-thread task meanwhile: how long the page could not answer.
const IMPORTS = 5;
async function importOnce(file, outcome) {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  await page.goto(handoffUrl);
  await page.getByRole('button', { name: 'New case' }).first().waitFor();
  const input = page.getByLabel('Handoff package file (.json)');
  await input.evaluate((el, outcome) => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
    // Capturing on window, so this runs before Yew's own listener: a refusal found at once
    // (a file too large) can be drawn before a listener on the input itself would run.
    window.addEventListener('change', (e) => {
      if (e.target !== el) return;
      const t0 = e.timeStamp;
      const shown = () => outcome === 'opened'
        ? document.getElementById('why') !== null
        : /Import refused/.test(document.querySelector('#import-heading')?.closest('section')?.querySelector('[role=alert]')?.textContent ?? '');
      new MutationObserver((_, obs) => {
        if (!shown()) return;
        obs.disconnect();
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => { window.__imported = performance.now() - t0; };
          ch.port2.postMessage(0);
        });
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    }, true);
  }, outcome);
  await input.setInputFiles(file);
  await page.waitForFunction(() => window.__imported !== undefined, null, { timeout: 30_000 });
  const took = await page.evaluate(() => window.__imported);
  await page.waitForTimeout(100);
  const longest = await page.evaluate(() => window.__longest);
  await ctx.close();
  return { took, longest };
}

async function imports() {
  const run = async (file, outcome) => {
    const all = [];
    for (let i = 0; i < IMPORTS; i++) all.push(await importOnce(file, outcome));
    return {
      median: median(all.map((r) => r.took)),
      worst: Math.max(...all.map((r) => r.took)),
      longest_task: Math.max(...all.map((r) => r.longest)),
    };
  };
  const file = (name) => `${importsDir}/${name}`;
  return {
    bytes: statSync(file('largest.json')).size,
    largest: await run(file('largest.json'), 'opened'),
    refused: {
      too_large: await run(file('too-large.json'), 'refused'),
      not_json: await run(file('not-json.json'), 'refused'),
    },
  };
}

async function saveAndExport() {
  const { ctx, page } = await openLargeCase(browser);
  // A word, then a pause past the 300 ms autosave debounce: ten autosaves.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.type(' more');
    await page.waitForTimeout(450);
  }
  // Each choice of format has the worker write the export afresh; the app measures each
  // round trip (the package handed over, written, back on the page) with User Timing.
  await page.getByText('Export the case', { exact: true }).click();
  const format = page.getByLabel('Format', { exact: true });
  // In sight, as for an analyst reading it: the choice at the top, the text and preview below.
  await format.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  // And what the analyst waits for: from choosing Markdown to its text painted (the browser's
  // Element Timing of the text, marked `elementtiming`), and to the frame that shows its
  // preview (a requestAnimationFrame callback, then a message, once the preview is there).
  // Watched from the page, the text's frame can be noted only after the preview's own task,
  // which the browser may run first.
  await page.evaluate(() => {
    window.__drawn = [];
    window.__painted = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.identifier === 'export-text') window.__painted.push(e.renderTime || e.startTime);
    }).observe({ type: 'element', buffered: true });
    document.addEventListener('change', (e) => {
      const chosen = e.target.selectedOptions?.[0]?.text;
      if (e.target.id !== 'export-destination' || chosen !== 'Markdown') return;
      const t0 = e.timeStamp;
      const look = () => {
        const preview = document.querySelector('section[aria-label="Markdown as it will look"]:not([aria-busy]) h3');
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          if (!preview) return requestAnimationFrame(look);
          window.__drawn.push({ t0, preview: performance.now() - t0 });
        };
        ch.port2.postMessage(0);
      };
      requestAnimationFrame(look);
    }, true);
  });
  // Paced as a person works: each action waits until the last one is drawn in full (a copy
  // clicked before the text is drawn would be timed with it).
  for (let i = 0; i < 10; i++) {
    await format.selectOption({ label: 'Handoff package (JSON)' });
    await page.getByRole('button', { name: 'Copy Handoff package (JSON)' }).click();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await format.selectOption({ label: 'Markdown' });
    await page.waitForFunction((n) => window.__drawn.length === n, i + 1);
    await page.getByRole('button', { name: 'Copy Markdown' }).click();
  }
  // Element Timing entries reach their observer a little after the frame.
  await page.waitForTimeout(300);
  const drawn = await page.evaluate(() =>
    window.__drawn.map(({ t0, preview }) => ({ text: window.__painted.find((t) => t > t0) - t0, preview })));
  const entries = await page.evaluate(() =>
    Object.fromEntries(['handoff:autosave', 'handoff:autosave-stored', 'handoff:export-json', 'handoff:export-markdown'].map((n) => [
      n, performance.getEntriesByName(n).map((e) => e.duration),
    ])),
  );
  await ctx.close();
  return {
    autosave_median: median(entries['handoff:autosave']),
    autosave_count: entries['handoff:autosave'].length,
    autosave_stored_median: median(entries['handoff:autosave-stored']),
    export_json_median: median(entries['handoff:export-json']),
    export_markdown_median: median(entries['handoff:export-markdown']),
    markdown_text_drawn_median: median(drawn.map((d) => d.text)),
    markdown_preview_drawn_median: median(drawn.map((d) => d.preview)),
  };
}

// The case store, filled as the app fills it (a package per case, the summaries record and
// its newest lines, in the worker's IndexedDB), from the golden phishing case: 8 KB a case.
const STORED = 10_000;
const template = readFileSync('crates/handoff-core/tests/golden/phishing.json', 'utf8');

async function seedStore(page, count) {
  await page.evaluate(async ([template, count]) => {
    const pkg = JSON.parse(template);
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('handoff');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['cases', 'meta'], 'readwrite');
    const summaries = [];
    const base = Date.parse('2026-04-01T00:00:00Z');
    for (let i = 0; i < count; i++) {
      const id = `case-bench-${String(i).padStart(5, '0')}`;
      const updated = new Date(base + i * 60_000).toISOString().replace('.000Z', 'Z');
      pkg.case.id = id;
      pkg.case.updated_at = updated;
      pkg.case.report.header.title = `Bench alert ${i}: macro document ran PowerShell`;
      pkg.case.report.header.alert_id = `SIEM-${i}`;
      tx.objectStore('cases').put(JSON.stringify(pkg), id);
      summaries.push([id, pkg.case.report.header.title, pkg.case.report.header.alert_id, pkg.case.stage, updated, i % 10 === 0]);
    }
    // A line a summary, newest first, as the store writes them.
    const lines = summaries.reverse().map((s) => JSON.stringify(s));
    tx.objectStore('meta').put(lines.join('\n'), 'summaries');
    tx.objectStore('meta').put(lines.slice(0, 100).join('\n'), 'summaries-head');
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
  }, [template, count]);
}

// The case list is ready: the store answered and the list shows its lines (or says it has
// none).
function watchList() {
  const ready = () => {
    const nav = document.querySelector('nav.case-list');
    return nav && !nav.textContent.includes('Opening the cases') &&
      (nav.querySelector('.case-item') || nav.textContent.includes('No cases here yet'));
  };
  new MutationObserver((_, obs) => {
    if (ready()) { window.__listed = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

// A page on Handoff whose store holds `count` cases, in a browser of its own profile.
async function storePage(b, count) {
  const ctx = await b.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  await page.addInitScript(watchList);
  await page.goto(handoffUrl);
  await page.waitForFunction(() => window.__listed !== undefined);
  if (count > 0) await seedStore(page, count);
  return { ctx, page };
}

// Start-up to the case list, with none stored and with 10,000: loads alternate between the
// two, each a reload in its own profile (the files come from the HTTP cache alike).
async function storeStartups() {
  const none = await storePage(browser, 0);
  const full = await storePage(browser, STORED);
  await none.page.close();
  await full.page.close();
  const times = { none: [], full: [] };
  let listed = 0;
  for (let i = 0; i < LOADS; i++) {
    for (const [key, { ctx }] of [['none', none], ['full', full]]) {
      // A new tab each time, as when the browser starts: a reload would also count the
      // unloading of the page before it.
      const page = await ctx.newPage();
      await page.addInitScript(watchList);
      await page.goto(handoffUrl);
      await page.waitForFunction(() => window.__listed !== undefined, null, { timeout: 60_000 });
      times[key].push(await page.evaluate(() => window.__listed));
      if (key === 'full') listed = await page.locator('nav.case-list .case-item').count();
      await page.close();
    }
  }
  await none.ctx.close();
  await full.ctx.close();
  return { none: median(times.none), full: median(times.full), lines_drawn: listed };
}

// A keystroke in the case search to the next frame, with 10,000 cases (uncapped frames, as
// for the Five Ws).
async function searchKeystrokes() {
  const uncapped = await launch(['--disable-gpu-vsync', '--disable-frame-rate-limit']);
  const { page } = await storePage(uncapped, STORED);
  await page.reload();
  await page.waitForFunction(() => window.__listed !== undefined, null, { timeout: 60_000 });
  await page.evaluate(timeFrames, 'case-search');
  await page.locator('#case-search').focus();
  for (const ch of 'bench alert 99'.split('')) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(40);
  }
  // Back to the whole list, one key at a time.
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(40);
  }
  const frame = await page.evaluate(() => window.__frame);
  await uncapped.close();
  return { keys: frame.length, next_frame_p50: pct(frame, 50), next_frame_p95: pct(frame, 95) };
}

const starts = await startups();
const result = {
  hello_startup: starts.hello,
  handoff_startup: starts.handoff,
  large_case: { ...(await keystrokes()), ...(await saveAndExport()) },
  imports: await imports(),
  store: { startup: await storeStartups(), search: await searchKeystrokes(), cases: STORED },
};
await browser.close();
console.log(JSON.stringify(result));
