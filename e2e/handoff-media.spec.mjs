// End-to-end test of media both ways between the sandbox simulator (/simulator) and the handoff form in Camunda
// Tasklist, in Debian's Chromium driven by playwright-core.
//
//   node e2e/handoff-media.spec.mjs customer <baseUrl> <screenshotDir> <waId>
//   node e2e/handoff-media.spec.mjs agent <baseUrl> <screenshotDir> <waId> <agent> <password> <taskId>
//
// customer: a fresh customer in the simulator sends a captioned photo (picked with the file picker) and a location
//           (its coordinates), each shown in the chat, then asks for a person ("عايز أكلم حد لو سمحت") and waits
//           for the answer. The Java side then finds the handoff task and its owner.
// agent:    the owner logs in to Tasklist and opens the task: the embedded form's transcript shows the photo as a
//           preview fetched from Wasla (/media/{id}, loaded) and the location's map link
//           (https://maps.google.com/?q=30.0561,31.33). She picks a PNG and clicks "Send file" with a caption; the
//           form says it was sent. The simulator, opened again for the customer, shows the photo in Wasla's bubble
//           (kept by the sandbox's media store, /simulator/api/sent-media/...) with its caption.
//
// Screenshots: <screenshotDir>/handoff-media-*.png. Exits 0 when every step passed, 1 on the first failure, 2 on
// bad arguments.
import { chromium } from 'playwright-core';
import { submitCamundaLogin } from './camunda-login.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STEP_TIMEOUT_MS = 30_000;
const LAT = '30.0561';
const LNG = '31.33';
const MAP = `https://maps.google.com/?q=${LAT},${LNG}`;
const PHOTO_CAPTION = 'ده الجراب اللي عايز زيه';
const FILE_CAPTION = 'ده المتاح عندنا من الجراب ده';

