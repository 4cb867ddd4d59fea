// End-to-end test of a handoff in Camunda Tasklist (/camunda/app/tasklist/), in Debian's Chromium driven by
// playwright-core.
//
//   node e2e/tasklist.spec.mjs <baseUrl> <waId> <agent> <otherAgent> <screenshotDir> <secondWaId> <customerText>
//                              <ownerName> <followUpText> <password> [<smartInfo>]
//
//   waId          the customer whose open handoff <agent> owns: <agent> answers it in the form and completes it
//   otherAgent    an agent of the same team, who then tries to take over <agent>'s handoff of <secondWaId>
//   secondWaId    a second customer whose handoff <agent> owns
//   customerText  the customer's message that the form's transcript must show
//   ownerName     <agent>'s full name in Camunda (first and last name), which everyone must see
//   followUpText  a message the customer writes while <agent> works: the test's Java side posts it (a signed
//                 webhook) as soon as <agent>'s first reply has reached WhatsApp; the open form must show it
//   password      both agents' password (cloud mode's password policy rules out the demo convention of the user id)
//   smartInfo     optional: texts the form's Smart Info must show for <waId>, separated by '|' (e.g. the returning
//                 demo customer's "2|ORD-12002"; the first is the orders count)
//
// 1. <agent> logs in. "My handoffs" lists the handoff of <waId> with the filter's variable columns (Customer,
//    Intent, Why, Owner = <ownerName>); the Java side moved it to <otherAgent> and back before. She opens it: the
//    embedded form (forms/handoff.html) shows the summary, "Handed over" with both moves,
//    the customer context, Smart Info (orders, total spend, last order, open payments, bookings, tags), the
//    transcript with <customerText> and the customer's earlier photo as a preview, the owner, and the suggested
//    reply.
// 2. She sends two replies with the form's Send button without leaving the task (printed as lines
//    "[e2e] REPLY1 <json string>" and "[e2e] REPLY2 <json string>"): the first is "<suggestion> Your order ships
//    tomorrow, ref E2E-<waId>.", then she waits until <followUpText> appears in the open form, then sends the
//    second. Both appear in the transcript; the task stays open and in her list.
//    She says what the customer wanted: the form shows the message that handed over (<customerText>) and the
//    persona's reading ("Asked for a person"); she chooses "Asked for a person" in "What did the customer want?",
//    the form saves it at once (printed as "[e2e] CORRECTION <intent> <taskId>") and says "Saved".
// 3. She keeps "Give the conversation back to the bot", leaves the reply box empty and clicks Complete.
// 4. <otherAgent> logs in. "All handoffs" shows <agent>'s second handoff with Owner = <ownerName>. He opens it:
//    no Claim button, the form names <ownerName> as the owner, its Send button is disabled and it offers him no
//    "What did the customer want?". He reassigns it
//    to himself in the task header: 403 (not 500), and Tasklist shows the sentence naming <ownerName>. The
//    REST calls the UI makes for Claim and Complete, with his session: 403 with the same sentence. After a
//    reload the handoff is still <agent>'s.
// 5. <agent> opens that second handoff again and writes a draft; the conversation is given back to the bot from
//    the inbox meanwhile: her open form says the handoff has ended, keeps her draft and disables Send.
//
// Screenshots: <screenshotDir>/tasklist-*.png (one per step; tasklist-failure.png when a step fails).
// Exits 0 when every step passed, 1 on the first failure (the step, the reason, what the page showed), 2 on bad
// arguments.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { submitCamundaLogin } from './camunda-login.mjs';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STEP_TIMEOUT_MS = 30_000;
const ENGINE_API = '/camunda/api/engine/engine/default';
const HANDOFF_TASK = 'userTask_handoff';

const [baseArg, waId, agent, other, screenshotDir, secondWaId, customerText, ownerName, followUpText, password,
  smartInfoArg] = process.argv.slice(2);
