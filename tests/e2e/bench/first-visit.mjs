// Browser benchmark of `cargo xtask bench` (not a test): the console on a static host.
//
//   node bench/first-visit.mjs --dist DIST --out FILE [--loads 10]
//
// The dist is served as a static host serves it (tests/e2e/harness.mjs serveDist: the `.br`
// copies to a browser that accepts them, the headers of `_headers`). Each round, in a new
// browser context (empty HTTP cache, storage and service workers):
// 1. first visit, unthrottled: navigation start (performance.timeOrigin) to
//    `form#buy-form[data-interactive="true"]` on /gateways/buy;
// 2. the same on an emulated slow mobile network (Chrome DevTools Protocol
//    Network.emulateNetworkConditions: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip),
//    in another new context;
// 3. in that second context, once its service worker controls the page, a repeat visit: a new
//    navigation to /gateways/buy, still on the slow network.
// One discarded warm-up round; the median of --loads rounds each. Writes JSON to --out; a
// figure that cannot be taken carries an `error`.
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { serveDist, launch } from '../harness.mjs';

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string' },
    out: { type: 'string' },
    loads: { type: 'string', default: '10' },
  },
});
if (!args.dist || !args.out) {
  console.error('usage: first-visit.mjs --dist DIST --out FILE [--loads N]');
  process.exit(2);
}
const LOADS = Number(args.loads);
const FORM = 'form#buy-form[data-interactive="true"]';
const TIMEOUT_MS = 30_000;
const SLOW = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };

function watchForForm(selector) {
  const mark = () => {
    if (window.__benchInteractive === undefined && document.querySelector(selector)) {
      window.__benchInteractive = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(mark);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

/** Navigates `page` to `url`; the ms from navigation start to the interactive form. */
async function visit(page, url) {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__benchInteractive !== undefined, undefined, { timeout: TIMEOUT_MS });
  return page.evaluate(() => window.__benchInteractive);
}

async function context(browser, slow) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.addInitScript(watchForForm, FORM);
  if (slow) {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW);
  }
  return { ctx, page };
}

async function round(browser, url) {
  const fast = await context(browser, false);
  const first = await visit(fast.page, url);
  await fast.ctx.close();
  const slow = await context(browser, true);
  const slowFirst = await visit(slow.page, url);
  await slow.page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, {
    timeout: TIMEOUT_MS,
  });
  const repeat = await visit(slow.page, url);
  const fromWorker = await slow.page.evaluate(
    () => performance.getEntriesByType('navigation')[0]?.workerStart > 0,
  );
  await slow.ctx.close();
  if (!fromWorker) throw new Error('the repeat visit was not answered by the service worker');
  return { first, slowFirst, repeat };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const r2 = (x) => Math.round(x * 100) / 100;

const host = await serveDist({ dist: args.dist, base: '/', missing: 'index' });
const browser = await launch();
const url = `${host.url}gateways/buy`;
const figures = { first_visit: [], slow_first_visit: [], repeat_visit: [] };
let error = null;
try {
  await round(browser, url); // warm-up
  for (let i = 0; i < LOADS; i++) {
    const r = await round(browser, url);
    figures.first_visit.push(r2(r.first));
    figures.slow_first_visit.push(r2(r.slowFirst));
    figures.repeat_visit.push(r2(r.repeat));
  }
} catch (e) {
  error = e.message;
  console.error(`first-visit benchmark: ${error}`);
}
const report = { error, network: SLOW };
for (const [key, samples] of Object.entries(figures)) {
  report[key] = { samples_ms: samples, median_ms: error || !samples.length ? null : r2(median(samples)) };
  console.error(`${key}: ${error ? 'not measured' : `median ${report[key].median_ms} ms of [${samples.join(', ')}]`}`);
}
await fs.writeFile(args.out, JSON.stringify(report, null, 2));
await browser.close();
await host.close();
