// The owner's sales dashboard (/dashboard): reads /dashboard/data/<report> (the same figures as /api/reports/...)
// and draws them with Apache ECharts. English and Arabic (right to left); the choice is kept in localStorage.
'use strict';

const TEXTS = {
  en: {
    title: 'Sales dashboard', campaigns: 'Marketing campaigns', period: 'Period', today: 'Today', days7: 'Last 7 days', days30: 'Last 30 days',
    custom: 'Custom', from: 'From', to: 'To', number: 'Business number', all: 'All numbers',
    conversationsStarted: 'Conversations started', botResponse: 'Bot first response',
    personResponse: "People's first response", median: 'median', revenue: 'Revenue (EGP)',
    paidOrders: 'Paid orders', orders: 'Orders', aov: 'Average order value (EGP)', handoffRate: 'Handoff rate',
    handoffs: 'Handoffs', slaBreaches: 'SLA breaches', optOuts: 'Opt-outs', unansweredCount: 'Unanswered questions',
    funnel: 'Conversion funnel', revenueByDay: 'Revenue per day (EGP)', revenueByFlow: 'Revenue per flow (EGP)',
    flow: 'Flow', reasons: 'Handoff reasons', reason: 'Reason', intents: 'Top intents', intent: 'Intent',
    turns: 'Turns', unanswered: 'Unanswered questions: add these to the playbook', question: 'Question',
    times: 'Times asked', inquiries: 'Product inquiries', ordered: 'Ordered', paid: 'Paid', switchTo: 'العربية',
    none: 'None in this period', scope: ['', ' to ', ' ({zone}), {number}'], allNumbers: 'all numbers',
    oneNumber: 'number ', takeovers: 'Taken over from the bot', personWaiting: 'Waiting for a person',
    badRange: (from, to) => `The first day (${from}) is after the last day (${to}): pick a first day on or before the last.`,
    failed: 'The figures could not be loaded', seconds: 's', minutes: 'min', hours: 'h', noData: '—',
  },
  ar: {
    title: 'لوحة المبيعات', campaigns: 'الحملات التسويقية', period: 'الفترة', today: 'اليوم', days7: 'آخر ٧ أيام', days30: 'آخر ٣٠ يوم',
    custom: 'فترة مخصصة', from: 'من', to: 'إلى', number: 'رقم النشاط', all: 'كل الأرقام',
    conversationsStarted: 'محادثات بدأت', botResponse: 'أول رد من البوت', personResponse: 'أول رد من الموظفين',
    median: 'الوسيط', revenue: 'الإيراد (جنيه)', paidOrders: 'طلبات مدفوعة', orders: 'الطلبات',
    aov: 'متوسط قيمة الطلب (جنيه)', handoffRate: 'نسبة التحويل لموظف', handoffs: 'تحويلات لموظف',
    slaBreaches: 'تجاوز زمن الرد المتفق عليه', optOuts: 'إلغاء الاشتراك', unansweredCount: 'أسئلة بلا إجابة',
    funnel: 'مسار التحويل', revenueByDay: 'الإيراد اليومي (جنيه)', revenueByFlow: 'الإيراد حسب المسار (جنيه)',
    flow: 'المسار', reasons: 'أسباب التحويل لموظف', reason: 'السبب', intents: 'أكثر الطلبات', intent: 'نوع الطلب',
    turns: 'عدد المرات', unanswered: 'أسئلة لم يجب عنها البوت: أضفها إلى دليل الإجابات', question: 'السؤال',
    times: 'عدد المرات', inquiries: 'استفسارات عن منتج', ordered: 'طلبات', paid: 'مدفوعة', switchTo: 'English',
    none: 'لا شيء في هذه الفترة', scope: ['من ', ' إلى ', ' ({zone})، {number}'], allNumbers: 'كل الأرقام',
    oneNumber: 'الرقم ', takeovers: 'استلمها موظف من البوت', personWaiting: 'في انتظار رد موظف',
    badRange: (from, to) => `اليوم الأول (${from}) بعد اليوم الأخير (${to}): اختر يومًا أول قبل اليوم الأخير أو يساويه.`,
    failed: 'تعذّر تحميل الأرقام', seconds: 'ث', minutes: 'د', hours: 'س', noData: '—',
  },
};

