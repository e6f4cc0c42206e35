import { defineConfig } from '@playwright/test';

// End-to-end tests drive the release build as a user would, in the system Chromium.
// `cargo xtask test` serves dist/ on a free port and passes its address in HANDOFF_BASE_URL;
// run alone (`npx playwright test`), this config serves dist/ itself.
const baseURL = process.env.HANDOFF_BASE_URL ?? 'http://127.0.0.1:4173';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: process.env.HANDOFF_BASE_URL
    ? undefined
    : {
        command: 'cargo xtask static-server --dir dist --port 4173',
        url: baseURL,
        reuseExistingServer: true,
      },
});
