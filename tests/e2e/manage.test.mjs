// Journeys of managing gateways and the sandbox in headless Chromium against the release
// build: every modification and its history entry, the delete dialog, sandbox edits that flip
// the buy form's checks, fault injection, export / reset / import, a keyboard-only purchase.
// axe-core runs on every page the journeys visit: no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { start, openPage, waitForShell, axe, screenshot, openEditor } from './harness.mjs';


let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Opens the console at `route` in a fresh browser context (empty localStorage). */
async function fresh(route = '/gateways', options = {}) {
  const opened = await openPage(env.browser, options);
  await opened.page.goto(`${env.base}${route}`);
  await waitForShell(opened.page, opened.errors);
  return opened;
}

async function gotoSandbox(page) {
  await page.click('.sidenav >> text=Sandbox');
  await page.waitForSelector('#sandbox-title');
}

async function gotoGateways(page) {
  await page.click('.sidenav >> text=Gateways');
  await page.waitForSelector('#gateways-title');
}

async function setSpeed(page, speed) {
  await gotoSandbox(page);
  await page.selectOption('#creation-speed', speed);
  await gotoGateways(page);
}

/** Buys a gateway through the form; returns its ID. */
async function buy(page, { name, edition = 'BASIC', prepare } = {}) {
  await page.click('#buy-gateway');
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  if (name) await page.fill('#instance_name', name);
  await page.check(`#spec-${edition}`);
  if (prepare) await prepare(page);
  await page.click('#next');
  await page.waitForSelector('#confirm-title');
  const id = (await page.locator('#confirm-created dd').first().textContent()).trim();
  await page.click('#create');
  await page.waitForSelector(`tr[data-gateway="${id}"]`);
  return id;
}

async function openGateway(page, id) {
  await page.locator(`tr[data-gateway="${id}"] a`).first().click();
  await page.waitForSelector('#open-name');
}

async function checkOutcome(page, kind) {
  return page.locator(`#check-panel [data-check="${kind}"]`).getAttribute('data-outcome');
}