// Handoff reasons (HandoffReasons in Wasla) and the persona's intents, in the owner's words
const LABELS = {
  en: {
    customer_asked: 'Customer asked for a person', complaint: 'Complaint', angry_customer: 'Angry customer',
    big_deal: 'Big order', low_confidence: 'Not understood', unanswered_question: 'Question the bot could not answer',
    discount_request: 'Discount request', instalments: 'Instalments', booking: 'Booking needs a person', order_change: 'Order change', other: 'Other',
    greeting: 'Greeting', product_inquiry: 'Product inquiry', availability: 'Availability', order: 'Order',
    booking_new: 'New booking', booking_change: 'Booking change', booking_cancel: 'Booking cancel',
    order_status: 'Order status', payment: 'Payment', human_request: 'Asks for a person', thanks_goodbye: 'Thanks, goodbye',
  },
  ar: {
    customer_asked: 'العميل طلب موظف', complaint: 'شكوى', angry_customer: 'عميل غاضب', big_deal: 'طلب كبير',
    low_confidence: 'لم يفهم البوت', unanswered_question: 'سؤال لم يعرف البوت إجابته', discount_request: 'طلب خصم',
    instalments: 'تقسيط', booking: 'حجز يحتاج موظف', order_change: 'تعديل طلب', other: 'أخرى', greeting: 'تحية', product_inquiry: 'استفسار عن منتج',
    availability: 'توفر منتج', order: 'طلب شراء', booking_new: 'حجز جديد', booking_change: 'تغيير حجز',
    booking_cancel: 'إلغاء حجز', order_status: 'حالة الطلب', payment: 'الدفع', human_request: 'طلب موظف',
    thanks_goodbye: 'شكر ووداع',
  },
};
const label = (key) => LABELS[lang][key] || key;

// The BPMN flows that place orders (commerce_sale.flow), by a name the owner reads
const FLOWS = {
  en: { 'order-and-pay': 'Order and pay', 'sales-conversation': 'Sales conversation', 'order-cancel': 'Order cancel',
    'order-tracking': 'Order tracking', 'booking-change': 'Booking change' },
  ar: { 'order-and-pay': 'الطلب والدفع', 'sales-conversation': 'محادثة بيع', 'order-cancel': 'إلغاء طلب',
    'order-tracking': 'تتبع طلب', 'booking-change': 'تغيير حجز' },
};
const flowName = (flow) => FLOWS[lang][flow] || flow;

// Digits as the page's language writes them (Arabic-Indic in Arabic), for dates and axis labels
const digits = (text) => (lang === 'ar' ? String(text).replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[d]) : String(text));

let lang = localStorage.getItem('wasla.dashboard.lang') === 'ar' ? 'ar' : 'en';
let last = null;
const charts = {};
const $ = (sel) => document.querySelector(sel);
const t = (key) => TEXTS[lang][key];
const locale = () => (lang === 'ar' ? 'ar-EG' : 'en-US');
const num = (v, digits = 0) => (v === null || v === undefined ? t('noData')
  : Number(v).toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }));

function duration(seconds) {
  if (seconds === null || seconds === undefined) return t('noData');
  if (seconds < 90) return `${num(seconds, seconds < 10 ? 1 : 0)} ${t('seconds')}`;
  if (seconds < 5400) return `${num(seconds / 60, 1)} ${t('minutes')}`;
  return `${num(seconds / 3600, 1)} ${t('hours')}`;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.title = `Wasla — ${t('title')}`;
  const button = $('#lang');
  button.textContent = t('switchTo');
  button.lang = lang === 'ar' ? 'en' : 'ar';
  if (last) render(last);
  if (shownError) showError(shownError);
}

// The error shown (a function of the language, so a switch translates it), or null
let shownError = null;

function showError(message) {
  shownError = message;
  $('#error').textContent = message();
  $('#error').hidden = false;
  document.body.dataset.state = 'error';
}

function clearError() {
  shownError = null;
  $('#error').hidden = true;
}

function query() {
  const params = new URLSearchParams();
  const period = $('#period').value;
  if (period === 'custom') {
    if ($('#from').value) params.set('from', $('#from').value);
    if ($('#to').value) params.set('to', $('#to').value);
  } else {
    params.set('period', period);
  }
  params.set('phoneNumberId', $('#number').value);
  return params.toString();
}

