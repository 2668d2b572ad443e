// The API trace drawer in both modes: in this browser it lists the request the real API would
// receive for each action (built by the core) with the core's answer; with apig-mock the signed
// requests as sent, with status, code and timing, the secret key never shown. Each is copied as
// curl or KooCLI. axe-core runs with the drawer open, at 1280 and 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, startMock, connectMock, openPage, waitForShell, axe, screenshot } from './harness.mjs';

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

const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

async function buy(page, name) {
  await page.click('.sidenav >> text=Gateways');
  await page.waitForSelector('#gateways-title');
  await page.click('#buy-gateway');
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  await page.fill('#instance_name', name);
  await page.check('#spec-BASIC');
  await page.click('#next');
  await page.waitForSelector('#confirm-title');
  const id = (await page.locator('#confirm-created dd').first().textContent()).trim();
  await page.click('#create');
  return id;
}

async function openTrace(page) {
  if ((await page.getAttribute('#trace-toggle', 'aria-expanded')) !== 'true') {
    await page.click('#trace-toggle');
  }
  await page.waitForSelector('#trace-drawer');
}

/** Clicks the copy button `kind` ('curl' or 'KooCLI') of `entry` and reads the clipboard. */
async function copied(page, entry, kind) {
  const status = entry.locator('.copy-status');
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await entry.locator(`.trace-copy button:has-text("${kind}")`).click();
  await status.filter({ hasText: 'Copied.' }).waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('this browser: the request the real API would receive and the core answer, copied as KooCLI and curl', async () => {
  const { page, errors } = await openPage(env.browser, CLIPBOARD);
  await page.goto(`${env.base}/gateways`);
  await waitForShell(page, errors);
  await openTrace(page);
  assert.match(await page.locator('#trace-empty').textContent(), /No requests yet/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'trace-title');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#trace-drawer', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'trace-toggle');

  const id = await buy(page, 'traced-here');
  await page.waitForSelector(`tr[data-gateway="${id}"]`);
  await openTrace(page);
  const entry = page.locator('#trace-drawer .trace-entry').first();
  assert.equal(await entry.getAttribute('data-method'), 'POST');
  assert.equal(await entry.getAttribute('data-status'), '202');
  assert.match(await entry.locator('.trace-path').textContent(), /^\/v2\/[0-9a-f]{32}\/apigw\/instances$/);
  await entry.locator('summary').click();
  const request = await entry.locator('.trace-request').textContent();
  assert.match(request, /"instance_name": "traced-here"/);
  assert.match(request, /Host: apig\.cn-north-4\.myhuaweicloud\.com/);
  assert.match(request, new RegExp(`"instance_id": "${id}"`));
  const answer = await entry.locator('.trace-answer').textContent();
  assert.match(answer, /HTTP 202/);
  assert.match(answer, new RegExp(`JOB_ASSIGNED_FOR_PROVISIONING_0003I:The job JOB-[0-9a-f]{32} has been assigned to the instance ${id}`));

  const koocli = await copied(page, entry, 'KooCLI');
  assert.match(koocli, /^hcloud APIG CreateInstanceV2 \\\n {2}--cli-region=cn-north-4 \\\n/);
  assert.match(koocli, /--instance_name=traced-here/);
  const curl = await copied(page, entry, 'curl');
  assert.match(curl, /^# sign with SDK-HMAC-SHA256/);
  assert.match(curl, /curl -X POST https:\/\/apig\.cn-north-4\.myhuaweicloud\.com\/v2\//);

  await axe(page, 'trace drawer (this browser)');
  await screenshot(page, 'trace-drawer.png', { readme: true });

  // Both languages.
  await page.click('button[data-lang="zh-CN"]');
  await page.waitForFunction(() => document.querySelector('#trace-title')?.textContent === 'API 调用记录');
  assert.match(await page.locator('#trace-drawer .trace-copy').first().textContent(), /复制为 curl/);
  await page.click('button[data-lang="en"]');

  // 390 px: the drawer covers the page without anything sticking out.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(50);
  const overflow = await page.evaluate(() => {
    const drawer = document.querySelector('#trace-drawer');
    return [...drawer.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => e.className || e.tagName);
  });
  assert.deepEqual(overflow, [], 'nothing sticks out of the drawer at 390 px');
  await axe(page, 'trace drawer at 390 px');
  await screenshot(page, 'trace-drawer-narrow.png');
  assert.deepEqual(errors, []);
});

test('apig-mock: the signed requests as sent, with status, code and timing; the SK never shown', async () => {
  const { page, errors } = await openPage(env.browser, CLIPBOARD);
  await page.goto(`${env.base}/settings`);
  await waitForShell(page, errors);
  await connectMock(page, mock);

  const id = await buy(page, 'traced-there');
  await page.waitForSelector(`tr[data-gateway="${id}"] .status[data-status="Running"]`);
  await openTrace(page);
  const post = page.locator('#trace-drawer .trace-entry[data-method="POST"]').first();
  await post.waitFor();
  assert.equal(await post.getAttribute('data-status'), '202');
  assert.match(await post.locator('.trace-millis').textContent(), /^\d+ ms$/);
  await post.locator('summary').click();
  const request = await post.locator('.trace-request').textContent();
  assert.match(request, new RegExp(`Authorization: SDK-HMAC-SHA256 Access=${mock.ak}, SignedHeaders=[a-z;-]+, Signature=[0-9a-f]{64}`));
  assert.match(request, /X-Sdk-Date: \d{8}T\d{6}Z/);

  // The reads of the sync are folded away until asked for.
  assert.equal(await page.locator('#trace-drawer .trace-entry[data-method="GET"]').count(), 0);
  await page.check('#trace-show-reads');
  await page.locator('#trace-drawer .trace-entry[data-method="GET"]').first().waitFor();

  // The secret key appears nowhere on the page.
  assert.ok(!(await page.evaluate(() => document.body.innerText)).includes(mock.sk));
  const curl = await copied(page, post, 'curl');
  assert.match(curl, new RegExp(`^curl -X POST ${mock.url.replace(/[.]/g, '\\.')}/v2/${mock.project}/apigw/instances`));
  assert.ok(!curl.includes(mock.sk));

  await axe(page, 'trace drawer (apig-mock)');
  await page.locator('#trace-drawer').evaluate((drawer) => drawer.scrollTo(0, 0));
  await screenshot(page, 'trace-drawer-mock.png', { readme: true });
  assert.deepEqual(errors, []);
});
