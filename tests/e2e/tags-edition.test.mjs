// Tags and edition changes in headless Chromium against the release build, in this browser and
// on apig-mock: a purchase with two tags shows them on the confirmation page, in every export
// and on the information page; tags are changed there with review and history; an edition
// change is refused on a /29 subnet for lack of addresses and passes through Resizing to
// Running on a roomy one. axe-core runs on every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, startMock, connectMock, openPage, waitForShell, axe, screenshot, openEditor } from './harness.mjs';

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

async function fresh(route = '/gateways') {
  const opened = await openPage(env.browser);
  await opened.page.goto(`${env.base}${route}`);
  await waitForShell(opened.page, opened.errors);
  return opened;
}

/** Selects the subnet whose option starts with `name`. */
async function chooseSubnet(page, name) {
  const value = await page.evaluate(
    (n) => [...document.querySelectorAll('#subnet_id option')].find((o) => o.textContent.startsWith(n))?.value,
    name,
  );
  assert.ok(value, `no subnet ${name}`);
  await page.selectOption('#subnet_id', value);
}

/** Fills the buy form (name, Basic, `subnet`, `tags`), checks the confirmation, creates; returns the ID. */
async function buy(page, { name, subnet, tags = [], onConfirm }) {
  await page.click('.sidenav >> text=Gateways');
  await page.waitForSelector('#gateways-title');
  await page.click('#buy-gateway');
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  await page.fill('#instance_name', name);
  await page.check('#spec-BASIC');
  if (subnet) await chooseSubnet(page, subnet);
  for (const [i, [key, value]] of tags.entries()) {
    await page.click('#tags-add');
    await page.fill(`#tags-key-${i}`, key);
    await page.fill(`#tags-value-${i}`, value);
  }
  await page.click('#next');
  await page.waitForSelector('#confirm-title');
  if (onConfirm) await onConfirm(page);
  const id = (await page.locator('#confirm-created dd').first().textContent()).trim();
  await page.click('#create');
  await page.waitForSelector(`tr[data-gateway="${id}"]`);
  return id;
}

async function openGateway(page, id) {
  await page.locator(`tr[data-gateway="${id}"] a`).first().click();
  await page.waitForSelector('#open-tags');
}

async function review(page, key) {
  await page.click(`#${key}-review`);
  await page.waitForFunction(
    (k) => document.querySelector(`#${k}-preview`) || document.querySelector(`#${k}-error`)?.textContent,
    key,
  );
}

/** The confirmation page of a purchase with tags env=prod and team=payments. */
async function checkConfirmation(page) {
  assert.match(await page.locator('#confirm-values').textContent(), /Tagsenv=prod, team=payments/);
  const terraform = await page.locator('#export-terraform').textContent();
  assert.match(terraform, /\n {2}tags = \{\n {4}"env" {2}= "prod"\n {4}"team" = "payments"\n {2}\}\n\}/);
  const json = JSON.parse(await page.locator('#export-json').textContent());
  assert.deepEqual(json.tags, [
    { key: 'env', value: 'prod' },
    { key: 'team', value: 'payments' },
  ]);
  const cli = await page.locator('#export-cli').textContent();
  assert.match(cli, /--tags\.1\.key=env[\s\S]*--tags\.1\.value=prod[\s\S]*--tags\.2\.key=team[\s\S]*--tags\.2\.value=payments/);
  assert.match(await page.locator('#export-curl').textContent(), /"tags":\[\{"key":"env","value":"prod"\},\{"key":"team","value":"payments"\}\]/);
  await axe(page, 'confirmation page with tags');
}

