// End-to-end test of a handoff in Camunda Tasklist (/camunda/app/tasklist/), in Debian's Chromium driven by
// playwright-core.
//
//   node e2e/tasklist.spec.mjs <baseUrl> <waId> <agent> <otherAgent> <screenshotDir> [secondWaId] [customerText]
//
//   waId          the customer whose open handoff <agent> owns: <agent> answers it in the form and completes it
//   otherAgent    an agent of the same team, who then tries to take over <agent>'s handoff of <secondWaId>
//   secondWaId    a second customer whose handoff <agent> owns (default: any other open handoff <agent> owns)
//   customerText  the customer's message that the form's transcript must show
//                 (default: "I want to talk to a human please")
//
// Passwords are the user ids (the demo accounts' convention; the Java test seeds its agents the same way).
//
// 1. <agent> logs in, finds the handoff of <waId> in "My handoffs", opens it and checks the rendered Camunda Form:
//    the summary text, the customer context, the transcript with the customer's message, the suggested reply and
//    the three decisions. Edits the reply to "<suggestion> Your order ships tomorrow, ref E2E-<waId>." (printed as
//    a line "[e2e] REPLY <json string>"), keeps "Send and give the conversation back to the bot", clicks Complete.
// 2. <otherAgent> logs in, opens <agent>'s handoff of <secondWaId> in "All handoffs": no Claim button, the
//    assignee is <agent>, the form and its Complete button are disabled. He reassigns it to himself in the task
//    header (Tasklist's inline assignee field): refused, Tasklist shows the error, which names "belongs to <agent>".
//    Then the REST calls the UI makes for Claim and Complete, with his session: refused too ("already claimed",
//    "belongs to <agent>"). After a reload the handoff is still <agent>'s.
//
// Screenshots: <screenshotDir>/tasklist-*.png (one per step; tasklist-failure.png when a step fails).
// Exits 0 when every step passed, 1 on the first failure (the step, the reason, what the page showed), 2 on bad
// arguments.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STEP_TIMEOUT_MS = 30_000;
const ENGINE_API = '/camunda/api/engine/engine/default';
const HANDOFF_TASK = 'userTask_handoff';

const [baseArg, waId, agent, other, screenshotDir, secondWaIdArg, customerTextArg] = process.argv.slice(2);
if (!baseArg || !waId || !agent || !other || !screenshotDir) {
  console.error('usage: node tasklist.spec.mjs <baseUrl> <waId> <agent> <otherAgent> <screenshotDir> '
    + '[secondWaId] [customerText]');
  process.exit(2);
}
for (const [name, value] of [['waId', waId], ['secondWaId', secondWaIdArg]]) {
  if (value !== undefined && value !== '' && !/^\d{6,15}$/.test(value)) {
    console.error(`${name} must be 6 to 15 digits, got "${value}"`);
    process.exit(2);
  }
}
if (agent === other) {
  console.error(`agent and otherAgent must differ, both are "${agent}"`);
  process.exit(2);
}
const baseUrl = baseArg.replace(/\/+$/, '');
const customerText = customerTextArg || 'I want to talk to a human please';
const replyAddition = `Your order ships tomorrow, ref E2E-${waId}.`;

