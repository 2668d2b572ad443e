// "Try it" in the information page's APIs section, in both modes, at 1280 px and 390 px: a
// field that breaks a rule is named (with its code) before anything is created; a MOCK API is
// created (with the group try_it), published to RELEASE and called through the group's
// debugging domain — in this browser by the core's router, with apig-mock through its data
// plane at {debugging domain}.localhost — showing each management call, the request and the
// gateway's answer with its X-Request-Id. The section then lists the group and the published
// API; the calls are in the API trace. axe-core runs on the section.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, startMock, connectMock, openPage, waitForShell, axe, screenshot, DIST } from './harness.mjs';

let env;
let mock;
before(async () => {
  env = await start();
  mock = await startMock();
});
after(async () => {
  mock?.close();
  await env?.close();
});

const SIZES = [
  ['1280', { width: 1280, height: 800 }],
  ['390', { width: 390, height: 844 }],
];

const DEBUG_DOMAIN = /^[0-9a-f]{32}\.apic\.cn-north-4\.huaweicloudapis\.com$/;

async function navTo(page, name, heading) {
  await page.click(`.sidenav >> text=${name}`);
  await page.waitForSelector(heading);
}

/** Buys a Basic gateway named `name`, waits until it runs and opens its information page. */
async function buyAndOpen(page, name) {
  await navTo(page, 'Gateways', '#gateways-title');
  await page.click('#buy-gateway');
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  await page.fill('#instance_name', name);
  await page.check('#spec-BASIC');
  await page.click('#next');
  await page.waitForSelector('#confirm-title');
  const id = (await page.locator('#confirm-created dd').first().textContent()).trim();
  await page.click('#create');
  await page.waitForSelector(`[data-gateway="${id}"] .status[data-status="Running"]`);
  await page.goto(`${page.url().split('/gateways')[0]}/gateways/${id}`);
  await page.waitForSelector('#try-it-form');
  return id;
}

/** Nothing sticks out of the page sideways. */
async function assertNoSidewaysScroll(page, where) {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}#${e.id}`)
      .slice(0, 8),
  );
  assert.ok(scroll <= client, `${where}: ${scroll} px wide in a ${client} px window: ${wide.join(', ')}`);
}

/** Runs Try it and waits for its outcome. */
async function run(page) {
  await page.click('#try-run');
  await page.waitForSelector('#try-result-title, #try-it .field-error');
}

