// The console on static hosts (`cargo xtask dist`): the buy journey at the root with an SPA
// fallback, under a sub-path without one (entered by a deep link, reloaded on the confirmation
// and information pages), and offline after one visit; the update from build A to build B; the
// Content-Security-Policy in force.
//
// DIST is the root build (build A), DIST_SUB the build for /apig-console/, DIST_B a second
// root build that differs from A in its title and style sheet (`cargo xtask test` makes all
// three).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openPage, waitForShell, DIST } from './harness.mjs';

const SUB = '/apig-console/';
const DIST_SUB = process.env.DIST_SUB && path.resolve(process.env.DIST_SUB);
const DIST_B = process.env.DIST_B && path.resolve(process.env.DIST_B);
const MOCK_BIN = path.resolve(
  process.env.APIG_MOCK_BIN ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../target/debug/apig-mock'),
);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The id a build's page names, and the files its service worker precaches. */
async function build(dist) {
  const page = await fs.readFile(path.join(dist, 'index.html'), 'utf8');
  const id = page.match(/<meta name="apig-console-build" content="([0-9a-f]+)"/)?.[1];
  const sw = await fs.readFile(path.join(dist, 'sw.js'), 'utf8');
  const assets = JSON.parse(sw.match(/const ASSETS = (\[.*\]);/)[1]);
  assert.ok(id, `${dist}/index.html names its build`);
  return { id, assets };
}

function needs(name, value) {
  assert.ok(value, `${name} is not set: run the journeys through \`cargo xtask test\``);
}

/** Fills the form at its defaults with `name`, goes to the confirmation; returns the new id. */
async function toConfirmation(page, name) {
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  await page.fill('#instance_name', name);
  await page.check('#spec-BASIC');
  await page.click('#next');
  await page.waitForSelector('#confirm-title');
  return (await page.locator('#confirm-created dd').first().textContent()).trim();
}

async function create(page, id) {
  await page.click('#create');
  await page.waitForSelector(`tr[data-gateway="${id}"]`);
}

/** Page errors and console errors, but the host's 404 for a deep link (no SPA fallback). */
const real = (errors) => errors.filter((e) => !/status of 404/.test(e));

test('root with an SPA fallback: deep link, buy, reload on the confirmation and information pages', async () => {
  const host = await serveDist({ dist: DIST, base: '/', missing: 'index' });
  const { context, page, errors } = await openPage(browser, { serviceWorkers: 'block' });
  const first = await page.goto(`${host.url}gateways/buy`);
  assert.equal(first.status(), 200);
  await waitForShell(page, errors);
  const id = await toConfirmation(page, 'root-gateway');
  assert.equal((await page.reload()).status(), 200);
  await page.waitForSelector('#confirm-title');
  await create(page, id);
  await page.click(`tr[data-gateway="${id}"] a`);
  await page.waitForSelector('#gateway-title');
  assert.equal(new URL(page.url()).pathname, `/gateways/${id}`);
  await page.reload();
  assert.equal(await page.locator('#gateway-title').textContent(), 'root-gateway');
  assert.deepEqual(errors, []);
  await context.close();
  await host.close();
});