const [mode, baseArg, screenshotDir, waId, agent, password, taskId] = process.argv.slice(2);
if (!['customer', 'agent'].includes(mode) || !baseArg || !screenshotDir || !/^\d{6,15}$/.test(waId || '')
  || (mode === 'agent' && (!agent || !password || !taskId))) {
  console.error('usage: node handoff-media.spec.mjs customer <baseUrl> <screenshotDir> <waId>\n'
    + '       node handoff-media.spec.mjs agent <baseUrl> <screenshotDir> <waId> <agent> <password> <taskId>');
  process.exit(2);
}
const baseUrl = baseArg.replace(/\/+$/, '');
let step = 'launch Chromium';
const log = (msg) => console.log(`[e2e] ${msg}`);
const pageErrors = [];

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function shot(page, name) {
  const path = join(screenshotDir, `handoff-media-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  log(`screenshot: ${path}`);
}

/** A small real PNG, drawn by the browser itself. */
async function drawPng(page, color) {
  const base64 = await page.evaluate((fill) => {
    const canvas = document.createElement('canvas');
    canvas.width = 80; canvas.height = 60;
    const g = canvas.getContext('2d');
    g.fillStyle = fill; g.fillRect(0, 0, 80, 60);
    g.fillStyle = '#fff'; g.fillRect(10, 10, 24, 40);
    return canvas.toDataURL('image/png').split(',')[1];
  }, color);
  return Buffer.from(base64, 'base64');
}

async function openSimulator(browser) {
  const context = await browser.newContext({ viewport: { width: 520, height: 1400 }, locale: 'ar-EG' });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const response = await page.goto(`${baseUrl}/simulator`, { waitUntil: 'domcontentloaded' });
  check(response && response.ok(), `GET ${baseUrl}/simulator answered ${response && response.status()}`);
  await page.locator('#waId').fill(waId);
  await page.locator('#waId').dispatchEvent('change');
  return page;
}

const businessCount = (page) => page.locator('#chat .msg.business').count();

async function customer(browser) {
  step = 'open /simulator';
  const page = await openSimulator(browser);

  step = 'send a captioned photo';
  await page.locator('#text').fill(PHOTO_CAPTION);
  await page.locator('#photo').setInputFiles({ name: 'case.png', mimeType: 'image/png',
    buffer: await drawPng(page, '#2e7d32') });
  await page.waitForFunction(() => {
    const img = document.querySelector('#chat .msg.customer img.media');
    return img && img.complete && img.naturalWidth === 80;
  }, null, { timeout: STEP_TIMEOUT_MS, polling: 100 }).catch(() => {
    throw new Error('the photo never showed as a preview in the customer\'s bubble');
  });
  log('photo shown');

  step = 'send a location';
  await page.locator('#lat').fill(LAT);
  await page.locator('#lng').fill(LNG);
  await page.locator('#sendLocation').click();
  await page.waitForSelector(`#chat .msg.customer a.map[href="${MAP}"]`, { timeout: STEP_TIMEOUT_MS })
    .catch(() => { throw new Error('the location never showed with its map link'); });
  log('location shown');

  step = 'ask for a person';
  const before = await businessCount(page);
  await page.locator('#text').fill('عايز أكلم حد لو سمحت');
  await page.locator('#composer button[type="submit"]').click();
  await page.waitForFunction((n) => document.querySelectorAll('#chat .msg.business').length > n, before,
    { timeout: STEP_TIMEOUT_MS, polling: 100 }).catch(() => { throw new Error('no answer to the request for a person'); });
  log('asked for a person');
  await shot(page, 'customer');
}

async function agentSendsAFile(browser) {
  step = `${agent} logs in`;
  const context = await browser.newContext({ viewport: { width: 1400, height: 1600 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const response = await page.goto(`${baseUrl}/camunda/app/tasklist/`, { waitUntil: 'domcontentloaded' });
  check(response && response.ok(), `GET /camunda/app/tasklist/ answered ${response && response.status()}`);
  const username = page.locator('form[name="signinForm"] input[ng-model="username"]');
  await username.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  const loginResponse = await submitCamundaLogin(page, agent, password, STEP_TIMEOUT_MS);
  check(loginResponse.ok(), `the login of ${agent} answered ${loginResponse.status()}`);
  await page.locator('.task-filter h4.name a').first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });

  step = 'open the handoff';
  await page.goto(`${baseUrl}/camunda/app/tasklist/default/#/?task=${taskId}`, { waitUntil: 'domcontentloaded' });
  const form = page.locator('[cam-tasklist-form-embedded] form.wasla-handoff');
  await form.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await form.locator('.wasla-transcript .wasla-line').first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });

  step = 'see the photo and the location';
  await page.waitForFunction(() => {
    const img = document.querySelector('form.wasla-handoff .wasla-transcript .wasla-media[data-kind="image"] img');
    return img && img.complete && img.naturalWidth === 80 && /\/media\/\d+$/.test(img.getAttribute('src'));
  }, null, { timeout: STEP_TIMEOUT_MS, polling: 200 }).catch(async () => {
    throw new Error('the form shows no loaded preview of the photo; transcript: '
      + JSON.stringify(await form.locator('.wasla-transcript').textContent()));
  });
  const caption = await form.locator('.wasla-media[data-kind="image"] .wasla-text').first().textContent();
  check(caption === PHOTO_CAPTION, `the photo's caption reads "${caption}"`);
  const map = form.locator(`.wasla-media[data-kind="location"] a[href="${MAP}"]`);
  await map.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS }).catch(() => {
    throw new Error(`the form shows no map link ${MAP}`);
  });
  log(`agent sees the photo (caption "${caption}") and the map link`);

  step = 'send a file';
  await form.locator('.wasla-file').setInputFiles({ name: 'available-case.png', mimeType: 'image/png',
    buffer: await drawPng(page, '#c62828') });
  await form.locator('.wasla-caption').fill(FILE_CAPTION);
  const sendFile = form.locator('.wasla-send-file');
  await page.waitForFunction(() => !document.querySelector('form.wasla-handoff .wasla-send-file').disabled, null,
    { timeout: STEP_TIMEOUT_MS, polling: 100 }).catch(() => { throw new Error('"Send file" stays disabled'); });
  check((await sendFile.textContent()).trim() === 'Send file', 'the button is not "Send file"');
  await sendFile.click();
  await page.waitForFunction(() => /Sent ✓ available-case\.png/.test(
    document.querySelector('form.wasla-handoff .wasla-file-status').textContent), null,
  { timeout: STEP_TIMEOUT_MS, polling: 100 }).catch(async () => {
    throw new Error(`the form never said the file was sent: "${await form.locator('.wasla-file-status').textContent()}"`);
  });
  log('file sent');

  step = 'see what was sent in the transcript';
  // the photo the agent sent is kept: the form shows it (served from /media/{id}) with its caption
  await page.waitForFunction((text) => [...document.querySelectorAll(
    'form.wasla-handoff .wasla-transcript .wasla-line.out .wasla-media[data-kind="image"]')]
    .some((box) => {
      const img = box.querySelector('img.wasla-preview');
      return img && /^\/media\/\d+$/.test(img.getAttribute('src')) && img.complete && img.naturalWidth > 0
        && box.textContent.includes(text);
    }), FILE_CAPTION, { timeout: STEP_TIMEOUT_MS, polling: 200 })
    .catch(async () => {
      throw new Error('the transcript does not show the photo sent; transcript: '
        + JSON.stringify(await form.locator('.wasla-transcript').textContent()));
    });
  log('the transcript shows the photo sent');
  await shot(page, 'agent');

  step = 'the customer sees the file';
  const simulator = await openSimulator(browser);
  await simulator.waitForFunction((text) => [...document.querySelectorAll('#chat .msg.business')].some((m) => {
    const img = m.querySelector('img.media');
    return img && img.complete && img.naturalWidth === 80
      && img.getAttribute('src').startsWith('/simulator/api/sent-media/') && m.textContent.includes(text);
  }), FILE_CAPTION, { timeout: STEP_TIMEOUT_MS, polling: 200 }).catch(() => {
    throw new Error('the simulator never showed the agent\'s photo with its caption');
  });
  log('the simulator shows the agent\'s photo');
  await shot(simulator, 'simulator');
}

mkdirSync(screenshotDir, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
  .catch((e) => {
    console.error(`[e2e] FAILED: cannot launch ${CHROMIUM}: ${e.message}`);
    process.exit(1);
  });
let failed = false;
try {
  if (mode === 'customer') {
    await customer(browser);
  } else {
    await agentSendsAFile(browser);
  }
  check(pageErrors.length === 0, `script errors on the pages: ${JSON.stringify(pageErrors)}`);
  log(`PASSED (${mode})`);
} catch (e) {
  failed = true;
  console.error(`[e2e] FAILED at "${step}": ${e.message}`);
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      await page.screenshot({ path: join(screenshotDir, `handoff-media-failure-${mode}.png`), fullPage: true })
        .catch(() => {});
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
