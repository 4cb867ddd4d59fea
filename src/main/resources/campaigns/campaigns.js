// The owner's campaigns page (/campaigns): the campaigns with their figures, one campaign's funnel and recipients,
// pause / resume / cancel, and a new campaign. Reads and writes /campaigns/api/... (the session's CSRF token on
// changes). English and Arabic (right to left, Arabic-Indic digits); the choice is the dashboard's, kept in
// localStorage.
'use strict';

const TEXTS = {
  en: {
    title: 'Marketing campaigns', dashboard: 'Sales dashboard', all: 'All campaigns', newCampaign: 'New campaign',
    name: 'Name', template: 'Template', state: 'State', when: 'Scheduled / started', audience: 'Audience',
    sent: 'Sent', delivered: 'Delivered', read: 'Read', replied: 'Replied', failed: 'Failed', optedOut: 'Opted out',
    orders: 'Orders', revenue: 'Revenue (EGP)', previous: 'Previous', next: 'Next', start: 'Start', pause: 'Pause', resume: 'Resume',
    cancel: 'Cancel campaign', queued: 'Queued', skipped: 'Skipped', cancelledState: 'Cancelled', funnel: 'Funnel', recipients: 'Recipients', allStates: 'All',
    customer: 'Customer', number: 'Number', at: 'At', lastChange: 'Last change', error: "Meta's error", parameters: 'Parameters',
    audienceFilters: 'Audience', tags: 'Tags (comma separated)', languages: 'Languages (ar, en)', cities: 'Cities',
    lastOrderAfter: 'Last order after', lastOrderBefore: 'Last order before', minSpend: 'Spent at least (EGP)',
    maxSpend: 'Spent at most (EGP)', schedule: 'When', now: 'Now', draft: 'Keep as a draft',
    pace: 'Pace (messages per second)', create: 'Create campaign', switchTo: 'العربية', none: 'No campaigns yet',
    noRecipients: 'No recipients in this state', of: 'of', rateOfSent: 'of sent', conversion: 'bought',
    failedRate: 'of attempts', confirmCancel: (n) => `Cancel "${n}" for good? Nobody who has not got it yet will.`,
    preview: (m, r) => `${m} customers match; ${r} may get marketing (opted in, not opted out).`,
    capped: (c) => ` ${c} of them already had this week's most marketing messages and will be skipped.`,
    parameter: (i) => `Parameter {{${i}}}`, fixedText: 'Fixed text', attribute: 'CRM attribute',
    attributeName: 'Attribute name', fallback: 'Text when the customer has none', textLabel: 'Text',
    nobodyReachable: 'Nobody in this audience may get marketing (no one has opted in): change the audience, or save the campaign as a draft.',
    created: (n) => `Campaign "${n}" created.`, failedLoad: 'Could not load', noTemplates: 'No approved marketing template in the catalogue',
    pageOf: (p, n) => `Page ${p} of ${n}`, fields: { firstName: 'First name', name: 'Full name', orders: 'Number of orders',
      totalSpend: 'Total spend', lastOrderDate: 'Last order date' },
    header: 'Header', buttons: 'Buttons', headerText: 'Header text', headerLink: 'Link (https://...)',
    headerFilename: 'File name (optional)', headerKinds: { text: 'text', image: 'photo', video: 'video', document: 'document', location: 'place' },
    buttonNeeds: { url: 'the end of its link', copy_code: 'the coupon code (at most 15 characters)', quick_reply: 'the payload it sends back (optional)' },
    buttonLabel: (b) => `Button ${b.index + 1} “${b.text || (b.type === 'COPY_CODE' ? 'Copy code' : b.type)}”`,
    needsHeader: (k) => `The template's header is a ${k}: fill in the header.`,
    needsLink: 'The header link must start with https:// or http://.',
    noLocation: 'This template has a place (location) header, which a campaign cannot send: choose another template.',
    needsButton: (label, need) => `${label} needs ${need}.`,
    couponTooLong: (label) => `${label}: a coupon code has at most 15 characters.`,
    noSpaces: (label) => `${label}: no line breaks or tabs.`,
  },
  ar: {
    title: 'الحملات التسويقية', dashboard: 'لوحة المبيعات', all: 'كل الحملات', newCampaign: 'حملة جديدة',
    name: 'الاسم', template: 'القالب', state: 'الحالة', when: 'الموعد / البدء', audience: 'الجمهور',
    sent: 'أُرسلت', delivered: 'وصلت', read: 'قُرئت', replied: 'ردّ العميل', failed: 'فشلت', optedOut: 'ألغى الاشتراك',
    orders: 'الطلبات', revenue: 'الإيراد (جنيه)', previous: 'السابق', next: 'التالي', start: 'ابدأ', pause: 'إيقاف مؤقت',
    resume: 'استئناف', cancel: 'إلغاء الحملة', queued: 'في الانتظار', skipped: 'تم تخطّيهم', cancelledState: 'أُلغيت', funnel: 'مسار الحملة', recipients: 'المستلمون',
    allStates: 'الكل', customer: 'العميل', number: 'الرقم', at: 'في', lastChange: 'آخر تغيير', error: 'خطأ ميتا', parameters: 'متغيرات القالب',
    audienceFilters: 'الجمهور', tags: 'الوسوم (مفصولة بفاصلة)', languages: 'اللغات (ar, en)', cities: 'المدن',
    lastOrderAfter: 'آخر طلب بعد', lastOrderBefore: 'آخر طلب قبل', minSpend: 'أنفق على الأقل (جنيه)',
    maxSpend: 'أنفق على الأكثر (جنيه)', schedule: 'الموعد', now: 'الآن', draft: 'احفظها مسودة',
    pace: 'السرعة (رسالة في الثانية)', create: 'إنشاء الحملة', switchTo: 'English', none: 'لا توجد حملات بعد',
    noRecipients: 'لا يوجد مستلمون بهذه الحالة', of: 'من', rateOfSent: 'من المُرسل', conversion: 'اشترى',
    failedRate: 'من المحاولات', confirmCancel: (n) => `إلغاء «${n}» نهائيًا؟ لن تصل لمن لم تصله بعد.`,
    preview: (m, r) => `${m} عميل يطابقون الشروط؛ ${r} يمكن مراسلتهم تسويقيًا (وافقوا ولم يلغوا الاشتراك).`,
    capped: (c) => ` ${c} منهم وصلهم الحد الأقصى من الرسائل التسويقية هذا الأسبوع وسيتم تخطّيهم.`,
    parameter: (i) => `المتغير {{${i}}}`, fixedText: 'نص ثابت', attribute: 'صفة من بيانات العميل',
    attributeName: 'اسم الصفة', fallback: 'النص عند غيابها', textLabel: 'النص',
    nobodyReachable: 'لا يمكن مراسلة أحد في هذا الجمهور تسويقيًا (لم يوافق أحد): غيّر الجمهور أو احفظ الحملة كمسودة.',
    created: (n) => `تم إنشاء الحملة «${n}».`, failedLoad: 'تعذّر التحميل', noTemplates: 'لا يوجد قالب تسويقي معتمد',
    pageOf: (p, n) => `صفحة ${p} من ${n}`, fields: { firstName: 'الاسم الأول', name: 'الاسم الكامل', orders: 'عدد الطلبات',
      totalSpend: 'إجمالي الإنفاق', lastOrderDate: 'تاريخ آخر طلب' },
    header: 'رأس الرسالة', buttons: 'الأزرار', headerText: 'نص الرأس', headerLink: 'الرابط (https://...)',
    headerFilename: 'اسم الملف (اختياري)', headerKinds: { text: 'نص', image: 'صورة', video: 'فيديو', document: 'مستند', location: 'مكان' },
    buttonNeeds: { url: 'نهاية الرابط', copy_code: 'كود الخصم (١٥ حرفًا على الأكثر)', quick_reply: 'القيمة التي يرسلها (اختياري)' },
    buttonLabel: (b) => `الزر ${b.index + 1} «${b.text || (b.type === 'COPY_CODE' ? 'نسخ الكود' : b.type)}»`,
    needsHeader: (k) => `رأس القالب ${k}: املأ حقل الرأس.`,
    needsLink: 'رابط الرأس لازم يبدأ بـ https:// أو http://.',
    noLocation: 'رأس هذا القالب مكان (موقع)، والحملات لا ترسله: اختر قالبًا آخر.',
    needsButton: (label, need) => `${label} يحتاج ${need}.`,
    couponTooLong: (label) => `${label}: كود الخصم ١٥ حرفًا على الأكثر.`,
    noSpaces: (label) => `${label}: بدون أسطر جديدة أو مسافات جدولة.`,
  },
};