for (const [label, viewport] of SIZES) {
  test(`this browser at ${label} px: a bad path is named first, then the API is created, published and answers through the core's router`, async () => {
    const { page, errors } = await openPage(env.browser, { viewport });
    await page.goto(`${env.base}/sandbox`);
    await waitForShell(page, errors);
    await page.selectOption('#creation-speed', 'instant');
    await buyAndOpen(page, `try-here-${label}`);
    assert.match(await page.locator('#try-where').textContent(), /this browser/);
    assert.equal(await page.locator('#apis-empty').count(), 1);

    // A path without its leading slash: named with its code, focus on it, nothing created.
    await page.fill('#try-path', 'hello');
    await run(page);
    const error = page.locator('#try-path-error');
    assert.match(await error.textContent(), /req_uri/);
    assert.match(await error.locator('.code-tag').textContent(), /^APIG\.2011$/);
    assert.equal(await page.getAttribute('#try-path', 'aria-invalid'), 'true');
    await page.waitForFunction(() => document.activeElement?.id === 'try-path');
    assert.equal(await page.locator('#try-result-title').count(), 0);
    assert.equal(await page.locator('#apis-empty').count(), 1, 'nothing was created');

    // Fixed, with a path parameter: group, API and publication, then the call.
    await page.fill('#try-path', '/hello/{who}');
    await page.fill('#try-status', '201');
    await page.fill('#try-body', '{"hi":"there"}');
    await run(page);
    assert.equal(await page.locator('#try-path-error').count(), 0);
    const steps = page.locator('.try-steps .try-step');
    assert.equal(await steps.count(), 3);
    assert.deepEqual(await steps.evaluateAll((s) => s.map((e) => e.dataset.status)), ['201', '201', '201']);
    assert.match(await steps.nth(0).textContent(), /Create the API group try_it POST \/v2\/[0-9a-f]{32}\/apigw\/instances\/[0-9a-f]{32}\/api-groups/);
    assert.match(await steps.nth(2).textContent(), /Publish it to RELEASE POST .*\/apis\/action/);
    const call = page.locator('.try-call');
    assert.equal(await call.getAttribute('data-status'), '201');
    assert.match(await call.getAttribute('data-request-id'), /^[0-9a-f]{32}$/);
    const request = await page.locator('.try-request').textContent();
    const [, domain] = request.match(/^GET http:\/\/([^/]+)\/hello\/who\n/);
    assert.match(domain, DEBUG_DOMAIN);
    assert.match(request, new RegExp(`Host: ${domain.replace(/[.]/g, '\\.')}`));
    const answer = await page.locator('.try-answer').textContent();
    assert.match(answer, /^HTTP 201\n/);
    assert.match(answer, /X-Request-Id: [0-9a-f]{32}/);
    assert.match(answer, /"hi": "there"/);

    // The section lists the group with that debugging domain and the API published in RELEASE.
    await page.waitForSelector('.api-group h3');
    assert.equal(await page.locator('.api-group h3').textContent(), 'try_it');
    assert.equal(await page.locator('.api-debug-domain').textContent(), domain);
    assert.equal(await page.locator('.api-group tbody tr td').nth(3).textContent(), 'RELEASE');

    // The management calls are in the API trace.
    await page.click('#trace-toggle');
    await page.waitForSelector('#trace-drawer');
    const paths = await page
      .locator('#trace-drawer .trace-entry[data-method="POST"] .trace-path')
      .allTextContents();
    assert.ok(paths.some((p) => p.endsWith('/api-groups')), paths.join(', '));
    assert.ok(paths.some((p) => p.endsWith('/apis')), paths.join(', '));
    assert.ok(paths.some((p) => p.endsWith('/apis/action')), paths.join(', '));
    await page.keyboard.press('Escape');

    // The same name again: the API call is refused by the core, the group is not made twice.
    await page.fill('#try-path', '/again');
    await run(page);
    const refused = page.locator('.try-step-refused');
    await refused.waitFor();
    assert.match(await refused.textContent(), /Create the API: refused/);
    assert.match(await refused.locator('.code-tag').textContent(), /^APIG\.\d{4}$/);
    assert.equal(await page.locator('.try-steps .try-step:not(.try-step-refused)').count(), 0);
    assert.equal(await page.locator('.api-group').count(), 1);

    // Kept: after a reload the API is still there.
    await page.reload();
    await page.waitForSelector('.api-group tbody tr');
    assert.equal(await page.locator('.api-group tbody tr').count(), 1);

    await assertNoSidewaysScroll(page, `Try it at ${label} px`);
    await page.locator('#try-it').scrollIntoViewIfNeeded();
    await axe(page, `Try it (this browser, ${label} px)`);
    assert.deepEqual(errors, []);
  });
}

