// Shared harness for the journeys: a static host for the built dist/ (by default at the root
// with an SPA fallback; see serveDist), and headless Chromium with the flags this machine needs.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(process.env.DIST ?? path.resolve(here, '../../dist'));
/** The README's pictures; the journeys write them only when asked (`cargo xtask screenshots`). */
const README_SHOTS = path.resolve(here, '../../docs/screenshots');
/** Every other screenshot, and the README's ones on an ordinary run: kept for diagnosis only. */
const DIAGNOSIS_SHOTS = path.resolve(here, '../../target/e2e-screenshots');
const CHROMIUM =
  process.env.CHROMIUM_PATH ??
  execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

/**
 * A static host for a built dist/, as the hosts the README names behave:
 * - `base`: the folder the console is published under (`/` or `/apig-console/`); requests
 *   outside it answer 404;
 * - `missing`: what an unknown path gets: `'index'` (an SPA fallback: index.html, 200) or
 *   `'404'` (no fallback, the GitHub Pages convention: 404.html with status 404);
 * - the headers of the dist's `_headers` file (as Netlify and Cloudflare Pages apply them);
 * - the `.br` / `.gz` copy of a file to a client that accepts it.
 * `setDist(dir)` switches to another build at the same origin; `requests` lists every path
 * asked for; `down = true` makes it drop every connection (the network is gone).
 */
export async function serveDist({ dist = DIST, base = '/', missing = 'index' } = {}) {
  const host = { dist: path.resolve(dist), requests: [], down: false };
  let rules = await readHeaders(host.dist);
  host.setDist = async (dir) => {
    host.dist = path.resolve(dir);
    rules = await readHeaders(host.dist);
  };
  const server = http.createServer(async (req, res) => {
    if (host.down) {
      req.socket.destroy();
      return;
    }
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    host.requests.push(pathname);
    if (!pathname.startsWith(base) && `${pathname}/` !== base) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('outside the published folder');
      return;
    }
    const root = host.dist;
    let file = path.join(root, pathname.slice(base.length - 1));
    let status = 200;
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, 'index.html');
      await fs.access(file);
    } catch {
      file = path.join(root, missing === 'index' ? 'index.html' : '404.html');
      status = missing === 'index' ? 200 : 404;
    }
    const headers = {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      vary: 'accept-encoding',
      ...headersFor(rules, pathname),
    };
    const accepts = String(req.headers['accept-encoding'] ?? '');
    let body;
    for (const [coding, ext] of [['br', '.br'], ['gzip', '.gz']]) {
      if (body || !accepts.includes(coding)) continue;
      try {
        body = await fs.readFile(file + ext);
        headers['content-encoding'] = coding;
      } catch {
        // no compressed copy of this file
      }
    }
    try {
      body ??= await fs.readFile(file); // read before writeHead
      res.writeHead(status, headers).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  host.origin = `http://127.0.0.1:${server.address().port}`;
  host.url = `${host.origin}${base}`;
  host.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  };
  return host;
}

/** The rules of `_headers`: `[{ pattern, headers: [[name, value]] }]` (none without the file). */
async function readHeaders(dist) {
  let text;
  try {
    text = await fs.readFile(path.join(dist, '_headers'), 'utf8');
  } catch {
    return [];
  }
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (/^\s/.test(line)) {
      const at = line.indexOf(':');
      rules.at(-1)?.headers.push([line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()]);
    } else {
      rules.push({ pattern: line.trim(), headers: [] });
    }
  }
  return rules;
}

/** The headers every matching rule gives `pathname`, values of the same name joined (as hosts do). */
function headersFor(rules, pathname) {
  const out = {};
  for (const { pattern, headers } of rules) {
    const match = pattern.endsWith('*') ? pathname.startsWith(pattern.slice(0, -1)) : pathname === pattern;
    if (!match) continue;
    for (const [name, value] of headers) out[name] = out[name] ? `${out[name]}, ${value}` : value;
  }
  return out;
}

/** Launches headless Chromium with the flags this machine needs. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Starts the static host (root, SPA fallback) and the browser; returns { base, browser, close }. */
export async function start() {
  const host = await serveDist();
  const browser = await launch();
  const close = async () => {
    await browser.close();
    await host.close();
  };
  return { base: host.origin, browser, close };
}

/**
 * The browser locale of the English journeys. The console follows `navigator.languages` on a
 * first visit (any `zh*` → 简体中文), so every context names its locale; the Chinese journeys
 * pass `{ locale: 'zh-CN' }`.
 */
export const ENGLISH = 'en-US';

/**
 * Opens a page in a fresh context (English unless `options.locale` says otherwise) and records
 * every console error and page error, so a journey can assert that none happened.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: ENGLISH,
    ...options,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

/**
 * Takes a screenshot named `name`. A picture of the README (`readme: true`) goes to
 * `docs/screenshots/` only when `APIG_README_SCREENSHOTS=1` is set; otherwise every screenshot
 * goes to the git-ignored `target/e2e-screenshots/`, so a test run leaves the working tree as it
 * was. The other `options` are Playwright's.
 */
