// End-to-end test of the owner's dashboard (/dashboard) in Debian's Chromium, driven by playwright-core.
//
//   node e2e/dashboard.spec.mjs <baseUrl> <screenshotDir> <expected.json>
//
// expected.json holds the figures the scripted conversations must show (ReportsH2Test writes it). Checks: a visitor
// is told how to sign in (401); agent sara, logged in to Camunda, is refused (403); supervisor demo sees the
// figures, the funnel chart and the revenue chart; the Arabic switch turns the page right to left. Writes
// dashboard.png and dashboard-ar.png into <screenshotDir>. Exits 0 when every step passed, 1 on the first failure,
// 2 on bad arguments.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { submitCamundaLogin } from './camunda-login.mjs';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STEP_TIMEOUT_MS = 30_000;

const [baseArg, screenshotDir, expectedPath] = process.argv.slice(2);
if (!baseArg || !screenshotDir || !expectedPath) {
  console.error('usage: node dashboard.spec.mjs <baseUrl> <screenshotDir> <expected.json>');
  process.exit(2);
}
const baseUrl = baseArg.replace(/\/+$/, '');
const expected = JSON.parse(readFileSync(expectedPath, 'utf8'));
mkdirSync(screenshotDir, { recursive: true });

let step = 'launch Chromium';
let currentPage;
const log = (msg) => console.log(`[e2e] ${msg}`);
function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function newPage(browser, who) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1400 }, locale: 'en-US' });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  currentPage = page;
  log(`${who}: new browser context`);
  return page;
}

/** Logs in to the Camunda webapps (Tasklist's login form): the session the dashboard accepts. */
async function login(page, user) {
  step = `${user} logs in to Camunda`;
  const response = await page.goto(`${baseUrl}/camunda/app/tasklist/`, { waitUntil: 'domcontentloaded' });
  check(response && response.ok(), `GET /camunda/app/tasklist/ answered ${response && response.status()}`);
  const username = page.locator('form[name="signinForm"] input[ng-model="username"]');
  await username.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  const loginResponse = await submitCamundaLogin(page, user, user, STEP_TIMEOUT_MS);
  check(loginResponse.ok(), `the login of ${user} answered ${loginResponse.status()}`);
  log(`${user} logged in`);
}

async function figure(page, name) {
  return page.locator(`[data-figure="${name}"]`).first().getAttribute('data-value');
}

