// Browser benchmarks of `cargo xtask bench` (not a test: node --test does not pick this file up).
//
//   node bench/load-and-keystroke.mjs --console DIST --minimal DIST --fixture FILE --out FILE
//       [--measure load,keystroke,list] [--loads 10] [--keystrokes 120]
//       [--warmup-keystrokes 10] [--renders 10]
//
// --measure picks the figures (default `load,keystroke`; --minimal is only needed for `load`).
// 1. Load: the time from navigation start (performance.timeOrigin) to the interactive form,
//    `form#buy-form[data-interactive="true"]`, seen by a MutationObserver installed before any
//    page script runs (page.addInitScript). Console at /gateways/buy and the minimal Leptos page
//    at /, loaded alternately, each load in a new browser context: empty HTTP cache (so the
//    .wasm is fetched and compiled every time), empty storage (a first visit). The context
//    first opens an empty page of the same origin, so the renderer process is already running
//    (as in a browser someone is using) and its start-up does not blur the figure.
//    One discarded warm-up load each. Median of --loads loads.
// 2. Keystroke: with the fixture's account and gateways in localStorage, on /gateways/buy, the
//    time from the keydown on #instance_name (capture listener, performance.now()) to the
//    MutationObserver seeing `#check-panel[data-revision]` change ("dom"), then to the next
//    requestAnimationFrame callback ("frame", the frame that paints it). One key at a time,
//    ~80 ms apart (a fast typist); --warmup-keystrokes discarded first. p50 and p95.
// 3. List: with the fixture in localStorage, on /gateways/buy, the time from the click on the
//    side navigation's "Gateways" link (capture listener) to the MutationObserver seeing the
//    list's first page ("dom"): as many rows of #gateways-table as the page holds (the first
//    LIST_PAGE_SIZE gateways, the console's default page size; all of them when fewer) and the
//    pager's total (`#gateways-total[data-total]`) naming every gateway of the fixture, so the
//    quota and the count over all of them are computed too; then to the next
//    requestAnimationFrame callback ("frame"). Back to the form with #buy-gateway between
//    renders; 2 discarded warm-up renders, then --renders renders. Median, p95 and max.
//
// Writes the figures as JSON to --out; a figure that cannot be measured carries an `error`.
// Exits non-zero only when the script itself breaks (bad arguments, no browser).
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    console: { type: 'string' },
    minimal: { type: 'string' },
    fixture: { type: 'string' },
    out: { type: 'string' },
    loads: { type: 'string', default: '10' },
    keystrokes: { type: 'string', default: '120' },
    'warmup-keystrokes': { type: 'string', default: '10' },
    measure: { type: 'string', default: 'load,keystroke' },
    renders: { type: 'string', default: '10' },
  },
});
const MEASURE = new Set(args.measure.split(',').map((m) => m.trim()));
for (const m of MEASURE) {
  if (!['load', 'keystroke', 'list'].includes(m)) {
    console.error(`unknown figure in --measure: ${m} (known: load, keystroke, list)`);
    process.exit(2);
  }
}
for (const name of ['console', 'fixture', 'out', ...(MEASURE.has('load') ? ['minimal'] : [])]) {
  if (!args[name]) {
    console.error(`missing --${name}`);
    process.exit(2);
  }
}
const RENDERS = Number(args.renders);
const WARMUP_RENDERS = 2;
// The list's default page size (crates/web/src/components/pager.rs, DEFAULT_PAGE_SIZE).
const LIST_PAGE_SIZE = 10;
const LOADS = Number(args.loads);
const KEYSTROKES = Number(args.keystrokes);
const WARMUP_KEYSTROKES = Number(args['warmup-keystrokes']);
const FORM = 'form#buy-form[data-interactive="true"]';
const HOOK_TIMEOUT_MS = 15_000;
const KEY_TIMEOUT_MS = 1_000;
const KEY_GAP_MS = 80;

// ---- static server with SPA fallback and the browser (as tests/e2e/harness.mjs, per dist) ----

/** An empty page of the same origin: loaded first, so a measured load reuses a running renderer. */
const BLANK = '/__bench_blank';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

async function serve(dist) {
  const root = path.resolve(dist);
  await fs.access(path.join(root, 'index.html'));
  const server = http.createServer(async (req, res) => {
    if (req.url === BLANK) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><title>blank</title>');
      return;
    }
    let file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, 'index.html');
    } catch {
      file = path.join(root, 'index.html'); // SPA fallback
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
  return { base: `http://127.0.0.1:${server.address().port}`, server };
}

