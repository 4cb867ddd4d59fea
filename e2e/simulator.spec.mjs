// End-to-end test of the sandbox simulator page (/simulator) in Debian's Chromium, driven by playwright-core.
//
//   node e2e/simulator.spec.mjs <baseUrl> <screenshot.png> [waId]
//
// Chats as a fresh customer: an Arabic greeting, a tap on a reply button, an English price question.
// Exits 0 when every step passed, 1 on the first failure (with the step, the reason and the chat so far;
// a screenshot of the page as it was is still written to <screenshot.png>), 2 on bad arguments.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STEP_TIMEOUT_MS = 30_000;
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

const [baseArg, screenshotPath, waIdArg] = process.argv.slice(2);
if (!baseArg || !screenshotPath) {
  console.error('usage: node simulator.spec.mjs <baseUrl> <screenshot.png> [waId]');
  process.exit(2);
}
const baseUrl = baseArg.replace(/\/+$/, '');
// A fresh customer each run, so that the greeting starts a new conversation: 2010 + 8 random digits.
const waId = waIdArg || '2010' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
if (!/^\d{6,15}$/.test(waId)) {
  console.error(`waId must be 6 to 15 digits, got "${waId}"`);
  process.exit(2);
}

let step = 'launch Chromium';
const log = (msg) => console.log(`[e2e] ${msg}`);
const pageErrors = [];

/** What the page shows now: every bubble with its side, text, computed direction and option buttons. */
async function chatState(page) {
  return page.evaluate(() => [...document.querySelectorAll('#chat .msg')].map((el) => ({
    side: el.classList.contains('business') ? 'business' : 'customer',
    text: el.firstElementChild ? el.firstElementChild.textContent : el.textContent,
    direction: getComputedStyle(el).direction,
    buttons: [...el.querySelectorAll('.options button')].map((b) => ({ id: b.dataset.replyId, title: b.textContent })),
  })));
}

const businessCount = (page) => page.locator('#chat .msg.business').count();

/** Waits until the chat has more than `before` business bubbles (and `predicate` holds for the last one). */
async function waitForBusinessReply(page, before, what, minButtons = 0) {
  try {
    await page.waitForFunction(({ before, minButtons }) => {
      const bubbles = document.querySelectorAll('#chat .msg.business');
      if (bubbles.length <= before) return false;
      return bubbles[bubbles.length - 1].querySelectorAll('.options button').length >= minButtons;
    }, { before, minButtons }, { timeout: STEP_TIMEOUT_MS, polling: 100 });
  } catch (e) {
    throw new Error(`no ${what} within ${STEP_TIMEOUT_MS / 1000} s (business bubbles before: ${before}, `
      + `now: ${await businessCount(page)})`);
  }
  const state = await chatState(page);
  return state.filter((m) => m.side === 'business').at(-1);
}

async function assertNoSendError(page) {
  const text = (await page.locator('#error').textContent()).trim();
  if (text) throw new Error(`the page shows an error: "${text}"`);
}