async function get(report) {
  const response = await fetch(`/dashboard/data/${report}?${query()}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || `${report}: HTTP ${response.status}`);
  return body;
}

// Each load is numbered: answers to an older load (the owner changed the period or number again meanwhile) may
// arrive after a newer one's and are dropped, so what is shown always belongs to the filters shown.
let loads = 0;
let settled = 0;

async function load() {
  const generation = ++loads;
  document.body.dataset.loads = String(loads);
  $('#filters').classList.toggle('custom-period', $('#period').value === 'custom');
  const from = $('#from').value;
  const to = $('#to').value;
  if ($('#period').value === 'custom' && from && to && from > to) {
    // the page's own sentence, in its language (the API's 400 says the same in English)
    showError(() => t('badRange')(digits(from), digits(to)));
    document.body.dataset.settled = String(++settled);
    return;
  }
  document.body.dataset.state = 'loading';
  try {
    const [summary, days, flows, unanswered, intents] = await Promise.all(
      ['summary', 'revenue-by-day', 'revenue-by-flow', 'unanswered', 'intents'].map(get));
    if (generation !== loads) return;
    last = { summary, days: days.days, flows: flows.flows, questions: unanswered.questions, intents: intents.intents };
    if ($('#period').value !== 'custom') {
      // a switch to "custom" starts from the days shown (days in the business's time zone)
      $('#from').value = summary.scope.from;
      $('#to').value = summary.scope.to;
    }
    clearError();
    render(last);
    document.body.dataset.state = 'ready';
  } catch (e) {
    if (generation !== loads) return;
    // the server's sentence is English: shown after the page's own
    showError(() => `${t('failed')}: ${e.message}`);
  } finally {
    document.body.dataset.settled = String(++settled);
  }
}

function figure(name, value, text) {
  document.querySelectorAll(`[data-figure="${name}"]`).forEach((el) => {
    el.dataset.value = value === null || value === undefined ? '' : String(value);
    el.textContent = text;
  });
}

function rows(selector, items, cells) {
  const body = $(`${selector} tbody`);
  body.replaceChildren();
  if (!items.length) {
    const tr = body.insertRow();
    const td = tr.insertCell();
    td.colSpan = 4;
    td.className = 'empty';
    td.textContent = t('none');
    return;
  }
  for (const item of items) {
    const tr = body.insertRow();
    for (const [text, numeric] of cells(item)) {
      const td = tr.insertCell();
      td.textContent = text;
      if (numeric) td.className = 'num';
    }
  }
}

function chart(id) {
  if (!charts[id]) charts[id] = echarts.init(document.getElementById(id));
  return charts[id];
}

// "from <date> to <date> (zone), number": each date isolated left to right, so that right-to-left text around it
// does not reorder its parts
function scope(sc) {
  const [before, between, after] = t('scope');
  const date = (d) => {
    const el = document.createElement('bdi');
    el.dir = 'ltr';
    el.textContent = digits(d);
    return el;
  };
  const zone = document.createElement('bdi');
  zone.dir = 'ltr';
  zone.textContent = sc.zone;
  const number = sc.phoneNumberId === 'all' ? t('allNumbers') : t('oneNumber') + sc.phoneNumberId;
  const [zoneBefore, rest] = after.split('{zone}');
  $('#scope').replaceChildren(before, date(sc.from), between, date(sc.to), zoneBefore, zone,
    rest.replace('{number}', number));
}

function render({ summary: s, days, flows, questions, intents }) {
  scope(s.scope);
  figure('conversationsStarted', s.conversationsStarted, num(s.conversationsStarted));
  figure('botMedian', s.firstResponse.bot.medianSeconds, duration(s.firstResponse.bot.medianSeconds));
  figure('botP90', s.firstResponse.bot.p90Seconds, duration(s.firstResponse.bot.p90Seconds));
  figure('personMedian', s.firstResponse.person.medianSeconds, duration(s.firstResponse.person.medianSeconds));
  figure('personP90', s.firstResponse.person.p90Seconds, duration(s.firstResponse.person.p90Seconds));
  figure('personWaiting', s.firstResponse.person.unanswered, num(s.firstResponse.person.unanswered));
  figure('orders', s.orders, num(s.orders));
  figure('paidOrders', s.paidOrders, num(s.paidOrders));
  figure('revenueEgp', s.revenueEgp, num(s.revenueEgp));
  figure('averageOrderValueEgp', s.averageOrderValueEgp, num(s.averageOrderValueEgp));
  figure('handoffs', s.handoffs, num(s.handoffs));
  figure('takeovers', s.takeovers, num(s.takeovers));
  figure('handoffRate', s.handoffRate, s.handoffRate === null ? t('noData')
    : Number(s.handoffRate).toLocaleString(locale(), { style: 'percent', maximumFractionDigits: 1 }));
  figure('slaBreaches', s.slaBreaches, num(s.slaBreaches));
  figure('optOuts', s.optOuts, num(s.optOuts));
  figure('unansweredQuestions', s.unansweredQuestions, num(s.unansweredQuestions));

  rows('#flows', flows, (f) => [[flowName(f.flow)], [num(f.orders), true], [num(f.paidOrders), true], [num(f.revenueEgp), true]]);
  rows('#reasons', s.handoffReasons, (r) => [[label(r.reason)], [num(r.handoffs), true]]);
  rows('#intents', intents.slice(0, 10), (i) => [[label(i.intent)], [num(i.turns), true]]);
  $('#reasons').dataset.reasons = s.handoffReasons.map((r) => `${r.reason}=${r.handoffs}`).join(',');
  rows('#unanswered', questions, (q) => [[q.question], [num(q.times), true]]);
  // a customer's words keep their own direction (an English question on the Arabic page ends with its "?")
  $('#unanswered tbody').querySelectorAll('td:first-child:not(.empty)').forEach((td) => { td.dir = 'auto'; });
  $('#unanswered').dataset.count = String(questions.length);

  const rtl = lang === 'ar';
  const funnel = [
    { name: t('inquiries'), value: s.funnel.productInquiries },
    { name: t('ordered'), value: s.funnel.ordered },
    { name: t('paid'), value: s.funnel.paid },
  ];
  chart('funnelChart').setOption({
    animation: false,
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    color: ['#0f7b5f', '#2f9e7f', '#7cc9b0'],
    series: [{ type: 'funnel', name: t('funnel'), sort: 'none', minSize: '15%', left: '10%', width: '80%',
      label: { show: true, position: 'inside', formatter: (p) => `${p.name}: ${num(p.value)}` }, data: funnel }],
  }, true);
  $('#funnelChart').dataset.values = funnel.map((f) => f.value).join(',');

  chart('revenueChart').setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 60, top: 20, bottom: 40, containLabel: true },
    xAxis: { type: 'category', inverse: rtl, data: days.map((d) => d.date), axisLabel: { formatter: (v) => digits(v) } },
    yAxis: { type: 'value', position: rtl ? 'right' : 'left', axisLabel: { formatter: (v) => num(v) } },
    series: [{ type: 'line', name: t('revenue'), smooth: false, areaStyle: { opacity: 0.15 }, color: '#0f7b5f',
      data: days.map((d) => Number(d.revenueEgp)) }],
  }, true);
  $('#revenueChart').dataset.values = days.map((d) => `${d.date}=${d.revenueEgp}`).join(',');

  chart('flowChart').setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 60, top: 20, bottom: 40, containLabel: true },
    xAxis: { type: 'category', inverse: rtl, data: flows.map((f) => flowName(f.flow)) },
    yAxis: { type: 'value', position: rtl ? 'right' : 'left', axisLabel: { formatter: (v) => num(v) } },
    series: [{ type: 'bar', name: t('revenue'), color: '#2f6fb0', data: flows.map((f) => Number(f.revenueEgp)) }],
  }, true);
}

async function numbers() {
  const response = await fetch('/dashboard/data/numbers', { credentials: 'same-origin' });
  if (!response.ok) return;
  const select = $('#number');
  for (const n of (await response.json()).numbers) {
    const option = document.createElement('option');
    option.value = n;
    option.textContent = n;
    select.append(option);
  }
}

window.addEventListener('DOMContentLoaded', async () => {
  const today = new Date().toISOString().slice(0, 10);
  $('#to').value = today;
  $('#from').value = today;
  $('#lang').addEventListener('click', () => {
    lang = lang === 'ar' ? 'en' : 'ar';
    localStorage.setItem('wasla.dashboard.lang', lang);
    applyLanguage();
  });
  for (const id of ['#period', '#from', '#to', '#number']) $(id).addEventListener('change', load);
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  applyLanguage();
  await numbers();
  await load();
});