let step = 'launch Chromium';
let currentPage;
const log = (msg) => console.log(`[e2e] ${msg}`);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function shot(page, name) {
  const path = join(screenshotDir, `tasklist-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  log(`screenshot: ${path}`);
}

/** A fresh browser context (own cookies, own localStorage: no form state saved by an earlier run). */
async function newPage(browser, user) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1500 }, locale: 'en-US' });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  currentPage = page;
  log(`${user}: new browser context`);
  return page;
}

/** Logs in on Tasklist's login page and waits until Angular has rendered the filters. */
async function login(page, user) {
  step = `${user} logs in`;
  const response = await page.goto(`${baseUrl}/camunda/app/tasklist/`, { waitUntil: 'domcontentloaded' });
  check(response && response.ok(), `GET ${baseUrl}/camunda/app/tasklist/ answered ${response && response.status()}`);
  const username = page.locator('form[name="signinForm"] input[ng-model="username"]');
  await username.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await username.fill(user);
  await page.locator('form[name="signinForm"] input[ng-model="password"]').fill(user);
  const [loginResponse] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/auth/user/') && r.url().includes('/login/')
      && r.request().method() === 'POST', { timeout: STEP_TIMEOUT_MS }),
    page.locator('form[name="signinForm"] button[type="submit"]').click(),
  ]);
  check(loginResponse.ok(), `the login of ${user} answered ${loginResponse.status()} (wrong password, or no `
    + `access to Tasklist?)`);
  // Angular renders the filters once the session is there; the first one is focused
  await page.locator('.task-filter h4.name a').first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  log(`${user} logged in`);
}

/** GET on the engine REST API that Tasklist uses, with the page's session. */
async function engineGet(page, path) {
  return page.evaluate(async (url) => {
    const r = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    return { status: r.status, body: await r.text() };
  }, `${ENGINE_API}${path}`);
}

/** POST on the engine REST API as Tasklist does it: the session cookie and the CSRF token header. */
async function enginePost(page, path, body) {
  return page.evaluate(async ({ url, body }) => {
    const token = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (token) headers['X-XSRF-TOKEN'] = decodeURIComponent(token.substring('XSRF-TOKEN='.length));
    const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
    return { status: r.status, body: await r.text() };
  }, { url: `${ENGINE_API}${path}`, body });
}

/** The open handoff task of a customer, as the logged-in user may see it. */
async function handoffOf(page, customer) {
  const query = `/task?taskDefinitionKey=${HANDOFF_TASK}&processInstanceBusinessKeyLike=${encodeURIComponent('%:' + customer)}`;
  const { status, body } = await engineGet(page, query);
  check(status === 200, `GET ${ENGINE_API}${query} answered ${status}: ${body}`);
  const tasks = JSON.parse(body);
  check(tasks.length === 1, `expected one open handoff of customer ${customer}, the engine lists ${tasks.length}`);
  return tasks[0];
}

/** Focuses a filter in the left column by its name and waits for its task list. */
async function openFilter(page, name) {
  await page.locator('.task-filter h4.name a', { hasText: name }).first().click();
  await page.locator('.task-filter.active h4.name a', { hasText: name })
    .waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
}

/** Waits for the task's link in the list (filters refresh themselves; a reload helps a stale list). */
async function taskLink(page, taskId, filter) {
  const link = page.locator(`ol.tasks-list li.task h4.task a[href*="task=${taskId}"]`);
  try {
    await link.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS / 2 });
  } catch (e) {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await openFilter(page, filter);
    await link.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  }
  return link;
}

/** Opens a task from the list and waits until form-js has rendered the Camunda Form with its variables. */
async function openTask(page, taskId, filter) {
  await openFilter(page, filter);
  const link = await taskLink(page, taskId, filter);
  await link.click();
  await page.waitForURL((url) => url.href.includes(`task=${taskId}`), { timeout: STEP_TIMEOUT_MS });
  const form = page.locator('[cam-tasklist-form-camunda] form.fjs-form');
  await form.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  // the variables are imported with the schema: wait until the reply field has its suggestion
  await page.waitForFunction(() => {
    const reply = document.querySelector('[cam-tasklist-form-camunda] textarea[id$="-textarea_reply"]');
    return reply && reply.value.trim().length > 0;
  }, null, { timeout: STEP_TIMEOUT_MS, polling: 100 });
  return form;
}

/** What the rendered handoff form shows. */
async function readForm(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[cam-tasklist-form-camunda]');
    const field = (id) => root.querySelector(`textarea[id$="-${id}"]`);
    const textarea = (id) => {
      const el = field(id);
      return el && { value: el.value, disabled: el.disabled, label: root.querySelector(`label[for="${el.id}"]`)?.textContent };
    };
    return {
      summary: root.querySelector('.fjs-form-field-text')?.innerText ?? null,
      context: textarea('textarea_context'),
      transcript: textarea('textarea_transcript'),
      reply: textarea('textarea_reply'),
      decisions: [...root.querySelectorAll('.fjs-form-field-radio input[type="radio"]')].map((input) => ({
        label: input.closest('label').textContent.trim(), checked: input.checked, disabled: input.disabled,
      })),
    };
  });
}

/** The texts of Tasklist's notifications (bottom of the page). */
async function notifications(page) {
  return page.locator('.page-notifications .notifications .alert').allInnerTexts();
}

async function run(browser) {
  // ---- 1. the owner answers the handoff of <waId> ----
  let page = await newPage(browser, agent);
  await login(page, agent);

  step = `${agent} finds the handoff of ${waId}`;
  const task = await handoffOf(page, waId);
  check(task.assignee === agent, `the handoff of ${waId} (task ${task.id}) is assigned to ${task.assignee}, not ${agent}`);
  log(`handoff of ${waId}: task ${task.id} "${task.name}", assignee ${task.assignee}`);

  step = `${agent} opens the handoff from "My handoffs"`;
  await openFilter(page, 'My handoffs');
  await taskLink(page, task.id, 'My handoffs');
  await shot(page, `1-${agent}-my-handoffs`);
  await openTask(page, task.id, 'My handoffs');
  const form = await readForm(page);
  log(`form: summary=${JSON.stringify(form.summary)}`);
  log(`form: context=${JSON.stringify(form.context)}`);
  log(`form: transcript=${JSON.stringify(form.transcript)}`);
  log(`form: reply=${JSON.stringify(form.reply)}`);
  log(`form: decisions=${JSON.stringify(form.decisions)}`);
  await shot(page, `2-${agent}-form`);

  step = `${agent} reads the rendered form`;
  check(form.summary && /needs a person/.test(form.summary) && !/\{\{|\}\}/.test(form.summary),
    `the summary text is not rendered with its variables: ${JSON.stringify(form.summary)}`);
  check(form.context && form.context.value.includes(`+${waId}`),
    `the customer context does not show +${waId}: ${JSON.stringify(form.context)}`);
  check(form.context.disabled, 'the customer context should be read-only (disabled)');
  check(form.transcript && form.transcript.value.includes(customerText),
    `the transcript does not show the customer's message "${customerText}": ${JSON.stringify(form.transcript)}`);
  check(form.transcript.disabled, 'the transcript should be read-only (disabled)');
  check(form.reply && !form.reply.disabled && form.reply.value.trim().length > 0,
    `the reply field should be editable and prefilled with a suggestion: ${JSON.stringify(form.reply)}`);
  const expectedDecisions = [/keep the conversation/i, /back to the bot/i, /close the conversation/i];
  check(form.decisions.length === 3 && expectedDecisions.every((re, i) => re.test(form.decisions[i].label)),
    `expected the three decisions keep / back to the bot / close, found ${JSON.stringify(form.decisions)}`);
  check(form.decisions.filter((d) => d.checked).length === 1 && form.decisions[1].checked,
    `"Send and give the conversation back to the bot" should be preselected: ${JSON.stringify(form.decisions)}`);

  step = `${agent} edits the reply and completes`;
  const reply = `${form.reply.value.trim()} ${replyAddition}`;
  const replyField = page.locator('[cam-tasklist-form-camunda] textarea[id$="-textarea_reply"]');
  await replyField.fill(reply);
  check((await replyField.inputValue()) === reply, 'the edited reply did not stick in the field');
  await page.locator('[cam-tasklist-form-camunda] .fjs-form-field-radio label', { hasText: 'back to the bot' }).click();
  log(`REPLY ${JSON.stringify(reply)}`);
  const complete = page.locator('.form-actions button.btn-primary', { hasText: 'Complete' });
  await complete.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  check(await complete.isEnabled(), 'the Complete button is disabled for the owner');
  const [submitted] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/task/${task.id}/submit-form`) && r.request().method() === 'POST',
      { timeout: STEP_TIMEOUT_MS }),
    complete.click(),
  ]);
  const submittedBody = await submitted.text();
  check(submitted.status() < 300, `completing the handoff answered ${submitted.status()}: ${submittedBody}`);
  const sent = submitted.request().postDataJSON();
  log(`submit-form ${submitted.status()} with variables ${Object.keys(sent.variables || {}).join(', ')}`);
  check(sent.variables?.agentReply?.value === reply,
    `the form submitted agentReply=${JSON.stringify(sent.variables?.agentReply)}, expected ${JSON.stringify(reply)}`);
  check(sent.variables?.agentDecision?.value === 'send_return',
    `the form submitted agentDecision=${JSON.stringify(sent.variables?.agentDecision)}`);
  // the completed task leaves the list
  await page.locator(`ol.tasks-list a[href*="task=${task.id}"]`).waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
  const afterComplete = await notifications(page);
  check(!afterComplete.some((n) => /error/i.test(n)), `Tasklist shows an error after Complete: ${afterComplete.join(' / ')}`);
  await shot(page, `3-${agent}-completed`);
  log(`${agent} completed task ${task.id}`);
  check(page.errors.length === 0, `the page reported errors: ${page.errors.join(' / ')}`);
  await page.context().close();

  // ---- 2. the other agent cannot take over the owner's second handoff ----
  page = await newPage(browser, other);
  await login(page, other);

  step = `${other} finds ${agent}'s second handoff`;
  let second;
  if (secondWaIdArg) {
    second = await handoffOf(page, secondWaIdArg);
  } else {
    const { status, body } = await engineGet(page, `/task?taskDefinitionKey=${HANDOFF_TASK}&assignee=${agent}`);
    check(status === 200, `listing ${agent}'s handoffs answered ${status}: ${body}`);
    second = JSON.parse(body)[0];
    check(second, `${other} sees no open handoff of ${agent}: create a second one for ${agent} first`);
  }
  check(second.assignee === agent, `the second handoff ${second.id} is assigned to ${second.assignee}, not ${agent}`);
  log(`${agent}'s second handoff: task ${second.id} "${second.name}"`);

  step = `${other} opens ${agent}'s handoff from "All handoffs"`;
  await openTask(page, second.id, 'All handoffs');
  const assigneeText = (await page.locator('li.assignee').first().innerText()).trim();
  log(`${other} sees assignee "${assigneeText}"; claim buttons: ${await page.locator('button.claim').count()}`);
  check(await page.locator('button.claim').count() === 0, `Tasklist offers ${other} to claim ${agent}'s handoff`);
  check(assigneeText.toLowerCase().includes(agent.toLowerCase()),
    `the task header should show ${agent} as the assignee, shows "${assigneeText}"`);
  check(await page.locator('[cam-tasklist-form] .disabled-form').count() === 1,
    `the form of ${agent}'s handoff should be disabled for ${other}`);
  const otherComplete = page.locator('.form-actions button.btn-primary', { hasText: 'Complete' });
  check(await otherComplete.isDisabled(), `the Complete button of ${agent}'s handoff is enabled for ${other}`);
  await shot(page, `4-${other}-sees-${agent}s-handoff`);

  step = `${other} reassigns ${agent}'s handoff to himself in the task header`;
  await page.locator('li.assignee [cam-widget-inline-field] .view-value').click();
  const assigneeInput = page.locator('li.assignee [cam-widget-inline-field] input[type="text"]');
  await assigneeInput.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await assigneeInput.fill(other);
  const [reassign] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/task/${second.id}/assignee`) && r.request().method() === 'POST',
      { timeout: STEP_TIMEOUT_MS }),
    assigneeInput.press('Enter'),
  ]);
  const reassignBody = await reassign.text();
  log(`reassignment answered ${reassign.status()}: ${reassignBody}`);
  check(reassign.status() >= 400, `${other}'s reassignment of ${agent}'s handoff was accepted (${reassign.status()})`);
  check(reassignBody.includes(`belongs to ${agent}`), `the refusal does not say "belongs to ${agent}": ${reassignBody}`);
  const shown = page.locator('.page-notifications .notifications .alert', { hasText: `belongs to ${agent}` });
  await shown.first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  log(`Tasklist shows: ${JSON.stringify((await shown.first().innerText()).trim())}`);
  await shot(page, `5-${other}-reassign-refused`);

  step = `${other} claims and completes ${agent}'s handoff through the REST calls of Tasklist`;
  const claim = await enginePost(page, `/task/${second.id}/claim`, { userId: other });
  log(`claim answered ${claim.status}: ${claim.body}`);
  check(claim.status >= 400 && /already claimed|belongs to/.test(claim.body),
    `${other}'s claim of ${agent}'s handoff: expected a refusal, got ${claim.status} ${claim.body}`);
  const forced = await enginePost(page, `/task/${second.id}/submit-form`, {
    variables: { agentReply: { value: `${other} took this over` }, agentDecision: { value: 'close' } },
  });
  log(`submit-form answered ${forced.status}: ${forced.body}`);
  check(forced.status >= 400, `${other}'s completion of ${agent}'s handoff was accepted (${forced.status})`);
  check(forced.body.includes(`belongs to ${agent}`), `the refusal does not say "belongs to ${agent}": ${forced.body}`);

  step = `${agent}'s handoff is still ${agent}'s after a reload`;
  const current = await engineGet(page, `/task/${second.id}`);
  check(current.status === 200, `GET ${ENGINE_API}/task/${second.id} answered ${current.status}: ${current.body}`);
  const after = JSON.parse(current.body);
  check(after.assignee === agent,
    `after ${other}'s attempts the handoff ${second.id} is assigned to ${after.assignee}`);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await openTask(page, second.id, 'All handoffs');
  const assigneeAfter = (await page.locator('li.assignee').first().innerText()).trim();
  check(assigneeAfter.toLowerCase().includes(agent.toLowerCase()),
    `after a reload the task header shows "${assigneeAfter}" as the assignee`);
  await shot(page, `6-${other}-after-reload`);
  check(page.errors.length === 0, `the page reported errors: ${page.errors.join(' / ')}`);
  await page.context().close();
  log(`PASSED: ${agent} answered ${waId} in Tasklist; ${other} could not take over ${agent}'s handoff ${second.id}`);
}

mkdirSync(screenshotDir, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
  .catch((e) => {
    console.error(`[e2e] FAILED: cannot launch ${CHROMIUM}: ${e.message}`);
    console.error('[e2e] install it with: apt-get install -y chromium');
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
      const shownNow = await notifications(currentPage);
      if (shownNow.length) console.error(`[e2e] Tasklist notifications: ${shownNow.join(' / ')}`);
    } catch (inner) {
      console.error(`[e2e] (could not read Tasklist's notifications: ${inner.message})`);
    }
    try {
      await shot(currentPage, 'failure');
    } catch (inner) {
      console.error(`[e2e] (could not take a screenshot: ${inner.message})`);
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