async function run(browser) {
  step = 'a visitor opens /dashboard';
  const visitor = await newPage(browser, 'visitor');
  let response = await visitor.goto(`${baseUrl}/dashboard`);
  check(response.status() === 401, `a visitor got ${response.status()}, not 401`);
  check((await visitor.locator('#refusal').textContent()).includes('Sign in'), 'the 401 page says to sign in');
  check((await visitor.locator('#login').getAttribute('href')).endsWith('/camunda/app/welcome/default/'),
    'the 401 page links to the Camunda login');
  await visitor.context().close();

  const sara = await newPage(browser, 'sara');
  await login(sara, 'sara');
  step = 'agent sara opens /dashboard';
  response = await sara.goto(`${baseUrl}/dashboard`);
  check(response.status() === 403, `agent sara got ${response.status()}, not 403`);
  const refusal = await sara.locator('body').textContent();
  check(refusal.includes('not for you') && refusal.includes('supervisors'), `sara's refusal reads: ${refusal}`);
  log('sara is refused with a readable page');
  await sara.context().close();

  const demo = await newPage(browser, 'demo');
  await login(demo, 'demo');
  step = 'supervisor demo opens /dashboard';
  response = await demo.goto(`${baseUrl}/dashboard`);
  check(response.status() === 200, `demo got ${response.status()}`);
  await demo.waitForSelector('body[data-state="ready"]', { timeout: STEP_TIMEOUT_MS });
  check(await demo.evaluate(() => document.documentElement.dir) === 'ltr', 'English is left to right');
  check(await demo.locator('#period').inputValue() === 'today', 'the period opens on today');
  const todayScope = await demo.evaluate(() => [...document.querySelectorAll('#scope bdi[dir="ltr"]')]
    .map((b) => b.textContent));
  check(todayScope.length === 3 && todayScope[0] === todayScope[1], `today's scope reads ${todayScope}`);
  // the script's figures over 7 days (it may have played across Cairo's midnight)
  await demo.selectOption('#period', '7d');
  await demo.waitForFunction((v) => document.querySelector('[data-figure="conversationsStarted"]').dataset.value === v
    && document.body.dataset.state === 'ready', String(expected.figures.conversationsStarted), { timeout: STEP_TIMEOUT_MS });
  for (const [name, value] of Object.entries(expected.figures)) {
    const shown = await figure(demo, name);
    check(Number(shown) === Number(value), `${name} shows ${shown}, the script makes it ${value}`);
  }
  const revenueText = await demo.locator('[data-figure="revenueEgp"]').textContent();
  check(revenueText === Number(expected.figures.revenueEgp).toLocaleString('en-US'), `revenue reads "${revenueText}"`);
  const funnel = await demo.locator('#funnelChart').getAttribute('data-values');
  check(funnel === expected.funnel.join(','), `the funnel chart shows ${funnel}, the script makes it ${expected.funnel}`);
  check(await demo.locator('#funnelChart canvas').count() > 0, 'the funnel is drawn');
  check(await demo.locator('#revenueChart canvas').count() > 0, 'the revenue chart is drawn');
  const questions = await demo.locator('#unanswered tbody').textContent();
  check(questions.includes(expected.unanswered), `the unanswered questions read: ${questions}`);
  const reasons = await demo.locator('#reasons').getAttribute('data-reasons');
  check(reasons.split(',').sort().join(',') === expected.reasons.slice().sort().join(','),
    `the handoff reasons are ${reasons}, the script makes them ${expected.reasons}`);
  const reasonText = await demo.locator('#reasons tbody').textContent();
  check(reasonText.includes('Customer asked for a person'), `the reasons read: ${reasonText}`);
  await demo.screenshot({ path: join(screenshotDir, 'dashboard.png'), fullPage: true });
  log('English figures match the script');

  step = 'demo picks the other business number';
  await demo.waitForFunction((n) => [...document.querySelectorAll('#number option')].some((o) => o.value === n),
    expected.other.number, { timeout: STEP_TIMEOUT_MS });
  await demo.selectOption('#number', expected.other.number);
  await demo.waitForFunction((v) => document.querySelector('[data-figure="conversationsStarted"]').dataset.value === v
    && document.body.dataset.state === 'ready', String(expected.other.conversationsStarted), { timeout: STEP_TIMEOUT_MS });
  check((await demo.locator('#scope').textContent()).includes(expected.other.number), 'the scope names the number');
  check(Number(await figure(demo, 'orders')) === 0, 'no order on the other number');

  step = 'demo asks for a custom period that ends before it starts';
  // Each change of the dates loads the figures again. The answers to the valid dates picked on the way (the switch
  // to "custom", the first date) are held until the bad range's error shows, then let through: they arrive after
  // it, as they may on a busy server, and must not replace the error with figures of dates no longer asked for.
  const held = [];
  let releaseHeld;
  const errorShown = new Promise((resolve) => { releaseHeld = resolve; });
  await demo.route('**/dashboard/data/**', async (route) => {
    const params = new URL(route.request().url()).searchParams;
    if (params.get('from') && params.get('to') && params.get('from') <= params.get('to')) {
      held.push(route.request());
      await errorShown;
    }
    await route.continue();
  });
  await demo.selectOption('#period', 'custom');
  await demo.locator('#from').fill('2026-12-05');
  await demo.locator('#to').fill('2026-12-01');
  await demo.locator('#to').dispatchEvent('change');
  await demo.waitForSelector('#error:not([hidden])', { timeout: STEP_TIMEOUT_MS });
  check(held.length > 0, 'the valid dates on the way were asked for');
  releaseHeld();
  await Promise.all(held.map((r) => r.response()));
  await demo.waitForFunction(() => document.body.dataset.loads
    && document.body.dataset.settled === document.body.dataset.loads, null, { timeout: STEP_TIMEOUT_MS });
  await demo.unroute('**/dashboard/data/**');
  check(await demo.locator('#error').isVisible(), 'the error stays after the older answers arrived');
  check(await demo.evaluate(() => document.body.dataset.state) === 'error', 'the page stays in its error state');
  const error = await demo.locator('#error').textContent();
  check(error.includes('(2026-12-05) is after the last day (2026-12-01)'), `the error reads: ${error}`);
  check(Number(await demo.evaluate(() => getComputedStyle(document.querySelector('main')).opacity)) < 1,
    'the figures of other dates are dimmed under the error');
  await demo.selectOption('#period', '7d');
  await demo.selectOption('#number', 'all');
  await demo.waitForFunction((v) => document.querySelector('[data-figure="conversationsStarted"]').dataset.value === v
    && document.body.dataset.state === 'ready', String(expected.figures.conversationsStarted), { timeout: STEP_TIMEOUT_MS });
  log('number and period switches work; a bad period is explained');

  step = 'demo switches to Arabic';
  await demo.locator('#lang').click();
  await demo.waitForFunction(() => document.documentElement.dir === 'rtl', null, { timeout: STEP_TIMEOUT_MS });
  const title = await demo.locator('h1').textContent();
  check(title === 'لوحة المبيعات', `the Arabic title reads ${title}`);
  check(await demo.evaluate(() => getComputedStyle(document.body).direction) === 'rtl', 'the body is right to left');
  const arabicReasons = await demo.locator('#reasons tbody').textContent();
  check(arabicReasons.includes('العميل طلب موظف'), `the Arabic reasons read: ${arabicReasons}`);
  check(await demo.evaluate((q) => [...document.querySelectorAll('#unanswered tbody td')]
    .some((td) => td.textContent === q && td.dir === 'auto'), expected.unanswered),
  'a customer\'s question keeps its own direction');
  const flowCell = await demo.locator('#flows tbody td').first().textContent();
  check(flowCell === 'الطلب والدفع', `the flow reads "${flowCell}" in Arabic`);
  const axisLabel = await demo.evaluate(() => echarts.getInstanceByDom(document.getElementById('flowChart'))
    .getOption().yAxis[0].axisLabel.formatter(15000));
  check(axisLabel === (15000).toLocaleString('ar-EG'), `the flow chart's axis reads "${axisLabel}"`);
  const dates = await demo.evaluate(() => [...document.querySelectorAll('#scope bdi[dir="ltr"]')]
    .map((b) => getComputedStyle(b).direction + ':' + b.textContent));
  check(dates.length === 3 && dates.slice(0, 2).every((d) => /^ltr:[٠-٩]{4}-[٠-٩]{2}-[٠-٩]{2}$/.test(d)),
    `the period's dates are isolated left to right: ${dates}`);
  const arabicRevenue = await demo.locator('[data-figure="revenueEgp"]').textContent();
  check(arabicRevenue === Number(expected.figures.revenueEgp).toLocaleString('ar-EG'),
    `the Arabic revenue reads "${arabicRevenue}"`);
  check(Number(await figure(demo, 'conversationsStarted')) === Number(expected.figures.conversationsStarted),
    'the figures stay after the switch');
  await demo.screenshot({ path: join(screenshotDir, 'dashboard-ar.png'), fullPage: true });

  step = 'demo asks in Arabic for a custom period that ends before it starts';
  await demo.selectOption('#period', 'custom');
  await demo.locator('#from').fill('2026-12-05');
  await demo.locator('#to').fill('2026-12-01');
  await demo.locator('#to').dispatchEvent('change');
  await demo.waitForSelector('#error:not([hidden])', { timeout: STEP_TIMEOUT_MS });
  const arabicError = await demo.locator('#error').textContent();
  check(arabicError.includes('بعد اليوم الأخير') && !/[A-Za-z]/.test(arabicError),
    `the Arabic page's error reads: ${arabicError}`);
  await demo.selectOption('#period', '7d');
  await demo.waitForSelector('body[data-state="ready"]', { timeout: STEP_TIMEOUT_MS });
  check(await demo.locator('#error').isHidden(), 'the error goes once the period is right');
  check(demo.errors.length === 0, `page errors: ${demo.errors.join(' / ')}`);
  log('Arabic, right to left');
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  .catch((e) => {
    console.error(`[e2e] FAILED: cannot launch ${CHROMIUM}: ${e.message}`);
    process.exit(1);
  });
let failed = false;
try {
  await run(browser);
} catch (e) {
  failed = true;
  console.error(`[e2e] FAILED at step "${step}": ${e.message}`);
  if (currentPage && !currentPage.isClosed()) {
    console.error(`[e2e] page: ${currentPage.url()}`);
    if (currentPage.errors.length) console.error(`[e2e] page errors: ${currentPage.errors.join(' / ')}`);
    try {
      await currentPage.screenshot({ path: join(screenshotDir, 'dashboard-failure.png'), fullPage: true });
    } catch (inner) {
      console.error(`[e2e] (could not take a screenshot: ${inner.message})`);
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
