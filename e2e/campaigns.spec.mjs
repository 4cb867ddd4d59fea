// End-to-end test of the owner's campaigns page (/campaigns) in Debian's Chromium, driven by playwright-core.
//
//   node e2e/campaigns.spec.mjs <baseUrl> <screenshotDir> <expected.json>
//
// expected.json (CampaignPageTest writes it): `done`, a completed campaign, and `results`, its figures as
// GET /api/campaigns/{id}/results gave them; `slow`, a slow campaign, paused; `city` and `draftName` for the draft the
// page creates. Checks: a visitor is told to sign in (401, the page and its JSON); agent sara is refused (403); a
// change without the CSRF token is refused; supervisor demo sees the list and the campaign's figures, rates and
// funnel as the results API has them, filters the recipients by state (a failed one with Meta's error), resumes,
// pauses, resumes and cancels the slow campaign (the cancel asks first), creates a draft with a live audience preview, and
// reads the page in Arabic (right to left, Arabic-Indic digits). Writes campaigns.png and campaigns-ar.png.
// Exits 0 when every step passed, 1 on the first failure, 2 on bad arguments.
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
  console.error('usage: node campaigns.spec.mjs <baseUrl> <screenshotDir> <expected.json>');
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
  const context = await browser.newContext({ viewport: { width: 1400, height: 1100 }, locale: 'en-US' });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  currentPage = page;
  log(`${who}: new browser context`);
  return page;
}

/** Logs in to the Camunda webapps (Tasklist's login form): the session the page accepts. */
async function login(page, user) {
  step = `${user} logs in to Camunda`;
  const username = page.locator('form[name="signinForm"] input[ng-model="username"]');
  // Tasklist loads its modules with a timeout of its own; on a loaded machine it may give up once: load it again
  for (let attempt = 1; ; attempt++) {
    const response = await page.goto(`${baseUrl}/camunda/app/tasklist/`, { waitUntil: 'domcontentloaded' });
    check(response && response.ok(), `GET /camunda/app/tasklist/ answered ${response && response.status()}`);
    try {
      await username.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      break;
    } catch (e) {
      if (attempt === 2) throw e;
      log(`Tasklist's login form did not show (${page.errors.join(' / ')}); loading it again`);
      page.errors = [];
    }
  }
  const loginResponse = await submitCamundaLogin(page, user, user, STEP_TIMEOUT_MS);
  check(loginResponse.ok(), `the login of ${user} answered ${loginResponse.status()}`);
  log(`${user} logged in`);
}

const value = (page, selector) => page.locator(selector).first().getAttribute('data-value');

async function waitReady(page) {
  await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: STEP_TIMEOUT_MS });
}

async function shownStatus(page, status) {
  await page.waitForFunction((s) => document.querySelector('#campaignState').dataset.status === s
    && document.body.dataset.state === 'ready', status, { timeout: STEP_TIMEOUT_MS });
}

/** The campaign's state as the page's own JSON has it now (the demo's session). */
async function serverStatus(page, id) {
  return page.evaluate(async (i) => (await (await fetch(`/campaigns/api/campaigns/${i}`)).json()).campaign.status, id);
}

