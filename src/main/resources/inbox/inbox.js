// The owner's inbox. Customer text is only ever inserted as text (textContent), never as HTML.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let me = null;
  let since = null;
  let nextCursor = null;
  let selected = null;
  // the last action's answer (a refusal's sentence), kept across the detail's refreshes
  let notice = null;
  const items = new Map();

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') node.className = v; else if (k.startsWith('data-')) node.setAttribute(k, v); else node[k] = v;
    });
    children.flat(Infinity).forEach((c) => { if (c != null) node.append(c instanceof Node ? c : String(c)); });
    return node;
  }

  async function call(path, options) {
    const opts = Object.assign({ credentials: 'same-origin', headers: {} }, options || {});
    if (opts.method && opts.method !== 'GET' && me && me.csrfToken) opts.headers['X-XSRF-TOKEN'] = me.csrfToken;
    const response = await fetch(path, opts);
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const error = new Error((body && (body.detail || body.message)) || response.statusText);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  // Dates in the page's language (<html lang>): today's as 14:05, earlier ones as "6 Dec", with the year
  // when it is not this year; a transcript line adds its time of day. Never a bare "06/12".
  const LOCALE = document.documentElement.lang || undefined;
  const FORMATS = {};
  const format = (options) => FORMATS[JSON.stringify(options)] || (FORMATS[JSON.stringify(options)] = new Intl.DateTimeFormat(LOCALE, options));
  const TIME = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  // who wrote an outgoing line: the person's first name ("Sara"), else Bot, Notification, Campaign, API
  function authorLabel(l) {
    if (l.author === 'agent') return (l.authorName || l.authorId || 'Agent').split(' ')[0];
    return { bot: 'Bot', notification: 'Notification', campaign: 'Campaign', api: 'API' }[l.author] || 'Bot';
  }

  function when(at, withTime) {
    if (!at) return '';
    const d = new Date(at);
    const now = new Date();
    if (d.toDateString() === now.toDateString()) return format(TIME).format(d);
    const day = d.getFullYear() === now.getFullYear() ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' };
    return format(withTime ? Object.assign({}, day, TIME) : day).format(d);
  }
  const fullDate = (at) => (at ? format({ dateStyle: 'full', timeStyle: 'short' }).format(new Date(at)) : '');

  // The persona's intents and the handoff reasons (persona/Intents, persona/HandoffReasons), as the dashboard
  // names them; the code stays in the element's title.
  const LABELS = {
    customer_asked: 'Customer asked for a person', complaint: 'Complaint', angry_customer: 'Angry customer',
    big_deal: 'Big order', low_confidence: 'Not understood', unanswered_question: 'Question the bot could not answer',
    discount_request: 'Discount request', instalments: 'Instalments', booking: 'Booking needs a person',
    order_change: 'Order change', taken_over: 'Taken over from the bot', other: 'Other',
    greeting: 'Greeting', product_inquiry: 'Product inquiry', availability: 'Availability', order: 'Order',
    booking_new: 'New booking', booking_change: 'Booking change', booking_cancel: 'Booking cancel',
    order_status: 'Order status', payment: 'Payment', human_request: 'Asks for a person', thanks_goodbye: 'Thanks, goodbye',
  };
  // a reason in words ("customer asked for a human", "instalments for 2 x IP15-128") reads as it is, capitalised;
  // a code reads as its label, an unknown code with spaces for its underscores
  function labelText(code) {
    const s = String(code);
    if (LABELS[s]) return LABELS[s];
    const words = s.replace(/_/g, ' ').trim();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  // a text that carries codes (the persona's summary line) with each known code in words
  const readable = (text) => (text == null ? text : String(text).replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (code) => LABELS[code] || code));
  const label = (code) => (code == null || code === '' ? null : el('span', { class: 'label', title: String(code) }, labelText(code)));

  // A message's preview: cut at a word boundary, with an ellipsis
  const PREVIEW_CHARS = 90;
  function preview(text) {
    const s = String(text).replace(/\s+/g, ' ').trim();
    if (s.length <= PREVIEW_CHARS) return s;
    const cut = s.slice(0, PREVIEW_CHARS + 1);
    const space = cut.lastIndexOf(' ');
    return (space > PREVIEW_CHARS / 2 ? cut.slice(0, space) : s.slice(0, PREVIEW_CHARS)).replace(/[\s,.;:!?،؛]+$/, '') + '…';
  }

  const STATES = { bot: 'Bot', waiting: 'Waiting for a person', agent: 'With an agent', payment: 'Waiting for payment', closed: 'Closed' };

  function filterQuery() {
    const p = new URLSearchParams();
    ['q', 'state', 'tag', 'agent'].forEach((f) => { const v = $(f).value.trim(); if (v) p.set(f, v); });
    return p;
  }

  function row(item) {
    const last = item.lastMessage;
    const li = el('li', { 'data-key': item.conversationKey, 'data-state': item.state },
      el('div', { class: 'top' },
        el('span', { class: 'name' }, item.customerName || ('+' + item.customerNumber)),
        el('time', { class: 'meta age', dateTime: last ? last.at : '', title: last ? fullDate(last.at) : '' }, last ? when(last.at) : '')),
      el('div', { class: 'meta' },
        el('span', { class: 'badge state state-' + item.state }, STATES[item.state] || item.state),
        item.handoff && item.handoff.assigneeName ? el('span', { class: 'badge agentName' }, item.handoff.assigneeName) : null,
        item.unread > 0 ? el('span', { class: 'badge unread' }, String(item.unread)) : null,
        (item.tags || []).map((t) => el('span', { class: 'badge tag' }, t)),
        el('span', { class: 'number' }, ' +' + item.customerNumber),
        item.language ? el('span', {}, ' · ' + item.language) : null,
        el('span', { class: 'business' }, ' · to ' + item.businessNumber)),
      // dir="auto": the line takes the message's direction, so an Arabic preview's ellipsis (CSS) falls
      // at its logical end and its start shows
      el('div', { class: 'last', dir: 'auto', title: last ? (last.text || '') : '' },
        last ? ((last.direction === 'out' ? '↩ ' : '') + (last.text ? preview(last.text) : '[' + last.type + ']')) : ''));
    if (selected === item.conversationKey) li.classList.add('selected');
    li.addEventListener('click', () => go(item.conversationKey));
    return li;
  }

  function render() {
    const list = $('list');
    list.replaceChildren(...[...items.values()]
      .sort((a, b) => (Date.parse(b.lastCustomerMessageAt || 0) - Date.parse(a.lastCustomerMessageAt || 0)) || (a.conversationKey < b.conversationKey ? 1 : -1))
      .map(row));
    $('more').hidden = !nextCursor;
    list.dataset.loaded = '1';
  }

  async function load(reset) {
    const p = filterQuery();
    if (!reset && nextCursor) p.set('cursor', nextCursor);
    const page = await call('/inbox/api/conversations?' + p);
    if (reset) items.clear();
    page.items.forEach((i) => items.set(i.conversationKey, i));
    nextCursor = page.nextCursor || null;
    if (reset || !since) since = page.since;
    render();
  }

  async function poll() {
    if (!me || !since) return;
    try {
      const p = filterQuery();
      p.set('since', since);
      const changes = await call('/inbox/api/conversations/changes?' + p);
      since = changes.since;
      const matching = new Set(changes.items.map((i) => i.conversationKey));
      changes.changed.forEach((k) => { if (!matching.has(k)) items.delete(k); });
      changes.items.forEach((i) => items.set(i.conversationKey, i));
      if (changes.changed.length) render();
      if (selected && changes.changed.includes(selected)) open(selected, true);
    } catch (e) {
      if (e.status === 401) return showLogin();
    }
  }

  // A photo's preview, a voice note's player, a file's link, a location's map link (as the handoff
  // form shows them); customer text only as text.
  function mediaView(m) {
    const box = el('div', { class: 'media', 'data-kind': m.kind });
    if (m.kind === 'location') {
      box.append(el('a', { class: 'map', href: m.mapUrl || '#', target: '_blank', rel: 'noopener noreferrer' },
        '📍 ' + (m.place ? m.place + ' ' : '') + '(' + m.latitude + ', ' + m.longitude + ') — open the map'));
      return box;
    }
    if (!m.url && m.status === 'SENT') {
      // a file an agent uploaded to WhatsApp: Wasla keeps no copy of it
      const about = m.kind === 'image' ? m.caption : (m.filename || m.caption);
      box.append(el('span', { class: 'meta sent' }, '[' + (m.kind === 'image' ? 'photo' : 'document') + ' sent'
        + (about ? ': ' + about : '') + ']'));
      return box;
    }
    if (!m.url) {
      box.append(el('span', { class: 'meta' }, '[' + m.kind + (m.status === 'PENDING' ? ': being fetched…'
        : ': not available (' + String(m.status || '').toLowerCase() + ')') + ']'));
    } else if ((m.kind === 'image' || m.kind === 'sticker') && m.url.charAt(0) !== '/') {
      // a photo sent by another site's link: the page shows only its own images
      box.append(el('a', { href: m.url, target: '_blank', rel: 'noopener noreferrer' }, '🖼 ' + m.url));
    } else if (m.kind === 'image' || m.kind === 'sticker') {
      box.append(el('a', { href: m.url, target: '_blank', rel: 'noopener noreferrer' },
        el('img', { class: 'preview', src: m.url, alt: m.caption || m.kind })));
    } else if (m.kind === 'audio') {
      box.append(el('audio', { controls: true, preload: 'none', src: m.url }));
    } else if (m.kind === 'video') {
      box.append(el('video', { class: 'preview', controls: true, preload: 'none', src: m.url }));
    } else {
      box.append(el('a', { class: 'file', href: m.url, target: '_blank', rel: 'noopener noreferrer' }, '📄 ' + (m.filename || 'document')));
    }
    if (m.caption) box.append(el('div', { class: 'text', dir: 'auto' }, m.caption));
    if (m.transcript) box.append(el('div', { class: 'meta', dir: 'auto' }, '🎤 ' + m.transcript));
    if (m.description) box.append(el('div', { class: 'meta description' }, '🤖 ' + m.description));
    return box;
  }

  // The persona's reading of one customer turn: intent (confidence), language, why a person.
  function readingView(r) {
    if (!r) return null;
    const parts = [[label(r.intent), r.confidence != null ? ' (' + Number(r.confidence).toFixed(2) + ')' : null], [r.language],
      r.handoffReason ? ['to a person: ', label(r.handoffReason)] : null].filter((x) => x && x[0]);
    return el('div', { class: 'reading' }, 'Read as: ', parts.map((p, i) => (i ? [' · ', ...p] : p)));
  }

  function dl(entries) {
    const d = el('dl');
    entries.filter(([, v]) => v != null && v !== '').forEach(([k, v]) => d.append(el('dt', {}, k), el('dd', {}, v instanceof Node ? v : String(v))));
    return d;
  }

  // The open conversation lives in the address (#c=<key>): a reload reopens it, and opening one is a step
  // in the browser's history, so Back returns to the list and Forward reopens it.
  function keyInAddress() {
    const m = /^#c=(.+)$/.exec(location.hash);
    if (!m) return null;
    try { return decodeURIComponent(m[1]); } catch (e) { return null; }
  }

  function go(key) {
    if (keyInAddress() !== key) history.pushState({ inbox: true }, '', '#c=' + encodeURIComponent(key));
    open(key);
  }

  // back to the list: the history's own step when the page made one, else the address without a conversation
  function backToList() {
    if (history.state && history.state.inbox) { history.back(); return; }
    history.replaceState(null, '', location.pathname + location.search);
    close();
  }

  function close() {
    selected = null;
    document.body.classList.remove('conversation-open');
    $('detail').replaceChildren(el('p', { class: 'empty' }, 'Choose a conversation.'));
    delete $('detail').dataset.key;
    render();
  }

  window.addEventListener('popstate', () => {
    if (!me) return;
    const key = keyInAddress();
    if (key) open(key); else close();
  });

  // The unsent reply, per conversation, for this tab (sessionStorage): it survives a reload, not the tab.
  const draftKey = (key) => 'wasla.inbox.draft.' + key;
  function draft(key) { try { return sessionStorage.getItem(draftKey(key)) || ''; } catch (e) { return ''; } }
  function keepDraft(key, text) {
    try { if (text) sessionStorage.setItem(draftKey(key), text); else sessionStorage.removeItem(draftKey(key)); } catch (e) { /* storage off */ }
  }

  async function open(key, quiet) {
    selected = key;
    document.body.classList.add('conversation-open');
    render();
    let data;
    try {
      data = await call('/inbox/api/conversations/' + encodeURIComponent(key));
    } catch (e) {
      if (selected !== key) return;
      $('detail').replaceChildren(backButton(), el('p', { class: 'error' }, e.message));
      return;
    }
    // another conversation was opened, or the list shown, while this one loaded
    if (selected !== key) return;
    const c = data.conversation;
    items.set(c.conversationKey, c);
    render();
    const transcript = el('ul', { id: 'transcript' }, data.transcript.map((l) => el('li', { class: l.direction, 'data-status': l.status || '' },
      l.direction === 'out' ? el('div', { class: 'author', 'data-author': l.author || '', title: l.authorName || l.author || '' }, authorLabel(l)) : null,
      l.media ? mediaView(l.media) : el('div', { class: 'text', dir: 'auto' }, l.text || '[' + l.type + ']'),
      l.direction === 'in' ? readingView(l.reading) : null,
      el('div', { class: 'when' }, el('time', { dateTime: l.at, title: fullDate(l.at) }, when(l.at, true)),
        l.direction === 'out' && l.status ? ' · ' + l.status : ''))));
    const r = data.reading || {};
    const s = data.smartInfo || {};
    const side = el('div', { id: 'side' },
      el('h3', {}, 'Persona’s reading (latest turn)'),
      dl([['Intent', label(r.intent)], ['Sentiment', r.sentiment], ['Language', r.language], ['Why a person', label(r.handoffReason)], ['Summary', r.summary ? el('span', { title: r.summary }, readable(r.summary)) : null]]),
      el('h3', {}, 'Smart Info'),
      dl([['Orders', s.orders], ['Total spend (EGP)', s.totalSpendEgp], ['Last order', s.lastOrder], ['Open payments', s.openPayments], ['Upcoming bookings', s.openBookings]]),
      el('h3', {}, 'Customer'),
      dl([['Name', c.customerName], ['Number', '+' + c.customerNumber], ['Business number', c.businessNumber], ['Tags', (c.tags || []).join(', ')],
        ['Conversations', data.profile && data.profile.conversations], ['Last intent', label(data.profile && data.profile.lastIntent)]]));
    const actions = el('div', { class: 'actions' });
    const status = el('p', { id: 'actionStatus', role: 'status' }, notice && notice.key === key ? notice.text : '');
    if (data.canTakeOver) {
      actions.append(el('button', { id: 'takeOver', onclick: () => act(key, 'take-over', {}, status) }, 'Take over'));
      const team = el('select', { id: 'takeOverTeam' }, el('option', { value: '' }, 'to a team…'),
        ['sales', 'support'].map((g) => el('option', { value: g }, g)));
      team.addEventListener('change', () => { if (team.value) act(key, 'take-over', { group: team.value }, status); });
      actions.append(team);
    } else if (me && me.supervisor && data.takeOverRefusal && c.state !== 'closed' && !(c.handoff && c.handoff.assignee === data.you)) {
      // why "Take over" is not offered, in the server's words
      actions.append(el('p', { id: 'takeOverRefusal', class: 'refusal' }, data.takeOverRefusal));
    }
    if (c.handoff && me && me.supervisor && c.handoff.assignee && c.handoff.assignee !== data.you) {
      // a supervisor hands a colleague's customer to herself or to another person
      const to = el('select', { id: 'reassign' }, el('option', { value: '' }, 'Reassign to…'),
        (data.agents || []).filter((a) => a.userId !== c.handoff.assignee).map((a) => el('option', { value: a.userId }, a.name)));
      to.addEventListener('change', () => { if (to.value) act(key, 'reassign', { assignee: to.value }, status); });
      actions.append(to);
    }
    if (c.handoff && (c.handoff.assignee === data.you || (me && me.supervisor))) {
      actions.append(el('button', { id: 'giveBack', onclick: () => act(key, 'give-back', null, status) }, 'Give back to the bot'));
    }
    const parts = [
      backButton(),
      el('h2', {}, (c.customerName || '+' + c.customerNumber) + ' — ' + (STATES[c.state] || c.state) + (c.handoff && c.handoff.assigneeName ? ' (' + c.handoff.assigneeName + ')' : '')),
      actions, status, el('div', { class: 'cols' }, transcript, side)];
    if (c.handoff && c.handoff.assignee === data.you) {
      // a refresh keeps the reply box itself (what she types, the focus, an IME's composition); a reload
      // restores what she had not sent
      const kept = $('detail').dataset.key === key ? $('reply') : null;
      if (kept && kept.dataset.task === c.handoff.taskId) {
        [...$('detail').children].forEach((n) => { if (n !== kept) n.remove(); });
        kept.before(...parts);
        if (!quiet) transcript.scrollIntoView(false);
        return;
      }
      const text = el('textarea', { id: 'replyText', placeholder: 'Reply to the customer (Enter sends, Shift+Enter: new line)',
        maxLength: 4096, rows: 2, dir: 'auto', value: draft(key) });
      const send = el('button', { id: 'send' }, 'Send');
      let sending = false;
      const submit = async () => {
        if (sending || !text.value.trim()) return;
        sending = true;
        try {
          await call('/handoff/tasks/' + encodeURIComponent(c.handoff.taskId) + '/messages', {
            method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ text: text.value, clientMessageId: 'inbox-' + Date.now() }) });
          text.value = '';
          keepDraft(key, '');
          open(key, true);
        } catch (e) { ($('actionStatus') || status).textContent = e.message; } finally { sending = false; }
      };
      send.addEventListener('click', submit);
      text.addEventListener('input', () => keepDraft(key, text.value));
      // Enter sends, Shift+Enter is a new line (as WhatsApp Web); Enter that ends an IME's composition (Arabic
      // and other input methods) only ends it
      text.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
        event.preventDefault();
        submit();
      });
      parts.push(el('div', { id: 'reply', 'data-task': c.handoff.taskId }, text, send));
    }
    $('detail').replaceChildren(...parts);
    $('detail').dataset.key = key;
    if (!quiet) transcript.scrollIntoView(false);
  }

  function backButton() {
    return el('button', { id: 'backToList', type: 'button', class: 'back', title: 'Back to the list', onclick: backToList }, '← Conversations');
  }

  async function act(key, what, body, status) {
    status.textContent = '';
    notice = null;
    try {
      await call('/inbox/api/conversations/' + encodeURIComponent(key) + '/' + what, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : '{}' });
    } catch (e) {
      // the server's refusal, shown until the next action (a refresh of the detail keeps it)
      notice = { key: key, text: e.message || ('Refused (' + e.status + ')') };
    }
    await open(key, true);
    const shown = $('actionStatus');
    if (notice && shown) shown.textContent = notice.text;
  }

  function showLogin() {
    me = null;
    $('login').hidden = false;
    $('app').hidden = true;
    $('logout').hidden = true;
    $('who').textContent = '';
  }

  async function start() {
    let token = null;
    try {
      me = await call('/inbox/api/me');
      // signed in already: the session's token, without asking Camunda for a user it may not know
      if (!me.csrfToken) token = await camundaToken();
    } catch (e) {
      return showLogin();
    }
    if (!me.csrfToken && token) me.csrfToken = token;
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    $('who').textContent = me.name + (me.supervisor ? ' · supervisor' : ' · ' + me.groups.join(', '));
    await load(true);
    const key = keyInAddress();
    if (key) open(key);
  }

  // Camunda's own login: its CSRF filter hands out a token on a GET (response header X-XSRF-TOKEN),
  // which the login POST must carry.
  async function camundaToken() {
    // the engines' list: open to anyone (Camunda's login page reads it), unlike the user's own
    // authentication, which answers 404 to a visitor who is not signed in yet
    const r = await fetch('/camunda/api/engine/engine/', { credentials: 'same-origin' });
    const made = r.headers.get('X-XSRF-TOKEN');
    if (made) return made;
    // Camunda sends the header only when it makes the token; Wasla tells the page the session's token
    const known = await fetch('/inbox/api/csrf', { credentials: 'same-origin' });
    return known.status === 200 ? (await known.json()).csrfToken : null;
  }

  $('loginForm').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('loginError').textContent = '';
    try {
      const token = await camundaToken();
      const form = new URLSearchParams({ username: $('username').value, password: $('password').value });
      const r = await fetch('/camunda/api/admin/auth/user/default/login/welcome', {
        method: 'POST', credentials: 'same-origin',
        headers: Object.assign({ 'Content-Type': 'application/x-www-form-urlencoded' }, token ? { 'X-XSRF-TOKEN': token } : {}),
        body: form });
      if (!r.ok) throw new Error(r.status === 401 ? 'Wrong user or password' : 'Sign-in failed (' + r.status + ')');
      $('password').value = '';
      await start();
    } catch (e) { $('loginError').textContent = e.message; }
  });

  $('logout').addEventListener('click', async () => {
    const token = me && me.csrfToken;
    await fetch('/camunda/api/admin/auth/user/default/logout', { method: 'POST', credentials: 'same-origin', headers: token ? { 'X-XSRF-TOKEN': token } : {} });
    // the next person to sign in at this tab finds neither her open conversation nor her unsent replies
    try { Object.keys(sessionStorage).filter((k) => k.startsWith('wasla.inbox.draft.')).forEach((k) => sessionStorage.removeItem(k)); } catch (e) { /* storage off */ }
    history.replaceState(null, '', location.pathname + location.search);
    close();
    showLogin();
  });

  let typing;
  $('filters').addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => load(true), 300); });
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); load(true); });
  $('more').addEventListener('click', () => load(false));
  setInterval(poll, 3000);
  setInterval(() => { if (me) load(true).catch(() => {}); }, 30000);
  start();
})();
