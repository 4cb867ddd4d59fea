// End-to-end test of the owner's inbox (/inbox) in Debian's Chromium, driven by playwright-core.
//
//   node e2e/inbox.spec.mjs <baseUrl> <screenshot.png> <script.json>
//
// script.json: {"bot": {key, waId, text}, "handoff": {key, waId, text, owner, taskId}, "other": {key, waId}} —
// conversations the Java test played through the signed webhook. As supervisor demo: signs in with the page's login
// form, sees all of them with their states (the handoff "Waiting for a person" until its agent answers, then "With an
// agent", the filter agreeing), filters by state and searches by number, sees a new customer message arrive without a
// reload, opens the bot's conversation, takes it over, replies, and gives it back. As the handoff's owner, on a phone
// (390x844): sees her customer and not the others, the list or the conversation at a time; the conversation in the
// address and her unsent reply survive a reload; Back, Forward; Enter sends, Shift+Enter a new line; intents in
// words; dates of earlier days and years (the browser's clock moved on). As mona (support): sees none of them.
// Exits 0 when every step passed, 1 on the first failure (with the step and the reason; a screenshot is still
// written), 2 on bad arguments.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STEP_TIMEOUT_MS = 30_000;

const [baseArg, screenshotPath, scriptPath] = process.argv.slice(2);
if (!baseArg || !screenshotPath || !scriptPath) {
  console.error('usage: node inbox.spec.mjs <baseUrl> <screenshot.png> <script.json>');
  process.exit(2);
}
const baseUrl = baseArg.replace(/\/+$/, '');
const played = JSON.parse(readFileSync(scriptPath, 'utf8'));

let step = 'launch Chromium';
const log = (msg) => console.log(`[e2e] ${msg}`);
const pageErrors = [];

const row = (page, key) => page.locator(`#list li[data-key="${key}"]`);

async function signIn(page, user) {
  step = `open /inbox as ${user}`;
  await page.goto(baseUrl + '/inbox');
  await page.locator('#login').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  step = `sign in as ${user} with the page's login form`;
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(user);
  await page.locator('#signIn').click();
  await page.locator('#app').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await page.locator('#list[data-loaded="1"]').waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
  log(`signed in as ${user}: ${await page.locator('#who').textContent()}`);
}

async function expectState(page, key, state) {
  step = `the list shows ${key} as ${state}`;
  await page.waitForFunction(({ key, state }) => {
    const li = document.querySelector(`#list li[data-key="${key}"]`);
    return li && li.dataset.state === state;
  }, { key, state }, { timeout: STEP_TIMEOUT_MS, polling: 200 });
}

async function expectAbsent(page, key) {
  if (await row(page, key).count() !== 0) throw new Error(`${key} is listed but should not be`);
}

async function setFilter(page, id, value) {
  if (id === 'state') await page.locator('#state').selectOption(value);
  else await page.locator('#' + id).fill(value);
}

// At a phone's width the page shows the list or the conversation, never both, and never scrolls sideways.
async function phoneShows(page, what) {
  step = `phone: only the ${what} shows, nothing wider than the screen`;
  await page.waitForFunction((what) => {
    const shown = (id) => { const e = document.getElementById(id); return e && e.getClientRects().length > 0; };
    const only = what === 'list' ? shown('listPane') && !shown('detail') : shown('detail') && !shown('listPane');
    const root = document.documentElement;
    return only && root.scrollWidth <= root.clientWidth && document.body.scrollWidth <= root.clientWidth;
  }, what, { timeout: STEP_TIMEOUT_MS, polling: 200 }).catch(async () => {
    const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
      wide: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5).map((e) => e.tagName + '#' + e.id + '.' + e.className) }));
    throw new Error(JSON.stringify(m));
  });
  if (what === 'conversation' && !(await page.locator('#backToList').isVisible())) throw new Error('no back control');
}