/** Reviews the change of form `key`, checks the preview, saves, returns the preview text. */
async function reviewAndSave(page, key, expect) {
  await page.click(`#${key}-review`);
  const preview = await page.locator(`#${key}-preview`).textContent().catch(async (e) => {
    throw new Error(`no preview for ${key}: ${await page.locator(`#${key}-error`).textContent()}`, { cause: e });
  });
  assert.match(preview, expect);
  await page.click(`#${key}-save`);
  await page.locator(`#${key}-preview`).waitFor({ state: 'detached' });
  assert.equal(await page.locator(`#${key}-error`).textContent(), '');
  return preview;
}

async function historyRow(page, field) {
  return page.locator(`#history tr[data-field="${field}"]`).first().textContent();
}

async function stored(page, slot) {
  return page.evaluate((s) => localStorage.getItem(`apig-console.${s}`), slot);
}

test('each modification is validated, previewed old → new, saved and recorded in the history', async () => {
  const { page, errors, context } = await fresh();
  await setSpeed(page, 'instant');
  const id = await buy(page, { name: 'manage-me' });
  await openGateway(page, id);
  await axe(page, 'gateway information page');
  assert.equal(await page.locator('#history-empty').count(), 1);
  assert.match(await page.locator('#readonly-why').textContent(), /VPC, subnet and AZs cannot be changed/);

  // Name: a bad one is refused with the creation code, a good one saved.
  await openEditor(page, 'name');
  await page.fill('#edit-name', '9bad');
  await page.click('#name-review');
  assert.match(await page.locator('#name-error').textContent(), /APIC\.7211/);
  await page.fill('#edit-name', 'renamed-gw');
  await reviewAndSave(page, 'name', /Gateway Name: manage-me\s*→?\s*becomes\s*renamed-gw/);
  assert.equal(await page.locator('#gateway-title').textContent(), 'renamed-gw');
  assert.match(await historyRow(page, 'instance_name'), /Gateway Namemanage-merenamed-gw/);
  assert.match(await page.locator('.toasts').textContent(), /Gateway Name saved/);

  // Description: angle brackets refused (7211), plain text saved.
  await openEditor(page, 'description');
  await page.fill('#edit-description', 'has <b>');
  await page.click('#description-review');
  assert.match(await page.locator('#description-error').textContent(), /APIC\.7211/);
  await page.fill('#edit-description', 'Orders API');
  await reviewAndSave(page, 'description', /\(empty\).*Orders API/);
  assert.match(await historyRow(page, 'description'), /Orders API/);

  // Maintenance window.
  await openEditor(page, 'window');
  await page.selectOption('#edit-window', '02:00:00');
  await reviewAndSave(page, 'window', /22:00 – 02:00.*02:00 – 06:00/);
  assert.match(await historyRow(page, 'maintain_begin'), /22:00 – 02:0002:00 – 06:00/);

  // Security group: only the gateway's VPC is offered.
  await openEditor(page, 'security-group');
  const groups = await page.locator('#edit-security-group option').allTextContents();
  assert.deepEqual(groups, ['sg-web', 'sg-default']);
  await page.selectOption('#edit-security-group', { label: 'sg-default' });
  await reviewAndSave(page, 'security-group', /sg-web.*sg-default/);
  assert.match(await historyRow(page, 'security_group_id'), /sg-websg-default/);

  // Public inbound (cn-north-4 is an ELB region): enable, then an unchanged bandwidth is 7244.
  assert.equal(await page.locator('#inbound-action').textContent(), 'Enable public inbound access');
  await openEditor(page, 'inbound');
  await page.fill('#inbound-bandwidth', '3');
  await page.click('#inbound-review');
  assert.match(await page.locator('#inbound-error').textContent(), /APIC\.7211/);
  await page.fill('#inbound-bandwidth', '10');
  await reviewAndSave(page, 'inbound', /Off.*10 Mbit\/s/);
  assert.match(await historyRow(page, 'ingress_bandwidth_size'), /Off\d+\.\d+\.\d+\.\d+, 10 Mbit\/s/);
  await page.selectOption('#inbound-action', 'update');
  await page.fill('#inbound-bandwidth', '10');
  await page.click('#inbound-review');
  assert.match(await page.locator('#inbound-error').textContent(), /APIC\.7244/);
  await page.fill('#inbound-bandwidth', '20');
  await reviewAndSave(page, 'inbound', /10 Mbit\/s.*20 Mbit\/s/);

  // Public outbound: enable, resize, disable.
  await openEditor(page, 'outbound');
  await page.fill('#outbound-bandwidth', '5');
  await reviewAndSave(page, 'outbound', /Off.*5 Mbit\/s/);
  await page.selectOption('#outbound-action', 'update');
  await page.fill('#outbound-bandwidth', '50');
  await reviewAndSave(page, 'outbound', /5 Mbit\/s.*50 Mbit\/s/);
  await page.selectOption('#outbound-action', 'disable');
  await reviewAndSave(page, 'outbound', /50 Mbit\/s.*Off/);
  assert.equal(await page.locator('#history tr[data-field="bandwidth_size"]').count(), 3);

  // Everything is stored with the gateway.
  const gw = JSON.parse(await stored(page, 'gateways')).data[0];
  assert.equal(gw.name, 'renamed-gw');
  assert.equal(gw.history.length, 9);
  assert.equal(gw.inbound.bandwidth, 20);
  assert.equal(gw.outbound.mode, 'off');
  await screenshot(page, 'gateway-info.png', { readme: true, fullPage: true });
  await axe(page, 'gateway information page after changes');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a change passes through Updating, and a busy gateway offers nothing (APIC.7701)', async () => {
  const { page, errors, context } = await fresh();
  await setSpeed(page, 'instant');
  const id = await buy(page, { name: 'slow-updates' });
  // Make this gateway's operations take as long as the real service (60 s).
  await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('apig-console.gateways'));
    s.data[0].speed = 'realistic';
    s.data[0].created_at_ms = Date.now() - 3_600_000;
    localStorage.setItem('apig-console.gateways', JSON.stringify(s));
  });
  await page.reload();
  await page.waitForSelector(`tr[data-gateway="${id}"]`);
  await openGateway(page, id);
  await openEditor(page, 'description');
  await page.fill('#edit-description', 'now updating');
  await reviewAndSave(page, 'description', /now updating/);
  await page.locator('.page-head [data-status="Updating"]').waitFor();
  assert.match(await page.locator('#update-reason').textContent(), /Updating.*APIC\.7701/);
  assert.match(await page.locator('#delete-reason').textContent(), /APIC\.7701/);
  assert.equal(await page.locator('#delete-gateway').isDisabled(), true);
  assert.equal(await page.locator('#name-review').isDisabled(), true);
  assert.match(await page.locator('.toasts').textContent(), /updating|Updating/);
  await axe(page, 'gateway page while Updating');
  assert.deepEqual(errors, []);
  await context.close();
});

