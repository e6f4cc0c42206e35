// What the shipped nginx configuration sends, checked over plain HTTP: every security header
// on every kind of answer, the types the browser needs, compression, and the cache rules.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { get, at, meta, securityHeaders, hashedFiles } from './server';

test('every answer carries every security header, errors and redirects included', async () => {
  const { wasm, js, css } = hashedFiles(meta().dir);
  const paths = ['./', 'index.html', 'sw.js', 'manifest.webmanifest', wasm, js, css, 'no-such-file.txt',
    // The training room and the backup page, folders of their own, and each asked for without
    // its slash.
    'training/', 'training/sw.js', 'training', 'backup/', 'backup/sw.js', 'backup'];
  // A sub-path asked for without its slash is redirected, and that answer counts too.
  const base = new URL(test.info().project.use.baseURL!);
  if (base.pathname !== '/') paths.push(base.pathname.replace(/\/$/, ''));
  for (const path of paths) {
    const res = await get(at(path));
    for (const [name, value] of securityHeaders()) {
      expect(res.headers[name.toLowerCase()], `${name} on ${path} (${res.status})`).toBe(value);
    }
  }
  expect((await get(at('no-such-file.txt'))).status).toBe(404);
  const room = await get(at('training'));
  expect([301, 308]).toContain(room.status);
  expect(room.headers.location).toMatch(/training\/$/);
  expect((await get(at('training/'))).status).toBe(200);
  const backup = await get(at('backup'));
  expect([301, 308]).toContain(backup.status);
  expect(backup.headers.location).toMatch(/backup\/$/);
  expect((await get(at('backup/'))).status).toBe(200);
  if (base.pathname !== '/') {
    const redirect = await get(at(base.pathname.replace(/\/$/, '')));
    expect([301, 308]).toContain(redirect.status);
    // Relative, so it stays right behind a proxy or a container's port mapping.
    expect(redirect.headers.location).toBe(base.pathname);
  }
});

test('each file has the type a browser needs', async () => {
  const { wasm, js, css } = hashedFiles(meta().dir);
  const type = async (path: string) => (await get(at(path))).headers['content-type'];
  expect(await type(wasm)).toBe('application/wasm');
  expect(await type(js)).toMatch(/^(text|application)\/javascript\b/);
  expect(await type('sw.js')).toMatch(/^(text|application)\/javascript\b/);
  expect(await type(css)).toMatch(/^text\/css\b/);
  expect(await type('./')).toMatch(/^text\/html\b/);
  expect(await type('manifest.webmanifest')).toMatch(/^application\/manifest\+json\b/);
  expect(await type('handoff.schema.json')).toMatch(/^application\/json\b/);
});

test('the wasm, JS, CSS and the page (which carries its stylesheet) are served compressed to a browser that accepts it', async () => {
  const { dir, brotli } = meta();
  const { wasm, js, css } = hashedFiles(dir);
  const sizes: string[] = [];
  for (const file of [wasm, js, css, 'index.html']) {
    const original = readFileSync(join(dir, file));
    const plain = await get(at(file), 'identity');
    expect(plain.headers['content-encoding'], `${file} uncompressed when not accepted`).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);

    const gz = await get(at(file), 'gzip');
    expect(gz.headers['content-encoding'], `${file} with Accept-Encoding: gzip`).toBe('gzip');
    expect(gz.headers.vary ?? '', `${file}: caches must keep the encodings apart`).toMatch(/Accept-Encoding/i);
    expect(gunzipSync(gz.body).equals(original), `${file} gunzips to the file`).toBe(true);
    expect(gz.body.length).toBeLessThan(original.length);

    // What Chromium asks for.
    const browserLike = await get(at(file), 'gzip, deflate, br, zstd');
    expect(browserLike.headers['content-encoding']).toBe(brotli ? 'br' : 'gzip');
    let line = `${file}: ${original.length} B, gzip ${gz.body.length} B`;
    if (brotli) {
      const br = await get(at(file), 'br');
      expect(br.headers['content-encoding'], `${file} with Accept-Encoding: br`).toBe('br');
      expect(brotliDecompressSync(br.body).equals(original), `${file} unbrotlis to the file`).toBe(true);
      line += `, brotli ${br.body.length} B`;
    }
    sizes.push(line);
  }
  console.log(`${test.info().project.name} serves ${sizes.join('; ')}`);
});

test('hashed files are kept for a year; the page, the service worker and the manifest never go stale', async () => {
  const { wasm, js, css } = hashedFiles(meta().dir);
  for (const file of [wasm, js, css]) {
    const res = await get(at(file));
    const cc = res.headers['cache-control'] ?? '';
    expect(cc, file).toContain('max-age=31536000');
    expect(cc, file).toContain('immutable');
    // A revalidation answers with the same lifetime.
    const again = await get(at(file), 'identity', { 'If-None-Match': res.headers.etag ?? '' });
    expect(again.status, `${file} revalidated`).toBe(304);
    expect(again.headers['cache-control'], `${file} revalidated`).toBe(cc);
  }
  for (const path of ['./', 'index.html', 'sw.js', 'manifest.webmanifest', 'training/', 'training/index.html', 'training/sw.js', 'backup/', 'backup/index.html', 'backup/sw.js']) {
    expect((await get(at(path))).headers['cache-control'], path).toBe('no-cache');
  }
  // A hashed name that is not there (yet) must not be remembered as missing for a year.
  const missing = await get(at('missing-0123456789abcdef_bg.wasm'));
  expect(missing.status).toBe(404);
  expect(missing.headers['cache-control']).toBe('no-cache');
});
