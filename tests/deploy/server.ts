// Plain HTTP requests for the deployment tests: node's own client, which neither asks for
// nor undoes any compression by itself, so the tests see exactly what the server sends.
import { request } from 'node:http';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@playwright/test';
import type { DeployMeta } from './playwright.config';

export type Answer = { status: number; headers: Record<string, string>; body: Buffer };

export function get(url: string, acceptEncoding = 'identity', headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'Accept-Encoding': acceptEncoding, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The headers SECURITY.md lists, as `cargo xtask test` passes them (from the xtask's list). */
export function securityHeaders(): [string, string][] {
  const json = process.env.HANDOFF_SECURITY_HEADERS;
  if (!json) throw new Error('HANDOFF_SECURITY_HEADERS is not set: run with `cargo xtask test`');
  return JSON.parse(json);
}

export function meta(): DeployMeta {
  return test.info().project.metadata as DeployMeta;
}

/** An absolute URL for `path` relative to the project's base (which may be a sub-path). */
export function at(path: string): string {
  return new URL(path, test.info().project.use.baseURL).href;
}

/** The build's files that Trunk names after their content: the wasm, the JS glue, the CSS
 * (the training room's: the analyst's page carries its stylesheet inline), as paths from `dir`. */
export function hashedFiles(dir: string) {
  const one = (folder: string, re: RegExp, what: string) => {
    const found = readdirSync(join(dir, folder)).filter((n) => re.test(n));
    if (found.length !== 1) throw new Error(`expected one ${what} in ${join(dir, folder)}, found ${found.join(', ') || 'none'}`);
    return folder ? `${folder}/${found[0]}` : found[0];
  };
  return {
    wasm: one('', /-[0-9a-f]{8,16}_bg\.wasm$/, 'wasm file'),
    js: one('', /-[0-9a-f]{8,16}\.js$/, 'hashed JS file'),
    css: one('training', /-[0-9a-f]{8,16}\.css$/, 'hashed CSS file'),
  };
}
