// Journeys of the buy page's flow around the rules, at 1280 × 800 and 390 × 844: the summary
// rail with a headline that counts form errors and checks, Next naming what is left and moving
// focus to it, fixes in place applied to the sandbox and undone from their toast, header chips
// for sandbox settings, the region-switch notice, Discard draft with undo, and the phone's
// bottom bar, problems as plain sentences with their code as a tag. axe-core runs on every
// state visited: no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, waitForShell, axe, screenshot } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

async function fresh(route, viewport) {
  const opened = await openPage(env.browser, { viewport });
  await opened.page.goto(`${env.base}${route}`);
  await waitForShell(opened.page, opened.errors);
  return opened;
}

// The region selector; on a phone it sits behind the header's region menu.
async function pickRegion(page, region) {
  if (!(await page.locator('#region-select').isVisible())) await page.click('#region-menu');
  await page.selectOption('#region-select', region);
}

async function openBuy(page) {
  await page.goto(`${env.base}/gateways/buy`);
  await page.waitForSelector('#buy-form[data-interactive="true"]');
}

async function checkOutcome(page, kind) {
  return page.locator(`#check-panel [data-check="${kind}"]`).getAttribute('data-outcome');
}

/** Whether the element is fully inside the viewport. */
async function inView(page, selector) {
  return page.locator(selector).evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  });
}

async function setQuota(page, n) {
  await page.goto(`${env.base}/sandbox`);
  await page.waitForSelector('#sandbox-title');
  await page.fill('#gateway-quota', String(n));
  await page.click('#gateway-quota-save');
}