async function waitForList(page, predicate, arg, what) {
  step = what;
  await page.waitForFunction(predicate, arg, { timeout: STEP_TIMEOUT_MS, polling: 200 });
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
let page;
try {
  const supervisor = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  page = await supervisor.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // nothing the page asks for is missing (a console "404" the owner would see)
  const missing = [];
  page.on('response', (r) => { if (r.status() === 404 && !r.url().endsWith('/favicon.ico')) missing.push(r.url()); });

  // an anonymous visitor gets the login form and no data
  step = 'anonymous: no data';
  const anonymous = await page.request.get(baseUrl + '/inbox/api/conversations');
  if (anonymous.status() !== 401) throw new Error(`anonymous list answered ${anonymous.status()}, not 401`);

  await signIn(page, 'demo');
  step = 'loading and signing in asks for nothing that is missing';
  if (missing.length) throw new Error('404 for ' + missing.join(', '));
  await expectState(page, played.bot.key, 'bot');
  // assigned to an agent who has not written yet: the customer still waits for a person
  await expectState(page, played.handoff.key, 'waiting');
  await expectState(page, played.other.key, 'bot');
  step = 'the handoff shows its owner';
  const owner = await row(page, played.handoff.key).locator('.agentName').textContent();
  if (!owner.includes(played.handoff.ownerName)) throw new Error(`owner shown "${owner}", expected ${played.handoff.ownerName}`);
  step = 'the waiting handoff\'s badge reads "Waiting for a person"';
  const badge = await row(page, played.handoff.key).locator('.badge.state').textContent();
  if (badge !== 'Waiting for a person') throw new Error(`badge reads "${badge}"`);
  await setFilter(page, 'state', 'waiting');
  await waitForList(page, ({ h, b }) => document.querySelector(`#list li[data-key="${h}"]`) && !document.querySelector(`#list li[data-key="${b}"]`),
    { h: played.handoff.key, b: played.bot.key }, 'state filter "Waiting for a person" keeps the unanswered handoff');
  await setFilter(page, 'state', 'agent');
  await waitForList(page, (h) => !document.querySelector(`#list li[data-key="${h}"]`), played.handoff.key,
    'state filter "With an agent" leaves out the unanswered handoff');
  await setFilter(page, 'state', '');

  // the agent answers (from her handoff form): the list moves the conversation to "With an agent" by itself
  step = 'the handoff\'s agent answers the customer';
  const answered = await page.request.post(baseUrl + '/handoff/tasks/' + played.handoff.taskId + '/messages', {
    data: { text: 'Hello, this is ' + played.handoff.ownerName + ': how can I help?', clientMessageId: 'e2e-first-answer' },
    headers: { Authorization: 'Basic ' + Buffer.from(played.handoff.owner + ':' + played.handoff.owner).toString('base64') } });
  if (answered.status() !== 200) throw new Error(`the agent's message answered ${answered.status()}`);
  await expectState(page, played.handoff.key, 'agent');
  step = 'the answered handoff\'s badge reads "With an agent"';
  const badgeAfter = await row(page, played.handoff.key).locator('.badge.state').textContent();
  if (badgeAfter !== 'With an agent') throw new Error(`badge reads "${badgeAfter}"`);
  step = 'the bot conversation shows the customer\'s name, number and the business number';
  const botRow = await row(page, played.bot.key).textContent();
  if (!botRow.includes(played.bot.name) || !botRow.includes('+' + played.bot.waId) || !botRow.includes(played.businessNumber)) {
    throw new Error(`row text "${botRow}" lacks the customer's or the business number`);
  }

  // filters
  await setFilter(page, 'state', 'agent');
  await waitForList(page, ({ h, b }) => document.querySelector(`#list li[data-key="${h}"]`) && !document.querySelector(`#list li[data-key="${b}"]`),
    { h: played.handoff.key, b: played.bot.key }, 'state filter "With an agent" keeps the handoff only');
  await setFilter(page, 'state', '');
  await setFilter(page, 'q', '+' + played.bot.waId);
  await waitForList(page, (k) => { const lis = document.querySelectorAll('#list li'); return lis.length === 1 && lis[0].dataset.key === k; },
    played.bot.key, 'search by the number as displayed (+…) finds exactly that customer');
  await setFilter(page, 'q', '');
  await waitForList(page, (k) => !!document.querySelector(`#list li[data-key="${k}"]`), played.other.key, 'the cleared search lists all again');

  // a new customer message shows without a reload
  step = 'a customer writes while the inbox is open';
  const lastBefore = await row(page, played.other.key).locator('.last').textContent();
  const sent = await page.request.post(baseUrl + '/simulator/api/messages', { data: { waId: played.other.waId, name: played.other.name, text: played.other.text } });
  if (!sent.ok()) throw new Error(`simulator answered ${sent.status()}`);
  await waitForList(page, ({ k, before }) => { const li = document.querySelector(`#list li[data-key="${k}"] .last`); return li && li.textContent !== before; },
    { k: played.other.key, before: lastBefore }, 'the list shows the new exchange without a reload');

  // a location shows with its map link; each customer turn with the persona's reading
  step = 'open the customer who shared a location';
  await row(page, played.located.key).click();
  await page.locator('#transcript a.map').waitFor({ timeout: STEP_TIMEOUT_MS });
  const href = await page.locator('#transcript a.map').getAttribute('href');
  if (href !== played.located.mapUrl) throw new Error(`map link ${href}, expected ${played.located.mapUrl}`);
  step = 'what the shop sent shows: its product photo as a preview';
  await page.waitForFunction((src) => {
    const img = document.querySelector(`#transcript li.out .media[data-kind="image"] img[src="${src}"]`);
    return img && img.complete && img.naturalWidth > 0;
  }, played.located.photo, { timeout: STEP_TIMEOUT_MS, polling: 200 }).catch(async () => {
    throw new Error(`no loaded preview of ${played.located.photo}; transcript: `
      + JSON.stringify(await page.locator('#transcript').textContent()));
  });

  // with a person already: no "Take over", and the page says why, in the server's words
  step = 'open the handoff: the reason it cannot be taken over is shown';
  await row(page, played.handoff.key).click();
  await page.locator('#takeOverRefusal').getByText(played.handoff.ownerName, { exact: false }).waitFor({ timeout: STEP_TIMEOUT_MS });
  if (await page.locator('#takeOver').count() !== 0) throw new Error('"Take over" offered for a conversation with a person');

  // a refusal the page did not foresee (taken over meanwhile, elsewhere) is shown, not swallowed
  step = 'open the other bot conversation';
  await row(page, played.other.key).click();
  await page.locator('#takeOver').waitFor({ timeout: STEP_TIMEOUT_MS });
  step = 'someone else takes it over meanwhile';
  const elsewhere = await page.request.post(baseUrl + '/inbox/api/conversations/' + encodeURIComponent(played.other.key) + '/take-over',
    { data: {}, headers: { Authorization: 'Basic ' + Buffer.from('demo:demo').toString('base64') } });
  if (elsewhere.status() !== 200) throw new Error(`take over elsewhere answered ${elsewhere.status()}`);
  step = 'take over again from the page: the server\'s refusal is shown';
  await page.locator('#takeOver').click();
  await page.locator('#actionStatus').getByText('already', { exact: false }).waitFor({ timeout: STEP_TIMEOUT_MS });
  step = 'give the other conversation back';
  await page.locator('#giveBack').click();
  await page.locator('#detail h2').getByText(' — Bot').waitFor({ timeout: STEP_TIMEOUT_MS });

  // open the bot's conversation, take it over, reply, give it back
  step = 'open the bot conversation';
  await row(page, played.bot.key).click();
  await page.locator('#transcript').getByText(played.bot.text).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.locator('#side').getByText('Smart Info').waitFor({ timeout: STEP_TIMEOUT_MS });
  step = 'the customer\'s turn shows the persona\'s reading';
  await page.locator('#transcript li.in .reading').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  step = 'take over';
  await page.locator('#takeOver').click();
  await page.locator('#detail h2').getByText('With an agent (Demo Admin)').waitFor({ timeout: STEP_TIMEOUT_MS });
  await expectState(page, played.bot.key, 'agent');
  step = 'reply';
  await page.locator('#replyText').fill(played.reply);
  await page.locator('#send').click();
  await page.locator('#transcript li.out').getByText(played.reply).waitFor({ timeout: STEP_TIMEOUT_MS });
  step = 'a message of today shows its time as HH:mm, the full date in its title';
  const sentAt = page.locator('#transcript li.out', { hasText: played.reply }).locator('.when time');
  const sentText = await sentAt.textContent();
  if (!/^\d{2}:\d{2}$/.test(sentText)) throw new Error(`today's message shows "${sentText}"`);
  if (!(await sentAt.getAttribute('title')).includes(String(new Date().getFullYear()))) throw new Error('the title lacks the full date');
  step = 'our lines say who wrote them: the person\'s first name, else Bot';
  const by = await page.locator('#transcript li.out', { hasText: played.reply }).locator('.author').textContent();
  if (by !== 'Demo') throw new Error(`the supervisor's reply is labelled "${by}"`);
  if (await page.locator('#transcript li.out .author[data-author="bot"]', { hasText: 'Bot' }).count() === 0) {
    throw new Error('no line of the bot is labelled Bot');
  }
  step = 'the list\'s previews are cut at a word, with an ellipsis';
  const previews = await page.locator('#list li .last').evaluateAll((lis) => lis.map((l) => ({ shown: l.textContent, full: l.title })));
  const cut = previews.filter((p) => p.shown.endsWith('…'));
  if (!cut.length) throw new Error('no preview long enough to be cut: ' + JSON.stringify(previews));
  for (const p of cut) {
    const head = p.shown.replace(/^↩ /, '').slice(0, -1);
    const rest = p.full.replace(/\s+/g, ' ').trim().slice(head.length);
    if (!p.full.replace(/\s+/g, ' ').trim().startsWith(head) || !/^[\s,.;:!?،؛]/.test(rest)) throw new Error(`preview "${p.shown}" is cut mid-word (of "${p.full}")`);
  }
  mkdirSync(dirname(screenshotPath), { recursive: true });
  await page.locator('#detail').evaluate((e) => { e.scrollTop = 0; });
  await page.screenshot({ path: screenshotPath });
  step = 'give back';
  await page.locator('#giveBack').click();
  await page.locator('#detail h2').getByText(' — Bot').waitFor({ timeout: STEP_TIMEOUT_MS });
  await expectState(page, played.bot.key, 'bot');
  await supervisor.close();

  // the owner of the handoff sees her customer only, on her phone
  const agent = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  page = await agent.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const sends = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/handoff/tasks/')) sends.push(r.postData()); });
  await signIn(page, played.handoff.owner);
  await expectState(page, played.handoff.key, 'agent');
  await expectAbsent(page, played.bot.key);
  await expectAbsent(page, played.other.key);
  await phoneShows(page, 'list');

  step = 'phone: open her customer';
  await row(page, played.handoff.key).click();
  await page.locator('#replyText').waitFor({ timeout: STEP_TIMEOUT_MS });
  await phoneShows(page, 'conversation');
  step = 'the open conversation is in the address';
  if (!page.url().endsWith('#c=' + encodeURIComponent(played.handoff.key))) throw new Error(`address ${page.url()}`);

  step = 'intents and reasons read as words, the code in the title';
  await page.locator('#transcript li.in .reading .label[title="human_request"]').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  const intentShown = await page.locator('#transcript li.in .reading .label[title="human_request"]').first().textContent();
  if (intentShown !== 'Asks for a person') throw new Error(`human_request shown as "${intentShown}"`);
  const codes = await page.locator('#side dl:first-of-type, #transcript .reading').evaluateAll((els) => els.map((e) => e.innerText).join(' ').match(/\b[a-z]+_[a-z_]+\b/g));
  if (codes) throw new Error('codes shown to people: ' + codes.join(', '));

  step = 'Enter on an empty or blank reply sends nothing';
  await page.locator('#replyText').press('Enter');
  await page.locator('#replyText').fill('   ');
  await page.locator('#replyText').press('Enter');
  step = 'Shift+Enter is a new line';
  await page.locator('#replyText').fill('');
  await page.locator('#replyText').pressSequentially('Your order ships today.');
  await page.locator('#replyText').press('Shift+Enter');
  await page.locator('#replyText').pressSequentially('Anything else?');
  const twoLines = await page.locator('#replyText').inputValue();
  if (twoLines !== 'Your order ships today.\nAnything else?') throw new Error(`reply box holds ${JSON.stringify(twoLines)}`);
  step = 'Enter that ends an input method\'s composition does not send';
  await page.locator('#replyText').dispatchEvent('keydown', { key: 'Enter', code: 'Enter', isComposing: true, bubbles: true, cancelable: true });
  await page.waitForTimeout(500);
  if (sends.length) throw new Error('sent without Enter: ' + sends.join('; '));

  step = 'a reload keeps the open conversation and the unsent reply';
  await page.reload();
  await page.locator('#replyText').waitFor({ timeout: STEP_TIMEOUT_MS });
  const restored = await page.locator('#replyText').inputValue();
  if (restored !== twoLines) throw new Error(`after the reload the reply box holds ${JSON.stringify(restored)}`);
  await phoneShows(page, 'conversation');

  step = 'Back returns to the list';
  await page.goBack();
  await page.locator('#detail').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  await phoneShows(page, 'list');
  if (page.url().includes('#c=')) throw new Error(`address after Back: ${page.url()}`);
  step = 'Forward reopens the conversation, with its draft';
  await page.goForward();
  await page.locator('#replyText').waitFor({ timeout: STEP_TIMEOUT_MS });
  if (await page.locator('#replyText').inputValue() !== twoLines) throw new Error('the draft is gone after Forward');
  step = 'the page\'s own back control returns to the list';
  await page.locator('#backToList').click();
  await page.locator('#listPane').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await phoneShows(page, 'list');
  await row(page, played.handoff.key).click();
  await page.locator('#replyText').waitFor({ timeout: STEP_TIMEOUT_MS });

  step = 'Enter sends the reply';
  await page.locator('#replyText').press('Enter');
  await page.locator('#transcript li.out').getByText('Anything else?', { exact: false }).waitFor({ timeout: STEP_TIMEOUT_MS });
  if (sends.length !== 1) throw new Error(`${sends.length} sends`);
  if (await page.locator('#replyText').inputValue() !== '') throw new Error('the reply box is not empty after sending');
  const kept = await page.evaluate((k) => sessionStorage.getItem('wasla.inbox.draft.' + k), played.handoff.key);
  if (kept !== null) throw new Error('the sent reply is still kept as a draft');
  await phoneShows(page, 'conversation');

  step = 'a message of an earlier day shows as "6 Dec" (list) and "6 Dec, 14:05" (transcript), with the year from another year';
  await page.clock.setFixedTime(Date.now() + 3 * 86_400_000);
  await page.reload();
  await page.locator('#transcript li.out').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.locator('#backToList').click();
  const earlier = await row(page, played.handoff.key).locator('.age').textContent();
  if (!/^\d{1,2} [A-Z][a-z]{2,3}$/.test(earlier)) throw new Error(`an earlier day shows "${earlier}" in the list`);
  await row(page, played.handoff.key).click();
  await page.locator('#transcript li.out').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  const earlierLine = await page.locator('#transcript .when time').first().textContent();
  if (!/^\d{1,2} [A-Z][a-z]{2,3},? \d{2}:\d{2}$/.test(earlierLine)) throw new Error(`an earlier day shows "${earlierLine}" in the transcript`);
  await page.clock.setFixedTime(Date.now() + 400 * 86_400_000);
  await page.reload();
  await page.locator('#transcript li.out').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  const lastYear = await page.locator('#transcript .when time').first().textContent();
  if (!new RegExp(`^\\d{1,2} [A-Z][a-z]{2,3} ${new Date().getFullYear()},? \\d{2}:\\d{2}$`).test(lastYear)) throw new Error(`another year shows "${lastYear}"`);
  step = 'signing out forgets the unsent reply and the open conversation';
  await page.locator('#replyText').fill('not for the next person');
  await page.locator('#logout').click();
  await page.locator('#login').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  const left = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('wasla.inbox.draft.')));
  if (left.length || page.url().includes('#c=')) throw new Error(`after signing out: drafts ${left}, address ${page.url()}`);
  await agent.close();

  // support's agent sees none of them
  const support = await browser.newContext();
  page = await support.newPage();
  await signIn(page, 'mona');
  step = 'mona sees none of the sales conversations';
  for (const k of [played.bot.key, played.handoff.key, played.other.key]) await expectAbsent(page, k);
  await support.close();

  if (pageErrors.length) throw new Error('script errors on the page: ' + pageErrors.join('; '));
  log('all steps passed');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`[e2e] FAILED at "${step}": ${e.message}`);
  try { if (page) { mkdirSync(dirname(screenshotPath), { recursive: true }); await page.screenshot({ path: screenshotPath }); } } catch (ignored) { /* nothing */ }
  await browser.close();
  process.exit(1);
}