// Campaign states (Campaign.Status) and recipients' outcomes (CampaignResults), in the owner's words
const LABELS = {
  en: { DRAFT: 'Draft', SCHEDULED: 'Scheduled', SENDING: 'Sending', PAUSED: 'Paused', SENT: 'Sent, reminder due',
    COMPLETED: 'Completed', CANCELLED: 'Cancelled', queued: 'Queued', sent: 'Sent', delivered: 'Delivered', read: 'Read',
    failed: 'Failed', skipped_opted_out: 'Skipped: opted out', skipped_cap: 'Skipped: weekly cap',
    skipped_in_handoff: 'Skipped: with a person', unconfirmed: 'Unconfirmed', cancelled: 'Cancelled', replied: 'replied', opted_out: 'opted out' },
  ar: { DRAFT: 'مسودة', SCHEDULED: 'مجدولة', SENDING: 'جارٍ الإرسال', PAUSED: 'متوقفة مؤقتًا', SENT: 'أُرسلت، والتذكير قادم',
    COMPLETED: 'اكتملت', CANCELLED: 'أُلغيت', queued: 'في الانتظار', sent: 'أُرسلت', delivered: 'وصلت', read: 'قُرئت',
    failed: 'فشلت', skipped_opted_out: 'تخطّي: ألغى الاشتراك', skipped_cap: 'تخطّي: الحد الأسبوعي',
    skipped_in_handoff: 'تخطّي: مع موظف', unconfirmed: 'غير مؤكدة', cancelled: 'أُلغيت', replied: 'ردّ', opted_out: 'ألغى الاشتراك' },
};

