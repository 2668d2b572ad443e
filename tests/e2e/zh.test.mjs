// The console in Simplified Chinese (简体中文), in headless Chromium with the browser locale
// zh-CN against the release build: a purchase end to end by Chinese labels (a failing check and
// its fix, confirmation, creation to 运行中, a modification, deletion) with axe-core on every
// page; a leak test that visits every page and dialog and fails on any visible word of Latin
// letters outside an allow-list; and a switch of language in the middle of the form and back,
// with the draft, the focus and the checks unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, waitForShell, axe, screenshot, ENGLISH, openEditor } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const CHINESE = 'zh-CN';

/** Opens the console at `route` in a fresh context with the browser locale `locale`. */
async function fresh(route = '/gateways', locale = CHINESE) {
  const opened = await openPage(env.browser, { locale });
  await opened.page.goto(`${env.base}${route}`);
  await waitForShell(opened.page, opened.errors);
  return opened;
}

async function checkOutcome(page, kind) {
  return page.locator(`#check-panel [data-check="${kind}"]`).getAttribute('data-outcome');
}

/** The value of the option of `select` whose text contains `text`. */
async function optionValue(page, select, text) {
  return page.locator(`${select} option`, { hasText: text }).first().getAttribute('value');
}

async function setInstantSpeed(page) {
  await page.getByRole('link', { name: '沙箱' }).click();
  await page.getByLabel('新实例的创建时长').selectOption({ label: '立即' });
  await page.getByRole('link', { name: '实例', exact: true }).click();
  await page.getByRole('heading', { name: '实例列表' }).waitFor();
}

// ---------------------------------------------------------------------------------------------
// The leak test's rule: a visible word of Latin letters must be a code, an ID, a CIDR, an
// address, a name (anything with a digit or one of - _ . / : @ * + =), a wire value in capitals
// (BASIC, DOWN), or one of the words below.

/** The product words that stay as they are in Chinese (codes and wire names of the service). */
const PRODUCT_WORDS = new Set([
  'API', 'APIs', 'APIG', 'AZ', 'VPC', 'EIP', 'EIPs', 'NAT', 'LVS', 'ELB', 'TCP', 'UDP', 'ICMP',
  'HTTP', 'HTTPS', 'IP', 'IPs', 'IPv4', 'IPv6', 'CIDR', 'JSON', 'URL', 'ID', 'AK', 'SK', 'MB',
  'Mbit', 'Terraform', 'KooCLI', 'curl', 'POST', 'GET', 'localStorage', 'sessionStorage',
  // IAM's role names, the same in Huawei's Chinese console.
  'FullAccess', 'ReadOnlyAccess', 'Administrator',
  // The switcher names each language in itself.
  'English',
  // The command that prints apig-mock's credentials (Settings' hint).
  'cargo', 'xtask', 'serve',
]);
/** Names in the sandbox's seed data (enterprise projects): data, not labels. */
const DATA_WORDS = new Set(['default', 'production', 'testing']);

