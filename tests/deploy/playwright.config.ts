import { defineConfig } from '@playwright/test';

// The deployment tests: the release served by nginx with the shipped deploy/nginx.conf.
// `cargo xtask test` starts two nginx servers and passes their addresses here:
// - "nginx": dist/ at /, as in the container image (gzip only, compressed on the fly);
// - "nginx-subpath": the unpacked release archive under /handoff/, with Debian's brotli
//   modules and the archive's precompressed .gz/.br files.
// Each project also gets the folder it serves, to compare what nginx sends with the files.
function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests with \`cargo xtask test\``);
  return value;
}

export type DeployMeta = { dir: string; brotli: boolean };

export default defineConfig({
  testDir: '.',
  // Beside the main run's results, in the folder .gitignore already names.
  outputDir: '../../test-results/deploy',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
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
  projects: [
    {
      name: 'nginx',
      use: { baseURL: need('HANDOFF_NGINX_URL') },
      metadata: { dir: need('HANDOFF_NGINX_DIR'), brotli: false } satisfies DeployMeta,
    },
    {
      name: 'nginx-subpath',
      use: { baseURL: need('HANDOFF_NGINX_SUBPATH_URL') },
      metadata: { dir: need('HANDOFF_NGINX_SUBPATH_DIR'), brotli: true } satisfies DeployMeta,
    },
  ],
});