async function launch() {
  const executablePath =
    process.env.CHROMIUM_PATH ??
    execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  return chromium.launch({
    executablePath,
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

async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(HOOK_TIMEOUT_MS);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

// ---- figures ----

const sorted = (xs) => [...xs].sort((a, b) => a - b);
/** Nearest-rank percentile. */
const percentile = (xs, p) => {
  const s = sorted(xs);
  return s.length ? s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const median = (xs) => {
  const s = sorted(xs);
  if (!s.length) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const round = (x) => (x === null ? null : Math.round(x * 100) / 100);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the page shows instead of the interactive form, for the error message. */
async function whyNoForm(page, errors) {
  const seen = await page
    .evaluate(() => {
      const form = document.querySelector('#buy-form');
      const notReady = document.querySelector('#buy-not-ready');
      if (form) return `#buy-form is there but data-interactive=${form.getAttribute('data-interactive')}`;
      if (notReady) return `the page shows #buy-not-ready: "${notReady.textContent.trim().slice(0, 80)}"`;
      return `no #buy-form in the page (body text: "${document.body.innerText.trim().slice(0, 80)}")`;
    })
    .catch((e) => `the page could not be inspected: ${e.message}`);
  return `${FORM} did not appear within ${HOOK_TIMEOUT_MS / 1000} s; ${seen}${
    errors.length ? `; page errors: ${errors.join(' | ')}` : ''
  }`;
}

/** Records performance.now() when the interactive form first appears (before any app script runs). */
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

/** One cold load: a new context, navigation, the time the form became interactive. */
async function loadOnce(browser, url) {
  const { context, page, errors } = await newPage(browser);
  try {
    await page.goto(new URL(BLANK, url).href);
    await page.addInitScript(watchForForm, FORM);
    await page.goto(url, { waitUntil: 'commit' });
    try {
      await page.waitForFunction(() => window.__benchInteractive !== undefined, undefined, {
        timeout: HOOK_TIMEOUT_MS,
      });
    } catch {
      throw new Error(await whyNoForm(page, errors));
    }
    return await page.evaluate(() => window.__benchInteractive);
  } finally {
    await context.close();
  }
}

async function loadBenchmark(browser, targets) {
  const results = Object.fromEntries(targets.map((t) => [t.name, { samples_ms: [], error: null }]));
  const live = () => targets.filter((t) => !results[t.name].error);
  // Warm-up (discarded): the server's file cache, Chromium's first renderer.
  for (const t of targets) {
    try {
      await loadOnce(browser, t.url);
    } catch (e) {
      results[t.name].error = e.message;
      console.error(`load ${t.name}: ${e.message}`);
    }
  }
  for (let i = 0; i < LOADS; i++) {
    // Alternate the order so that drift on a shared machine hits both pages alike.
    const order = i % 2 ? [...live()].reverse() : live();
    for (const t of order) {
      try {
        const ms = await loadOnce(browser, t.url);
        results[t.name].samples_ms.push(round(ms));
      } catch (e) {
        results[t.name].error = e.message;
        console.error(`load ${t.name}: ${e.message}`);
      }
    }
  }
  for (const t of targets) {
    const r = results[t.name];
    r.median_ms = r.error ? null : round(median(r.samples_ms));
    console.error(
      `load ${t.name}: ${r.error ? 'not measured' : `median ${r.median_ms} ms of [${r.samples_ms.join(', ')}]`}`,
    );
  }
  return results;
}

/** Installed in the page: arms on request, measures the next keydown on #instance_name. */
function installKeystrokeProbe(timeoutMs) {
  const revision = () => document.querySelector('#check-panel')?.getAttribute('data-revision') ?? null;
  const probe = { armed: false, pending: null, last: null };
  document.addEventListener(
    'keydown',
    (e) => {
      if (!probe.armed || !(e.target instanceof Element) || e.target.id !== 'instance_name') return;
      probe.armed = false;
      const sample = { t0: performance.now(), rev0: revision(), dom: null, frame: null, timedOut: false };
      sample.done = new Promise((resolve) => {
        sample.resolve = resolve;
      });
      sample.timer = setTimeout(() => {
        if (probe.pending === sample) {
          probe.pending = null;
          sample.timedOut = true;
          sample.resolve();
        }
      }, timeoutMs);
      probe.pending = sample;
      probe.last = sample;
    },
    true,
  );
  new MutationObserver(() => {
    const sample = probe.pending;
    if (!sample || revision() === sample.rev0) return;
    sample.dom = performance.now() - sample.t0;
    probe.pending = null;
    clearTimeout(sample.timer);
    requestAnimationFrame(() => {
      sample.frame = performance.now() - sample.t0;
      sample.resolve();
    });
  }).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-revision'],
  });
  window.__benchProbe = {
    arm() {
      probe.armed = true;
      probe.last = null;
    },
    async result() {
      const sample = probe.last;
      if (!sample) return { missed: true };
      await sample.done;
      return { dom: sample.dom, frame: sample.frame, timedOut: sample.timedOut, rev0: sample.rev0 };
    },
  };
}

/** Sets the fixture's localStorage entries once, before the app's first script. */
function seedStorage({ entries, origin }) {
  if (location.origin !== origin || sessionStorage.getItem('__bench_seeded')) return;
  for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
  sessionStorage.setItem('__bench_seeded', '1');
}

/** The key sequence: 10 letters typed, then 10 Backspaces, repeated; the name stays valid. */
const keyAt = (i) => (i % 20 < 10 ? 'abcdefghij'[i % 10] : 'Backspace');

async function keystrokeBenchmark(browser, base, fixture) {
  const result = { gateways: fixture.gateways, keystrokes: KEYSTROKES, error: null };
  const { context, page, errors } = await newPage(browser);
  try {
    await page.addInitScript(seedStorage, { entries: fixture.localStorage, origin: base });
    await page.goto(`${base}/gateways/buy`);
    try {
      await page.waitForSelector(FORM, { state: 'attached' });
    } catch {
      throw new Error(await whyNoForm(page, errors));
    }
    try {
      await page.waitForSelector('#check-panel[data-revision]', { state: 'attached' });
      await page.waitForSelector('#instance_name', { state: 'attached' });
    } catch {
      throw new Error(
        `the buy form has no ${(await page.$('#instance_name')) ? '#check-panel[data-revision]' : '#instance_name'}`,
      );
    }
    // The fixture's gateways must really be loaded, not backed up as corrupt and replaced.
    const stored = await page.evaluate(
      ([key]) => ({
        count: JSON.parse(localStorage.getItem(key) ?? '{"data":[]}').data?.length ?? 0,
        backups: Object.keys(localStorage).filter((k) => k.includes('.backup-')),
      }),
      ['apig-console.gateways'],
    );
    if (stored.backups.length || stored.count !== fixture.gateways) {
      throw new Error(
        `the console did not keep the fixture: ${stored.count} gateways stored, backups: ${stored.backups.join(', ') || 'none'}`,
      );
    }
    await page.evaluate(installKeystrokeProbe, KEY_TIMEOUT_MS);
    await page.focus('#instance_name');
    await page.keyboard.press('End');
    await sleep(200);

    const dom = [];
    const frame = [];
    let missed = 0;
    for (let i = 0; i < WARMUP_KEYSTROKES + KEYSTROKES; i++) {
      await page.evaluate(() => window.__benchProbe.arm());
      await page.keyboard.press(keyAt(i));
      const r = await page.evaluate(() => window.__benchProbe.result());
      if (i >= WARMUP_KEYSTROKES) {
        if (r.missed || r.timedOut) missed += 1;
        else {
          dom.push(r.dom);
          frame.push(r.frame);
        }
      }
      if (missed >= 5 && dom.length === 0) {
        throw new Error(
          `#check-panel's data-revision did not change within ${KEY_TIMEOUT_MS} ms of typing into #instance_name (${missed} keys in a row)`,
        );
      }
      await sleep(KEY_GAP_MS);
    }
    Object.assign(result, {
      measured: frame.length,
      missed,
      dom_p50_ms: round(percentile(dom, 50)),
      dom_p95_ms: round(percentile(dom, 95)),
      frame_p50_ms: round(percentile(frame, 50)),
      frame_p95_ms: round(percentile(frame, 95)),
      frame_max_ms: round(Math.max(...frame)),
    });
    if (errors.length) result.page_errors = errors;
    console.error(
      `keystroke: ${frame.length} measured, ${missed} missed; dom p50 ${result.dom_p50_ms} p95 ${result.dom_p95_ms} ms; frame p50 ${result.frame_p50_ms} p95 ${result.frame_p95_ms} ms`,
    );
  } catch (e) {
    result.error = e.message;
    console.error(`keystroke: ${e.message}`);
  } finally {
    await context.close();
  }
  return result;
}

/** Installed in the page: times the next click on the Gateways link until the first page of
 * `rows` rows is shown with the pager counting `total` gateways. */
function installListProbe({ rows, total, timeoutMs }) {
  const count = () => document.querySelectorAll('#gateways-table tbody tr[data-gateway]').length;
  const counted = () => document.querySelector('#gateways-total')?.getAttribute('data-total') === String(total);
  const probe = { pending: null, last: null };
  document.addEventListener(
    'click',
    (e) => {
      const link = e.target instanceof Element ? e.target.closest('.sidenav a[href="/gateways"]') : null;
      if (!link) return;
      const sample = { t0: performance.now(), dom: null, frame: null, timedOut: false, rows: 0 };
      sample.done = new Promise((resolve) => {
        sample.resolve = resolve;
      });
      sample.timer = setTimeout(() => {
        if (probe.pending === sample) {
          probe.pending = null;
          sample.timedOut = true;
          sample.rows = count();
          sample.resolve();
        }
      }, timeoutMs);
      probe.pending = sample;
      probe.last = sample;
    },
    true,
  );
  new MutationObserver(() => {
    const sample = probe.pending;
    if (!sample || count() < rows || !counted()) return;
    sample.dom = performance.now() - sample.t0;
    sample.rows = count();
    probe.pending = null;
    clearTimeout(sample.timer);
    requestAnimationFrame(() => {
      sample.frame = performance.now() - sample.t0;
      sample.resolve();
    });
  }).observe(document.documentElement, { subtree: true, childList: true });
  window.__benchList = {
    async result() {
      const sample = probe.last;
      if (!sample) return { missed: true };
      await sample.done;
      return { dom: sample.dom, frame: sample.frame, timedOut: sample.timedOut, rows: sample.rows };
    },
  };
}

async function listBenchmark(browser, base, fixture) {
  const result = {
    gateways: fixture.gateways,
    rows_shown: Math.min(fixture.gateways, LIST_PAGE_SIZE),
    renders: RENDERS,
    error: null,
  };
  const { context, page, errors } = await newPage(browser);
  try {
    await page.addInitScript(seedStorage, { entries: fixture.localStorage, origin: base });
    await page.goto(`${base}/gateways/buy`);
    try {
      await page.waitForSelector(FORM, { state: 'attached' });
    } catch {
      throw new Error(await whyNoForm(page, errors));
    }
    const rows = Math.min(fixture.gateways, LIST_PAGE_SIZE);
    await page.evaluate(installListProbe, { rows, total: fixture.gateways, timeoutMs: HOOK_TIMEOUT_MS });
    const dom = [];
    const frame = [];
    for (let i = 0; i < WARMUP_RENDERS + RENDERS; i++) {
      await page.click('.sidenav a[href="/gateways"]');
      const r = await page.evaluate(() => window.__benchList.result());
      if (r.missed || r.timedOut) {
        throw new Error(
          `the list did not show its first ${rows} of ${fixture.gateways} gateways within ${HOOK_TIMEOUT_MS / 1000} s of the click (${r.rows ?? 0} rows)`,
        );
      }
      if (i >= WARMUP_RENDERS) {
        dom.push(r.dom);
        frame.push(r.frame);
      }
      await sleep(200);
      await page.click('#buy-gateway');
      await page.waitForSelector(FORM, { state: 'attached' });
      await sleep(200);
    }
    Object.assign(result, {
      dom_p50_ms: round(median(dom)),
      frame_p50_ms: round(median(frame)),
      frame_p95_ms: round(percentile(frame, 95)),
      frame_max_ms: round(Math.max(...frame)),
      samples_ms: frame.map(round),
    });
    if (errors.length) result.page_errors = errors;
    console.error(
      `list: ${frame.length} renders of the first ${rows} rows of ${fixture.gateways}; dom median ${result.dom_p50_ms} ms; frame median ${result.frame_p50_ms} p95 ${result.frame_p95_ms} max ${result.frame_max_ms} ms`,
    );
  } catch (e) {
    result.error = e.message;
    console.error(`list: ${e.message}`);
  } finally {
    await context.close();
  }
  return result;
}

const fixture = JSON.parse(await fs.readFile(args.fixture, 'utf8'));
const consoleSite = await serve(args.console);
const minimalSite = MEASURE.has('load') ? await serve(args.minimal) : null;
const browser = await launch();
try {
  const report = { chromium: browser.version() };
  if (MEASURE.has('load')) {
    const load = await loadBenchmark(browser, [
      { name: 'console', url: `${consoleSite.base}/gateways/buy` },
      { name: 'minimal', url: `${minimalSite.base}/` },
    ]);
    report.load = { loads: LOADS, cache: 'new browser context per load (empty HTTP cache and storage)', ...load };
  }
  if (MEASURE.has('keystroke')) {
    report.keystroke = await keystrokeBenchmark(browser, consoleSite.base, fixture);
  }
  if (MEASURE.has('list')) {
    report.list = await listBenchmark(browser, consoleSite.base, fixture);
  }
  await fs.mkdir(path.dirname(path.resolve(args.out)), { recursive: true });
  await fs.writeFile(args.out, JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  consoleSite.server.close();
  minimalSite?.server.close();
}