test('a sub-path without SPA fallback: entered by a deep link, reloaded anywhere, links stay under it', async () => {
  needs('DIST_SUB', DIST_SUB);
  const host = await serveDist({ dist: DIST_SUB, base: SUB, missing: '404' });
  // No service worker: every load below is answered by the host itself.
  const { context, page, errors } = await openPage(browser, { serviceWorkers: 'block' });
  const deep = await page.goto(`${host.url}gateways/buy`);
  assert.equal(deep.status(), 404, 'the host has no fallback: its 404.html answers');
  await waitForShell(page, errors);
  const links = await page.locator('.sidenav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, ['/apig-console/gateways', '/apig-console/sandbox', '/apig-console/settings']);

  const id = await toConfirmation(page, 'sub-gateway');
  assert.equal(new URL(page.url()).pathname, '/apig-console/gateways/buy/confirm');
  assert.equal((await page.reload()).status(), 404);
  await page.waitForSelector('#confirm-title');
  assert.equal((await page.locator('#confirm-created dd').first().textContent()).trim(), id);
  await create(page, id);
  assert.equal(new URL(page.url()).pathname, '/apig-console/gateways');
  await page.click(`tr[data-gateway="${id}"] a`);
  await page.waitForSelector('#gateway-title');
  assert.equal(new URL(page.url()).pathname, `/apig-console/gateways/${id}`);
  assert.equal((await page.reload()).status(), 404);
  assert.equal(await page.locator('#gateway-title').textContent(), 'sub-gateway');

  // The folder itself redirects to the gateways; an unknown page links back under the base.
  await page.goto(host.url);
  await page.waitForSelector('#gateways-title');
  assert.equal(new URL(page.url()).pathname, '/apig-console/gateways');
  await page.goto(`${host.url}no-such-page`);
  await page.waitForSelector('#nf-title');
  await page.click('#nf-title + p a');
  await page.waitForSelector('#gateways-title');
  assert.equal(new URL(page.url()).pathname, '/apig-console/gateways');
  assert.ok(await page.locator(`tr[data-gateway="${id}"]`).isVisible());

  const outside = host.requests.filter((p) => !p.startsWith(SUB));
  assert.deepEqual(outside, [], 'every request stays in the published folder');
  assert.deepEqual(real(errors), []);
  await context.close();
  await host.close();
});

test('offline after one visit: the stored gateways show and a purchase succeeds', async () => {
  const host = await serveDist({ dist: DIST, base: '/', missing: '404' });
  const { assets } = await build(DIST);
  const { context, page, errors } = await openPage(browser);
  await page.goto(`${host.url}gateways`);
  await waitForShell(page, errors);
  await page.click('#buy-gateway');
  await create(page, await toConfirmation(page, 'online-gateway'));
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, {
    timeout: 30_000,
  });
  // The worker stored exactly the build's files: never an API answer, never anything else.
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const urls = [];
    for (const key of keys) for (const r of await (await caches.open(key)).keys()) urls.push(r.url);
    return { keys, urls };
  });
  assert.equal(cached.keys.length, 1);
  assert.deepEqual(cached.urls.map((u) => new URL(u).pathname.slice(1)).sort(), [...assets].sort());

  await context.setOffline(true);
  host.down = true;
  await page.reload();
  await waitForShell(page, errors);
  await page.locator('tr[data-gateway]', { hasText: 'online-gateway' }).waitFor();
  await page.click('#buy-gateway');
  const id = await toConfirmation(page, 'offline-gateway');
  await create(page, id);
  assert.match(await page.locator(`tr[data-gateway="${id}"]`).textContent(), /offline-gateway/);
  // A deep link works offline too.
  await page.goto(`${host.url}gateways/${id}`);
  assert.equal(await page.locator('#gateway-title').textContent(), 'offline-gateway');
  assert.deepEqual(real(errors), []);
  await context.close();
  await host.close();
});

test('a new build: the notice, then B on request, never A and B files in one page', async () => {
  needs('DIST_B', DIST_B);
  const a = await build(DIST);
  const b = await build(DIST_B);
  assert.notEqual(a.id, b.id, 'build B differs from build A');
  const onlyA = a.assets.filter((f) => !b.assets.includes(f));
  const onlyB = b.assets.filter((f) => !a.assets.includes(f));
  assert.ok(onlyA.length > 0 && onlyB.length > 0, 'A and B have files of their own');

  const host = await serveDist({ dist: DIST, base: '/', missing: 'index' });
  const { context, page, errors } = await openPage(browser);
  const files = () =>
    page.evaluate(() => [
      document.querySelector('meta[name="apig-console-build"]').content,
      ...performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname.slice(1)),
    ]);
  await page.goto(`${host.url}gateways`);
  await waitForShell(page, errors);
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, {
    timeout: 30_000,
  });
  assert.equal(await page.locator('#update-notice').count(), 0);

  await host.setDist(DIST_B);
  const switched = host.requests.length;
  await page.reload(); // the browser looks for a new sw.js on navigation
  await waitForShell(page, errors);
  await page.locator('#update-notice').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('#update-notice').textContent(), /A new version of the console is ready/);
  assert.equal(
    await page.evaluate(() => getComputedStyle(document.querySelector('.brand'), '::after').content),
    'none',
  );
  const [stillA, ...usedA] = await files();
  assert.equal(stillA, a.id, 'until asked, the page stays on build A');
  assert.deepEqual(usedA.filter((f) => b.assets.includes(f) && !a.assets.includes(f)), []);

  await Promise.all([page.waitForEvent('load'), page.click('#update-reload')]);
  await waitForShell(page, errors);
  const [nowB, ...usedB] = await files();
  assert.equal(nowB, b.id, 'after the reload the page is build B');
  // B's page itself is proven by its build meta above (the console sets the document title
  // per page and language, so B's <title> does not survive the start).
  const brand = await page.evaluate(() => getComputedStyle(document.querySelector('.brand'), '::after').content);
  assert.equal(brand, '" B"', "B's style sheet is applied");
  assert.deepEqual(usedB.filter((f) => onlyA.includes(f)), [], 'no file of A in the page of B');
  const askedAfterSwitch = host.requests.slice(switched).map((p) => p.slice(1));
  assert.deepEqual(askedAfterSwitch.filter((f) => onlyA.includes(f)), [], 'no file of A asked from B\'s host');
  const keys = await page.evaluate(() => caches.keys());
  assert.deepEqual(keys, [`apig-console ${host.url} ${b.id}`], 'A\'s cache is gone');
  assert.deepEqual(errors, []);
  await context.close();
  await host.close();
});