test('this browser: tags from purchase to information page; an edition change refused on a /29, then through Resizing', async () => {
  const { page, errors, context } = await fresh();
  await page.click('.sidenav >> text=Sandbox');
  await page.selectOption('#creation-speed', 'instant');

  // The Tags row: errors name the field and what to do, live once the field is left.
  await page.click('.sidenav >> text=Gateways');
  await page.click('#buy-gateway');
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  await page.click('#tags-add');
  await page.fill('#tags-key-0', '_sys_owner');
  await page.fill('#tags-value-0', 'x');
  await page.locator('#tags-value-0').blur();
  const error = await page.locator('#tags-error').textContent();
  assert.equal(error, 'Tag 1 key cannot start with _sys_, which is reserved. APIC.7211');
  assert.equal(await page.getAttribute('#tags-key-0', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#tags-value-0', 'aria-invalid'), 'false');
  await page.fill('#tags-key-0', 'owner');
  assert.equal(await page.locator('#tags-error').textContent(), '');
  await page.click('#tags-add');
  await page.fill('#tags-key-1', 'owner');
  assert.match(await page.locator('#tags-error').textContent(), /The tag list has “owner” more than once; keep one\. APIC\.7211/);
  await axe(page, 'buy form with tag errors');
  await screenshot(page, 'buy-tags-errors.png', { fullPage: true });
  // At most 20: Add tag stops there.
  for (let i = 2; i < 20; i += 1) await page.click('#tags-add');
  assert.equal(await page.locator('#tags-rows li').count(), 20);
  assert.equal(await page.locator('#tags-add').isDisabled(), true);
  for (let i = 19; i >= 0; i -= 1) await page.click(`#tags-remove-${i}`);
  assert.equal(await page.locator('#tags-rows li').count(), 0);
  await page.click('#discard-draft');

  // Buy with two tags: confirmation, exports, information page.
  const roomy = await buy(page, {
    name: 'tagged-gw',
    tags: [
      ['env', 'prod'],
      ['team', 'payments'],
    ],
    onConfirm: async (p) => {
      await checkConfirmation(p);
      await screenshot(p, 'confirm-tags.png', { fullPage: true });
    },
  });
  await openGateway(page, roomy);
  assert.equal(await page.locator('#gateway-tags > span').textContent(), 'env=prod, team=payments');

  // Change the tags: add one (reviewed old → new, recorded); removing one needs the delete
  // action, which the seed's custom policy denies (APIC.7106).
  await openEditor(page, 'tags');
  assert.equal(await page.inputValue('#edit-tags-key-1'), 'team');
  await page.click('#edit-tags-add');
  await page.fill('#edit-tags-key-2', 'owner');
  await page.fill('#edit-tags-value-2', 'ops');
  await review(page, 'tags');
  assert.match(await page.locator('#tags-preview').textContent(), /Tags: env=prod, team=payments\s*→?\s*becomes\s*env=prod, team=payments, owner=ops/);
  await page.click('#tags-save');
  await page.waitForFunction(() => document.querySelector('#gateway-tags')?.textContent.includes('owner=ops'));
  assert.match(await page.locator('#history tr[data-field="tags"]').first().textContent(), /env=prod, team=payments, owner=ops/);
  await page.click('#edit-tags-remove-0');
  await review(page, 'tags');
  assert.match(await page.locator('#tags-error').textContent(), /apig:instanceTags:delete.*APIC\.7106/);

  // Edition: Basic → Professional on the roomy subnet passes through Resizing to Running. Its
  // operations take 3 s from here on (the speed stored with the gateway).
  await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('apig-console.gateways'));
    s.data[0].speed = 'fast';
    s.data[0].created_at_ms = Date.now() - 3_600_000;
    localStorage.setItem('apig-console.gateways', JSON.stringify(s));
  });
  await page.reload();
  await openEditor(page, 'edition');
  assert.equal(await page.inputValue('#edit-edition'), 'PROFESSIONAL');
  assert.match(await page.locator('#edition-hint').textContent(), /subnet-roomy .* free addresses\. The new edition needs 5 private IPs; this gateway has 3\./);
  await review(page, 'edition');
  assert.match(await page.locator('#edition-preview').textContent(), /Basic.*Professional/);
  await page.click('#edition-save');
  await page.locator('.page-head [data-status="Resizing"]').waitFor();
  assert.match(await page.locator('#update-reason').textContent(), /Resizing.*APIC\.7701/);
  await screenshot(page, 'gateway-resizing.png', { fullPage: true });
  await axe(page, 'information page while Resizing');
  await page.locator('.page-head [data-status="Running"]').waitFor({ timeout: 15_000 });
  assert.match(await page.locator('#details').textContent(), /EditionProfessional \(PROFESSIONAL\)/);
  assert.match(await page.locator('#history tr[data-field="spec_id"]').first().textContent(), /Basic.*Professional/);
  const ips = (await page.locator('#network').textContent()).match(/Private IPs([\d., ]+)/)[1].split(', ');
  assert.equal(ips.length, 5);

  // On the /29 subnet (3 assignable addresses, all taken by Basic) the change is refused.
  const small = await buy(page, { name: 'small-gw', subnet: 'subnet-basic-only' });
  await openGateway(page, small);
  await openEditor(page, 'edition');
  await page.selectOption('#edit-edition', 'PROFESSIONAL');
  await review(page, 'edition');
  const refusal = await page.locator('#edition-error').textContent();
  assert.match(refusal, /subnet-basic-only|subnet/);
  assert.match(refusal, /APIC\.\d{4}/);
  assert.equal(await page.locator('#edition-preview').count(), 0);
  assert.equal(await page.locator('#history-empty').count(), 1);
  await screenshot(page, 'edition-refused.png', { fullPage: true });
  await axe(page, 'information page with the edition refused');

  // The same page in 简体中文: the forms, their figures and the refusal.
  await page.click('.lang-option[data-lang="zh-CN"]');
  await page.waitForFunction(() => document.querySelector('#editor-edition h3')?.textContent === '变更规格');
  assert.equal(await page.locator('#editor-tags h3').textContent(), '标签');
  assert.equal(await page.locator('#edit-tags-add').textContent(), '添加标签');
  assert.match(
    await page.locator('#edition-hint').textContent(),
    /规格只能升级。子网 subnet-basic-only（192\.168\.1\.0\/29）：0个可用地址。新规格需要5个私有IP，此实例已有3个。/,
  );
  await review(page, 'edition');
  assert.match(await page.locator('#edition-error').textContent(), /实例规格变更失败.*。 APIC\.9215$/);
  await screenshot(page, 'edition-refused-zh.png', { fullPage: true });
  await axe(page, 'information page in 简体中文 with the edition refused');
  await page.click('.lang-option[data-lang="en"]');
  assert.deepEqual(errors, []);
  await context.close();
});

