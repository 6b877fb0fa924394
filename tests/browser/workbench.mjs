// The workbench in a real browser: Playwright (playwright-core from npm) driving Debian's
// chromium (/usr/bin/chromium; no browser is ever downloaded). Run by
// tests/integration/test_web_playwright.py, which starts the real system (Redis, the broker with
// keys and its public endpoint, the workers, duban-web) on free ports and passes in env:
//   DUBAN_WEB_URL       http://127.0.0.1:PORT of duban-web
//   DUBAN_PASSWORD      the accounts' password
//   DUBAN_CODE          a suggestion routed to the clerk's unit (ISSUED)
//   DUBAN_REVIEW_CODE   a suggestion no routing rule matched (IN_REVIEW)
//   DUBAN_LEAD, DUBAN_CO the unit ids the staff assign DUBAN_REVIEW_CODE to
//   DUBAN_SHOTS         the folder for the screenshots (the test's output folder)
// Accounts: zhang (the lead unit's clerk), deputy, other (another unit), wangwu (staff).
// Each step prints "ok - <what>"; any failed check throws, and the process exits 1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run by tests/integration/test_web_playwright.py)`);
  return v;
};
const BASE = env('DUBAN_WEB_URL');
const PASSWORD = env('DUBAN_PASSWORD');
const CODE = env('DUBAN_CODE');
const REVIEW_CODE = env('DUBAN_REVIEW_CODE');
const LEAD = env('DUBAN_LEAD');
const CO = env('DUBAN_CO');
const SHOTS = env('DUBAN_SHOTS');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

fs.mkdirSync(SHOTS, { recursive: true });
const step = (what) => console.log(`ok - ${what}`);

async function shot(page, name) {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
}

async function signIn(browser, name, device = DESKTOP) {
  const context = await browser.newContext({ ...device, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  await page.goto(`${BASE}/`);
  assert.match(new URL(page.url()).pathname, /^\/login$/, 'without a session: the sign-in page');
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')),
                     page.click('form[action="/login"] button')]);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'duban_web_session');
  assert.ok(session, 'a session cookie');
  assert.equal(session.httpOnly, true, 'HttpOnly');
  assert.equal(session.sameSite, 'Strict', 'SameSite=Strict');
  assert.equal(await page.evaluate(() => document.cookie.includes('duban_web_session')), false);
  return { context, page };
}

async function submitForm(page, action) {
  const form = page.locator(`form[action$="${action}"]`);
  await Promise.all([page.waitForURL(/flash=/), form.locator('button[type=submit]').click()]);
}

async function fitsThePhone(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `${what} scrolls sideways on a phone: ${width} px`);
}

