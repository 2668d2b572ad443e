// Journeys of the buy flow in headless Chromium against the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, waitForShell, screenshot, ENGLISH } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const XSS = '<img src=x onerror=alert(1)>';

/** Opens the console at `route` in a fresh browser context (empty localStorage). */
async function fresh(route = '/gateways', options = {}) {
  const opened = await openPage(env.browser, options);
  await opened.page.goto(`${env.base}${route}`);
  await waitForShell(opened.page, opened.errors);
  return opened;
}

async function setSpeed(page, speed) {
  await page.click('.sidenav >> text=Sandbox');
  await page.selectOption('#creation-speed', speed);
  await page.click('.sidenav >> text=Gateways');
  await page.waitForSelector('#gateways-title');
}

/** Buys a gateway through the form; returns its row locator in the list. */
async function buy(page, { name, edition = 'BASIC' } = {}) {
  await page.click('#buy-gateway');
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  if (name) await page.fill('#instance_name', name);
  await page.check(`#spec-${edition}`);
  await page.click('#next');
  await page.waitForSelector('#confirm-title');
  const id = (await page.locator('#confirm-created dd').first().textContent()).trim();
  await page.click('#create');
  await page.waitForSelector(`tr[data-gateway="${id}"]`);
  return page.locator(`tr[data-gateway="${id}"]`);
}

async function checkOutcome(page, kind) {
  return page.locator(`#check-panel [data-check="${kind}"]`).getAttribute('data-outcome');
}