test('apig-mock: tags and the edition change go through the signed API', async () => {
  const { page, errors, context } = await fresh('/settings');
  await connectMock(page, mock);
  const id = await buy(page, {
    name: 'tagged-api',
    tags: [
      ['env', 'prod'],
      ['team', 'payments'],
    ],
    onConfirm: checkConfirmation,
  });
  await page.waitForSelector(`tr[data-gateway="${id}"] .status[data-status="Running"]`);
  const stored = await mock.api('GET', `/v2/${mock.project}/apigw/instances/${id}/instance-tags`);
  assert.equal(stored.status, 200, JSON.stringify(stored.body));
  assert.deepEqual(stored.body.tags, [
    { key: 'env', value: 'prod' },
    { key: 'team', value: 'payments' },
  ]);
  await openGateway(page, id);
  assert.equal(await page.locator('#gateway-tags > span').textContent(), 'env=prod, team=payments');

  // A tag added on the information page is created on the server.
  await openEditor(page, 'tags');
  await page.click('#edit-tags-add');
  await page.fill('#edit-tags-key-2', 'owner');
  await page.fill('#edit-tags-value-2', 'ops');
  await review(page, 'tags');
  await page.click('#tags-save');
  let tags;
  for (let i = 0; i < 50; i += 1) {
    tags = (await mock.api('GET', `/v2/${mock.project}/apigw/instances/${id}/instance-tags`)).body.tags;
    if (tags.length === 3) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(tags.map((t) => `${t.key}=${t.value}`).sort(), ['env=prod', 'owner=ops', 'team=payments']);
  await page.waitForFunction(() => document.querySelector('#gateway-tags')?.textContent.includes('owner=ops'));

  // The edition change: this gateway's operations take 3 s on the server from here on (the
  // speed stored with its record), so Resizing shows.
  const records = (await mock.api('GET', `/_mock/${mock.project}/gateways`)).body;
  records[0].speed = 'fast';
  records[0].created_at_ms = Date.now() - 3_600_000;
  const put = await mock.api('PUT', `/_mock/${mock.project}/gateways`, { gateways: records });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  await page.waitForFunction(() => document.querySelector('#gateway-tags')?.textContent.includes('owner=ops'));
  await openEditor(page, 'edition');
  await page.selectOption('#edit-edition', 'PROFESSIONAL');
  await review(page, 'edition');
  await page.click('#edition-save');
  await page.locator('.page-head [data-status="Resizing"]').waitFor();
  await axe(page, 'information page while Resizing (apig-mock)');
  await page.locator('.page-head [data-status="Running"]').waitFor({ timeout: 20_000 });
  const shown = await mock.api('GET', `/v2/${mock.project}/apigw/instances/${id}`);
  assert.equal(shown.body.spec, 'PROFESSIONAL');
  assert.equal(shown.body.status, 'Running');
  assert.match(await page.locator('#details').textContent(), /EditionProfessional \(PROFESSIONAL\)/);
  const expected = errors.filter((e) => !/Failed to load resource|status of 40[19]/.test(e));
  assert.deepEqual(expected, []);
  await context.close();
});
