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
    children.flat().forEach((c) => { if (c != null) node.append(c instanceof Node ? c : String(c)); });
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

  function age(at) {
    if (!at) return '';
    const s = Math.max(0, Math.round((Date.now() - Date.parse(at)) / 1000));
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.round(s / 60) + ' min';
    if (s < 86400) return Math.round(s / 3600) + ' h';
    return Math.round(s / 86400) + ' d';
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
        el('span', { class: 'meta age' }, last ? age(last.at) : '')),
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
      el('div', { class: 'last', dir: 'auto' }, last ? ((last.direction === 'out' ? '↩ ' : '') + (last.text || '[' + last.type + ']')) : ''));
    if (selected === item.conversationKey) li.classList.add('selected');
    li.addEventListener('click', () => open(item.conversationKey));
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
    if (!m.url) {
      box.append(el('span', { class: 'meta' }, '[' + m.kind + (m.status === 'PENDING' ? ': being fetched…'
        : ': not available (' + String(m.status || '').toLowerCase() + ')') + ']'));
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
    const parts = [r.intent + (r.confidence != null ? ' (' + Number(r.confidence).toFixed(2) + ')' : ''), r.language,
      r.handoffReason ? 'to a person: ' + r.handoffReason : null].filter((x) => x);
    return el('div', { class: 'reading' }, 'Read as: ' + parts.join(' · '));
  }

  function dl(entries) {
    const d = el('dl');
    entries.filter(([, v]) => v != null && v !== '').forEach(([k, v]) => d.append(el('dt', {}, k), el('dd', {}, String(v))));
    return d;
  }

  async function open(key, quiet) {
    selected = key;
    render();
    let data;
    try {
      data = await call('/inbox/api/conversations/' + encodeURIComponent(key));
    } catch (e) {
      $('detail').replaceChildren(el('p', { class: 'error' }, e.message));
      return;
    }
    const c = data.conversation;
    items.set(c.conversationKey, c);
    render();
    const transcript = el('ul', { id: 'transcript' }, data.transcript.map((l) => el('li', { class: l.direction, 'data-status': l.status || '' },
      l.media ? mediaView(l.media) : el('div', { class: 'text', dir: 'auto' }, l.text || '[' + l.type + ']'),
      l.direction === 'in' ? readingView(l.reading) : null,
      el('div', { class: 'when' }, new Date(l.at).toLocaleString() + (l.direction === 'out' && l.status ? ' · ' + l.status : '')))));
    const r = data.reading || {};
    const s = data.smartInfo || {};
    const side = el('div', { id: 'side' },
      el('h3', {}, 'Persona’s reading (latest turn)'),
      dl([['Intent', r.intent], ['Sentiment', r.sentiment], ['Language', r.language], ['Why a person', r.handoffReason], ['Summary', r.summary]]),
      el('h3', {}, 'Smart Info'),
      dl([['Orders', s.orders], ['Total spend (EGP)', s.totalSpendEgp], ['Last order', s.lastOrder], ['Open payments', s.openPayments], ['Upcoming bookings', s.openBookings]]),
      el('h3', {}, 'Customer'),
      dl([['Name', c.customerName], ['Number', '+' + c.customerNumber], ['Business number', c.businessNumber], ['Tags', (c.tags || []).join(', ')],
        ['Conversations', data.profile && data.profile.conversations], ['Last intent', data.profile && data.profile.lastIntent]]));
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
      el('h2', {}, (c.customerName || '+' + c.customerNumber) + ' — ' + (STATES[c.state] || c.state) + (c.handoff && c.handoff.assigneeName ? ' (' + c.handoff.assigneeName + ')' : '')),
      actions, status, el('div', { class: 'cols' }, transcript, side)];
    if (c.handoff && c.handoff.assignee === data.you) {
      // a refresh while she types keeps what she wrote
      const typed = $('detail').dataset.key === key && $('replyText') ? $('replyText').value : '';
      const text = el('input', { id: 'replyText', placeholder: 'Reply to the customer', maxLength: 4096, value: typed });
      const send = el('button', { id: 'send' }, 'Send');
      send.addEventListener('click', async () => {
        if (!text.value.trim()) return;
        try {
          await call('/handoff/tasks/' + encodeURIComponent(c.handoff.taskId) + '/messages', {
            method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ text: text.value, clientMessageId: 'inbox-' + Date.now() }) });
          text.value = '';
          open(key, true);
        } catch (e) { status.textContent = e.message; }
      });
      parts.push(el('div', { id: 'reply' }, text, send));
    }
    $('detail').replaceChildren(...parts);
    $('detail').dataset.key = key;
    if (!quiet) transcript.scrollIntoView(false);
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