// A zip's entry names from its central directory (an .xlsx is a zip).
function zipEntries(buf) {
  const names = [];
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0 && i >= buf.length - 65557; --i) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.ok(eocd >= 0, 'a zip end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; ++n) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extra + comment;
  }
  return names;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  // ---- 1. The clerk signs, records a contact and replies class B with a commitment ----------
  const clerk = await signIn(browser, 'zhang');
  let page = clerk.page;
  assert.equal(new URL(page.url()).pathname, '/unit');
  await page.waitForSelector(`#to_sign a[href="/s/${CODE}"]`);
  await shot(page, '01-unit-board');
  await page.click(`#to_sign a[href="/s/${CODE}"]`);
  await submitForm(page, '/sign');
  await page.getByText('已签收。').waitFor();
  step('the clerk signs');
  const contact = page.locator('form[action$="/contact"]');
  await contact.locator('select[name=phase]').selectOption('before');
  await contact.locator('textarea[name=text]').fill('电话联系代表，约定下周现场查看');
  await submitForm(page, '/contact');
  await page.getByText('见面沟通已记录。').waitFor();
  step('the clerk records a contact (三见面)');
  await submitForm(page, '/start');
  const reply = page.locator('form[action$="/reply"]');
  await reply.locator('select[name=result_class]').selectOption('B');
  await reply.locator('textarea[name=text]').fill('已列入明年计划，正在选址建设。');
  await reply.locator('input[name=signer]').fill('李局长');
  await reply.locator('input[name=commitment_text_1]').fill('建成两所公办幼儿园');
  await reply.locator('input[name=commitment_due_1]').fill('2030-06-30');
  await submitForm(page, '/reply');
  await page.getByText('答复已提交。').waitFor();
  await shot(page, '02-unit-replied');
  step('the clerk replies class B with a commitment');

  // ---- 2. The deputy, on a phone, reads the reply and evaluates 不满意 with reasons --------
  const deputy = await signIn(browser, 'deputy', PHONE);
  page = deputy.page;
  assert.equal(new URL(page.url()).pathname, '/deputy');
  await page.click(`a[href="/s/${CODE}"]`);
  for (const text of ['已列入明年计划，正在选址建设。', '李局长', 'B 正在解决或列入计划逐步解决',
                      '建成两所公办幼儿园', '2030-06-30']) {
    await page.getByText(text, { exact: false }).first().waitFor();
  }
  await fitsThePhone(page, 'the deputy\'s page');
  await shot(page, '03-deputy-reply-phone');
  const evaluate = page.locator('form[action$="/evaluate"]');
  await evaluate.locator('input[name=satisfaction][value=dissatisfied]').check();
  await evaluate.locator('textarea[name=reasons]').fill('选址进度太慢，请加快');
  await submitForm(page, '/evaluate');
  await page.getByText('测评已提交。').waitFor();
  await fitsThePhone(page, 'the page after the evaluation');
  await shot(page, '04-deputy-evaluated-phone');
  step('the deputy evaluates 不满意 with reasons on a phone-sized window');

  // ---- 2b. The deputy's inbox on the phone: the evaluation request, marked read ------------
  const request = () => page.locator('li.inbox-item', { hasText: '请测评' });
  for (const until = Date.now() + 30000; ;) {
    await page.goto(`${BASE}/inbox?code=${CODE}`);
    if (await request().count() > 0) break;
    assert.ok(Date.now() < until, 'no 请测评 notice in the deputy\'s inbox');
    await page.waitForTimeout(300);
  }
  assert.equal(await page.locator('header a.inbox').count(), 1, 'the inbox in the header');
  assert.match(await request().first().getAttribute('class'), /unread/, 'unread at first');
  await fitsThePhone(page, 'the deputy\'s inbox');
  await shot(page, '04b-deputy-inbox-phone');
  await Promise.all([page.waitForURL(/flash=/),
                     page.locator('form.mark-all button[type=submit]').click()]);
  await page.getByText('已标为已读。').waitFor();
  assert.doesNotMatch(await request().first().getAttribute('class'), /unread/, 'read now');
  step('the deputy reads the evaluation request in the inbox and marks it read');

  // ---- 3. The clerk sees the re-handling task ---------------------------------------------
  page = clerk.page;
  const deadline = Date.now() + 30000;
  for (;;) {
    await page.goto(`${BASE}/s/${CODE}`);
    const heading = await page.locator('p.facts').innerText();
    if (heading.includes('重新办理')) break;
    assert.ok(Date.now() < deadline, `the suggestion did not go to 重新办理: ${heading}`);
    await page.waitForTimeout(300);
  }
  assert.equal(await page.locator('form[action$="/reply"]').count(), 1, 'the reply form again');
  await page.getByText('选址进度太慢，请加快').first().waitFor();
  await shot(page, '05-unit-rehandling');
  await page.goto(`${BASE}/unit`);
  await page.locator(`a[href="/s/${CODE}"]`).first().waitFor();
  step('the clerk sees the re-handling task');

  // ---- 4. Staff: the review queue (assign by hand), the other pages, the report export ------
  const staff = await signIn(browser, 'wangwu');
  page = staff.page;
  assert.equal(new URL(page.url()).pathname, '/staff');
  await shot(page, '06-staff-home');
  await page.goto(`${BASE}/staff/review`);
  const card = page.locator(`#r-${REVIEW_CODE}`);
  await card.getByText('没有匹配的分办规则').waitFor();
  await shot(page, '07-staff-review');
  const assign = card.locator('form[action$="/assign"]');
  await assign.locator('select[name=lead_unit]').selectOption(LEAD);
  await assign.locator(`input[name="co.${CO}"]`).check();
  await Promise.all([page.waitForURL(/flash=/), assign.locator('button[type=submit]').click()]);
  await page.getByText('已交办。').waitFor();
  step('staff assign a suggestion no rule matched, by hand');
  for (const [p, name] of [['/staff/decisions', '08-staff-decisions'],
                           ['/staff/deadlines', '09-staff-deadlines'],
                           ['/staff/hot', '10-staff-hot-bundles'],
                           ['/staff/agenda', '11-staff-agenda']]) {
    const r = await page.goto(`${BASE}${p}`);
    assert.equal(r.status(), 200, `${p}: ${r.status()}`);
    await shot(page, name);
  }
  await page.goto(`${BASE}/staff/report?session=2026`);
  await page.getByText('答复率').first().waitFor();
  await shot(page, '12-staff-report');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.export')]);
  assert.match(download.suggestedFilename(), /^duban-report-2026\.xlsx$/);
  const file = path.join(SHOTS, download.suggestedFilename());
  await download.saveAs(file);
  const xlsx = fs.readFileSync(file);
  assert.equal(xlsx.subarray(0, 4).toString('hex'), '504b0304', 'an xlsx is a zip: PK\\3\\4');
  const entries = zipEntries(xlsx);
  for (const e of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']) {
    assert.ok(entries.includes(e), `${e} in the workbook: ${entries}`);
  }
  step(`staff export the report: a real xlsx (${xlsx.length} bytes, ${entries.length} entries)`);

  // ---- 5. The public page by code and its QR image, without a session -----------------------
  const visitor = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
  page = await visitor.newPage();
  await page.goto(`${BASE}/p`);
  await page.fill('input[name=code]', CODE);
  await Promise.all([page.waitForURL(`**/p/${CODE}`), page.click('form[action="/p"] button')]);
  const pub = await page.locator('main').innerText();
  assert.ok(pub.includes(CODE) && pub.includes('重新办理'), pub);
  for (const secret of ['测试代表', '13800009101', '已列入明年计划', '李局长', '选址进度太慢']) {
    assert.ok(!pub.includes(secret), `the public page shows ${secret}`);
  }
  const qr = page.locator('img.qr');
  await qr.waitFor();
  await page.waitForFunction(() => document.querySelector('img.qr').complete);
  const qrWidth = await qr.evaluate((img) => img.naturalWidth);
  assert.ok(qrWidth > 100, `the QR image loads (natural width ${qrWidth})`);
  const svg = await page.request.get(`${BASE}/p/${CODE}/qr.svg`);
  assert.equal(svg.status(), 200);
  assert.match(svg.headers()['content-type'], /^image\/svg\+xml/);
  await fitsThePhone(page, 'the public page');
  await shot(page, '13-public-page');
  const missing = await page.goto(`${BASE}/p/S2026-99999`);
  assert.equal(missing.status(), 404, 'an unknown code: 404');
  step('the public page by code and its QR image');

  // ---- 6. Another unit's session gets 403 on the suggestion --------------------------------
  const other = await signIn(browser, 'other');
  page = other.page;
  const denied = await page.goto(`${BASE}/s/${CODE}`);
  assert.equal(denied.status(), 403, 'another unit: 403');
  const deniedText = await page.locator('main').innerText();
  assert.ok(deniedText.includes('PERMISSION_DENIED') && !deniedText.includes('选址'), deniedText);
  await shot(page, '14-other-unit-403');
  step('a unit\'s session cannot open another unit\'s suggestion (HTTP 403)');

  // ---- 7. A page of another origin cannot post a form (CSRF refused) -------------------------
  page = clerk.page;
  await page.goto(`${BASE}/s/${CODE}`);
  const token = await page.locator('form[action$="/contact"] input[name=csrf]').inputValue();
  assert.match(token, /^[0-9a-f]{64}$/);
  const target = `${BASE}/s/${CODE}/contact`;
  const evil = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><form method="post" action="${target}">
<input name="csrf" value="${token}"><input name="phase" value="during">
<input name="text" value="forged"><button>go</button></form>`);
  });
  await new Promise((ok) => evil.listen(0, '127.0.0.1', ok));
  try {
    await page.goto(`http://127.0.0.1:${evil.address().port}/`);
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.url() === target && r.request().method() === 'POST'),
      page.click('button'),
    ]);
    assert.equal(posted.status(), 403, 'a cross-origin form post is refused');
    await page.getByText('请求被拒绝').waitFor();
    await shot(page, '15-csrf-refused');
  } finally {
    evil.close();
  }
  await page.goto(`${BASE}/s/${CODE}`);
  assert.ok(!(await page.locator('main').innerText()).includes('forged'), 'nothing recorded');
  step('a page of another origin cannot post a form (CSRF refused)');
} catch (e) {
  failed = true;
  console.error(`not ok - ${e.stack || e}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