if (!baseArg || !waId || !agent || !other || !screenshotDir || !secondWaId || !customerText || !ownerName
  || !followUpText || !password) {
  console.error('usage: node tasklist.spec.mjs <baseUrl> <waId> <agent> <otherAgent> <screenshotDir> '
    + '<secondWaId> <customerText> <ownerName> <followUpText> <password>');
  process.exit(2);
}
for (const [name, value] of [['waId', waId], ['secondWaId', secondWaId]]) {
  if (!/^\d{6,15}$/.test(value)) {
    console.error(`${name} must be 6 to 15 digits, got "${value}"`);
    process.exit(2);
  }
}
if (agent === other) {
  console.error(`agent and otherAgent must differ, both are "${agent}"`);
  process.exit(2);
}
const baseUrl = baseArg.replace(/\/+$/, '');
const replyAddition = `Your order ships tomorrow, ref E2E-${waId}.`;
const secondReply = `Second message for E2E-${waId}: delivery to Giza is free.`;
const belongsTo = `This handoff belongs to ${ownerName} (${agent})`;

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
  const loginResponse = await submitCamundaLogin(page, user, password, STEP_TIMEOUT_MS);
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

/** Opens a task from the list and waits until the embedded form has loaded its conversation. */
async function openTask(page, taskId, filter) {
  await openFilter(page, filter);
  const link = await taskLink(page, taskId, filter);
  await link.click();
  await page.waitForURL((url) => url.href.includes(`task=${taskId}`), { timeout: STEP_TIMEOUT_MS });
  const form = page.locator('[cam-tasklist-form-embedded] form.wasla-handoff');
  await form.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  // the form's script fetched the conversation from Wasla: the transcript has lines
  await form.locator('.wasla-transcript .wasla-line').first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  return form;
}

/** What the embedded handoff form shows. */
async function readForm(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[cam-tasklist-form-embedded] form.wasla-handoff');
    const text = (selector) => root.querySelector(selector)?.textContent ?? null;
    return {
      title: text('.wasla-title'),
      reason: text('.wasla-reason'),
      owner: text('.wasla-owner-name'),
      context: text('.wasla-context'),
      smart: Object.fromEntries([...root.querySelectorAll('.wasla-smart tr')].map((row) => [
        row.querySelector('th').textContent.trim(), row.querySelector('td').textContent.trim()])),
      transcript: [...root.querySelectorAll('.wasla-transcript .wasla-line')].map((l) => l.textContent),
      reply: root.querySelector('.wasla-reply').value,
      sendDisabled: root.querySelector('.wasla-send').disabled,
      decisions: [...root.querySelectorAll('.wasla-decision option')].map((o) => ({ value: o.value, label: o.textContent,
        selected: o.selected })),
      learnShown: !root.querySelector('.wasla-learn').hidden,
      turn: text('.wasla-turn'),
      historyShown: !root.querySelector('.wasla-history').hidden,
      history: [...root.querySelectorAll('.wasla-history-list li')].map((l) => l.textContent),
      readAs: text('.wasla-read-as'),
    };
  });
}

/** The text of the task's entry in the task list (its name and the filter's variable columns). */
async function listEntry(page, taskId) {
  return (await page.locator('ol.tasks-list li.task', { has: page.locator(`a[href*="task=${taskId}"]`) })
    .first().innerText()).replace(/\s+/g, ' ');
}

/** Types a reply into the open form and sends it with Send; waits until the transcript shows it. */
async function sendReply(page, text) {
  const form = page.locator('[cam-tasklist-form-embedded] form.wasla-handoff');
  await form.locator('.wasla-reply').fill(text);
  const [posted] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/handoff/tasks/') && r.url().endsWith('/messages')
      && r.request().method() === 'POST', { timeout: STEP_TIMEOUT_MS }),
    form.locator('.wasla-send').click(),
  ]);
  const body = await posted.text();
  check(posted.status() === 200, `Send answered ${posted.status()}: ${body}`);
  await form.locator('.wasla-transcript .wasla-line.out', { hasText: text }).first()
    .waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  check((await form.locator('.wasla-reply').inputValue()) === '', 'the reply box was not emptied after Send');
  check(/Sent/.test(await form.locator('.wasla-status').innerText()), 'the form does not say "Sent"');
}