async function run(browser) {
  const r = expected.results;

  step = 'a visitor opens /campaigns';
  const visitor = await newPage(browser, 'visitor');
  let response = await visitor.goto(`${baseUrl}/campaigns`);
  check(response.status() === 401, `a visitor got ${response.status()}, not 401`);
  check((await visitor.locator('#refusal').textContent()).includes('Sign in'), 'the 401 page says to sign in');
  check((await visitor.locator('#login').getAttribute('href')).endsWith('/camunda/app/welcome/default/'),
    'the 401 page links to the Camunda login');
  const anonymous = await visitor.request.get(`${baseUrl}/campaigns/api/campaigns/${expected.done}`);
  check(anonymous.status() === 401, `the visitor's JSON answered ${anonymous.status()}`);
  await visitor.context().close();

  const sara = await newPage(browser, 'sara');
  await login(sara, 'sara');
  step = 'agent sara opens /campaigns';
  response = await sara.goto(`${baseUrl}/campaigns`);
  check(response.status() === 403, `agent sara got ${response.status()}, not 403`);
  const refusal = await sara.locator('body').textContent();
  check(refusal.includes('not for you') && refusal.includes('supervisors'), `sara's refusal reads: ${refusal}`);
  const saraJson = await sara.request.get(`${baseUrl}/campaigns/api/campaigns`);
  check(saraJson.status() === 403, `sara's JSON answered ${saraJson.status()}`);
  log('the visitor and sara are refused');
  await sara.context().close();

  const demo = await newPage(browser, 'demo');
  await login(demo, 'demo');
  step = 'supervisor demo sees the dashboard link to the campaigns';
  await demo.goto(`${baseUrl}/dashboard`);
  await demo.locator('#toCampaigns').click();
  await demo.waitForURL(`${baseUrl}/campaigns`, { timeout: STEP_TIMEOUT_MS });
  await waitReady(demo);
  check(await demo.locator('#toDashboard').getAttribute('href') === '/dashboard', 'the page links back to /dashboard');

  step = 'demo reads the list';
  const row = demo.locator(`#campaigns tr[data-campaign-id="${expected.done}"]`);
  await row.waitFor({ timeout: STEP_TIMEOUT_MS });
  const listed = {
    audience: r.recipients, sent: r.sent, delivered: r.delivered, read: r.read, replied: r.initial.replied,
    failed: r.failed, optedOut: r.initial.optedOut, orders: r.attribution.orders,
  };
  for (const [key, want] of Object.entries(listed)) {
    const shown = await row.locator(`td.${key}`).getAttribute('data-value');
    check(Number(shown) === Number(want), `the list's ${key} is ${shown}, the results API says ${want}`);
  }
  check(Number(await row.locator('td.revenueEgp').getAttribute('data-value')) === Number(r.attribution.revenueEgp),
    'the list\'s revenue is the attributed revenue');
  check(await row.locator('td.status').getAttribute('data-value') === 'COMPLETED', 'the list shows the state');
  const ids = await demo.locator('#campaigns tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.campaignId));
  check(ids.indexOf(expected.slow) < ids.indexOf(expected.done), `newest first: ${ids}`);

  step = 'demo opens the completed campaign';
  await row.locator('a').click();
  await shownStatus(demo, 'COMPLETED');
  const figures = {
    audience: r.recipients, sent: r.sent, delivered: r.delivered, read: r.read, replied: r.initial.replied,
    failed: r.failed, optedOut: r.initial.optedOut, orders: r.attribution.orders, revenueEgp: r.attribution.revenueEgp,
  };
  for (const [key, want] of Object.entries(figures)) {
    const shown = await value(demo, `#figures [data-figure="${key}"]`);
    check(Number(shown) === Number(want), `${key} shows ${shown}, the results API says ${want}`);
  }
  for (const [key, want] of Object.entries(r.rates)) {
    if (await demo.locator(`#figures [data-rate="${key}"]`).count() === 0) continue;
    const shown = await value(demo, `#figures [data-rate="${key}"]`);
    check(Number(shown) === Number(want), `the ${key} rate shows ${shown}, the results API says ${want}`);
  }
  const readRate = await demo.locator('#figures [data-rate="read"]').textContent();
  check(readRate.startsWith((r.rates.read).toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 1 })),
    `the read rate reads "${readRate}"`);
  const funnel = await demo.locator('#funnelChart').getAttribute('data-values');
  check(funnel === [r.recipients, r.sent, r.delivered, r.read, r.initial.replied].join(','), `the funnel shows ${funnel}`);
  check(await demo.locator('#funnelChart canvas').count() > 0, 'the funnel is drawn');
  check(await demo.locator('#pause').isDisabled() && await demo.locator('#cancel').isDisabled()
    && await demo.locator('#start').isDisabled(), 'a completed campaign cannot be started, paused or cancelled');

  step = 'demo filters the recipients';
  await demo.waitForFunction((n) => document.querySelector('#recipientTotal').dataset.total === String(n),
    r.recipients, { timeout: STEP_TIMEOUT_MS });
  const names = await demo.locator('#recipients td.name').allTextContents();
  check(names.every((n) => /^Layla\d Mostafa$/.test(n)), `the recipients are named: ${names}`);
  const numbers = await demo.locator('#recipients td.customer').allTextContents();
  check(numbers.every((n) => n.includes(':***') && n.length < 25), `the numbers are masked: ${numbers}`);
  for (const [state, want] of [['read', r.read], ['failed', r.failed], ['replied', r.initial.replied], ['queued', 0]]) {
    await demo.selectOption('#recipientState', state);
    await demo.waitForFunction(([s, n]) => document.querySelector('#recipientTotal').dataset.total === String(n)
      && document.querySelectorAll('#recipients tbody tr[data-outcome]').length === n,
    [state, want], { timeout: STEP_TIMEOUT_MS });
  }
  await demo.selectOption('#recipientState', 'failed');
  await demo.waitForFunction(() => document.querySelectorAll('#recipients td.error').length === 1, null,
    { timeout: STEP_TIMEOUT_MS });
  const error = await demo.locator('#recipients td.error').textContent();
  check(error.includes('131049'), `the failed recipient shows Meta's error: ${error}`);
  await demo.selectOption('#recipientState', 'all');
  await demo.waitForFunction((n) => document.querySelectorAll('#recipients tbody tr[data-outcome]').length === n,
    r.recipients, { timeout: STEP_TIMEOUT_MS });
  await demo.screenshot({ path: join(screenshotDir, 'campaigns.png'), fullPage: true });
  log('figures, rates, funnel and recipients match the results API');

  step = 'a change without the CSRF token is refused';
  const forged = await demo.evaluate(async (id) => (await fetch(`/campaigns/api/campaigns/${id}/pause`,
    { method: 'POST' })).status, expected.slow);
  check(forged === 403, `a pause without the CSRF token answered ${forged}`);

  step = 'demo pauses, resumes and cancels the slow campaign';
  await demo.goto(`${baseUrl}/campaigns#/c/${expected.slow}`);
  // the test paused it through the API; the page resumes it, pauses it again, resumes it and cancels it
  await shownStatus(demo, 'PAUSED');
  check(await demo.locator('#pause').isDisabled(), 'a paused campaign cannot be paused');
  await demo.locator('#resume').click();
  await shownStatus(demo, 'SENDING');
  check(await serverStatus(demo, expected.slow) === 'SENDING', 'the engine sends again');
  check(await demo.locator('#resume').isDisabled(), 'a sending campaign cannot be resumed');
  await demo.locator('#pause').click();
  await shownStatus(demo, 'PAUSED');
  check(await serverStatus(demo, expected.slow) === 'PAUSED', 'the engine has it paused');
  check(await demo.locator('#pause').isDisabled(), 'a paused campaign cannot be paused again');
  await demo.locator('#resume').click();
  await shownStatus(demo, 'SENDING');
  check(await serverStatus(demo, expected.slow) === 'SENDING', 'the engine sends again');
  let asked = null;
  demo.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
  await demo.locator('#cancel').click();
  await demo.waitForFunction(() => true);
  check(asked && asked.includes('Slow weekend offer'), `the cancel asked first: ${asked}`);
  check(await serverStatus(demo, expected.slow) === 'SENDING', 'dismissing the question cancels nothing');
  demo.once('dialog', (d) => d.accept());
  await demo.locator('#cancel').click();
  await shownStatus(demo, 'CANCELLED');
  check(await serverStatus(demo, expected.slow) === 'CANCELLED', 'the engine has it cancelled');
  log('pause, resume and cancel from the page');

  step = 'demo creates a draft with a live audience preview';
  await demo.locator('#toNew').click();
  await waitReady(demo);
  await demo.locator('#newName').fill(expected.draftName);
  // the template list arrives after the form is shown
  await demo.waitForFunction(() => document.querySelectorAll('#newTemplate option').length > 0, null,
    { timeout: STEP_TIMEOUT_MS });
  const templates = await demo.locator('#newTemplate option').allTextContents();
  check(templates.includes('new_arrivals (en)'), `the marketing templates: ${templates}`);
  check(!templates.some((tpl) => tpl.startsWith('order_')), 'utility templates are not offered');
  await demo.selectOption('#newTemplate', { label: 'new_arrivals (en)' });
  await demo.locator('#newCities').fill(expected.city);
  await demo.waitForFunction(() => document.querySelector('#preview').dataset.reachable === '3', null,
    { timeout: STEP_TIMEOUT_MS });
  check(await demo.locator('#previewSample li').count() === 3, 'the preview lists a sample');
  // an audience nobody in which may get marketing is not started: the page says why
  await demo.locator('#newCities').fill('No Such City');
  await demo.waitForFunction(() => document.querySelector('#preview').dataset.reachable === '0', null,
    { timeout: STEP_TIMEOUT_MS });
  const listedBefore = (await (await demo.request.get(`${baseUrl}/campaigns/api/campaigns?size=100`)).json()).items.length;
  await demo.locator('input[name="when"][value="now"]').check();
  await demo.locator('#create').click();
  await demo.waitForFunction(() => !document.querySelector('#error').hidden, null, { timeout: STEP_TIMEOUT_MS });
  const nobody = await demo.locator('#error').textContent();
  check(nobody.includes('Nobody in this audience may get marketing'), `the refusal reads "${nobody}"`);
  const listedAfter = (await (await demo.request.get(`${baseUrl}/campaigns/api/campaigns?size=100`)).json()).items.length;
  check(listedAfter === listedBefore, `no campaign created for nobody (${listedBefore} then ${listedAfter})`);
  await demo.locator('#newCities').fill(expected.city);
  await demo.waitForFunction(() => document.querySelector('#preview').dataset.reachable === '3', null,
    { timeout: STEP_TIMEOUT_MS });
  await demo.locator('input[name="when"][value="draft"]').check();
  // an impatient owner double-clicks Create: one campaign
  await demo.locator('#create').dblclick();
  await shownStatus(demo, 'DRAFT');
  check((await demo.locator('#campaignName').textContent()) === expected.draftName, 'the new campaign opens');
  check(await demo.locator('#notice').isVisible(), 'the page says it was created');
  const named = (await (await demo.request.get(`${baseUrl}/campaigns/api/campaigns?size=100`)).json()).items
    .filter((c) => c.name === expected.draftName).length;
  check(named === 1, `a double click created ${named} campaigns`);
  check(!(await demo.locator('#start').isDisabled()), 'a draft can be started from the page');
  check(await demo.locator('#pause').isDisabled(), 'a draft cannot be paused');
  log('a draft created from the page');

  step = 'demo switches to Arabic';
  await demo.goto(`${baseUrl}/campaigns#/c/${expected.done}`);
  await shownStatus(demo, 'COMPLETED');
  await demo.locator('#lang').click();
  await demo.waitForFunction(() => document.documentElement.dir === 'rtl', null, { timeout: STEP_TIMEOUT_MS });
  const title = await demo.locator('h1').textContent();
  check(title === 'الحملات التسويقية', `the Arabic title reads ${title}`);
  check(await demo.evaluate(() => getComputedStyle(document.body).direction) === 'rtl', 'the body is right to left');
  const sent = await demo.locator('#figures [data-figure="sent"]').textContent();
  check(sent === Number(r.sent).toLocaleString('ar-EG') && /^[٠-٩]+$/.test(sent), `the Arabic sent figure reads "${sent}"`);
  check((await demo.locator('#campaignState').textContent()) === 'اكتملت', 'the state is in Arabic');
  const masked = await demo.locator('#recipients td.customer bdi').first()
    .evaluate((b) => b.dir + ':' + b.textContent.replace(/\u200E/g, ''));
  check(/^ltr:[٠-٩]+:\*\*\*[٠-٩]{3}$/.test(masked), `the masked number is isolated left to right: ${masked}`);
  // its two parts keep their order: the business number is drawn left of the masked customer's digits
  const [left, right] = await demo.locator('#recipients td.customer bdi').first().evaluate((b) => {
    const range = document.createRange();
    const text = b.firstChild;
    const at = (i) => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().left; };
    return [at(0), at(text.length - 1)];
  });
  check(left < right, `the masked number reads left to right (${left} < ${right})`);
  check(await demo.locator('#notice').isHidden(), 'the notice of the earlier creation is gone');
  await demo.screenshot({ path: join(screenshotDir, 'campaigns-ar.png'), fullPage: true });
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
      await currentPage.screenshot({ path: join(screenshotDir, 'campaigns-failure.png'), fullPage: true });
    } catch (inner) {
      console.error(`[e2e] (could not take a screenshot: ${inner.message})`);
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
