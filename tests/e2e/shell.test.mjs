// The app shell: header, navigation, routing (incl. loading a deep link directly).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, waitForShell, screenshot } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

test('the root redirects to an honestly empty Gateways page', async () => {
  const { page, errors, context } = await openPage(env.browser);
  await page.goto(`${env.base}/`);
  await waitForShell(page, errors);
  await page.waitForSelector('#gateways-empty');
  assert.equal(new URL(page.url()).pathname, '/gateways');
  assert.equal(await page.locator('h1').textContent(), 'Gateways');
  assert.match(await page.locator('#gateways-empty').textContent(), /No gateways in CN North-Beijing4 yet\./);
  assert.equal(await page.locator('.sidenav a[aria-current="page"]').textContent(), 'Gateways');
  await screenshot(page, 'shell-gateways.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('loading /gateways/buy directly renders that page', async () => {
  const { page, errors, context } = await openPage(env.browser);
  await page.goto(`${env.base}/gateways/buy`);
  await waitForShell(page, errors);
  await page.waitForSelector('#buy-title');
  assert.equal(await page.locator('#buy-title').textContent(), 'Buy Gateway');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Buy Gateway and the navigation links route inside the app', async () => {
  const { page, errors, context } = await openPage(env.browser);
  await page.goto(`${env.base}/gateways`);
  await waitForShell(page, errors);
  await page.click('#buy-gateway');
  await page.waitForSelector('#buy-title');
  assert.equal(new URL(page.url()).pathname, '/gateways/buy');
  await page.click('.sidenav >> text=Sandbox');
  await page.waitForSelector('#sandbox-title');
  assert.equal(await page.locator('.sidenav a[aria-current="page"]').textContent(), 'Sandbox');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the region selector changes the region the page speaks of', async () => {
  const { page, errors, context } = await openPage(env.browser);
  await page.goto(`${env.base}/gateways`);
  await waitForShell(page, errors);
  await page.selectOption('#region-select', 'cn-north-1');
  await page.waitForFunction(() =>
    document.querySelector('#gateways-empty')?.textContent.includes('CN North-Beijing1'),
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unknown path shows a not-found page with a way back', async () => {
  const { page, errors, context } = await openPage(env.browser);
  await page.goto(`${env.base}/no/such/page`);
  await waitForShell(page, errors);
  await page.waitForSelector('#nf-title');
  await page.click('text=Go to Gateways');
  await page.waitForSelector('#gateways-empty');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the shell is usable 360 px wide', async () => {
  const { page, errors, context } = await openPage(env.browser, { viewport: { width: 360, height: 740 } });
  await page.goto(`${env.base}/gateways`);
  await waitForShell(page, errors);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 360px`);
  assert.ok(await page.locator('#buy-gateway').isVisible());
  assert.deepEqual(errors, []);
  await context.close();
});
