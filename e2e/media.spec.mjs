// End-to-end test of media in the sandbox simulator page (/simulator), in Debian's Chromium driven by playwright-core.
//
//   node e2e/media.spec.mjs <baseUrl> <screenshot.png> <waId>
//
// As a fresh customer: a photo picked with the file picker and captioned in Egyptian Arabic (its preview shows in the
// chat, fetched back from Wasla, and the caption is answered as a repair question), a location by its coordinates
// (shown with its map link, answered outside checkout), a voice note from an audio file (a player in the chat; no
// transcription is configured, so the customer is asked to type), a product question (the offer comes after the
// product's photo, served by Wasla), a PDF document and an MP4 video picked with their file pickers (a file link, a
// player). Exits 0 when every step passed, 1 on the first
// failure (a screenshot is still written), 2 on bad arguments.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STEP_TIMEOUT_MS = 30_000;

const [baseArg, screenshotPath, waId] = process.argv.slice(2);
if (!baseArg || !screenshotPath || !/^\d{6,15}$/.test(waId || '')) {
  console.error('usage: node media.spec.mjs <baseUrl> <screenshot.png> <waId of 6 to 15 digits>');
  process.exit(2);
}
const baseUrl = baseArg.replace(/\/+$/, '');
let step = 'launch Chromium';
const log = (msg) => console.log(`[e2e] ${msg}`);
const pageErrors = [];

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const businessTexts = (page) => page.evaluate(() =>
  [...document.querySelectorAll('#chat .msg.business')].map((el) => el.firstElementChild.textContent));

/** Waits for a business bubble beyond the first `before` that matches `pattern`; returns its text. */
async function waitForReply(page, before, pattern, what) {
  try {
    await page.waitForFunction(({ before, source }) => {
      const re = new RegExp(source);
      return [...document.querySelectorAll('#chat .msg.business')].slice(before)
        .some((el) => re.test(el.firstElementChild.textContent));
    }, { before, source: pattern.source }, { timeout: STEP_TIMEOUT_MS, polling: 100 });
  } catch (e) {
    throw new Error(`no ${what} within ${STEP_TIMEOUT_MS / 1000} s; replies: ${JSON.stringify(await businessTexts(page))}`);
  }
  return (await businessTexts(page)).slice(before).find((t) => pattern.test(t));
}