export async function screenshot(page, name, { readme = false, ...options } = {}) {
  const dir =
    readme && process.env.APIG_README_SCREENSHOTS === '1' ? README_SHOTS : DIAGNOSIS_SHOTS;
  await page.screenshot({ ...options, path: path.join(dir, name) });
}

/** Waits for the console shell to render, failing with the page's errors if it does not. */
export async function waitForShell(page, errors) {
  await page.waitForSelector('.topbar .brand').catch((e) => {
    throw new Error(`the console did not render: ${errors.join(' | ') || 'no errors reported'}`, {
      cause: e,
    });
  });
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core on the page as it is; fails on any serious or critical violation. */
export async function axe(page, where) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    // Evaluated through the DevTools protocol: the page's Content-Security-Policy forbids the
    // inline <script> that addScriptTag would insert.
    await page.evaluate(await fs.readFile(AXE, 'utf8'));
  }
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `axe on ${where}: ${JSON.stringify(bad, null, 1)}`);
}

/**
 * Starts `target/debug/apig-mock` (or `APIG_MOCK_BIN`) on a free port of `address` (default
 * 127.0.0.1), in memory, at `speed`, with a fresh AK / SK / project and any further `args`;
 * returns `{ url, host, ak, sk, project, api, close }`.
 * `api(method, path, body)` is a signed call (SDK-HMAC-SHA256, as the SDKs sign) answering
 * `{ status, body }`, to check the server's state through the API rather than the UI.
 */
export async function startMock({ speed = 'instant', address = '127.0.0.1', args = [] } = {}) {
  const crypto = await import('node:crypto');
  const net = await import('node:net');
  const { spawn } = await import('node:child_process');
  const bin = path.resolve(process.env.APIG_MOCK_BIN ?? path.resolve(here, '../../target/debug/apig-mock'));
  const ak = 'AKE2E' + crypto.randomBytes(6).toString('hex').toUpperCase();
  const sk = 'SKE2E' + crypto.randomBytes(20).toString('hex');
  const project = crypto.randomBytes(16).toString('hex');
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, address, resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  const host = `${address}:${port}`;
  const url = `http://${host}`;
  let log = '';
  const child = spawn(bin, ['--listen', host, '--data', ':memory:', '--speed', speed, ...args], {
    env: { ...process.env, HUAWEICLOUD_SDK_AK: ak, HUAWEICLOUD_SDK_SK: sk, HUAWEICLOUD_SDK_PROJECT_ID: project },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`apig-mock (${bin}) did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const enc = (s) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex');
  async function api(method, pathname, body) {
    const text = body === undefined ? '' : JSON.stringify(body);
    const [rawPath, query = ''] = pathname.split('?');
    const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const headers = { 'content-type': 'application/json', host, 'x-project-id': project, 'x-sdk-date': date };
    const names = Object.keys(headers).sort();
    const canonicalPath = rawPath.split('/').map((s) => enc(decodeURIComponent(s))).join('/');
    const canonicalQuery = query
      .split('&')
      .filter(Boolean)
      .map((kv) => kv.split('=').map((x) => enc(decodeURIComponent(x))))
      .sort()
      .map(([k, v = '']) => `${k}=${v}`)
      .join('&');
    const canonical = [
      method,
      canonicalPath.endsWith('/') ? canonicalPath : `${canonicalPath}/`,
      canonicalQuery,
      names.map((n) => `${n}:${headers[n]}\n`).join(''),
      names.join(';'),
      sha256(text),
    ].join('\n');
    const signature = crypto
      .createHmac('sha256', sk)
      .update(`SDK-HMAC-SHA256\n${date}\n${sha256(canonical)}`)
      .digest('hex');
    const { host: _host, ...sent } = headers;
    const response = await fetch(`${url}${pathname}`, {
      method,
      headers: {
        ...sent,
        authorization: `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
      },
      body: text || undefined,
    });
    const answer = await response.text();
    return { status: response.status, body: answer ? JSON.parse(answer) : null };
  }
  const close = () => child.kill('SIGTERM');
  return { url, host, ak, sk, project, api, close };
}

/**
 * On the Settings page, switches the console to the apig-mock `mock` (from `startMock`) and
 * waits until the header names it.
 */
export async function connectMock(page, mock) {
  await page.check('#backend-mock');
  await page.fill('#backend-endpoint', mock.url);
  await page.fill('#backend-ak', mock.ak);
  await page.fill('#backend-sk', mock.sk);
  await page.fill('#backend-project', mock.project);
  await page.click('#backend-save');
  await page.waitForFunction(
    (host) => document.querySelector('#backend-indicator')?.textContent.includes(`apig-mock ${host}`),
    mock.host,
  );
}

/**
 * Opens the information page's editor `key` the way a person does: through the Edit control
 * beside its value (`#open-{key}`). Editors are closed until then; an open one stays open.
 */
export async function openEditor(page, key) {
  const editor = page.locator(`#editor-${key}`);
  if ((await editor.getAttribute('open')) === null) {
    await page.click(`#open-${key}`);
  }
  await page.locator(`#editor-${key}[open]`).waitFor();
}