/** The texts of Tasklist's notifications (bottom of the page). */
async function notifications(page) {
  return page.locator('.page-notifications .notifications .alert').allInnerTexts();
}

async function run(browser) {
  // ---- 1. the owner opens the handoff of <waId> ----
  let page = await newPage(browser, agent);
  await login(page, agent);

  step = `${agent} finds the handoff of ${waId}`;
  const task = await handoffOf(page, waId);
  check(task.assignee === agent, `the handoff of ${waId} (task ${task.id}) is assigned to ${task.assignee}, not ${agent}`);
  log(`handoff of ${waId}: task ${task.id} "${task.name}", assignee ${task.assignee}`);

  step = `${agent} sees the filter's variable columns in "My handoffs"`;
  await openFilter(page, 'My handoffs');
  await taskLink(page, task.id, 'My handoffs');
  const entry = await listEntry(page, task.id);
  log(`list entry: ${JSON.stringify(entry)}`);
  for (const expected of ['Customer', 'Why', 'customer asked for a human', 'Owner', ownerName]) {
    check(entry.includes(expected), `the task list entry does not show "${expected}": ${JSON.stringify(entry)}`);
  }
  await shot(page, `1-${agent}-my-handoffs`);

  step = `${agent} opens the handoff and reads the form`;
  await openTask(page, task.id, 'My handoffs');
  const form = await readForm(page);
  log(`form: ${JSON.stringify(form)}`);
  await shot(page, `2-${agent}-form`);
  check(form.title && /needs a person/.test(form.title), `the form's title is ${JSON.stringify(form.title)}`);
  check(form.reason === 'customer asked for a human', `the form's reason is ${JSON.stringify(form.reason)}`);
  check(form.owner === `${ownerName} (${agent})`, `the form names the owner ${JSON.stringify(form.owner)}`);
  // the handoff was moved to her colleague and back before she opened it: the form says so
  // (both moves happened within a millisecond or so: their order is not checked)
  check(form.historyShown && form.history.length === 2
    && form.history.some((h) => h.includes('Handed over from ') && h.includes(` to ${ownerName} (${agent}): `)),
  `the form's "Handed over" does not show the moves back to ${agent}: ${JSON.stringify(form.history)}`);
  check(form.context && form.context.includes(`+${waId}`), `the customer context does not show +${waId}: ${JSON.stringify(form.context)}`);
  for (const row of ['Orders', 'Total spend', 'Last order', 'Open payments', 'Bookings', 'Tags']) {
    check(form.smart[row] && form.smart[row] !== '…', `Smart Info does not show "${row}": ${JSON.stringify(form.smart)}`);
  }
  if (smartInfoArg) {
    const [orders, ...texts] = smartInfoArg.split('|');
    check(form.smart.Orders === orders, `Smart Info shows ${JSON.stringify(form.smart.Orders)} orders, not ${orders}`);
    for (const expected of texts) {
      check(Object.values(form.smart).some((v) => v.includes(expected)),
        `Smart Info does not show "${expected}": ${JSON.stringify(form.smart)}`);
    }
  }
  check(form.transcript.some((l) => l.includes(customerText)),
    `the transcript does not show the customer's message "${customerText}": ${JSON.stringify(form.transcript)}`);
  // the customer's photo: a preview in the transcript, loaded from Wasla with the agent's session
  await page.waitForFunction(() => {
    const img = document.querySelector('[cam-tasklist-form-embedded] .wasla-transcript .wasla-media img.wasla-preview');
    return img && img.complete && img.naturalWidth > 0;
  }, null, { timeout: STEP_TIMEOUT_MS, polling: 200 }).catch(() => {
    throw new Error('the form does not show the customer\'s photo as a preview');
  });
  log('the form shows the customer\'s photo as a preview');
  check(form.reply.trim().length > 0, 'the reply box should be prefilled with a suggestion');
  check(!form.sendDisabled, 'the Send button is disabled for the owner');
  check(form.decisions.length === 2 && form.decisions[0].value === 'send_return' && form.decisions[0].selected
    && form.decisions[1].value === 'close',
  `expected the decisions back-to-the-bot (selected) and close: ${JSON.stringify(form.decisions)}`);

  // ---- 2. two replies without leaving the task; the customer writes in between ----
  step = `${agent} sends her first reply with Send`;
  const reply1 = `${form.reply.trim()} ${replyAddition}`;
  log(`REPLY1 ${JSON.stringify(reply1)}`);
  await sendReply(page, reply1);
  check(page.url().includes(`task=${task.id}`), 'Send left the task');
  step = `${agent}'s reply is labelled with her first name`;
  const replyMeta = await page.locator('[cam-tasklist-form-embedded] .wasla-transcript .wasla-line.out', { hasText: reply1 })
    .first().locator('.wasla-meta').innerText();
  check(replyMeta.startsWith(`👤 ${ownerName.split(' ')[0]} · `), `her reply's label is "${replyMeta}"`);
  await shot(page, `3-${agent}-first-reply-sent`);

  step = `${agent} sees the customer's new message "${followUpText}" appear in the open form`;
  await page.locator('[cam-tasklist-form-embedded] .wasla-transcript .wasla-line.in', { hasText: followUpText })
    .first().waitFor({ state: 'visible', timeout: 60_000 });
  log(`the customer's "${followUpText}" appeared in the open form`);

  step = `${agent} sends her second reply with Send`;
  log(`REPLY2 ${JSON.stringify(secondReply)}`);
  await sendReply(page, secondReply);
  const still = await engineGet(page, `/task/${task.id}`);
  check(still.status === 200 && JSON.parse(still.body).assignee === agent,
    `after two replies the task should still be open and ${agent}'s: ${still.status} ${still.body}`);
  const lines = (await readForm(page)).transcript;
  const order = [customerText, reply1, followUpText, secondReply].map((t) => lines.findIndex((l) => l.includes(t)));
  check(order.every((i, n) => i >= 0 && (n === 0 || i > order[n - 1])),
    `the transcript should show the messages in order, found positions ${order}: ${JSON.stringify(lines)}`);
  await shot(page, `4-${agent}-second-reply-sent`);

  step = `${agent} says what the customer wanted`;
  const learning = await readForm(page);
  check(learning.learnShown, 'the owner is not asked "What did the customer want?"');
  check(learning.turn === customerText, `the form shows the message that handed over as ${JSON.stringify(learning.turn)}`);
  check(learning.readAs === 'Asked for a person', `the form shows the persona's reading as ${JSON.stringify(learning.readAs)}`);
  const wanted = page.locator('[cam-tasklist-form-embedded] .wasla-wanted');
  const [corrected] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/handoff/tasks/${task.id}/correction`)
      && r.request().method() === 'POST', { timeout: STEP_TIMEOUT_MS }),
    wanted.selectOption({ label: 'Asked for a person' }),
  ]);
  const correctedBody = await corrected.text();
  check(corrected.status() === 200, `saving what the customer wanted answered ${corrected.status()}: ${correctedBody}`);
  await page.locator('[cam-tasklist-form-embedded] .wasla-learn-status', { hasText: 'Saved' })
    .waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  log(`CORRECTION ${JSON.parse(correctedBody).choice.intent} ${task.id}`);
  await shot(page, `4b-${agent}-what-the-customer-wanted`);

  // ---- 3. complete: back to the bot, no last message ----
  step = `${agent} completes with "Give the conversation back to the bot"`;
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
  log(`submit-form ${submitted.status()} with variables ${JSON.stringify(sent.variables || {})}`);
  check((sent.variables?.agentReply?.value ?? '') === '',
    `the reply box was empty, but the form submitted agentReply=${JSON.stringify(sent.variables?.agentReply)}`);
  check((sent.variables?.agentDecision?.value ?? 'send_return') === 'send_return',
    `the form submitted agentDecision=${JSON.stringify(sent.variables?.agentDecision)}`);
  check(Object.keys(sent.variables || {}).every((name) => ['agentReply', 'agentDecision'].includes(name)),
    `the form submitted more than the reply and the decision: ${Object.keys(sent.variables || {})}`);
  await page.locator(`ol.tasks-list a[href*="task=${task.id}"]`).waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
  const afterComplete = await notifications(page);
  check(!afterComplete.some((n) => /error/i.test(n)), `Tasklist shows an error after Complete: ${afterComplete.join(' / ')}`);
  await shot(page, `5-${agent}-completed`);
  log(`${agent} completed task ${task.id}`);
  check(page.errors.length === 0, `the page reported errors: ${page.errors.join(' / ')}`);
  await page.context().close();

  // ---- 4. the other agent cannot take over the owner's second handoff ----
  page = await newPage(browser, other);
  await login(page, other);

  step = `${other} finds ${agent}'s second handoff in "All handoffs", with its owner`;
  const second = await handoffOf(page, secondWaId);
  check(second.assignee === agent, `the second handoff ${second.id} is assigned to ${second.assignee}, not ${agent}`);
  log(`${agent}'s second handoff: task ${second.id} "${second.name}"`);
  await openFilter(page, 'All handoffs');
  await taskLink(page, second.id, 'All handoffs');
  const otherEntry = await listEntry(page, second.id);
  log(`${other}'s list entry: ${JSON.stringify(otherEntry)}`);
  check(otherEntry.includes('Owner') && otherEntry.includes(ownerName),
    `${other}'s task list does not show the owner ${ownerName}: ${JSON.stringify(otherEntry)}`);

  step = `${other} opens ${agent}'s handoff`;
  await openTask(page, second.id, 'All handoffs');
  const otherForm = await readForm(page);
  log(`${other} sees owner ${JSON.stringify(otherForm.owner)}, send disabled: ${otherForm.sendDisabled}; claim buttons: `
    + `${await page.locator('button.claim').count()}`);
  check(await page.locator('button.claim').count() === 0, `Tasklist offers ${other} to claim ${agent}'s handoff`);
  check(otherForm.owner === `${ownerName} (${agent})`, `the form shows the owner ${JSON.stringify(otherForm.owner)}`);
  check(otherForm.sendDisabled, `the Send button of ${agent}'s handoff is enabled for ${other}`);
  check(!otherForm.learnShown, `${other} is asked what the customer of ${agent}'s handoff wanted`);
  check(await page.locator('[cam-tasklist-form] .disabled-form').count() === 1,
    `the form of ${agent}'s handoff should be disabled for ${other}`);
  const otherComplete = page.locator('.form-actions button.btn-primary', { hasText: 'Complete' });
  check(await otherComplete.isDisabled(), `the Complete button of ${agent}'s handoff is enabled for ${other}`);
  await shot(page, `6-${other}-sees-${agent}s-handoff`);

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
  check(reassign.status() === 403, `${other}'s reassignment of ${agent}'s handoff answered ${reassign.status()}, not 403`);
  check(reassignBody.includes(belongsTo), `the refusal does not say "${belongsTo}": ${reassignBody}`);
  const shown = page.locator('.page-notifications .notifications .alert', { hasText: belongsTo });
  await shown.first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  log(`Tasklist shows: ${JSON.stringify((await notifications(page)).map((n) => n.trim()))}`);
  await shot(page, `7-${other}-reassign-refused`);

  step = `${other} claims and completes ${agent}'s handoff through the REST calls of Tasklist`;
  const claim = await enginePost(page, `/task/${second.id}/claim`, { userId: other });
  log(`claim answered ${claim.status}: ${claim.body}`);
  check(claim.status === 403 && claim.body.includes(belongsTo),
    `${other}'s claim of ${agent}'s handoff: expected 403 "${belongsTo}", got ${claim.status} ${claim.body}`);
  const forced = await enginePost(page, `/task/${second.id}/submit-form`, {
    variables: { agentReply: { value: `${other} took this over` }, agentDecision: { value: 'close' } },
  });
  log(`submit-form answered ${forced.status}: ${forced.body}`);
  check(forced.status === 403 && forced.body.includes(belongsTo),
    `${other}'s completion of ${agent}'s handoff: expected 403 "${belongsTo}", got ${forced.status} ${forced.body}`);

  step = `${agent}'s handoff is still ${agent}'s after a reload`;
  const current = await engineGet(page, `/task/${second.id}`);
  check(current.status === 200, `GET ${ENGINE_API}/task/${second.id} answered ${current.status}: ${current.body}`);
  const after = JSON.parse(current.body);
  check(after.assignee === agent,
    `after ${other}'s attempts the handoff ${second.id} is assigned to ${after.assignee}`);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await openTask(page, second.id, 'All handoffs');
  const assigneeAfter = (await page.locator('li.assignee').first().innerText()).trim();
  check(assigneeAfter.toLowerCase().includes(agent.toLowerCase()) || assigneeAfter.includes(ownerName),
    `after a reload the task header shows "${assigneeAfter}" as the assignee`);
  await shot(page, `8-${other}-after-reload`);
  check(page.errors.length === 0, `the page reported errors: ${page.errors.join(' / ')}`);
  await page.context().close();

  step = `${agent} is told in her open form that her handoff ended, and keeps what she wrote`;
  const mine = await newPage(browser, agent);
  await login(mine, agent);
  const open = await openTask(mine, second.id, 'All handoffs');
  const draft = `A draft for ${secondWaId} that must not be lost`;
  await open.locator('.wasla-reply').fill(draft);
  // she gives the conversation back to the bot from the inbox (as a supervisor could do meanwhile)
  const givenBack = await mine.evaluate(async (waId) => {
    const token = (await (await fetch('/inbox/api/csrf', { credentials: 'same-origin' })).json()).csrfToken;
    const list = await (await fetch('/inbox/api/conversations', { credentials: 'same-origin' })).json();
    const item = list.items.find((c) => c.customerNumber === waId);
    if (!item) return { status: 0, body: `no conversation of ${waId} in the inbox` };
    const r = await fetch(`/inbox/api/conversations/${encodeURIComponent(item.conversationKey)}/give-back`, {
      method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': token, Accept: 'application/json' } });
    return { status: r.status, body: await r.text() };
  }, secondWaId);
  check(givenBack.status === 200, `give-back answered ${givenBack.status}: ${givenBack.body}`);
  await mine.waitForFunction(() => {
    const root = document.querySelector('[cam-tasklist-form-embedded] form.wasla-handoff');
    return root && root.querySelector('.wasla-status').textContent.includes('This handoff has ended');
  }, null, { timeout: STEP_TIMEOUT_MS });
  const endedForm = await readForm(mine);
  check(endedForm.reply === draft, `her draft is kept: "${endedForm.reply}"`);
  check(endedForm.sendDisabled, 'Send is disabled once the handoff ended');
  await shot(mine, `9-${agent}-handoff-ended`);
  await mine.context().close();
  log(`PASSED: ${agent} answered ${waId} twice in one task in Tasklist; ${other} could not take over ${agent}'s handoff ${second.id}`);
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
