// Backend mode: the console pointed at a real apig-mock (started here, in memory, instant
// speed) lists, buys, modifies and deletes through the signed APIG v2 API. The mock is served
// on another port than the console, so every call crosses origins (CORS). The secret key must
// be in sessionStorage and in no localStorage value. axe-core runs on the pages visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { start, openPage, waitForShell, axe, screenshot, openEditor } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const MOCK_BIN = path.resolve(process.env.APIG_MOCK_BIN ?? path.resolve(here, '../../target/debug/apig-mock'));

const AK = 'AKE2E' + crypto.randomBytes(6).toString('hex').toUpperCase();
const SK = 'SKE2E' + crypto.randomBytes(20).toString('hex');
const PROJECT = crypto.randomBytes(16).toString('hex');

let env;
let mock;
let mockUrl;
let mockHost;

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

before(async () => {
  env = await start();
  const port = await freePort();
  mockHost = `127.0.0.1:${port}`;
  mockUrl = `http://${mockHost}`;
  let log = '';
  mock = spawn(MOCK_BIN, ['--listen', mockHost, '--data', ':memory:', '--speed', 'instant'], {
    env: { ...process.env, HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mock.stdout.on('data', (d) => (log += d));
  mock.stderr.on('data', (d) => (log += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`${mockUrl}/health`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (mock.exitCode !== null || Date.now() > deadline) {
      throw new Error(`apig-mock (${MOCK_BIN}) did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
});

after(async () => {
  mock?.kill('SIGTERM');
  await env?.close();
});

// ---- a signer in Node, to check the server's state through the API (not the UI) ----
const enc = (s) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex');

async function api(method, pathname, body) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const [rawPath, query = ''] = pathname.split('?');
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const headers = {
    'content-type': 'application/json',
    host: mockHost,
    'x-project-id': PROJECT,
    'x-sdk-date': date,
  };
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
  const stringToSign = `SDK-HMAC-SHA256\n${date}\n${sha256(canonical)}`;
  const signature = crypto.createHmac('sha256', SK).update(stringToSign).digest('hex');
  const { host, ...sent } = headers;
  const response = await fetch(`${mockUrl}${pathname}`, {
    method,
    headers: {
      ...sent,
      authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    },
    body: text || undefined,
  });
  const answer = await response.text();
  return { status: response.status, body: answer ? JSON.parse(answer) : null };
}

async function configure(page, secret) {
  await page.check('#backend-mock');
  await page.fill('#backend-endpoint', mockUrl);
  await page.fill('#backend-ak', AK);
  await page.fill('#backend-sk', secret);
  await page.fill('#backend-project', PROJECT);
}

async function testConnection(page) {
  await page.click('#backend-test');
  await page.waitForFunction(() => {
    const t = document.querySelector('#backend-result')?.textContent ?? '';
    return t !== '' && !t.startsWith('Calling');
  });
  return page.locator('#backend-result').textContent();
}

test('backend mode: connect, buy, modify and delete through apig-mock; the SK stays in sessionStorage', async () => {
  const { page, errors, context } = await openPage(env.browser);
  await page.goto(`${env.base}/settings`);
  await waitForShell(page, errors);
  assert.match(await page.locator('#backend-indicator').textContent(), /this browser/);
  assert.match(await page.locator('#backend-current').textContent(), /this browser \(localStorage\)/);
  await axe(page, 'settings page (browser backend)');

  // The console is not served by apig-mock here, so the endpoint is prefilled with the default.
  await page.check('#backend-mock');
  assert.equal(await page.inputValue('#backend-endpoint'), 'http://127.0.0.1:8090');

  // A wrong secret key: the server's 401 APIGW.0301, word for word.
  await configure(page, 'SKwrong0000000000000000000000000000000000');
  assert.match(await testConnection(page), /401 APIGW\.0301/);
  // Nobody listening: a network failure naming the URL.
  const deadPort = await freePort();
  await page.fill('#backend-endpoint', `http://127.0.0.1:${deadPort}`);
  assert.match(await testConnection(page), new RegExp(`127\\.0\\.0\\.1:${deadPort}.*could not be reached`));
  // The right one.
  await configure(page, SK);
  assert.match(await testConnection(page), /Connected: .* 0 gateway\(s\)/);
  await axe(page, 'settings page (apig-mock)');
  await page.click('#backend-save');
  await page.waitForFunction(
    (host) => document.querySelector('#backend-indicator')?.textContent.includes(`apig-mock ${host}`),
    mockHost,
  );
  assert.match(await page.locator('#backend-current').textContent(), new RegExp(`apig-mock at ${mockUrl}`));
  assert.match(await page.locator('#backend-result').textContent(), /Saved\. The console now lists/);
  await axe(page, 'settings page (saved)');
  await screenshot(page, 'backend-setting.png', { readme: true, fullPage: true });

  // The SK is in sessionStorage, and in no localStorage key or value.
  const storage = await page.evaluate(() => ({
    session: sessionStorage.getItem('apig-console.backend-secret-key'),
    local: Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]),
  }));
  assert.equal(storage.session, SK);
  assert.ok(storage.local.some(([k]) => k === 'apig-console.backend'), JSON.stringify(storage.local));
  for (const [k, v] of storage.local) {
    assert.ok(!k.includes(SK) && !v.includes(SK), `localStorage ${k} holds the SK`);
  }
  const backendSetting = JSON.parse(storage.local.find(([k]) => k === 'apig-console.backend')[1]).data;
  assert.deepEqual(backendSetting, { kind: 'mock', endpoint: mockUrl, access_key: AK, project_id: PROJECT });

  // Buy through the API.
  await page.click('.sidenav >> text=Gateways');
  await page.waitForSelector('#gateways-title');
  await page.click('#buy-gateway');
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  await page.fill('#instance_name', 'via-api');
  await page.check('#spec-BASIC');
  await page.click('#next');
  await page.waitForSelector('#confirm-title');
  const id = (await page.locator('#confirm-created dd').first().textContent()).trim();
  await page.click('#create');
  await page.waitForSelector(`tr[data-gateway="${id}"]`);
  await page.waitForSelector(`tr[data-gateway="${id}"] .status[data-status="Running"]`).catch(async (e) => {
    const banners = await page.locator('.banners').textContent();
    const row = await page.locator(`tr[data-gateway="${id}"]`).innerHTML().catch(() => 'no row');
    const header = await page.locator('#backend-indicator').textContent();
    throw new Error(`not Running: banners=${banners} header=${header} row=${row} errors=${errors.join(' | ')}`, { cause: e });
  });
  // The server has it, Running, with the ID the console showed.
  const listed = await api('GET', `/v2/${PROJECT}/apigw/instances`);
  assert.equal(listed.status, 200);
  assert.equal(listed.body.total, 1);
  assert.equal(listed.body.instances[0].id, id);
  assert.equal(listed.body.instances[0].instance_name, 'via-api');
  assert.equal(listed.body.instances[0].status, 'Running');
  // Nothing was written to this browser's gateways.
  assert.equal(await page.evaluate(() => localStorage.getItem('apig-console.gateways')), null);
  await axe(page, 'gateways list (apig-mock)');
  await screenshot(page, 'gateways-mock.png', { readme: true, fullPage: true });

  // Modify name and description. Every announcement is recorded: the change is first said to be
  // sent, and apig-mock's acceptance is announced when it answers.
  await page.locator(`tr[data-gateway="${id}"] a`).first().click();
  await page.waitForSelector('#open-name');
  await page.evaluate(() => {
    window.__said = [];
    // Said by the announcer or shown as a toast (both live regions).
    for (const region of document.querySelectorAll('#announcer, .toasts')) {
      new MutationObserver(() => window.__said.push(region.textContent)).observe(region, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    }
    // apig-mock runs at instant speed: its answers must never make the forms look busy.
    window.__blocked = [];
    new MutationObserver((records) => {
      for (const r of records) if (r.target.disabled) window.__blocked.push(r.target.closest('form')?.id);
    }).observe(document.querySelector('.change-grid'), {
      subtree: true,
      attributes: true,
      attributeFilter: ['disabled'],
    });
  });
  await openEditor(page, 'name');
  await page.fill('#edit-name', 'renamed-via-api');
  await page.click('#name-review');
  await page.click('#name-save');
  await openEditor(page, 'description');
  await page.fill('#edit-description', 'Changed through PUT');
  await page.click('#description-review');
  await page.click('#description-save');
  let shown;
  for (let i = 0; i < 50; i += 1) {
    shown = await api('GET', `/v2/${PROJECT}/apigw/instances/${id}`);
    if (shown.body.instance_name === 'renamed-via-api' && shown.body.description === 'Changed through PUT') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(shown.body.instance_name, 'renamed-via-api');
  assert.equal(shown.body.description, 'Changed through PUT');
  await page.waitForFunction(() => document.querySelector('#gateway-title')?.textContent === 'renamed-via-api');
  await page.waitForFunction(() => window.__said.some((t) => t.includes('apig-mock accepted: Updating renamed-via-api.')));
  const said = await page.evaluate(() => window.__said);
  assert.ok(
    said.some((t) => t.includes('Gateway Name: sent to apig-mock; its answer follows.')),
    JSON.stringify(said),
  );
  // The syncs that follow each acceptance bring the server's records, whose operations started
  // after the console's clock last ticked (it ticks every second): the status must still be
  // computed at the time of the sync, not at the older tick, or the gateway reads `Updating`
  // until the next tick and every form is disabled meanwhile (taking the focus and the typing).
  await page.waitForTimeout(1200);
  assert.deepEqual(await page.evaluate(() => window.__blocked), []);

  // A refusal by the server is shown with its code: make the next update fail.
  const fault = await api('POST', `/_mock/${PROJECT}/faults`, {
    next_error: {
      method: 'PUT',
      route: '/v2/{project_id}/apigw/instances/{instance_id}',
      status: 409,
      error_code: 'APIC.7701',
      error_msg: 'injected conflict',
    },
  });
  assert.ok(fault.status < 300, JSON.stringify(fault.body));
  await page.evaluate(() => {
    window.__textarea = document.querySelector('#edit-description');
  });
  await openEditor(page, 'description');
  await page.fill('#edit-description', 'refused by the server');
  await page.click('#description-review');
  await page.click('#description-save').catch(async (e) => {
    const why = await page.evaluate(() => ({
      error: document.querySelector('#description-error')?.textContent,
      value: document.querySelector('#edit-description')?.value,
      blocked: document.querySelector('#change-description fieldset')?.disabled,
      banners: document.querySelector('.banners')?.textContent,
      status: document.querySelector('.status')?.getAttribute('data-status'),
      sameTextarea: window.__textarea === document.querySelector('#edit-description'),
      said: window.__said,
    }));
    throw new Error(`no review of the refused change: ${JSON.stringify(why)}`, { cause: e });
  });
  await page.waitForFunction(() =>
    /409 APIC\.7701: injected conflict/.test(document.querySelector('.banners')?.textContent ?? ''),
  );
  const after409 = await api('GET', `/v2/${PROJECT}/apigw/instances/${id}`);
  assert.equal(after409.body.description, 'Changed through PUT');

  // Delete: gone from the list and from the server.
  await page.click('#delete-gateway');
  await page.locator('#delete-dialog').waitFor();
  await page.fill('#delete-confirm-name', 'renamed-via-api');
  await page.click('#delete-confirm');
  await page.waitForSelector('#gateways-title');
  await page.locator(`tr[data-gateway="${id}"]`).waitFor({ state: 'detached' });
  let remaining;
  for (let i = 0; i < 50; i += 1) {
    remaining = await api('GET', `/v2/${PROJECT}/apigw/instances`);
    if (remaining.body.total === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(remaining.body.total, 0);
  const gone = await api('GET', `/v2/${PROJECT}/apigw/instances/${id}`);
  assert.equal(gone.status, 404);
  assert.equal(gone.body.error_code, 'APIC.7302');

  // The Sandbox page says where its changes go.
  await page.click('.sidenav >> text=Sandbox');
  await page.waitForSelector('#sandbox-title');
  assert.match(
    await page.locator('#sandbox-title + p').textContent(),
    new RegExp(`project ${PROJECT} on apig-mock`),
  );
  await axe(page, 'sandbox page (apig-mock)');

  // The creation speed shown is the server's (it runs with --speed instant), also after it
  // changes on the server; choosing one sets the server's. This browser's own setting stays.
  const localSettings = await page.evaluate(() => localStorage.getItem('apig-console.settings'));
  assert.equal(await page.inputValue('#creation-speed'), 'instant');
  assert.equal((await api('PUT', `/_mock/${PROJECT}/speed`, { speed: 'realistic' })).status, 200);
  await page.waitForFunction(() => document.querySelector('#creation-speed')?.value === 'realistic');
  await page.selectOption('#creation-speed', 'fast');
  let speed;
  for (let i = 0; i < 50; i += 1) {
    speed = await api('GET', `/_mock/${PROJECT}/speed`);
    if (speed.body.speed === 'fast') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(speed.body.speed, 'fast');
  assert.equal(await page.evaluate(() => localStorage.getItem('apig-console.settings')), localSettings);

  // Back to this browser: the local state, and the SK is forgotten.
  await page.click('.sidenav >> text=Settings');
  await page.check('#backend-browser');
  await page.click('#backend-save');
  await page.waitForFunction(() => /this browser/.test(document.querySelector('#backend-indicator')?.textContent));
  assert.equal(await page.evaluate(() => sessionStorage.getItem('apig-console.backend-secret-key')), null);
  const expected = errors.filter((e) => !/Failed to load resource|net::ERR_CONNECTION_REFUSED|status of 40[19]/.test(e));
  assert.deepEqual(expected, []);
  await context.close();
});

test('a new tab has no SK: the console says so and shows this browser’s data', async () => {
  const { page, errors, context } = await openPage(env.browser);
  await page.goto(`${env.base}/gateways`);
  await waitForShell(page, errors);
  await page.evaluate(
    ([url, ak, project]) =>
      localStorage.setItem(
        'apig-console.backend',
        JSON.stringify({ version: 1, data: { kind: 'mock', endpoint: url, access_key: ak, project_id: project } }),
      ),
    [mockUrl, AK, PROJECT],
  );
  await page.reload();
  await waitForShell(page, errors);
  await page.waitForFunction(() => /secret key is kept only for one tab/.test(document.querySelector('.banners')?.textContent ?? ''));
  assert.match(await page.locator('#backend-indicator').textContent(), /this browser/);
  await page.goto(`${env.base}/settings`);
  await page.waitForSelector('#backend-sk');
  assert.equal(await page.inputValue('#backend-ak'), AK);
  assert.equal(await page.inputValue('#backend-sk'), '');
  assert.deepEqual(errors, []);
  await context.close();
});