async function assertNoSendError(page) {
  const text = (await page.locator('#error').textContent()).trim();
  if (text) throw new Error(`the page shows an error: "${text}"`);
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
  .catch((e) => {
    console.error(`[e2e] FAILED: cannot launch ${CHROMIUM}: ${e.message}`);
    process.exit(1);
  });
let page;
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 520, height: 1400 }, locale: 'ar-EG' });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));

  step = 'open /simulator';
  const response = await page.goto(`${baseUrl}/simulator`, { waitUntil: 'domcontentloaded' });
  check(response && response.ok(), `GET ${baseUrl}/simulator answered ${response && response.status()}`);
  await page.locator('#waId').fill(waId);
  await page.locator('#waId').dispatchEvent('change');

  step = 'draw a photo';
  // a real JPEG, drawn by the browser itself
  const jpegBase64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 64; canvas.height = 48;
    const g = canvas.getContext('2d');
    g.fillStyle = '#1565c0'; g.fillRect(0, 0, 64, 48);
    g.fillStyle = '#fff'; g.fillRect(8, 8, 20, 30);
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
  });

  step = 'send a captioned photo';
  let before = (await businessTexts(page)).length;
  await page.locator('#text').fill('الشاشة مكسورة كده، تصليحها بكام؟');
  await page.locator('#photo').setInputFiles({ name: 'screen.jpg', mimeType: 'image/jpeg',
    buffer: Buffer.from(jpegBase64, 'base64') });
  await page.waitForFunction(() => {
    const img = document.querySelector('#chat .msg.customer img.media');
    return img && img.complete && img.naturalWidth === 64;
  }, null, { timeout: STEP_TIMEOUT_MS, polling: 100 }).catch(() => {
    throw new Error('the photo never showed as a preview in the customer\'s bubble');
  });
  await assertNoSendError(page);
  const repair = await waitForReply(page, before, /الصيانة/, 'repair answer to the caption');
  log(`photo shown; reply: ${JSON.stringify(repair)}`);

  step = 'send a location';
  before = (await businessTexts(page)).length;
  await page.locator('#lat').fill('30.0561');
  await page.locator('#lng').fill('31.33');
  await page.locator('#sendLocation').click();
  await page.waitForSelector('#chat .msg.customer a.map[href="https://maps.google.com/?q=30.0561,31.33"]',
    { timeout: STEP_TIMEOUT_MS }).catch(() => {
    throw new Error('the location never showed with its map link');
  });
  await assertNoSendError(page);
  const located = await waitForReply(page, before, /اللوكيشن/, 'reply to the location');
  log(`location shown with its map link; reply: ${JSON.stringify(located)}`);

  step = 'send a voice note';
  before = (await businessTexts(page)).length;
  await page.locator('#voice').setInputFiles({ name: 'voice.ogg', mimeType: 'audio/ogg',
    buffer: Buffer.from('OggS voice note from the e2e test') });
  await page.waitForSelector('#chat .msg.customer audio[src^="/simulator/api/media/"]',
    { timeout: STEP_TIMEOUT_MS }).catch(() => {
    throw new Error('the voice note never showed as a player');
  });
  const typePlease = await waitForReply(page, before, /الرسايل الصوتية/, 'request to type');
  log(`voice note shown as a player; reply: ${JSON.stringify(typePlease)}`);

  step = 'ask for a product: its photo comes with the offer';
  before = (await businessTexts(page)).length;
  await page.locator('#text').fill('بكام الجراب؟');
  await page.locator('#composer button[type="submit"]').click();
  await waitForReply(page, before, /249/, 'offer of the phone case');
  await page.waitForFunction(() => [...document.querySelectorAll('#chat .msg.business img.media')].some((img) =>
    img.getAttribute('src') === '/store/products/case.png' && img.complete && img.naturalWidth === 400),
  null, { timeout: STEP_TIMEOUT_MS, polling: 100 }).catch(() => {
    throw new Error('the offer came without the product\'s photo (or it did not load)');
  });
  const order = await page.evaluate(() => [...document.querySelectorAll('#chat .msg.business')]
    .map((m) => (m.querySelector('img.media') ? 'photo' : (m.querySelector('.options') ? 'buttons' : 'text'))));
  check(order.lastIndexOf('photo') === order.length - 2 && order[order.length - 1] === 'buttons',
    `the photo must come right before the offer's buttons, got ${JSON.stringify(order)}`);
  log('product photo shown before the offer');

  step = 'send a document';
  before = (await businessTexts(page)).length;
  await page.locator('#text').fill('دي فاتورة الشراء');
  await page.locator('#document').setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') });
  await page.waitForFunction(() => [...document.querySelectorAll('#chat .msg.customer a')].some((a) =>
    a.getAttribute('href').startsWith('/simulator/api/media/') && a.textContent.includes('receipt.pdf')),
  null, { timeout: STEP_TIMEOUT_MS, polling: 100 }).catch(() => {
    throw new Error('the document never showed as a file link');
  });
  await assertNoSendError(page);
  await waitForReply(page, before, /./, 'reply to the document');
  log('document shown as a file link');

  step = 'send a video';
  before = (await businessTexts(page)).length;
  await page.locator('#video').setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4',
    buffer: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42 e2e video of the screen')]) });
  await page.waitForSelector('#chat .msg.customer video[src^="/simulator/api/media/"]', { timeout: STEP_TIMEOUT_MS })
    .catch(() => { throw new Error('the video never showed as a player'); });
  await assertNoSendError(page);
  await waitForReply(page, before, /./, 'reply to the video');
  log('video shown as a player');

  step = 'page errors';
  check(pageErrors.length === 0, `the page reported errors: ${pageErrors.join(' / ')}`);
  log('PASSED: captioned photo (preview, repair answer), location (map link, reply), voice note (player, type please),'
    + ' product photo before the offer, document (file link), video (player)');
} catch (e) {
  failed = true;
  console.error(`[e2e] FAILED at step "${step}": ${e.message}`);
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