/** Types a message in the composer and submits it; waits for the customer's bubble. */
async function send(page, text) {
  const customersBefore = await page.locator('#chat .msg.customer').count();
  await page.locator('form#composer #text').fill(text);
  await page.locator('form#composer #text').press('Enter');
  try {
    await page.waitForFunction((n) => document.querySelectorAll('#chat .msg.customer').length > n,
      customersBefore, { timeout: STEP_TIMEOUT_MS, polling: 100 });
  } catch (e) {
    await assertNoSendError(page);
    throw new Error(`the customer's message "${text}" never showed in #chat`);
  }
  await assertNoSendError(page);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
  .catch((e) => {
    console.error(`[e2e] FAILED: cannot launch ${CHROMIUM}: ${e.message}`);
    console.error('[e2e] install it with: apt-get install -y chromium');
    process.exit(1);
  });
let page;
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 480, height: 1500 }, locale: 'ar-EG' });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    // the page has no favicon; Chromium's request for one is not the page's error
    if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location().url || '')) {
      pageErrors.push(`console: ${m.text()} ${m.location().url || ''}`.trim());
    }
  });

  step = 'open /simulator';
  const response = await page.goto(`${baseUrl}/simulator`, { waitUntil: 'domcontentloaded' });
  check(response && response.ok(), `GET ${baseUrl}/simulator answered ${response && response.status()}`);
  await page.locator('form#composer #text').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  log(`opened ${baseUrl}/simulator as customer ${waId}`);

  step = 'set a fresh customer';
  await page.locator('#name').fill('Ahmed E2E');
  await page.locator('#waId').fill(waId);
  await page.locator('#waId').dispatchEvent('change');

  step = 'Arabic greeting';
  let before = await businessCount(page);
  check(before === 0, `a fresh customer should have an empty chat, found ${before} business bubbles`);
  await send(page, 'السلام عليكم');
  const greeting = await waitForBusinessReply(page, before, 'greeting with 3 option buttons', 3);
  log(`greeting: ${JSON.stringify(greeting.text)} buttons=${greeting.buttons.map((b) => b.id).join(',')}`);
  check(greeting.buttons.length === 3, `the greeting should have 3 buttons, has ${greeting.buttons.length}`);
  check(ARABIC.test(greeting.text), `the greeting to an Arabic "السلام عليكم" is not in Arabic: "${greeting.text}"`);
  check(greeting.direction === 'rtl',
    `the Arabic greeting bubble should be laid out right-to-left (dir=auto), computed direction is ${greeting.direction}`);
  const customerDirection = (await chatState(page)).find((m) => m.side === 'customer').direction;
  check(customerDirection === 'rtl', `the customer's Arabic bubble should be RTL, is ${customerDirection}`);

  step = 'tap a reply button';
  const wanted = greeting.buttons.find((b) => b.id === 'menu_products') || greeting.buttons[0];
  before = await businessCount(page);
  await page.locator('#chat .msg.business').last().locator(`.options button[data-reply-id="${wanted.id}"]`).click();
  await assertNoSendError(page);
  const afterTap = await waitForBusinessReply(page, before, `reply to the tap on "${wanted.id}"`);
  log(`tapped ${wanted.id} ("${wanted.title}"), reply: ${JSON.stringify(afterTap.text)}`);
  check(afterTap.text.trim().length > 0, 'the reply to the tap is empty');

  step = 'English price question';
  before = await businessCount(page);
  await send(page, 'how much are the airpods?');
  const english = await waitForBusinessReply(page, before, 'reply to "how much are the airpods?"');
  log(`English reply: ${JSON.stringify(english.text)} buttons=${english.buttons.map((b) => b.title).join(' | ')}`);
  const allText = [english.text, ...english.buttons.map((b) => b.title)].join('\n');
  check(!ARABIC.test(allText), `the reply to an English question contains Arabic letters: "${allText}"`);
  check(/\d/.test(english.text), `the reply to a price question names no price: "${english.text}"`);
  check(english.direction === 'ltr', `the English reply bubble should be LTR, is ${english.direction}`);

  step = 'page errors';
  check(pageErrors.length === 0, `the page reported errors: ${pageErrors.join(' / ')}`);
  await assertNoSendError(page);
  log('PASSED: Arabic greeting (RTL, 3 buttons), button tap, English price answer');
} catch (e) {
  failed = true;
  console.error(`[e2e] FAILED at step "${step}": ${e.message}`);
  if (page) {
    try {
      const state = await chatState(page);
      console.error(`[e2e] chat of ${waId} (${state.length} bubbles):`);
      for (const m of state) {
        console.error(`[e2e]   ${m.side.padEnd(8)} ${m.direction} ${JSON.stringify(m.text)}`
          + (m.buttons.length ? ` [${m.buttons.map((b) => b.id).join(', ')}]` : ''));
      }
    } catch (inner) {
      console.error(`[e2e] (could not read the chat: ${inner.message})`);
    }
  }
  if (pageErrors.length) console.error(`[e2e] page errors: ${pageErrors.join(' / ')}`);
} finally {
  if (page) {
    try {
      mkdirSync(dirname(screenshotPath), { recursive: true });
      await page.screenshot({ path: screenshotPath, fullPage: true });
      log(`screenshot: ${screenshotPath}`);
    } catch (e) {
      failed = true;
      console.error(`[e2e] FAILED: could not take the screenshot ${screenshotPath}: ${e.message}`);
    }
  }
  await browser.close();
}
process.exit(failed ? 1 : 0);