const FIELDS = ['firstName', 'name', 'orders', 'totalSpend', 'lastOrderDate'];
const PAGE_SIZE = 25;

let lang = localStorage.getItem('wasla.dashboard.lang') === 'ar' ? 'ar' : 'en';
let me = {};
let listPage = 0;
let current = null; // the campaign shown: { id, answer }
let recipientPage = 0;
let recipientsAnswer = null;
let listAnswer = null;
let templates = [];
let chart = null;
let loads = 0;
const $ = (sel) => document.querySelector(sel);
const t = (key) => TEXTS[lang][key];
const label = (key) => LABELS[lang][key] || key;
const locale = () => (lang === 'ar' ? 'ar-EG' : 'en-US');
const num = (v, digits = 0) => (v === null || v === undefined ? '—'
  : Number(v).toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const percent = (v) => Number(v || 0).toLocaleString(locale(), { style: 'percent', maximumFractionDigits: 1 });
const time = (v) => (v ? new Date(v).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' }) : '—');
const digits = (text) => (lang === 'ar' ? String(text).replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[d]) : String(text));
// A masked number (109876543210001:***123) in Arabic-Indic digits: the marks between its digits would take the
// digits' right-to-left pull and swap its two parts; a left-to-right mark around them keeps the order.
const masked = (text) => (lang === 'ar' ? digits(text).replace(/([:*]+)/g, '\u200E$1\u200E') : String(text));

async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  if (options.method && options.method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (me.csrfToken) headers['X-XSRF-TOKEN'] = me.csrfToken;
  }
  const response = await fetch(`/campaigns/api/${path}`, { credentials: 'same-origin', ...options, headers });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error((body && body.detail) || `HTTP ${response.status}`);
  return body;
}

function showError(message) {
  $('#error').textContent = message;
  $('#error').hidden = false;
}

// The notice shown (a function of the language, so a switch translates it), or null
let shownNotice = null;
let keepNotice = false;

function notice(message) {
  shownNotice = message;
  $('#notice').textContent = message ? message() : '';
  $('#notice').hidden = !message;
}

function clearMessages() {
  $('#error').hidden = true;
  notice(null);
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.title = `Wasla — ${t('title')}`;
  $('#lang').textContent = t('switchTo');
  $('#lang').lang = lang === 'ar' ? 'en' : 'ar';
  if (listAnswer) renderList(listAnswer);
  if (current && current.answer) renderCampaign(current.answer);
  if (recipientsAnswer) renderRecipients(recipientsAnswer);
  if (templates.length) renderParameters();
  if (shownNotice) notice(shownNotice);
}