for (const [label, viewport] of SIZES) {
  test(`apig-mock at ${label} px: signed management calls, then the call through its data plane`, async () => {
    const { page, errors } = await openPage(env.browser, { viewport });
    await page.goto(`${env.base}/settings`);
    await waitForShell(page, errors);
    await connectMock(page, mock);
    const id = await buyAndOpen(page, `try-mock-${label}`);
    assert.match(await page.locator('#try-where').textContent(), /apig-mock/);

    await page.fill('#try-name', `hello_${label}`);
    await page.fill('#try-path', `/hello-${label}`);
    await run(page);
    const call = page.locator('.try-call');
    await call.waitFor();
    const steps = page.locator('.try-steps .try-step');
    // The first run on this gateway makes the group; the second size's gateway is another.
    assert.equal(await steps.count(), 3);
    assert.equal(await call.getAttribute('data-status'), '200');
    const request = await page.locator('.try-request').textContent();
    const port = mock.url.split(':').pop();
    const [, domain] = request.match(new RegExp(`^GET http://([^/]+)\\.localhost:${port}/hello-${label}\\n`));
    assert.match(domain, DEBUG_DOMAIN);
    const answer = await page.locator('.try-answer').textContent();
    assert.match(answer, /^HTTP 200\n/);
    const requestId = await call.getAttribute('data-request-id');
    assert.match(requestId, /^[0-9a-f]{32}$/);
    assert.match(answer, new RegExp(`x-request-id: ${requestId}`, 'i'));
    assert.match(answer, /"hello": "from a MOCK backend"/);

    // apig-mock holds the API, published in RELEASE; the section shows it after the sync.
    const listed = await mock.api('GET', `/v2/${mock.project}/apigw/instances/${id}/apis`);
    assert.equal(listed.status, 200);
    assert.equal(listed.body.apis.length, 1);
    assert.equal(listed.body.apis[0].name, `hello_${label}`);
    assert.equal(listed.body.apis[0].run_env_name, 'RELEASE');
    await page.waitForSelector('.api-group tbody tr');
    assert.equal(await page.locator('.api-debug-domain').textContent(), domain);

    // The signed calls are in the trace; the secret key appears nowhere.
    await page.click('#trace-toggle');
    await page.waitForSelector('#trace-drawer');
    const publish = page.locator('#trace-drawer .trace-entry[data-method="POST"]').filter({ hasText: '/apis/action' });
    assert.equal(await publish.first().getAttribute('data-status'), '201');
    assert.ok(!(await page.evaluate(() => document.body.innerText)).includes(mock.sk));
    await page.keyboard.press('Escape');

    await assertNoSidewaysScroll(page, `Try it with apig-mock at ${label} px`);
    await page.locator('#try-it').scrollIntoViewIfNeeded();
    await axe(page, `Try it (apig-mock, ${label} px)`);
    if (label === '1280') {
      // The whole section: the group with its published API, Try it and its outcome.
      const box = await page.locator('#apis-section').evaluate((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
      });
      await screenshot(page, 'apis-tryit.png', { readme: true, fullPage: true, clip: box });
    } else {
      await screenshot(page, 'apis-tryit-phone.png');
    }
    assert.deepEqual(errors, []);
  });
}

test('apig-mock serving the console from another address: the call goes through DebugApiV2', async () => {
  // 127.0.0.2 is this machine too, but not where {domain}.localhost leads: the console calls
  // the API through apig-mock's DebugApiV2 instead, and says so.
  const remote = await startMock({ address: '127.0.0.2', args: ['--serve-dist', DIST] });
  try {
    const { page, errors } = await openPage(env.browser, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${remote.url}/settings`);
    await waitForShell(page, errors);
    await connectMock(page, remote);
    await buyAndOpen(page, 'try-debug');
    assert.match(await page.locator('#try-where').textContent(), /DebugApiV2/);
    await run(page);
    await page.locator('.try-call').waitFor();
    const steps = page.locator('.try-steps .try-step');
    assert.equal(await steps.count(), 4);
    assert.match(await steps.nth(3).textContent(), /Call it through DebugApiV2 POST \/v2\/[0-9a-f]{32}\/apigw\/instances\/[0-9a-f]{32}\/apis\/debug\/[0-9a-f]{32}/);
    assert.equal(await page.locator('.try-call').getAttribute('data-status'), '200');
    const request = await page.locator('.try-request').textContent();
    assert.match(request, /^GET \/hello HTTP\/1\.1\n/);
    assert.match(request, /Host: [0-9a-f]{32}\.apic\.cn-north-4\.huaweicloudapis\.com/);
    const answer = await page.locator('.try-answer').textContent();
    assert.match(answer, /^HTTP\/1\.1 200 OK\n/);
    assert.match(answer, /X-Request-Id: [0-9a-f]{32}/i);
    assert.match(answer, /\{"hello":"from a MOCK backend"\}/);
    await axe(page, 'Try it through DebugApiV2');
    assert.deepEqual(errors, []);
  } finally {
    remote.close();
  }
});