test('while Creating the page shows the APIC.7701 reason and offers neither changes nor delete', async () => {
  const { page, errors, context } = await fresh();
  const id = await buy(page, { name: 'creating-one' }); // default speed: 30 s
  await openGateway(page, id);
  assert.match(await page.locator('#update-reason').textContent(), /Creating.*APIC\.7701/);
  assert.equal(await page.locator('#delete-gateway').isDisabled(), true);
  assert.equal(await page.locator('#outbound-review').isDisabled(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('LVS: bind, replace and unbind an EIP; the EIP is free again afterwards', async () => {
  const { page, errors, context } = await fresh();
  await setSpeed(page, 'instant');
  await page.selectOption('#region-select', 'cn-north-1');
  const id = await buy(page, { name: 'lvs-gw' });
  await openGateway(page, id);
  await openEditor(page, 'inbound');
  assert.equal(await page.locator('#inbound-action').textContent(), 'Bind an EIP');
  const eips = await page.locator('#inbound-eip option').allTextContents();
  assert.equal(eips.length, 3, `two free EIPs offered: ${eips}`);
  await page.selectOption('#inbound-eip', { index: 1 });
  await reviewAndSave(page, 'inbound', /Off.*EIP \d+/);
  const first = (await historyRow(page, 'eip_id')).match(/EIP (\S+)/)[1];
  // Replace: the other free EIP is offered; the first one is free again afterwards.
  assert.deepEqual(await page.locator('#inbound-action option').allTextContents(), ['Replace the EIP', 'Unbind the EIP']);
  await page.selectOption('#inbound-eip', { index: 1 });
  await reviewAndSave(page, 'inbound', new RegExp(`EIP ${first.replaceAll('.', '\\.')}.*EIP \\d+`));
  const second = (await historyRow(page, 'eip_id')).match(/EIP (\S+)$/)[1];
  assert.notEqual(second, first);
  await axe(page, 'gateway page in an LVS region');
  await page.selectOption('#inbound-action', 'unbind');
  await reviewAndSave(page, 'inbound', /EIP.*Off/);
  assert.equal(await page.locator('#history tr[data-field="eip_id"]').count(), 3);
  await gotoSandbox(page);
  await axe(page, 'sandbox page in an LVS region');
  for (const address of [first, second]) {
    assert.match(await page.locator(`#eips tr[data-eip="${address}"]`).textContent(), /DOWN/, address);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('delete: the dialog lists what is released, needs the exact name, and frees the addresses', async () => {
  const { page, errors, context } = await fresh();
  await setSpeed(page, 'instant');
  const freeText = async () => {
    await page.click('#buy-gateway');
    await page.waitForSelector('#buy-form[data-interactive="true"]');
    const t = await page.locator('#subnet_id option', { hasText: 'subnet-roomy' }).textContent();
    await page.click('#discard-draft');
    await gotoGateways(page);
    return t.match(/(\d+) free addresses/)[1];
  };
  const before = await freeText();
  const id = await buy(page, { name: 'doomed-gw', prepare: async (p) => p.check('#public_outbound') });
  assert.equal(Number(await freeText()), Number(before) - 3);
  await openGateway(page, id);
  await page.click('#delete-gateway');
  await page.locator('#delete-dialog').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'delete-confirm-name');
  const released = await page.locator('#delete-released').textContent();
  assert.match(released, /Private IPs 192\.168\.0\.\d+, 192\.168\.0\.\d+, 192\.168\.0\.\d+ return to the subnet/);
  assert.match(released, /outbound NAT EIP .* 5 Mbit\/s bandwidth are released/);
  await page.fill('#delete-confirm-name', 'doomed-g');
  assert.equal(await page.locator('#delete-confirm').isDisabled(), true);
  await page.fill('#delete-confirm-name', 'Doomed-gw');
  assert.equal(await page.locator('#delete-confirm').isDisabled(), true);
  await page.fill('#delete-confirm-name', 'doomed-gw');
  assert.equal(await page.locator('#delete-confirm').isDisabled(), false);
  await screenshot(page, 'delete-dialog.png', { readme: true });
  await axe(page, 'delete dialog');
  // Escape closes without deleting.
  await page.keyboard.press('Escape');
  await page.locator('#delete-dialog').waitFor({ state: 'hidden' });
  assert.equal(JSON.parse(await stored(page, 'gateways')).data.length, 1);
  await page.click('#delete-gateway');
  await page.fill('#delete-confirm-name', 'doomed-gw');
  await page.click('#delete-confirm');
  await page.waitForSelector('#gateways-title');
  await page.locator(`tr[data-gateway="${id}"]`).waitFor({ state: 'detached' });
  assert.equal(JSON.parse(await stored(page, 'gateways')).data.length, 0);
  assert.equal(await freeText(), before);
  const account = JSON.parse(await stored(page, 'account')).data;
  const cn4 = account.regions.find((r) => r.id === 'cn-north-4');
  assert.equal(cn4.eips.some((e) => e.bound_to === id), false);
  await page.waitForFunction(() => /doomed-gw was deleted/.test(document.querySelector('#announcer')?.textContent));
  assert.deepEqual(errors, []);
  await context.close();
});

test('sandbox edits flip the buy form checks', async () => {
  const { page, errors, context } = await fresh('/sandbox');
  await axe(page, 'sandbox page');
  const openBuy = async () => {
    await page.goto(`${env.base}/gateways/buy`);
    await page.waitForSelector('#buy-form[data-interactive="true"]');
  };
  // Quota.
  await page.fill('#gateway-quota', '0');
  await page.click('#gateway-quota-save');
  await openBuy();
  assert.equal(await checkOutcome(page, 'quota'), 'fail');
  await gotoSandbox(page);
  await page.fill('#gateway-quota', '5');
  await page.click('#gateway-quota-save');
  // Permissions: a custom Deny wins over the roles.
  await page.fill('#cp-name', 'no-create');
  await page.selectOption('#cp-effect', 'Deny');
  await page.fill('#cp-actions', 'apig:instances:create');
  await page.click('#cp-add');
  assert.match(await page.locator('#custom-policies').textContent(), /no-create.*Deny apig:instances:create/);
  await openBuy();
  assert.equal(await checkOutcome(page, 'permission'), 'fail');
  await gotoSandbox(page);
  await page.click('[aria-label="Remove policy no-create"]');
  await page.uncheck('#policy-apig-administrator');
  await openBuy();
  assert.equal(await checkOutcome(page, 'permission'), 'fail');
  await gotoSandbox(page);
  await page.check('#policy-apig-fullaccess');
  await openBuy();
  assert.equal(await checkOutcome(page, 'permission'), 'pass');
  // Subnet: marking an address used in the /29 leaves 2 free.
  await gotoSandbox(page);
  const small = await page.locator('#mark-subnet option', { hasText: 'subnet-basic-only' }).getAttribute('value');
  await page.selectOption('#mark-subnet', small);
  await page.click('#mark-used');
  assert.equal(await page.locator(`#subnets tr[data-subnet="${small}"] .free`).textContent(), '2');
  await openBuy();
  await page.selectOption('#subnet_id', small);
  assert.match(await page.locator('#subnet_id option:checked').textContent(), /2 free addresses, fits no edition/);
  assert.equal(await checkOutcome(page, 'subnet'), 'fail');
  // Enterprise account: the Enterprise Project field appears.
  await gotoSandbox(page);
  await page.selectOption('#account-type', 'enterprise');
  await page.fill('#ep-name', 'research');
  await page.click('#ep-add');
  assert.match(await page.locator('#enterprise-projects').textContent(), /research/);
  await openBuy();
  assert.equal(await page.locator('#enterprise_project_id').count(), 1);
  assert.match(await page.locator('#enterprise_project_id').textContent(), /research/);
  // Security group: in an LVS region with public inbound, sg-default warns; the check links
  // to the Sandbox page's one-click fix, after which it passes.
  await page.click('#discard-draft');
  await page.selectOption('#region-select', 'cn-north-1');
  await page.click('#discard-draft');
  await page.check('#public_inbound');
  await page.selectOption('#eip_id', { index: 1 });
  await page.selectOption('#security_group_id', { label: 'sg-default' });
  assert.equal(await checkOutcome(page, 'security-group'), 'warn');
  await page.locator('[data-check="security-group"] a', { hasText: 'Fix the rules' }).click();
  await page.waitForSelector('#sandbox-title');
  await page.waitForFunction(() => document.activeElement?.id?.startsWith('open-web-'));
  await screenshot(page, 'sandbox.png', { readme: true, fullPage: true });
  await page.keyboard.press('Enter');
  assert.match(await page.locator('[data-sg="sg-default"]').textContent(), /Inbound IPv4 TCP port 80 from 0\.0\.0\.0\/0/);
  await axe(page, 'sandbox page after edits');
  await page.goBack();
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  assert.equal(await checkOutcome(page, 'security-group'), 'pass');
  await axe(page, 'buy form');
  assert.deepEqual(errors, []);
  await context.close();
});

test('fault injection: the next creation ends in CreateFail with the chosen code, then it is cleared', async () => {
  const { page, errors, context } = await fresh('/sandbox');
  await page.selectOption('#creation-speed', 'instant');
  await page.selectOption('#fault-step', '2');
  await page.selectOption('#fault-code', 'APIC.9218');
  assert.match(await page.locator('#fault-status').textContent(), /APIC\.9218 at step 2/);
  await gotoGateways(page);
  const id = await buy(page, { name: 'fails-gw' });
  const row = page.locator(`tr[data-gateway="${id}"]`);
  await row.locator('[data-status="CreateFail"]').waitFor();
  assert.equal(await row.locator('.fail-code').textContent(), 'APIC.9218');
  await axe(page, 'gateways list with a failed gateway');
  // Only delete is offered for a failed gateway.
  await openGateway(page, id);
  assert.match(await page.locator('#update-reason').textContent(), /APIC\.7701/);
  assert.equal(await page.locator('#delete-gateway').isDisabled(), false);
  await gotoSandbox(page);
  assert.match(await page.locator('#fault-status').textContent(), /No fault armed/);
  await gotoGateways(page);
  const ok = await buy(page, { name: 'works-gw' });
  await page.locator(`tr[data-gateway="${ok}"] [data-status="Running"]`).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('export → reset → import restores the same state; a bad file is refused and changes nothing', async () => {
  const { page, errors, context } = await fresh();
  await setSpeed(page, 'instant');
  await buy(page, { name: 'kept-gw' });
  await gotoSandbox(page);
  await page.fill('#gateway-quota', '7');
  await page.click('#gateway-quota-save');
  const snapshot = async () => ({
    account: JSON.parse(await stored(page, 'account')).data,
    gateways: JSON.parse(await stored(page, 'gateways')).data,
    settings: JSON.parse(await stored(page, 'settings')).data,
  });
  const original = await snapshot();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  assert.equal(download.suggestedFilename(), 'apig-console-state.json');
  const file = await download.path();
  const exported = JSON.parse(await fs.readFile(file, 'utf8'));
  assert.equal(exported.format, 'apig-console-state');
  assert.equal(exported.schema_version, 1);
  assert.deepEqual(exported.account, original.account);

  await page.click('#reset');
  await page.waitForFunction(() => document.activeElement?.id === 'reset-cancel');
  await page.click('#reset-confirm');
  assert.equal(JSON.parse(await stored(page, 'gateways')).data.length, 0);
  assert.equal(JSON.parse(await stored(page, 'account')).data.gateway_quota, 5);
  assert.equal(await page.locator('#gateway-quota').inputValue(), '5');

  await page.setInputFiles('#import-file', file);
  await page.waitForFunction(() => /Imported/.test(document.querySelector('#state-message')?.textContent));
  assert.deepEqual(await snapshot(), original);
  assert.equal(await page.locator('#gateway-quota').inputValue(), '7');
  await gotoGateways(page);
  assert.match(await page.locator('#gateways-table').textContent(), /kept-gw/);

  // Bad files: each refused with what is wrong, nothing replaced.
  await gotoSandbox(page);
  const bad = [
    ['not-json.json', 'hello', /not JSON/],
    ['other.json', '{"format":"something-else"}', /"format" is "something-else"/],
    ['future.json', JSON.stringify({ ...exported, schema_version: 99 }), /schema version 99.*version 1/],
    ['missing.json', JSON.stringify({ format: 'apig-console-state', schema_version: 1, account: exported.account, settings: exported.settings }), /missing field `gateways`/],
    ['broken-account.json', JSON.stringify({ ...exported, account: { ...exported.account, gateway_quota: 'many' } }), /invalid type/],
  ];
  for (const [name, body, expect] of bad) {
    await page.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.from(body) });
    await page.waitForFunction((n) => document.querySelector('#state-error')?.textContent.includes(n), name);
    const text = await page.locator('#state-error').textContent();
    assert.match(text, expect, name);
    assert.match(text, /Nothing was replaced/);
    assert.deepEqual(await snapshot(), original, `${name} changed nothing`);
  }
  await axe(page, 'sandbox page with an import error');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the gateways list pages: 25 gateways, 10 a page, the position in the address, reload and back keep it', async () => {
  const { page, errors, context } = await fresh();
  await setSpeed(page, 'instant');
  await buy(page, { name: 'page-gw-01' });
  // 25 gateways through the Sandbox's import: the exported state with the one gateway copied.
  await gotoSandbox(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const state = JSON.parse(await fs.readFile(await download.path(), 'utf8'));
  const [one] = state.gateways;
  state.account.gateway_quota = 30;
  const label = (n) => `page-gw-${String(n).padStart(2, '0')}`;
  state.gateways = Array.from({ length: 25 }, (_, i) => ({
    ...one,
    id: `${'0'.repeat(30)}${(i + 1).toString(16).padStart(2, '0')}`,
    name: label(i + 1),
  }));
  await page.setInputFiles('#import-file', {
    name: 'paged.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(state)),
  });
  await page.waitForFunction(() => /Imported/.test(document.querySelector('#state-message')?.textContent));
  await gotoGateways(page);
  const names = () => page.locator('#gateways-table tbody tr[data-gateway] td:first-child').allTextContents();
  const expect = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => label(from + i));
  const search = () => page.evaluate(() => location.search);

  // Page 1: the first ten; the count and the quota are over all 25.
  assert.deepEqual(await names(), expect(1, 10));
  assert.equal(await page.locator('#gateways-total').textContent(), 'Total records: 25');
  assert.equal(await page.locator('#quota-usage').textContent(), 'Quota: 25 of 30 used');
  await axe(page, 'gateways list with its pager');
  // The keyboard alone: Enter on Next shows the second ten, and the focus stays on Next.
  await tabTo(page, '#gateways-next');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.search === '?page=2&size=10');
  assert.deepEqual(await names(), expect(11, 20));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'gateways-next');
  // Enter again: the last page, the rest; Next leads nowhere there.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.search === '?page=3&size=10');
  assert.deepEqual(await names(), expect(21, 25));
  assert.equal(await page.locator('#gateways-next').getAttribute('href'), null);
  // A reload keeps the page; Back returns to the one before.
  await page.reload();
  await page.waitForSelector('#gateways-table');
  assert.deepEqual(await names(), expect(21, 25));
  await page.goBack();
  await page.waitForFunction(() => location.search === '?page=2&size=10');
  assert.deepEqual(await names(), expect(11, 20));
  await page.click('#gateways-pager a[aria-label="Page 3"]');
  await page.waitForFunction(() => location.search === '?page=3&size=10');
  assert.equal(await page.locator('#gateways-pager a[aria-current="page"]').textContent(), '3');
  // 20 per page: page 1 holds twenty, page 2 the last five.
  await page.selectOption('#gateways-page-size', '20');
  await page.waitForFunction(() => location.search === '?page=1&size=20');
  assert.deepEqual(await names(), expect(1, 20));
  await page.click('#gateways-next');
  await page.waitForFunction(() => location.search === '?page=2&size=20');
  assert.deepEqual(await names(), expect(21, 25));
  assert.equal(await page.locator('#gateways-page-size').inputValue(), '20');
  await screenshot(page, 'gateways-paged.png');
  assert.deepEqual(errors, []);
  await context.close();
});

/** Presses Tab until `selector` has focus (at most `max` times). */
async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('a purchase done with the keyboard alone', async () => {
  const { page, errors, context } = await fresh();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await tabTo(page, '#buy-gateway');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  await axe(page, 'buy form');
  await tabTo(page, '#instance_name');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('keyboard-gw');
  await tabTo(page, '#spec-BASIC');
  await page.keyboard.press('Space');
  await tabTo(page, '#next');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#confirm-title');
  await axe(page, 'confirmation page');
  await tabTo(page, '#create');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#gateways-table');
  const row = page.locator('tr[data-gateway]', { hasText: 'keyboard-gw' });
  assert.equal(await row.count(), 1);
  assert.match(await row.locator('.status-text').textContent(), /Creating|Running/);
  await axe(page, 'gateways list');
  // The row's link is reachable and opens the information page.
  await tabTo(page, 'tr[data-gateway] a');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#open-name');
  assert.deepEqual(errors, []);
  await context.close();
});

test('every page is usable 360 px wide, in light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, errors, context } = await fresh('/sandbox', { viewport: { width: 360, height: 740 }, colorScheme });
    await page.selectOption('#creation-speed', 'instant');
    await gotoGateways(page);
    const id = await buy(page, { name: `narrow-${colorScheme}` });
    const routes = ['/gateways', '/gateways/buy', `/gateways/${id}`, '/sandbox'];
    for (const route of routes) {
      await page.goto(`${env.base}${route}`);
      await waitForShell(page, errors);
      await page.waitForSelector('main h1');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${route} (${colorScheme}) scrolls sideways: ${width}px`);
      await axe(page, `${route} at 360 px, ${colorScheme}`);
    }
    if (colorScheme === 'dark') {
      await page.goto(`${env.base}/gateways/${id}`);
      await page.waitForSelector('#open-name');
      await screenshot(page, 'gateway-info-narrow-dark.png', { readme: true, fullPage: true });
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});
