// Shared harness for the journeys: a static server for the built dist/ with SPA fallback
// (what any static host does), and headless Chromium with the flags this machine needs.
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
};

/** Starts the static server and the browser; returns { base, browser, close }. */
export async function start() {
  const server = http.createServer(async (req, res) => {
    let file = path.join(DIST, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, 'index.html');
    } catch {
      file = path.join(DIST, 'index.html'); // SPA fallback, as a static host configures it
    }
    try {
      const body = await fs.readFile(file); // read before writeHead
      res
        .writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
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
  const close = async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { base, browser, close };
}

/**
 * Opens a page in a fresh context and records every console error and page error,
 * so a journey can assert that none happened.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
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
    await page.addScriptTag({ path: AXE });
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