/** Every visible word of Latin letters in `text` that the rule does not allow. */
function leaks(text) {
  const found = [];
  for (const raw of text.split(/[\s\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/u)) {
    const word = raw.replace(/^[([{"'<]+|[)\]}"'>.,;:!?]+$/g, '');
    if (!/[A-Za-z]/.test(word)) continue;
    if (/[0-9_\-./:@*+=]/.test(word)) continue;
    if (/^[A-Z]{2,}$/.test(word)) continue;
    if (PRODUCT_WORDS.has(word) || DATA_WORDS.has(word)) continue;
    found.push(word);
  }
  return found;
}

/**
 * What a person sees and hears on the page: the rendered text (without the exports' code
 * blocks, which are code in both languages), the accessible names given by attributes, the
 * placeholders and the document title.
 */
async function visibleText(page) {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true);
    for (const code of body.querySelectorAll('pre')) code.remove();
    // innerText needs a rendered element: measure the clone in an off-screen container.
    const box = document.createElement('div');
    box.style.position = 'absolute';
    box.style.left = '-100000px';
    box.append(...body.childNodes);
    document.body.append(box);
    const rendered = box.innerText;
    box.remove();
    const attributes = [...document.querySelectorAll('[aria-label], [placeholder], [title]')]
      .filter((e) => !e.closest('pre'))
      .map((e) => [e.getAttribute('aria-label'), e.getAttribute('placeholder'), e.getAttribute('title')])
      .flat()
      .filter(Boolean);
    const open = [...document.querySelectorAll('dialog[open]')].map((d) => d.innerText);
    const options = [...document.querySelectorAll('option')].map((o) => o.textContent);
    return [document.title, rendered, ...open, ...options, ...attributes].join('\n');
  });
}

async function assertNoLeak(page, where) {
  const words = leaks(await visibleText(page));
  assert.deepEqual(words, [], `English words on ${where}: ${words.join(', ')}`);
}

test('a purchase end to end by Chinese labels: a failing check and its fix, 运行中, a change, deletion', async () => {
  const { page, errors, context } = await fresh('/gateways');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await page.title(), '实例列表 · API网关 APIG 控制台');
  await page.getByRole('heading', { name: '实例列表' }).waitFor();
  await axe(page, '实例列表');
  await setInstantSpeed(page);

  await page.getByRole('link', { name: '购买实例' }).click();
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  await page.getByRole('heading', { name: '购买实例' }).waitFor();
  // A bad name, left: the core's problem as one Chinese sentence naming what was typed, the
  // code as a tag beside it.
  const name = page.getByLabel('实例名称', { exact: true });
  await name.fill('9号实例');
  await name.blur();
  assert.equal(await page.locator('#instance_name-error').textContent(), '实例名称以“9”开头，请以英文字母或中文开头。 APIC.7211');
  assert.equal(await page.locator('#instance_name-error .code-tag').textContent(), 'APIC.7211');
  await name.fill('9号 实例.');
  await name.blur();
  assert.equal(
    await page.locator('#instance_name-error').textContent(),
    '实例名称不能包含空格或“.”，只能包含中文、英文字母、数字、中划线（-）和下划线（_）。 APIC.7211',
  );
  await name.fill('9号实例');
  await name.blur();
  await page.getByRole('radio', { name: /^基础版/ }).check();
  // A subnet without room: the subnet check fails, with its figures.
  const subnet = page.getByLabel('子网', { exact: true });
  await subnet.selectOption(await optionValue(page, '#subnet_id', 'subnet-full'));
  assert.equal(await checkOutcome(page, 'subnet'), 'fail');
  const subnetCheck = await page.locator('[data-check="subnet"]').textContent();
  assert.match(subnetCheck, /子网容量未通过/);
  assert.match(subnetCheck, /\d+ 个可用地址，基础版需要 \d+ 个/);
  assert.match(subnetCheck, /APIC\.9219/);
  await axe(page, '购买实例（检查未通过）');
  await screenshot(page, 'zh-buy-form.png', { readme: true, fullPage: true });
  await page.getByRole('button', { name: '下一步' }).click();
  assert.match(await page.locator('#next-refusal').textContent(), /还有 2 个问题需要修正，才能继续。/);
  assert.equal(new URL(page.url()).pathname, '/gateways/buy');
  // The fixes.
  await name.fill('zh-shop-01');
  await subnet.selectOption(await optionValue(page, '#subnet_id', 'subnet-roomy'));
  assert.equal(await checkOutcome(page, 'subnet'), 'pass');
  await page.getByRole('button', { name: '下一步' }).click();

  await page.getByRole('heading', { name: '确认购买' }).waitFor();
  assert.match(await page.locator('#confirm-values').textContent(), /实例名称zh-shop-01.*实例规格基础版 \(BASIC\)/s);
  await page.getByRole('heading', { name: '以代码查看' }).click();
  await page.getByText('在其他工具中发起同一请求').waitFor();
  await axe(page, '确认购买');
  await screenshot(page, 'zh-confirm.png', { readme: true, fullPage: true });
  await page.getByRole('button', { name: '创建' }).click();

  const row = page.locator('tr[data-gateway]', { hasText: 'zh-shop-01' });
  await row.locator('[data-status="Running"]').waitFor();
  assert.match(await row.textContent(), /zh-shop-01.*运行中.*基础版/);
  assert.match(await page.locator('#quota-usage').textContent(), /配额：已使用 1 \/ 5 个/);
  await row.getByRole('link', { name: 'zh-shop-01' }).click();
  await page.getByRole('heading', { name: 'zh-shop-01' }).waitFor();
  await page.getByRole('heading', { name: '基本信息' }).waitFor();
  await axe(page, '实例信息');

  // A change: reviewed old → new, saved, 升级中, recorded.
  await openEditor(page, 'name');
  const form = page.locator('#change-name');
  await form.getByLabel('新名称').fill('zh-shop-02');
  await form.getByRole('button', { name: '预览修改' }).click();
  assert.match(await page.locator('#name-preview').textContent(), /实例名称: zh-shop-01.*变为.*zh-shop-02/s);
  await page.locator('#name-preview').getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: 'zh-shop-02' }).waitFor();
  assert.match(await page.locator('.toasts').textContent(), /实例名称已保存；实例升级中。/);
  assert.match(await page.locator('#history').textContent(), /实例名称zh-shop-01zh-shop-02/);
  await page.locator('.page-head [data-status="Running"]').waitFor();
  await screenshot(page, 'zh-gateway-info.png', { readme: true, fullPage: true });

  // Deletion through the dialog, by the typed name.
  await page.locator('.page-head').getByRole('button', { name: '删除' }).click();
  const dialog = page.getByRole('dialog', { name: '删除 zh-shop-02？' });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /删除实例会释放：.*私有IP .* 归还给子网。/s);
  await axe(page, '删除对话框');
  await dialog.getByLabel('请输入实例名称 zh-shop-02 以确认').fill('zh-shop-02');
  await dialog.getByRole('button', { name: '删除' }).click();
  await page.getByRole('heading', { name: '实例列表' }).waitFor();
  await page.locator('#gateways-empty').waitFor({ timeout: 20_000 });
  assert.match(await page.locator('#announcer').textContent(), /zh-shop-02/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('no page or dialog shows an English word in 简体中文 (and the check catches one)', async () => {
  const { page, errors, context } = await fresh('/gateways');
  await assertNoLeak(page, 'the empty gateways list');
  // The check itself: one label left in English is found.
  await page.evaluate(() => {
    document.querySelector('#buy-gateway').textContent = 'Buy Gateway';
  });
  assert.deepEqual(leaks(await visibleText(page)), ['Buy', 'Gateway']);
  await page.reload();
  await waitForShell(page, errors);

  await page.getByRole('link', { name: '沙箱' }).click();
  await page.getByRole('heading', { name: '沙箱' }).waitFor();
  await assertNoLeak(page, 'the Sandbox page');
  await axe(page, '沙箱');
  await page.getByRole('button', { name: '重置为默认数据…' }).click();
  await assertNoLeak(page, 'the Sandbox page with the reset confirmation');
  await page.getByRole('button', { name: '取消' }).click();
  await page.getByLabel('新实例的创建时长').selectOption({ label: '立即' });
  await page.getByLabel('下一次创建失败于').selectOption({ index: 1 });
  await assertNoLeak(page, 'the Sandbox page with a fault armed');
  await page.getByLabel('下一次创建失败于').selectOption({ index: 0 });

  await page.getByRole('link', { name: '设置' }).click();
  await page.getByRole('heading', { name: '设置' }).waitFor();
  await page.getByLabel('apig-mock（APIG v2 API，使用 AK / SK 签名）').check();
  await assertNoLeak(page, 'the Settings page');
  await axe(page, '设置');

  await page.goto(`${env.base}/no-such-page`);
  await page.getByRole('heading', { name: '页面不存在' }).waitFor();
  await assertNoLeak(page, 'the not-found page');

  await page.goto(`${env.base}/gateways/buy`);
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  await assertNoLeak(page, 'the Buy Gateway form');
  // Every control's errors, the refusal, both public-access rows open.
  await page.getByLabel('实例名称', { exact: true }).fill('');
  // Leave the field first: its error appears on blur and moves what follows.
  await page.getByLabel('实例名称', { exact: true }).blur();
  await page.getByLabel('开启公网入口').check();
  await page.getByLabel('允许访问公网上的后端服务').check();
  await page.getByLabel('出公网带宽（Mbit/s）').fill('0');
  await page.getByLabel('入公网带宽（Mbit/s）').fill('1');
  await page.getByRole('button', { name: '下一步' }).click();
  await assertNoLeak(page, 'the Buy Gateway form with every error shown');
  await page.getByLabel('子网', { exact: true }).selectOption(await optionValue(page, '#subnet_id', 'subnet-full'));
  await page.getByLabel('安全组', { exact: true }).selectOption({ index: 0 });
  await assertNoLeak(page, 'the Buy Gateway form with failing checks');
  // The LVS region: EIP choice.
  await page.getByLabel('区域', { exact: true }).first().selectOption('cn-north-1');
  await assertNoLeak(page, 'the Buy Gateway form in an LVS region');
  await page.getByLabel('区域', { exact: true }).first().selectOption('cn-north-4');
  // A new region starts from its own defaults: public inbound access is off again.
  await page.getByLabel('开启公网入口').check();

  await page.getByLabel('实例名称', { exact: true }).fill('leak-probe');
  await page.getByLabel('出公网带宽（Mbit/s）').fill('5');
  await page.getByLabel('入公网带宽（Mbit/s）').fill('5');
  await page.getByLabel('子网', { exact: true }).selectOption(await optionValue(page, '#subnet_id', 'subnet-roomy'));
  await page.getByLabel('安全组', { exact: true }).selectOption(await optionValue(page, '#security_group_id', 'sg-web'));
  await page.getByRole('radio', { name: /^专业版/ }).check();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('heading', { name: '确认购买' }).waitFor();
  await assertNoLeak(page, 'the confirmation page');
  await page.getByRole('button', { name: '创建' }).click();
  const row = page.locator('tr[data-gateway]', { hasText: 'leak-probe' });
  await row.waitFor();
  await assertNoLeak(page, 'the gateways list with a gateway');
  await row.getByRole('link', { name: 'leak-probe' }).click();
  await page.getByRole('heading', { name: '基本信息' }).waitFor();
  await page.locator('.page-head [data-status="Running"]').waitFor();
  await assertNoLeak(page, 'the information page');
  // Each modification's review, a refusal, the history.
  await openEditor(page, 'description');
  await page.locator('#change-description').getByLabel('新描述').fill('订单 API');
  await page.locator('#change-description').getByRole('button', { name: '预览修改' }).click();
  await page.locator('#description-preview').waitFor();
  await assertNoLeak(page, 'the information page with a review open');
  await page.locator('#description-preview').getByRole('button', { name: '保存' }).click();
  await page.locator('.page-head [data-status="Running"]').waitFor();
  await openEditor(page, 'outbound');
  await page.locator('#outbound-action').selectOption('update');
  await page.locator('#change-outbound').getByLabel('出公网带宽（Mbit/s）').fill('5');
  await page.locator('#change-outbound').getByRole('button', { name: '预览修改' }).click();
  assert.match(await page.locator('#outbound-error').textContent(), /APIC\.\d+/);
  await assertNoLeak(page, 'the information page with a refusal and the history');
  await page.locator('.page-head [data-status="Running"]').waitFor();
  await page.locator('.page-head').getByRole('button', { name: '删除' }).click();
  await page.getByRole('dialog').waitFor();
  await assertNoLeak(page, 'the delete dialog');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  assert.deepEqual(errors, []);
  await context.close();
});

test('switching language in the middle of the form keeps the draft, the focus and the checks', async () => {
  const { page, errors, context } = await fresh('/gateways/buy', ENGLISH);
  await page.waitForSelector('#buy-form[data-interactive="true"]');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.fill('#instance_name', 'switch-me');
  await page.check('#spec-PROFESSIONAL');
  await page.check('#public_outbound');
  await page.fill('#bandwidth_size', '7');
  await page.selectOption('#subnet_id', await optionValue(page, '#subnet_id', 'subnet-full'));
  await page.fill('#description', 'half done');
  await page.focus('#description');

  const snapshot = () =>
    page.evaluate(() => ({
      values: [...document.querySelectorAll('#buy-form input, #buy-form select, #buy-form textarea')].map((e) =>
        e.type === 'checkbox' || e.type === 'radio' ? `${e.id}:${e.checked}` : `${e.id}=${e.value}`,
      ),
      checks: [...document.querySelectorAll('#check-panel [data-check]')].map(
        (c) => `${c.dataset.check}:${c.dataset.outcome}`,
      ),
      revision: document.querySelector('#check-panel').dataset.revision,
      draft: localStorage.getItem('apig-console.draft'),
      focus: document.activeElement.id,
      caret: document.activeElement.selectionStart,
    }));
  const before = await snapshot();
  assert.equal(before.focus, 'description');
  assert.ok(before.checks.includes('subnet:fail'));
  // The controls are the same elements afterwards: mark one.
  await page.evaluate(() => {
    document.querySelector('#description').dataset.mark = 'same';
  });

  // A click that does not move focus (as a screen reader's or a script's activation).
  await page.evaluate(() => document.querySelector('[data-lang="zh-CN"]').click());
  await page.getByRole('heading', { name: '购买实例' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await page.locator('#next').textContent(), '下一步');
  assert.match(await page.locator('[data-check="subnet"]').textContent(), /子网容量未通过/);
  assert.deepEqual(await snapshot(), before);
  assert.equal(await page.evaluate(() => document.querySelector('#description').dataset.mark), 'same');
  assert.equal(await page.locator('[data-lang="zh-CN"]').getAttribute('aria-pressed'), 'true');
  const settings = JSON.parse(await page.evaluate(() => localStorage.getItem('apig-console.settings')));
  assert.equal(settings.version, 1);
  assert.equal(settings.data.language, 'zh-CN');
  await screenshot(page, 'zh-switched.png');

  // And back, by the keyboard: focus moves to the switcher only because it was pressed.
  await page.focus('[data-lang="en"]');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Buy Gateway' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  const after = await snapshot();
  assert.deepEqual({ ...after, focus: before.focus, caret: before.caret }, before);
  assert.equal(after.focus, '');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.lang), 'en');
  assert.equal(await page.locator('#next').textContent(), 'Next');

  // The stored choice wins over the browser's languages on the next visit.
  await page.reload();
  await waitForShell(page, errors);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.locator('#instance_name').inputValue(), 'switch-me');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a first visit follows navigator.languages; another tab follows a switch', async () => {
  const zh = await fresh('/gateways', 'zh-TW');
  assert.equal(await zh.page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await zh.page.locator('.sidenav a').first().textContent(), '实例');
  const other = await zh.context.newPage();
  await other.goto(`${env.base}/sandbox`);
  await waitForShell(other, []);
  await zh.page.locator('[data-lang="en"]').click();
  await other.getByRole('heading', { name: 'Sandbox' }).waitFor();
  assert.deepEqual(zh.errors, []);
  await zh.context.close();

  const en = await fresh('/gateways', 'de-DE');
  assert.equal(await en.page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await en.page.locator('.sidenav a').first().textContent(), 'Gateways');
  await en.context.close();
});