test('the Content-Security-Policy is in force: an injected inline script is refused', async () => {
  const host = await serveDist({ dist: DIST, base: '/', missing: 'index' });
  const { context, page, errors } = await openPage(browser);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  const response = await page.goto(`${host.url}gateways/buy`);
  await waitForShell(page, errors);
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  const header = response.headers()['content-security-policy'];
  assert.match(header, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.match(header, /object-src 'none'/);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(meta, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'the console itself needs no exception');

  const violation = await page.evaluate(
    () =>
      new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.effectiveDirective} ${e.blockedURI}`), {
          once: true,
        });
        window.__injected = false;
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true';
        document.body.append(script);
      }),
  );
  assert.equal(violation, 'script-src-elem inline');
  assert.equal(await page.evaluate(() => window.__injected), false, 'the inline script did not run');
  assert.deepEqual(
    errors.filter((e) => !/Content Security Policy/.test(e)),
    [],
  );
  await context.close();
  await host.close();
});

/** Starts apig-mock serving `dist` on a free port; returns { url, stop }. */
async function startMock(dist, credentials) {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(
    MOCK_BIN,
    ['--listen', `127.0.0.1:${port}`, '--data', ':memory:', '--speed', 'instant', '--serve-dist', dist],
    {
      env: {
        ...process.env,
        HUAWEICLOUD_SDK_AK: credentials.ak,
        HUAWEICLOUD_SDK_SK: credentials.sk,
        HUAWEICLOUD_SDK_PROJECT_ID: credentials.project,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`apig-mock did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => child.kill('SIGTERM') };
}

test('backend mode on apig-mock: API answers come from the network, the worker stores none', async () => {
  const credentials = {
    ak: `AKSW${crypto.randomBytes(6).toString('hex').toUpperCase()}`,
    sk: `SKSW${crypto.randomBytes(20).toString('hex')}`,
    project: crypto.randomBytes(16).toString('hex'),
  };
  const mock = await startMock(DIST, credentials);
  const { assets } = await build(DIST);
  const { context, page, errors } = await openPage(browser);
  const api = [];
  page.on('response', (r) => {
    const p = new URL(r.url()).pathname;
    if (/^\/(v1|v2|_mock)\//.test(p)) api.push({ path: p, worker: r.fromServiceWorker() });
  });
  await page.goto(`${mock.url}/settings`);
  await waitForShell(page, errors);
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, {
    timeout: 30_000,
  });
  await page.check('#backend-mock');
  await page.fill('#backend-endpoint', mock.url);
  await page.fill('#backend-ak', credentials.ak);
  await page.fill('#backend-sk', credentials.sk);
  await page.fill('#backend-project', credentials.project);
  await page.click('#backend-save');
  await page.waitForFunction(() => document.querySelector('#backend-indicator')?.textContent.includes('apig-mock'));
  await page.click('.sidenav >> text=Gateways');
  await page.waitForSelector('#gateways-title');
  await page.click('#buy-gateway');
  const id = await toConfirmation(page, 'api-gateway');
  await create(page, id);
  await page.reload();
  await page.locator(`tr[data-gateway="${id}"]`).waitFor();

  assert.ok(api.length >= 3, `the console called the API (${api.length} answers)`);
  assert.deepEqual(api.filter((a) => a.worker), [], 'no API answer came from the service worker');
  const urls = await page.evaluate(async () => {
    const out = [];
    for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) out.push(r.url);
    return out;
  });
  assert.deepEqual(urls.map((u) => new URL(u).pathname.slice(1)).sort(), [...assets].sort());
  assert.deepEqual(errors, []);
  await context.close();
  mock.stop();
});