function cell(tr, text, className, value) {
  const td = tr.insertCell();
  if (text instanceof Node) td.append(text);
  else td.textContent = text;
  if (className) td.className = className;
  if (value !== undefined) td.dataset.value = String(value);
  return td;
}

// --- the list --------------------------------------------------------------------------------------------------

async function loadList() {
  const generation = ++loads;
  document.body.dataset.state = 'loading';
  try {
    const answer = await api(`campaigns?page=${listPage}&size=20`);
    if (generation !== loads) return;
    listAnswer = answer;
    renderList(answer);
    document.body.dataset.state = 'ready';
  } catch (e) {
    if (generation === loads) showError(`${t('failedLoad')}: ${e.message}`);
  }
}

function renderList(answer) {
  const body = $('#campaigns tbody');
  body.replaceChildren();
  if (!answer.items.length) {
    const td = body.insertRow().insertCell();
    td.colSpan = 13;
    td.textContent = t('none');
  }
  for (const c of answer.items) {
    const tr = body.insertRow();
    tr.dataset.campaignId = c.id;
    const link = document.createElement('a');
    link.href = `#/c/${c.id}`;
    link.textContent = c.name;
    link.dir = 'auto';
    cell(tr, link, 'name');
    cell(tr, `${c.template} (${c.language})`);
    cell(tr, label(c.status), 'status', c.status);
    cell(tr, time(goesOutAt(c)));
    for (const key of ['audience', 'sent', 'delivered', 'read', 'replied', 'failed', 'optedOut', 'orders']) {
      cell(tr, num(c[key]), `num ${key}`, c[key]);
    }
    cell(tr, num(c.revenueEgp, 2), 'num revenueEgp', c.revenueEgp);
  }
  $('#listPrev').disabled = listPage === 0;
  $('#listNext').disabled = answer.items.length < 20;
}

// --- one campaign ----------------------------------------------------------------------------------------------

async function loadCampaign(id) {
  const generation = ++loads;
  document.body.dataset.state = 'loading';
  try {
    const answer = await api(`campaigns/${encodeURIComponent(id)}`);
    if (generation !== loads) return;
    current = { id, answer };
    renderCampaign(answer);
    await loadRecipients();
    if (generation === loads) document.body.dataset.state = 'ready';
  } catch (e) {
    if (generation === loads) showError(`${t('failedLoad')}: ${e.message}`);
  }
}

function figure(name, value, text) {
  document.querySelectorAll(`#figures [data-figure="${name}"]`).forEach((el) => {
    el.dataset.value = value === null || value === undefined ? '' : String(value);
    el.textContent = text;
  });
}