test('buy a gateway end to end and see it Running', async () => {
  const { page, errors, context } = await fresh();
  await screenshot(page, 'gateways-empty.png');
  await setSpeed(page, 'instant');
  const row = await buy(page, { name: 'shop-gateway' });
  await row.locator('[data-status="Running"]').waitFor();
  assert.match(await row.textContent(), /shop-gateway.*Running.*Basic.*cn-north-4a.*192\.168\.0\.\d+/);
  assert.equal(await page.locator('#quota-usage').textContent(), 'Quota: 1 of 5 used');
  await screenshot(page, 'gateways-list.png', { readme: true });
  // The gateway and the addresses it took are stored.
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('apig-console.gateways')));
  assert.equal(stored.version, 1);
  assert.equal(stored.data.length, 1);
  assert.equal(stored.data[0].name, 'shop-gateway');
  await row.locator('a').click();
  await page.waitForSelector('#gateway-title');
  assert.equal(await page.locator('#gateway-title').textContent(), 'shop-gateway');
  await screenshot(page, 'gateway-created.png', { readme: true, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload during creation resumes where it was', async () => {
  const { page, errors, context } = await fresh();
  const row = await buy(page, { name: 'slow-one' }); // default speed: 30 s
  assert.equal(await row.locator('.status-text').textContent(), 'Creating');
  assert.equal(await row.locator('.percent').textContent(), '30%');
  await page.waitForFunction(
    () => ['50%', '80%'].includes(document.querySelector('tr[data-gateway] .percent')?.textContent),
    null,
    { timeout: 20_000 },
  );
  await page.reload();
  await page.waitForSelector('tr[data-gateway] .status-text');
  const percent = await page.locator('tr[data-gateway] .percent').textContent();
  assert.ok(['50%', '80%', '90%'].includes(percent), `after reload the progress is ${percent}, not back at 30%`);
  await page.locator('tr[data-gateway] [data-status="Running"]').waitFor({ timeout: 40_000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the 6th purchase is refused by the quota with the reason shown', async () => {
  const { page, errors, context } = await fresh();
  await setSpeed(page, 'instant');
  for (let i = 1; i <= 5; i += 1) await buy(page, { name: `gw-${i}` });
  assert.equal(await page.locator('#quota-usage').textContent(), 'Quota: 5 of 5 used');
  assert.match(await page.locator('#quota-full').textContent(), /quota is reached: 5 of 5.*APIC\.7400/);
  assert.equal(await page.locator('#buy-gateway').isDisabled(), true);
  assert.equal(await page.locator('#buy-gateway').getAttribute('aria-describedby'), 'quota-full');
  // The form itself refuses too, should someone open it directly.
  await page.goto(`${env.base}/gateways/buy`);
  await page.waitForSelector('#buy-form');
  assert.equal(await checkOutcome(page, 'quota'), 'fail');
  assert.match(await page.locator('[data-check="quota"]').textContent(), /5 of 5.*APIC\.7400/s);
  await page.click('#next');
  assert.match(await page.locator('#account').textContent(), /APIC\.7400/);
  assert.match(await page.locator('#next-refusal').textContent(), /A pre-check fails \(Gateway quota\): fix it before you continue/);
  // Focus goes to the failing check's fix in place ("Raise the quota to 10"), once the
  // refusal has rendered (the console moves it right after).
  await page
    .waitForFunction(() => document.activeElement?.classList.contains('check-fix'))
    .catch(() => {});
  assert.deepEqual(
    await page.evaluate(() => [
      document.activeElement.closest('[data-check]')?.dataset.check,
      document.activeElement.classList.contains('check-fix'),
    ]),
    ['quota', true],
  );
  assert.equal(new URL(page.url()).pathname, '/gateways/buy');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a principal without the needed roles is refused, naming what is missing', async () => {
  const { page, errors, context } = await fresh('/gateways/buy');
  await page.evaluate(() => {
    const stored = JSON.parse(localStorage.getItem('apig-console.account'));
    stored.data.principal.system_policies = ['APIG ReadOnlyAccess'];
    stored.data.principal.custom_policies = [];
    localStorage.setItem('apig-console.account', JSON.stringify(stored));
  });
  await page.reload();
  await page.waitForSelector('#check-panel');
  assert.equal(await checkOutcome(page, 'permission'), 'fail');
  const text = await page.locator('[data-check="permission"]').textContent();
  assert.match(text, /APIG Administrator/);
  assert.match(text, /VPC Administrator/);
  assert.match(text, /APIC\.7106/);
  await screenshot(page, 'buy-form-failed-checks.png', { readme: true, fullPage: true });
  await page.click('#next');
  assert.match(await page.locator('#account').textContent(), /APIC\.7106/);
  assert.equal(new URL(page.url()).pathname, '/gateways/buy');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the /29 subnet refuses Professional and accepts Basic', async () => {
  const { page, errors, context } = await fresh('/gateways/buy');
  const small = await page.locator('#subnet_id option', { hasText: '/29' }).getAttribute('value');
  await page.selectOption('#subnet_id', small);
  assert.match(await page.locator('#subnet_id option:checked').textContent(), /3 free addresses, fits Basic$/);
  await page.check('#spec-PROFESSIONAL');
  assert.equal(await checkOutcome(page, 'subnet'), 'fail');
  assert.match(await page.locator('[data-check="subnet"]').textContent(), /3 free addresses, Professional needs 5/);
  await page.click('#next');
  // The console moves focus right after the refusal renders.
  await page.waitForFunction((id) => document.activeElement?.id === id, 'subnet_id').catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement.id), 'subnet_id');
  assert.equal(await page.locator('#subnet_id').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#subnet_id-error').textContent(), /APIC\.9219/);
  await page.check('#spec-BASIC');
  assert.equal(await checkOutcome(page, 'subnet'), 'pass');
  await page.click('#next');
  await page.waitForSelector('#confirm-title');
  assert.match(await page.locator('#confirm-created').textContent(), /192\.168\.1\.2, 192\.168\.1\.3, 192\.168\.1\.4/);
  await screenshot(page, 'confirm.png', { readme: true, fullPage: true });
  // Back keeps every value.
  await page.click('#back');
  await page.waitForSelector('#buy-form');
  assert.equal(await page.locator('#subnet_id').inputValue(), small);
  assert.equal(await page.isChecked('#spec-BASIC'), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('field errors appear once the field is left, all at once on Next, linked to their fields', async () => {
  const { page, errors, context } = await fresh('/gateways/buy');
  await page.fill('#instance_name', '9x');
  assert.equal(await page.locator('#instance_name-error').textContent(), '');
  await page.locator('#instance_name').blur();
  assert.match(await page.locator('#instance_name-error').textContent(), /APIC\.7211/);
  assert.equal(await page.locator('#instance_name').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#instance_name').getAttribute('aria-describedby'), /instance_name-error/);
  await page.fill('#description', 'has <angle> brackets');
  await page.uncheck('#az-cn-north-4a');
  await page.click('#next');
  for (const id of ['available_zone_ids', 'instance_name', 'description']) {
    assert.notEqual(await page.locator(`#${id}-error`).textContent(), '', `${id} shows its error`);
  }
  assert.match(await page.locator('#available_zone_ids-error').textContent(), /APIC\.7238/);
  // Focus goes to the first field with a problem, in form order.
  // The console moves focus right after the refusal renders.
  await page.waitForFunction((id) => document.activeElement?.id === id, 'az-cn-north-4a').catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement.id), 'az-cn-north-4a');
  assert.match(await page.locator('#next-refusal').textContent(), /3 problems/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('typing a name rebuilds nothing else: the checks, AZs and option lists stay as they are', async () => {
  const { page, errors, context } = await fresh('/gateways/buy');
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  await page.click('#instance_name');
  await page.evaluate(() => {
    window.__changed = [];
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        if (el?.id === 'instance_name') continue;
        window.__changed.push(`${r.type} ${r.attributeName ?? ''} ${el?.id || el?.className || el?.tagName}`);
      }
    }).observe(document.querySelector('main'), { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const revision = await page.locator('#check-panel').getAttribute('data-revision');
  await page.keyboard.type('abcde', { delay: 30 });
  // The panel was recomputed for each key (its revision grew) …
  await page.waitForFunction(
    (r) => Number(document.querySelector('#check-panel').dataset.revision) >= Number(r) + 5,
    revision,
  );
  // … but no check changed, so only the revision attribute was written.
  const changed = await page.evaluate(() => window.__changed);
  assert.ok(changed.length > 0, 'the revision is written');
  assert.deepEqual([...new Set(changed)], ['attributes data-revision check-panel']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a half-filled form survives navigation and reload; Discard draft clears it', async () => {
  const { page, errors, context } = await fresh('/gateways/buy');
  await page.fill('#instance_name', 'draft-kept');
  await page.fill('#description', 'half way');
  await page.click('.sidenav >> text=Sandbox');
  await page.waitForSelector('#sandbox-title');
  await page.goBack();
  await page.waitForSelector('#buy-form');
  assert.equal(await page.locator('#instance_name').inputValue(), 'draft-kept');
  await page.reload();
  await page.waitForSelector('#buy-form');
  assert.equal(await page.locator('#instance_name').inputValue(), 'draft-kept');
  assert.equal(await page.locator('#description').inputValue(), 'half way');
  assert.equal(await page.locator('#description-hint').textContent(), '8/255');
  await page.click('#discard-draft');
  assert.equal(await page.locator('#instance_name').inputValue(), 'apig-01');
  assert.equal(await page.locator('#description').inputValue(), '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a corrupt stored value shows a banner and the backup key holds the original bytes', async () => {
  const { page, errors, context } = await fresh();
  const original = '{"version":1,"data":[{"name": "broken"  ';
  await page.evaluate((v) => localStorage.setItem('apig-console.gateways', v), original);
  await page.reload();
  await page.waitForSelector('.banner');
  const banner = await page.locator('.banner').textContent();
  assert.match(banner, /apig-console\.gateways could not be read/);
  const backupKey = banner.match(/apig-console\.gateways\.backup-\d+/)[0];
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), backupKey), original);
  // Not silently replaced: the original stays until the person changes something.
  assert.equal(await page.evaluate(() => localStorage.getItem('apig-console.gateways')), original);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a second tab follows changes, and two tabs cannot exceed the quota', async () => {
  const context = await env.browser.newContext({ locale: ENGLISH });
  const a = await context.newPage();
  const b = await context.newPage();
  for (const p of [a, b]) p.setDefaultTimeout(10_000);
  await a.goto(`${env.base}/gateways`);
  await waitForShell(a, []);
  await setSpeed(a, 'instant');
  for (let i = 1; i <= 4; i += 1) await buy(a, { name: `tab-${i}` });
  await b.goto(`${env.base}/gateways`);
  await b.waitForSelector('#gateways-table');
  assert.equal(await b.locator('#quota-usage').textContent(), 'Quota: 4 of 5 used');
  // Both tabs reach the confirmation page of a 5th gateway.
  for (const [p, name] of [[a, 'tab-a'], [b, 'tab-b']]) {
    await p.goto(`${env.base}/gateways/buy`);
    await p.waitForSelector('#buy-form');
    await p.fill('#instance_name', name);
    await p.click('#next');
    await p.waitForSelector('#create').catch(async (e) => {
      throw new Error(`${name}: no confirmation page; refusal: ${await p.locator('#next-refusal').textContent()}`, { cause: e });
    });
  }
  await a.click('#create');
  await a.waitForSelector('#gateways-table');
  // Tab B either already shows that the purchase can no longer be made (it follows the
  // storage event), or its Create re-reads storage and is refused: never a 6th gateway.
  const refusal = await Promise.race([
    b.waitForSelector('#confirm-problems').then(() => '#confirm-problems'),
    b.click('#create', { timeout: 2_000 }).then(async () => {
      await b.waitForSelector('#create-problems:not([hidden])');
      return '#create-problems';
    }),
  ]);
  assert.match(await b.locator(refusal).textContent(), /APIC\.7400/);
  const stored = await b.evaluate(() => JSON.parse(localStorage.getItem('apig-console.gateways')).data.length);
  assert.equal(stored, 5);
  // The second tab's list follows the first tab's purchase without a reload.
  await b.goto(`${env.base}/gateways`);
  await b.waitForSelector('#gateways-table');
  await a.goto(`${env.base}/gateways`);
  await a.waitForSelector('#gateways-table');
  await a.evaluate(() => {
    const stored = JSON.parse(localStorage.getItem('apig-console.account'));
    stored.data.gateway_quota = 9;
    localStorage.setItem('apig-console.account', JSON.stringify(stored));
  });
  await b.waitForFunction(() => document.querySelector('#quota-usage')?.textContent === 'Quota: 5 of 9 used');
  await context.close();
});

test('a name like an HTML tag never becomes markup', async () => {
  const { page, errors, context } = await fresh('/gateways/buy');
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs += 1;
    await d.dismiss();
  });
  await page.fill('#instance_name', XSS);
  await page.locator('#instance_name').blur();
  await page.click('#next');
  assert.match(await page.locator('#instance_name-error').textContent(), /APIC\.7211/);
  // Stored data that carries the same text (e.g. edited by hand) is shown as text too.
  await page.evaluate((name) => {
    localStorage.setItem('apig-console.gateways', JSON.stringify({ version: 1, data: [{ name }] }));
  }, XSS);
  await page.goto(`${env.base}/gateways`);
  await page.waitForSelector('.banner');
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(dialogs, 0);
  assert.deepEqual(errors, []);
  await context.close();
});