for (const { name, viewport } of SIZES) {
  test(`${name}: the rail summarises the purchase, its headline counts form errors, Next names what is left`, async () => {
    const { page, errors, context } = await fresh('/gateways/buy', viewport);
    await page.waitForSelector('#buy-form[data-interactive="true"]');
    assert.match(await page.locator('#summary-rail [data-summary="edition"]').textContent(), /Basic|Professional/);
    assert.match(await page.locator('#summary-rail [data-summary="ips"]').textContent(), /\d+ private IPs taken from subnet-/);
    assert.match(await page.locator('#summary-rail [data-summary="network"]').textContent(), /vpc-.* \/ subnet-.* \/ sg-/);
    assert.match(await page.locator('#check-headline').textContent(), /Ready: nothing to fix\.|warning|pending/);
    assert.ok(await inView(page, '#next'), 'Next is in view without scrolling');
    if (name === 'phone') {
      // The bar stays at the bottom while the form scrolls.
      await page.locator('#description').scrollIntoViewIfNeeded();
      assert.ok(await inView(page, '#rail-actions'), 'the bottom bar stays in view');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
      assert.equal(overflow, false, 'nothing sticks out sideways');
    }
    await screenshot(page, `buy-rail-${name}.png`, { readme: true });
    await axe(page, `buy page (${name})`);
    // A name error counts in the headline, and Next names it and moves focus there.
    await page.fill('#instance_name', 'bad name!');
    await page.fill('#instance_name', '');
    await page.locator('#instance_name').blur();
    assert.match(await page.locator('#check-headline').textContent(), /1 to fix/);
    await page.click('#next');
    await page.waitForFunction(() => document.activeElement?.id === 'instance_name');
    assert.match(await page.locator('#next-refusal').textContent(), /Not yet: Gateway Name\./);
    await axe(page, `buy page with a form error (${name})`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`${name}: a problem is one plain sentence naming every offending character, its code a tag beside it`, async () => {
    const { page, errors, context } = await fresh('/gateways/buy', viewport);
    await page.waitForSelector('#buy-form[data-interactive="true"]');
    await page.fill('#instance_name', 'shop gw.v2 (test)');
    await page.locator('#instance_name').blur();
    const error = page.locator('#instance_name-error');
    assert.equal(
      await error.textContent(),
      'Gateway Name cannot contain a space, “.”, “(” or “)”; use only letters, digits, Chinese characters, - and _. APIC.7211',
    );
    assert.equal(await error.locator('.code-tag').textContent(), 'APIC.7211');
    // The field's help text stays under the field, once; the API's parameter name stays on the wire.
    const hint = (await page.locator('#instance_name-hint').textContent()).trim();
    assert.ok(hint.length > 0);
    assert.ok(!(await error.textContent()).includes(hint), 'the help text is not repeated');
    assert.ok(!(await error.textContent()).includes('parameter name'));
    // What the user typed decides the sentence: too short, then a digit first.
    await page.fill('#instance_name', 'ab');
    assert.equal(await error.textContent(), 'Gateway Name has 2 characters; use 3 to 64. APIC.7211');
    await page.fill('#instance_name', '9lives');
    assert.equal(
      await error.textContent(),
      'Gateway Name starts with “9”; start it with a letter or a Chinese character. APIC.7211',
    );
    await page.fill('#description', 'no <b> or </b>');
    await page.locator('#description').blur();
    assert.equal(await page.locator('#description-error').textContent(), 'Description cannot contain “<” or “>”. APIC.7211');
    await axe(page, `buy page with problem sentences (${name})`);
    const tag = await error.locator('.code-tag').boundingBox();
    const field = await page.locator('#instance_name').boundingBox();
    assert.ok(tag.x + tag.width <= field.x + field.width + 1, 'the code tag stays inside the field column');
    await screenshot(page, `buy-messages-${name}.png`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`${name}: fixes in place change the sandbox, are announced, and undo`, async () => {
    const { page, errors, context } = await fresh('/sandbox', viewport);
    await setQuota(page, 0);
    await openBuy(page);
    assert.equal(await checkOutcome(page, 'quota'), 'fail');
    assert.match(await page.locator('#check-headline').textContent(), /1 to fix/);
    // Next with a failing check moves focus to its fix.
    await page.click('#next');
    await page.waitForFunction(() => document.activeElement?.classList.contains('check-fix'));
    assert.match(await page.locator('#next-refusal').textContent(), /Not yet: Gateway quota/i);
    await axe(page, `buy page with a failing check (${name})`);
    await page.locator('[data-check="quota"] .check-fix', { hasText: 'Raise the quota to 5' }).click();
    assert.equal(await checkOutcome(page, 'quota'), 'pass');
    const toast = page.locator('.toasts .toast', { hasText: 'Done: Raise the quota to 5.' });
    await toast.waitFor();
    assert.equal(await page.locator('.toasts').getAttribute('aria-live'), 'polite');
    await screenshot(page, `buy-fix-toast-${name}.png`);
    await axe(page, `buy page with a toast (${name})`);
    await toast.locator('.toast-undo').click();
    assert.equal(await checkOutcome(page, 'quota'), 'fail');
    await page.locator('.toasts .toast', { hasText: 'Undone.' }).waitFor();
    assert.equal(await toast.count(), 0, 'the undone toast is gone');
    // The sandbox kept the undo too.
    await page.goto(`${env.base}/sandbox`);
    await page.waitForSelector('#sandbox-title');
    assert.equal(await page.locator('#gateway-quota').inputValue(), '0');
    // Security group: public inbound in an LVS region; one click opens 80/443 on sg-default.
    await setQuota(page, 5);
    await openBuy(page);
    await pickRegion(page, 'cn-north-1');
    await page.click('#discard-draft');
    await page.check('#public_inbound');
    await page.selectOption('#eip_id', { index: 1 });
    await page.selectOption('#security_group_id', { label: 'sg-default' });
    assert.equal(await checkOutcome(page, 'security-group'), 'warn');
    assert.match(await page.locator('#check-headline').textContent(), /1 warning/);
    await page.locator('[data-check="security-group"] .check-fix', { hasText: 'Open 80/443 on sg-default' }).click();
    assert.equal(await checkOutcome(page, 'security-group'), 'pass');
    // Permission: without APIG Administrator, one click grants it.
    await page.goto(`${env.base}/sandbox`);
    await page.waitForSelector('#sandbox-title');
    await page.uncheck('#policy-apig-administrator');
    await openBuy(page);
    assert.equal(await checkOutcome(page, 'permission'), 'fail');
    await page.locator('[data-check="permission"] .check-fix', { hasText: 'Grant APIG Administrator' }).click();
    assert.equal(await checkOutcome(page, 'permission'), 'pass');
    await axe(page, `buy page after fixes (${name})`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`${name}: sandbox settings show as header chips; a region switch that clears public inbound says so; Discard draft undoes`, async () => {
    const { page, errors, context } = await fresh('/sandbox', viewport);
    assert.equal(await page.locator('#chip-speed').count(), 0);
    await page.selectOption('#creation-speed', 'realistic');
    await page.locator('#chip-speed').waitFor();
    assert.match(await page.locator('#chip-speed').textContent(), /Creation: 15 min/);
    await openBuy(page);
    assert.match(await page.locator('#chip-speed').textContent(), /15 min/);
    // Region switch: public inbound on in cn-north-1, then cn-north-4 turns it off.
    await pickRegion(page, 'cn-north-1');
    await page.click('#discard-draft');
    await page.check('#public_inbound');
    await pickRegion(page, 'cn-north-4');
    const notice = page.locator('.toasts .toast', { hasText: 'Public inbound access was turned off' });
    await notice.waitFor();
    await notice.locator('.toast-undo').click();
    assert.equal(await page.locator('#region-select').inputValue(), 'cn-north-1');
    assert.equal(await page.locator('#public_inbound').isChecked(), true);
    // Discard draft, then Undo brings the typed name back.
    await page.fill('#instance_name', 'kept-by-undo');
    await page.click('#discard-draft');
    assert.notEqual(await page.locator('#instance_name').inputValue(), 'kept-by-undo');
    await page.locator('.toasts .toast', { hasText: 'Draft discarded.' }).last().locator('.toast-undo').click();
    assert.equal(await page.locator('#instance_name').inputValue(), 'kept-by-undo');
    await page.reload();
    await page.waitForSelector('#buy-form[data-interactive="true"]');
    assert.equal(await page.locator('#instance_name').inputValue(), 'kept-by-undo');
    await axe(page, `buy page with chips (${name})`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