function renderCampaign({ campaign: c, row, results }) {
  $('#campaignName').textContent = c.name;
  $('#campaignName').dir = 'auto';
  $('#campaignState').textContent = label(c.status);
  $('#campaignState').className = `state ${c.status}`;
  $('#campaignState').dataset.status = c.status;
  const pace = c.ratePerSecond ? ` · ${t('pace')}: ${num(c.ratePerSecond)}` : '';
  $('#campaignMeta').textContent = `${c.template} (${c.language}) · ${time(goesOutAt(c))}${pace}`;
  for (const key of ['audience', 'queued', 'sent', 'delivered', 'read', 'replied', 'failed', 'optedOut', 'orders']) {
    figure(key, row[key], num(row[key]));
  }
  figure('revenueEgp', row.revenueEgp, num(row.revenueEgp, 2));
  for (const [key, rate] of Object.entries(results.rates)) {
    const el = document.querySelector(`#figures [data-rate="${key}"]`);
    if (!el) continue;
    el.dataset.value = String(rate);
    const of = key === 'failed' ? t('failedRate') : key === 'conversion' ? t('conversion') : t('rateOfSent');
    el.textContent = `${percent(rate)} ${of}`;
  }
  $('#start').disabled = c.status !== 'DRAFT';
  $('#pause').disabled = c.status !== 'SENDING' && c.status !== 'SCHEDULED';
  $('#resume').disabled = c.status !== 'PAUSED';
  $('#cancel').disabled = c.status === 'COMPLETED' || c.status === 'CANCELLED';

  const steps = [
    { name: t('audience'), value: row.audience },
    { name: t('sent'), value: row.sent },
    { name: t('delivered'), value: row.delivered },
    { name: t('read'), value: row.read },
    { name: t('replied'), value: row.replied },
  ];
  if (!chart) chart = echarts.init(document.getElementById('funnelChart'));
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}: ${num(p.value)}` },
    color: ['#0f7b5f', '#2f9e7f', '#55b596', '#7cc9b0', '#a6dcc9'],
    series: [{ type: 'funnel', sort: 'none', minSize: '10%', left: '10%', width: '80%',
      label: { show: true, position: 'inside', formatter: (p) => `${p.name}: ${num(p.value)}` }, data: steps }],
  }, true);
  $('#funnelChart').dataset.values = steps.map((s) => s.value).join(',');
}

async function loadRecipients() {
  if (!current) return;
  const state = $('#recipientState').value;
  const answer = await api(`campaigns/${encodeURIComponent(current.id)}/recipients?state=${state}`
    + `&page=${recipientPage}&size=${PAGE_SIZE}`);
  if (!current || answer.campaignId !== current.id || answer.state !== $('#recipientState').value) return;
  recipientsAnswer = answer;
  renderRecipients(answer);
}

function renderRecipients(answer) {
  const body = $('#recipients tbody');
  body.replaceChildren();
  if (!answer.items.length) {
    const td = body.insertRow().insertCell();
    td.colSpan = 6;
    td.textContent = t('noRecipients');
  }
  for (const r of answer.items) {
    const tr = body.insertRow();
    tr.dataset.outcome = r.outcome;
    const name = document.createElement('bdi');
    name.textContent = r.name || '—';
    cell(tr, name, 'name');
    const number = document.createElement('bdi');
    number.dir = 'ltr';
    number.textContent = masked(r.customer);
    cell(tr, number, 'customer');
    const after = [r.repliedAt ? label('replied') : null, r.optedOutAt ? label('opted_out') : null].filter(Boolean);
    cell(tr, label(r.outcome) + (after.length ? ` · ${after.join(' · ')}` : ''), 'outcome', r.outcome);
    cell(tr, time(r.statusAt || r.sentAt));
    // Meta's sentence is English: it keeps its own direction on the Arabic page
    cell(tr, r.errorCode || r.error ? `${r.errorCode ? digits(r.errorCode) + ' ' : ''}${r.error || ''}` : '',
      r.errorCode || r.error ? 'error' : '').dir = 'auto';
    cell(tr, num(r.orders), 'num');
  }
  const pages = Math.max(1, Math.ceil(answer.total / answer.size));
  $('#recipientTotal').textContent = `${num(answer.total)} ${t('recipients')}`;
  $('#recipientTotal').dataset.total = String(answer.total);
  $('#recipientPage').textContent = t('pageOf')(num(answer.page + 1), num(pages));
  $('#recipientsPrev').disabled = answer.page === 0;
  $('#recipientsNext').disabled = answer.page + 1 >= pages;
}

async function act(action) {
  if (!current) return;
  const c = current.answer.campaign;
  if (action === 'cancel' && !window.confirm(t('confirmCancel')(c.name))) return;
  clearMessages();
  document.body.dataset.state = 'loading';
  try {
    await api(`campaigns/${encodeURIComponent(c.id)}/${action}`, { method: 'POST' });
  } catch (e) {
    showError(e.message);
  }
  await loadCampaign(c.id);
}

// --- a new campaign --------------------------------------------------------------------------------------------

async function loadTemplates() {
  templates = await api('templates');
  const select = $('#newTemplate');
  select.replaceChildren();
  if (!templates.length) showError(t('noTemplates'));
  templates.forEach((tpl, i) => {
    const option = document.createElement('option');
    option.value = String(i);
    option.textContent = `${tpl.name} (${tpl.language})`;
    select.append(option);
  });
  renderParameters();
}

function renderParameters() {
  const tpl = templates[Number($('#newTemplate').value || 0)];
  const box = $('#newParameters');
  const kept = [...box.querySelectorAll('.parameter')].map((p) => ({
    source: p.querySelector('select').value, attribute: p.querySelector('.attribute').value,
    text: p.querySelector('.text').value }));
  box.querySelectorAll('.parameter').forEach((p) => p.remove());
  const names = tpl && tpl.parameterNames && tpl.parameterNames.length ? tpl.parameterNames : null;
  for (let i = 0; tpl && i < tpl.parameters; i++) {
    const row = document.createElement('div');
    row.className = 'parameter';
    // a template with named parameters takes each by its name ({{first_name}})
    const label = names ? `{{${names[i]}}}` : t('parameter')(i + 1);
    if (names) row.dataset.name = names[i];
    const source = document.createElement('select');
    source.setAttribute('aria-label', label);
    for (const f of FIELDS) source.append(new Option(t('fields')[f], f));
    source.append(new Option(t('attribute'), 'attribute'));
    source.append(new Option(t('fixedText'), 'fixed'));
    const attribute = document.createElement('input');
    attribute.className = 'attribute';
    attribute.placeholder = t('attributeName');
    const text = document.createElement('input');
    text.className = 'text';
    const title = document.createElement('span');
    title.textContent = names ? label : digits(label);
    row.append(title, source, attribute, text);
    if (kept[i]) {
      source.value = kept[i].source;
      attribute.value = kept[i].attribute;
      text.value = kept[i].text;
    }
    const shown = () => {
      attribute.hidden = source.value !== 'attribute';
      text.placeholder = source.value === 'fixed' ? t('textLabel') : t('fallback');
    };
    source.addEventListener('change', shown);
    shown();
    box.append(row);
  }
  renderHeaderAndButtons(tpl);
}

// The template's header and buttons that a send gives (a photo's link, a coupon code, a link's end), the same for
// every recipient
function renderHeaderAndButtons(tpl) {
  const header = $('#newHeader');
  // what was typed stays when the page only changes its language
  const same = tpl && header.dataset.template === `${tpl.name}/${tpl.language}`;
  const kept = same ? [...document.querySelectorAll('#newHeader input, #newButtons input')].map((i) => i.value) : [];
  header.dataset.template = tpl ? `${tpl.name}/${tpl.language}` : '';
  header.querySelectorAll('.header-part').forEach((p) => p.remove());
  const spec = tpl && tpl.header && tpl.header.parameter ? tpl.header : null;
  header.hidden = !spec;
  if (spec) {
    const kind = spec.format.toLowerCase();
    const row = document.createElement('div');
    row.className = 'header-part';
    row.dataset.type = kind;
    const need = document.createElement('span');
    need.className = 'need';
    need.textContent = t('headerKinds')[kind] || kind;
    row.append(need);
    if (kind === 'location') {
      need.textContent = t('noLocation');
    } else {
      const input = document.createElement('input');
      input.className = 'header-value';
      input.placeholder = kind === 'text' ? t('headerText') : t('headerLink');
      input.setAttribute('aria-label', input.placeholder);
      if (kind === 'text') input.maxLength = 60;
      row.append(input);
      if (kind === 'document') {
        const filename = document.createElement('input');
        filename.className = 'header-filename';
        filename.placeholder = t('headerFilename');
        filename.setAttribute('aria-label', filename.placeholder);
        row.append(filename);
      }
    }
    header.append(row);
  }
  const buttons = $('#newButtons');
  buttons.querySelectorAll('.button-part').forEach((p) => p.remove());
  const taking = tpl ? (tpl.buttons || []).filter((b) => b.parameter) : [];
  buttons.hidden = !taking.length;
  for (const b of taking) {
    const row = document.createElement('div');
    row.className = 'button-part';
    row.dataset.index = String(b.index);
    row.dataset.parameter = b.parameter;
    row.dataset.required = String(Boolean(b.required));
    row.dataset.label = t('buttonLabel')(b);
    const title = document.createElement('span');
    title.textContent = t('buttonLabel')(b);
    const input = document.createElement('input');
    input.className = 'button-value';
    input.placeholder = t('buttonNeeds')[b.parameter] || b.parameter;
    input.setAttribute('aria-label', `${title.textContent}: ${input.placeholder}`);
    if (b.parameter === 'copy_code') input.maxLength = 15;
    row.append(title, input);
    buttons.append(row);
  }
  [...document.querySelectorAll('#newHeader input, #newButtons input')].forEach((input, i) => {
    if (kept[i] !== undefined) input.value = kept[i];
  });
}

/** The header and buttons as the engine takes them, or a sentence that says what to fill in. */
function headerAndButtons() {
  const result = { header: null, buttons: [] };
  const row = document.querySelector('#newHeader .header-part');
  if (row && !$('#newHeader').hidden) {
    const type = row.dataset.type;
    if (type === 'location') return { error: t('noLocation') };
    const value = row.querySelector('.header-value').value.trim();
    if (!value) return { error: t('needsHeader')(t('headerKinds')[type] || type) };
    if (type === 'text') {
      result.header = { type, text: value };
    } else {
      if (!/^https?:\/\/\S+$/i.test(value)) return { error: t('needsLink') };
      result.header = { type, link: value };
      const filename = row.querySelector('.header-filename');
      if (filename && filename.value.trim()) result.header.filename = filename.value.trim();
    }
  }
  for (const part of document.querySelectorAll('#newButtons .button-part')) {
    const value = part.querySelector('.button-value').value.trim();
    const label = part.dataset.label;
    if (!value) {
      if (part.dataset.required === 'true') {
        return { error: t('needsButton')(label, t('buttonNeeds')[part.dataset.parameter] || part.dataset.parameter) };
      }
      continue;
    }
    if (/[\n\r\t]/.test(value)) return { error: t('noSpaces')(label) };
    if (part.dataset.parameter === 'copy_code' && value.length > 15) return { error: t('couponTooLong')(label) };
    result.buttons.push({ index: Number(part.dataset.index), text: value });
  }
  return result;
}

const list = (value) => value.split(',').map((v) => v.trim()).filter(Boolean);
const day = (value) => (value ? `${value}T00:00:00Z` : null);

function audience() {
  return {
    tags: list($('#newTags').value), languages: list($('#newLanguages').value), cities: list($('#newCities').value),
    lastOrderAfter: day($('#newLastOrderAfter').value), lastOrderBefore: day($('#newLastOrderBefore').value),
    minTotalSpend: $('#newMinSpend').value || null, maxTotalSpend: $('#newMaxSpend').value || null,
  };
}

/** When a campaign goes out (scheduled) or went out (started), else when it was made. */
function goesOutAt(c) {
  return c.status === 'SCHEDULED' && c.startAt ? c.startAt : c.startedAt || c.startAt || c.createdAt;
}

let previews = 0;
async function preview() {
  const generation = ++previews;
  try {
    const answer = await api('audience', { method: 'POST', body: JSON.stringify({ audience: audience() }) });
    if (generation !== previews) return;
    $('#preview').textContent = t('preview')(num(answer.matching), num(answer.reachable))
      + (answer.atWeeklyCap ? t('capped')(num(answer.atWeeklyCap)) : '');
    $('#preview').dataset.atWeeklyCap = String(answer.atWeeklyCap || 0);
    $('#preview').dataset.matching = String(answer.matching);
    $('#preview').dataset.reachable = String(answer.reachable);
    $('#previewSample').replaceChildren(...answer.sample.map((m) => {
      const li = document.createElement('li');
      const number = document.createElement('bdi');
      number.dir = 'ltr';
      number.textContent = masked(m.customer);
      li.append(`${m.name || '—'} `, number);
      return li;
    }));
  } catch (e) {
    if (generation === previews) $('#preview').textContent = e.message;
  }
}

async function create(event) {
  event.preventDefault();
  clearMessages();
  const tpl = templates[Number($('#newTemplate').value || 0)];
  const rows = [...document.querySelectorAll('#newParameters .parameter')];
  const parameters = rows.map((p) => {
    const source = p.querySelector('select').value;
    const text = p.querySelector('.text').value.trim() || null;
    if (source === 'fixed') return { field: me.fixedTextField, fallback: text };
    if (source === 'attribute') return { field: `attribute:${p.querySelector('.attribute').value.trim()}`, fallback: text };
    return { field: source, fallback: text };
  });
  const extra = headerAndButtons();
  if (extra.error) {
    showError(extra.error);
    return;
  }
  const template = tpl ? { name: tpl.name, language: tpl.language } : null;
  if (template && rows.some((p) => p.dataset.name)) {
    template.namedParameters = Object.fromEntries(rows.map((p, i) => [p.dataset.name, parameters[i]]));
  } else if (template) {
    template.parameters = parameters;
  }
  if (template && extra.header) template.header = extra.header;
  if (template && extra.buttons.length) template.buttons = extra.buttons;
  const when = document.querySelector('input[name="when"]:checked').value;
  if (when !== 'draft' && $('#preview').dataset.reachable === '0') {
    showError(t('nobodyReachable'));
    return;
  }
  const startAt = when === 'at' && $('#newStartAt').value ? new Date($('#newStartAt').value).toISOString() : null;
  const campaign = {
    name: $('#newName').value.trim(), template,
    audience: audience(), startAt, ratePerSecond: $('#newRate').value ? Number($('#newRate').value) : null,
  };
  // one campaign per filled-in form, however often Create is clicked (the key goes with the form)
  const submit = event.submitter || $('#newCampaign button[type="submit"]');
  if (submit) submit.disabled = true;
  if (!create.key) create.key = newKey();
  try {
    const created = await api('campaigns', { method: 'POST', headers: { 'Idempotency-Key': create.key },
      body: JSON.stringify({ campaign, start: when !== 'draft' }) });
    create.key = null;
    notice(() => t('created')(created.name));
    keepNotice = true;
    location.hash = `#/c/${created.id}`;
  } catch (e) {
    showError(e.message);
  } finally {
    if (submit) submit.disabled = false;
  }
}

