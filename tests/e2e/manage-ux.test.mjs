// Journeys of the confirmation, creation and information pages and the phone layout, each at
// 1280 px and at 390 × 844 (a phone): the confirmation grouped with Edit links and its code in
// one collapsed panel, the creation timeline and the failed gateway's way out, success toasts
// and the neutral Applying state, the information page's edit and copy controls, titles and
// breadcrumb (with the bandwidth prefill), and the gateways list as cards on a phone.
// axe-core runs on every page visited: no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, waitForShell, axe, screenshot, openEditor } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const WIDE = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const SIZES = [
  ['1280', WIDE],
  ['390', PHONE],
];

async function fresh(viewport, route = '/gateways') {
  const opened = await openPage(env.browser, {
    viewport,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await opened.page.goto(`${env.base}${route}`);
  await waitForShell(opened.page, opened.errors);
  return opened;
}

async function navTo(page, name, heading) {
  await page.click(`.sidenav >> text=${name}`);
  await page.waitForSelector(heading);
}

async function setSandbox(page, { speed, fault } = {}) {
  await navTo(page, 'Sandbox', '#sandbox-title');
  if (speed) await page.selectOption('#creation-speed', speed);
  if (fault) {
    await page.selectOption('#fault-step', fault.step);
    await page.selectOption('#fault-code', fault.code);
  }
  await navTo(page, 'Gateways', '#gateways-title');
}

/** Fills the buy form and goes to the confirmation page; returns the ID to be created. */
async function toConfirm(page, name) {
  await page.click('#buy-gateway');
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  await page.fill('#instance_name', name);
  await page.click('#next');
  await page.waitForSelector('#confirm-title');
  return (await page.locator('#confirm-created dd').first().textContent()).trim();
}

async function buy(page, name) {
  const id = await toConfirm(page, name);
  await page.click('#create');
  await page.waitForSelector(`tr[data-gateway="${id}"]`);
  return id;
}

async function openGateway(page, id) {
  await page.locator(`tr[data-gateway="${id}"] a`).first().click();
  await page.waitForSelector('#open-name');
}

/** Nothing sticks out of the page sideways. */
async function assertNoSidewaysScroll(page, where) {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  assert.ok(scroll <= client, `${where}: ${scroll} px wide in a ${client} px window`);
}

for (const [size, viewport] of SIZES) {
  test(`#1 confirmation at ${size} px: what is created first, groups with Edit, code collapsed in tabs, Create in reach`, async () => {
    const { page, errors, context } = await fresh(viewport);
    await setSandbox(page, { speed: 'instant' });
    await toConfirm(page, `confirm-${size}`);
    assert.match(await page.title(), /^Confirm purchase · /);
    // "What will be created" comes before the parameters.
    const order = await page.evaluate(() =>
      [...document.querySelectorAll('#confirm-created-panel, #confirm-parameters')].map((e) => e.id),
    );
    assert.deepEqual(order, ['confirm-created-panel', 'confirm-parameters']);
    // The exports are one collapsed panel; Create and Back are on screen without scrolling.
    assert.equal(await page.locator('#view-as-code').getAttribute('open'), null);
    assert.equal(await page.locator('#export-curl').isVisible(), false);
    for (const id of ['#create', '#back']) {
      const box = await page.locator(id).boundingBox();
      assert.ok(box && box.y + box.height <= viewport.height, `${id} below the fold: ${JSON.stringify(box)}`);
    }
    await axe(page, `confirmation at ${size} px`);
    await screenshot(page, `confirm-grouped-${size}.png`, { readme: size === '1280' });
    // View as code: tabs, one format at a time.
    await page.locator('#view-as-code summary').click();
    assert.equal(await page.locator('#export-json').isVisible(), true);
    await page.click('#export-curl-tab');
    assert.equal(await page.locator('#export-curl-tab').getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('#export-curl').isVisible(), true);
    assert.equal(await page.locator('#export-json').isVisible(), false);
    assert.match(await page.locator('#export-curl').textContent(), /curl/);
    await assertNoSidewaysScroll(page, `confirmation with curl at ${size} px`);
    await axe(page, `confirmation with the code open at ${size} px`);
    // Edit on the network group goes back to its field, with every value kept.
    await page.click('#edit-network');
    await page.waitForSelector('#buy-form[data-interactive="true"]');
    await page.waitForFunction(() => document.activeElement?.id === 'vpc_id');
    assert.equal(await page.inputValue('#instance_name'), `confirm-${size}`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`#6 creation at ${size} px: toast, highlighted row, a named timeline with elapsed time and estimate`, async () => {
    const { page, errors, context } = await fresh(viewport);
    const id = await buy(page, `timeline-${size}`); // the default speed: 30 s
    assert.match(await page.locator('.toasts').textContent(), new RegExp(`timeline-${size} is being created`));
    assert.match(await page.locator(`tr[data-gateway="${id}"]`).getAttribute('class'), /row-new/);
    await assertNoSidewaysScroll(page, `gateways list at ${size} px`);
    await axe(page, `gateways list after Create at ${size} px`);
    if (size === '390') await screenshot(page, 'phone-gateways-cards.png', { readme: true });
    await openGateway(page, id);
    const steps = page.locator('#creation .step');
    assert.equal(await steps.count(), 5);
    assert.match(await steps.nth(0).textContent(), /Reserve private IPs in the subnet.*30 %/);
    assert.equal(await page.locator('#creation .step[data-state="current"]').count(), 1);
    assert.match(await page.locator('#creation-elapsed').textContent(), /^Elapsed \d+:\d\d$/);
    assert.match(
      await page.locator('#creation-estimate').textContent(),
      /^About \d+:\d\d left \(creation speed: 30 seconds \(default\)\)$/,
    );
    await axe(page, `creation timeline at ${size} px`);
    await screenshot(page, `creation-timeline-${size}.png`, { readme: size === '1280' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`#6 a failed gateway at ${size} px names its step and code, what it holds, and is bought again`, async () => {
    const { page, errors, context } = await fresh(viewport);
    await setSandbox(page, { speed: 'instant', fault: { step: '2', code: 'APIC.9218' } });
    const id = await buy(page, `failed-${size}`);
    await page.locator(`tr[data-gateway="${id}"] [data-status="CreateFail"]`).waitFor();
    await openGateway(page, id);
    assert.match(
      await page.locator('#creation-failed').textContent(),
      /Step 2, Create the gateway's nodes, failed with APIC\.9218\./,
    );
    assert.match(await page.locator('#creation-holds').textContent(), /192\.168\.\d+\.\d+/);
    assert.equal(await page.locator('#creation .step[data-state="failed"]').count(), 1);
    await axe(page, `failed gateway at ${size} px`);
    await page.click('#buy-again');
    await page.waitForSelector('#buy-form[data-interactive="true"]');
    assert.equal(await page.inputValue('#instance_name'), `failed-${size}`);
    assert.match(await page.locator('.toasts').textContent(), /is being deleted; the form holds its settings/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`#7 saved changes at ${size} px: a toast says so, Applying… is neutral, delete names what it released`, async () => {
    const { page, errors, context } = await fresh(viewport);
    const id = await buy(page, `applying-${size}`);
    // Created an hour ago at the default speed: Running, and its changes take 3 s.
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('apig-console.gateways'));
      s.data[0].created_at_ms = Date.now() - 3_600_000;
      localStorage.setItem('apig-console.gateways', JSON.stringify(s));
    });
    await page.reload();
    await page.waitForSelector(`tr[data-gateway="${id}"]`);
    await openGateway(page, id);
    await openEditor(page, 'description');
    await page.fill('#edit-description', 'applied');
    await page.click('#description-review');
    await page.click('#description-save');
    await page.locator('#applying').waitFor();
    assert.equal(await page.locator('#applying').textContent(), 'Applying…');
    assert.match(await page.locator('#busy-reason').getAttribute('class'), /notice-info/);
    assert.match(await page.locator('.toasts').textContent(), /Description saved/);
    await axe(page, `Applying… at ${size} px`);
    await page.locator('.page-head [data-status="Running"]').waitFor();
    await page.locator('#applying').waitFor({ state: 'detached' });
    // Delete: a toast when it starts, and one naming the private IPs released once the
    // gateway is gone (not before).
    await page.click('#delete-gateway');
    await page.fill('#delete-confirm-name', `applying-${size}`);
    await page.click('#delete-confirm');
    await page.waitForSelector('#gateways-title');
    assert.match(await page.locator('.toasts').textContent(), new RegExp(`Deleting applying-${size}…`));
    await page.locator(`tr[data-gateway="${id}"]`).waitFor({ state: 'detached' });
    await page.locator('.toasts').filter({ hasText: new RegExp(`applying-${size} deleted, \\d+ private IPs? released`) }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`#8 information page at ${size} px: name in breadcrumb and title, editors closed until Edit, copy controls, bandwidth kept after reload, batched changes in one review`, async () => {
    const { page, errors, context } = await fresh(viewport);
    await setSandbox(page, { speed: 'instant' });
    const id = await buy(page, `info-${size}`);
    await openGateway(page, id);
    assert.match(await page.locator('.breadcrumb').textContent(), new RegExp(`/ info-${size}$`));
    assert.match(await page.title(), new RegExp(`^info-${size} · `));
    // No one-option dropdown: a single action is said, not offered.
    const lonely = await page.evaluate(() =>
      [...document.querySelectorAll('select')].filter((s) => s.options.length === 1).map((s) => s.id),
    );
    assert.deepEqual(lonely, []);
    // Editors are closed at first; each value's Edit opens its editor, filled from the gateway.
    assert.deepEqual(
      await page.evaluate(() => [...document.querySelectorAll('details.change-form')].filter((d) => d.open).map((d) => d.id)),
      [],
    );
    await page.click('#open-name');
    assert.equal(await page.locator('#editor-name').getAttribute('open'), '');
    await page.waitForFunction(() => document.activeElement?.id === 'edit-name');
    assert.equal(await page.inputValue('#edit-name'), `info-${size}`);
    // Copy the ID.
    await page.click('#gateway-id-copy');
    await page.waitForFunction(() => /Copied/.test(document.querySelector('#gateway-id-copy + .copy-status')?.textContent));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), id);
    // Public inbound at 10 Mbit/s; after a reload the editor still holds 10 (not 5).
    await openEditor(page, 'inbound');
    await page.fill('#inbound-bandwidth', '10');
    await page.click('#inbound-review');
    await page.click('#inbound-save');
    await page.locator('#inbound-preview').waitFor({ state: 'detached' });
    await page.reload();
    await page.waitForSelector('#open-name');
    await openEditor(page, 'inbound');
    assert.equal(await page.inputValue('#inbound-bandwidth'), '10');
    await assertNoSidewaysScroll(page, `information page at ${size} px`);
    await axe(page, `information page at ${size} px`);
    await screenshot(page, `gateway-info-edit-${size}.png`, { readme: size === '1280', fullPage: size === '1280' });
    // Batched: the name and the description are one update; a review in either editor shows
    // both changes and one Save applies both.
    await page.locator('.page-head [data-status="Running"]').waitFor();
    await openEditor(page, 'name');
    await openEditor(page, 'description');
    await page.fill('#edit-name', `batch-${size}`);
    await page.fill('#edit-description', 'Both at once');
    await page.click('#description-review');
    const combined = await page.locator('#description-preview').textContent();
    assert.match(combined, new RegExp(`info-${size}.*batch-${size}`));
    assert.match(combined, /Both at once/);
    assert.match(await page.locator('#description-batched').textContent(), /saved together/);
    await axe(page, `a combined review at ${size} px`);
    await page.click('#description-save');
    await page.locator('.toasts').filter({ hasText: 'Gateway Name, Description saved' }).waitFor();
    assert.match(await page.title(), new RegExp(`^batch-${size} · `));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`#10 layout at ${size} px: compact header, region selector in a menu on a phone, each page titled`, async () => {
    const { page, errors, context } = await fresh(viewport);
    assert.match(await page.title(), /^Gateways · /);
    const header = await page.locator('.topbar').boundingBox();
    if (size === '390') {
      assert.equal(await page.locator('#region-select').isVisible(), false);
      await page.click('#region-menu');
      assert.equal(await page.locator('#region-menu').getAttribute('aria-expanded'), 'true');
      await page.selectOption('#region-select', 'cn-north-1');
      assert.ok(header.height <= 100, `header ${header.height} px high`);
      const nav = await page.locator('.sidenav').boundingBox();
      assert.ok(header.height + nav.height <= 150, `header and navigation take ${header.height + nav.height} px`);
    } else {
      assert.equal(await page.locator('#region-menu').isVisible(), false);
      await page.selectOption('#region-select', 'cn-north-1');
    }
    await assertNoSidewaysScroll(page, `gateways list at ${size} px`);
    await axe(page, `header at ${size} px`);
    await navTo(page, 'Sandbox', '#sandbox-title');
    assert.match(await page.title(), /^Sandbox · /);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