function newKey() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

// --- navigation ------------------------------------------------------------------------------------------------

async function route() {
  clearTimeout(route.timer);
  const hash = location.hash || '#/';
  const match = hash.match(/^#\/c\/([A-Za-z0-9_]+)/);
  const view = match ? 'detail' : hash === '#/new' ? 'new' : 'list';
  document.body.dataset.view = view;
  $('#listView').hidden = view !== 'list';
  $('#detailView').hidden = view !== 'detail';
  $('#newView').hidden = view !== 'new';
  $('#error').hidden = true;
  if (!keepNotice) notice(null);
  keepNotice = false;
  if (view === 'list') {
    current = null;
    await loadList();
  } else if (view === 'detail') {
    if (!current || current.id !== match[1]) {
      current = { id: match[1] };
      recipientPage = 0;
      recipientsAnswer = null;
      $('#recipientState').value = 'all';
    }
    await loadCampaign(match[1]);
    if (chart) chart.resize();
  } else {
    current = null;
    if (!templates.length) await loadTemplates();
    await preview();
    document.body.dataset.state = 'ready';
  }
  // a campaign being sent moves: its figures are read again every 10 seconds
  if (view === 'detail') route.timer = setTimeout(refresh, 10_000);
}

async function refresh() {
  if (document.body.dataset.view === 'detail' && current && document.body.dataset.state === 'ready') {
    await loadCampaign(current.id);
  }
  if (document.body.dataset.view === 'detail') route.timer = setTimeout(refresh, 10_000);
}

window.addEventListener('DOMContentLoaded', async () => {
  $('#lang').addEventListener('click', () => {
    lang = lang === 'ar' ? 'en' : 'ar';
    localStorage.setItem('wasla.dashboard.lang', lang);
    applyLanguage();
  });
  $('#listPrev').addEventListener('click', () => { listPage = Math.max(0, listPage - 1); loadList(); });
  $('#listNext').addEventListener('click', () => { listPage += 1; loadList(); });
  $('#start').addEventListener('click', () => act('start'));
  $('#pause').addEventListener('click', () => act('pause'));
  $('#resume').addEventListener('click', () => act('resume'));
  $('#cancel').addEventListener('click', () => act('cancel'));
  $('#recipientState').addEventListener('change', () => { recipientPage = 0; loadRecipients().catch((e) => showError(e.message)); });
  $('#recipientsPrev').addEventListener('click', () => { recipientPage = Math.max(0, recipientPage - 1); loadRecipients(); });
  $('#recipientsNext').addEventListener('click', () => { recipientPage += 1; loadRecipients(); });
  $('#newTemplate').addEventListener('change', renderParameters);
  let timer;
  $('#newAudience').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(preview, 300); });
  $('#newCampaign').addEventListener('submit', create);
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', () => chart && chart.resize());
  applyLanguage();
  try {
    me = await api('me');
    if (me.maxRatePerSecond) $('#newRate').max = String(me.maxRatePerSecond);
  } catch (e) {
    showError(e.message);
  }
  await route();
});
