const chat = document.getElementById('chat');
const errorBox = document.getElementById('error');
const waIdInput = document.getElementById('waId');
let shown = '';

function waId() { return waIdInput.value.trim(); }

async function post(payload) {
  errorBox.textContent = '';
  const res = await fetch('/simulator/api/messages', {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(Object.assign({waId: waId(), name: document.getElementById('name').value}, payload))
  });
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
    errorBox.textContent = 'Not sent: ' + (problem.detail || res.status);
  }
  refresh();
}

function optionButton(id, title, kind) {
  const b = document.createElement('button');
  b.type = 'button'; b.textContent = title; b.dir = 'auto';
  b.dataset.replyId = id;
  b.onclick = () => post({replyId: id, replyTitle: title, replyKind: kind});
  return b;
}

/* A photo's preview, a voice note's player, a location's map link (what the customer sent). */
function mediaView(media) {
  const box = document.createElement('div');
  box.className = 'media-box';
  box.dataset.kind = media.kind;
  if (media.kind === 'location') {
    const a = document.createElement('a');
    a.className = 'map'; a.target = '_blank'; a.rel = 'noopener'; a.dir = 'ltr';
    a.href = media.mapUrl || '#';
    a.textContent = '📍 ' + (media.place ? media.place + ' ' : '') + '(' + media.latitude + ', ' + media.longitude + ')';
    box.appendChild(a);
    return box;
  }
  if (!media.url) {
    box.textContent = '[' + media.kind + (media.status === 'PENDING' ? ' …' : ': ' + (media.status || '').toLowerCase()) + ']';
    return box;
  }
  const src = '/simulator/api/media/' + media.id;
  if (media.kind === 'image' || media.kind === 'sticker') {
    const img = document.createElement('img'); img.className = 'media'; img.src = src; img.alt = media.caption || media.kind;
    box.appendChild(img);
  } else if (media.kind === 'audio' || media.kind === 'video') {
    const player = document.createElement(media.kind); player.controls = true; player.src = src;
    box.appendChild(player);
  } else {
    const a = document.createElement('a'); a.href = src; a.target = '_blank'; a.textContent = '📄 ' + (media.filename || 'file');
    box.appendChild(a);
  }
  if (media.transcript) {
    const t = document.createElement('div'); t.className = 'meta'; t.textContent = '🎤 ' + media.transcript;
    box.appendChild(t);
  }
  return box;
}

async function upload(file, type) {
  const res = await fetch('/simulator/api/media', {method: 'POST', headers: {'Content-Type': type || file.type || 'application/octet-stream'}, body: file});
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
    errorBox.textContent = 'Not sent: ' + (problem.detail || res.status);
    return null;
  }
  return (await res.json()).mediaId;
}

// Wasla's own files (the demo store's product photos, an invoice) by their path: the page may be open at another
// address than Wasla's public base URL, and its content security policy takes images from its own origin only
function ownPath(link) {
  try {
    const url = new URL(link);
    return url.pathname.startsWith('/store/') ? url.pathname + url.search : link;
  } catch (e) {
    return link;
  }
}

// what the shop sent: a photo (by link, or uploaded: kept by the sandbox), a document, a location
function sentMediaView(type, body) {
  if (!body) return null;
  const box = document.createElement('div');
  box.className = 'media-box';
  box.dataset.kind = type;
  if (type === 'location') {
    const a = document.createElement('a');
    a.className = 'map-link'; a.target = '_blank'; a.rel = 'noopener';
    a.href = 'https://maps.google.com/?q=' + body.latitude + ',' + body.longitude;
    a.textContent = '📍 ' + [body.name, body.address].filter(Boolean).join(', ') + ' (' + body.latitude + ', ' + body.longitude + ')';
    box.appendChild(a);
    return box;
  }
  const src = body.mediaId ? '/simulator/api/sent-media/' + encodeURIComponent(body.mediaId) : ownPath(body.link);
  if (type === 'image') {
    const img = document.createElement('img'); img.className = 'media'; img.src = src; img.alt = body.caption || 'image';
    box.appendChild(img);
  } else {
    const a = document.createElement('a'); a.className = 'file-link'; a.href = src; a.target = '_blank'; a.rel = 'noopener';
    a.textContent = '📄 ' + (body.filename || 'document');
    box.appendChild(a);
  }
  if (body.caption) {
    const c = document.createElement('div'); c.className = 'caption'; c.textContent = body.caption; box.appendChild(c);
  }
  return box;
}

// a template as the customer's phone shows it: its header (text, photo, video, document or place), the body with
// its parameters filled in, the footer, and its buttons (a quick reply is tapped like any button: WhatsApp sends
// back its payload; a link opens)
function templateView(t) {
  const box = document.createElement('div');
  box.className = 'template';
  if (t.header) {
    if (t.header.type === 'text') {
      const h = document.createElement('div'); h.className = 'template-header'; h.textContent = t.header.text;
      box.appendChild(h);
    } else {
      const media = sentMediaView(t.header.type, t.header);
      if (media) box.appendChild(media);
    }
  }
  const body = document.createElement('div'); body.className = 'template-body'; body.textContent = t.body;
  box.appendChild(body);
  if (t.footer) {
    const f = document.createElement('div'); f.className = 'template-footer'; f.textContent = t.footer;
    box.appendChild(f);
  }
  if (t.buttons && t.buttons.length) {
    const options = document.createElement('div'); options.className = 'options';
    for (const b of t.buttons) {
      if (b.type === 'quick_reply') {
        options.appendChild(optionButton(b.payload || b.text, b.text, 'template'));
      } else if ((b.type === 'url' || b.type === 'phone') && b.url) {
        const a = document.createElement('a');
        a.href = b.url; a.target = '_blank'; a.rel = 'noopener'; a.className = 'template-link';
        a.textContent = (b.type === 'phone' ? '📞 ' : '🔗 ') + b.text;
        options.appendChild(a);
      } else {
        const span = document.createElement('span'); span.className = 'template-other';
        span.textContent = b.code ? '📋 ' + b.text + ': ' + b.code : b.text;
        options.appendChild(span);
      }
    }
    box.appendChild(options);
  }
  return box;
}

function render(lines) {
  chat.innerHTML = '';
  for (const line of lines) {
    const div = document.createElement('div');
    div.className = 'msg ' + (line.direction === 'in' ? 'customer' : 'business');
    div.dir = 'auto';
    let body = null;
    try { body = line.body ? JSON.parse(line.body) : null; } catch (e) { body = null; }
    if (line.template) {
      div.appendChild(templateView(line.template));
      const meta = document.createElement('div'); meta.className = 'meta';
      meta.textContent = new Date(line.at).toLocaleTimeString() + ' · ' + (line.status || '').toLowerCase();
      div.appendChild(meta);
      chat.appendChild(div);
      continue;
    }
    // the customer's own files; what the shop sent shows as the phone got it (below), not Wasla's kept copy
    const media = line.direction === 'in' ? line.media : null;
    if (media) div.appendChild(mediaView(media));
    const sent = line.direction === 'out' && ['image', 'document', 'location'].includes(line.type)
      ? sentMediaView(line.type, body) : null;
    if (sent) div.appendChild(sent);
    const text = document.createElement('div');
    text.textContent = body && body.body ? body.body : (line.text || '[' + line.type + ']');
    if (!sent && !(media && (media.kind === 'location' || (media.url && !media.caption)))) div.appendChild(text);
    if (body && Array.isArray(body.buttons)) {
      const options = document.createElement('div'); options.className = 'options';
      body.buttons.forEach(b => options.appendChild(optionButton(b.id, b.title, 'button')));
      div.appendChild(options);
    }
    if (body && typeof body.url === 'string' && body.displayText) {
      const options = document.createElement('div'); options.className = 'options';
      const a = document.createElement('a');
      a.href = body.url; a.target = '_blank'; a.rel = 'noopener'; a.textContent = '🔗 ' + body.displayText;
      options.appendChild(a);
      div.appendChild(options);
    }
    if (body && Array.isArray(body.sections)) {
      const options = document.createElement('div'); options.className = 'options';
      body.sections.forEach(s => {
        if (s.title) { const t = document.createElement('div'); t.className = 'section-title'; t.textContent = s.title; options.appendChild(t); }
        s.rows.forEach(r => options.appendChild(optionButton(r.id, r.title, 'list')));
      });
      div.appendChild(options);
    }
    const meta = document.createElement('div'); meta.className = 'meta';
    meta.textContent = new Date(line.at).toLocaleTimeString() + (line.direction === 'out' ? ' · ' + (line.status || '').toLowerCase() : '');
    div.appendChild(meta);
    chat.appendChild(div);
  }
  chat.scrollTop = chat.scrollHeight;
}

async function refresh() {
  if (!/^\d{6,15}$/.test(waId())) return;
  const res = await fetch('/simulator/api/messages?waId=' + encodeURIComponent(waId()));
  if (!res.ok) return;
  const lines = await res.json();
  const signature = JSON.stringify(lines.map(l => [l.id, l.status, l.media ? l.media.status : null]));
  if (signature !== shown) { shown = signature; render(lines); }
}

document.getElementById('composer').addEventListener('submit', e => {
  e.preventDefault();
  const input = document.getElementById('text');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  post({text});
});
document.getElementById('photo').addEventListener('change', async e => {
  const file = e.target.files[0];
  if (!file) return;
  const mediaId = await upload(file);
  e.target.value = '';
  if (!mediaId) return;
  const input = document.getElementById('text');
  const caption = input.value.trim();
  input.value = '';
  post({mediaId, mediaKind: 'image', mimeType: file.type, text: caption || null});
});
document.getElementById('voice').addEventListener('change', async e => {
  const file = e.target.files[0];
  if (!file) return;
  const mediaId = await upload(file);
  e.target.value = '';
  if (mediaId) post({mediaId, mediaKind: 'audio', mimeType: file.type || 'audio/ogg'});
});
// a video or a document goes as WhatsApp sends it: the file by its media id, the composer's text as its caption,
// a document with its file name
for (const [id, kind] of [['video', 'video'], ['document', 'document']]) {
  document.getElementById(id).addEventListener('change', async e => {
    const file = e.target.files[0];
    if (!file) return;
    const mimeType = file.type || (kind === 'video' ? 'video/mp4' : 'application/octet-stream');
    const mediaId = await upload(file, mimeType);
    e.target.value = '';
    if (!mediaId) return;
    const input = document.getElementById('text');
    const caption = input.value.trim();
    input.value = '';
    post(Object.assign({mediaId, mediaKind: kind, mimeType, text: caption || null},
      kind === 'document' ? {filename: file.name} : {}));
  });
}
document.getElementById('sendLocation').addEventListener('click', () => {
  const latitude = parseFloat(document.getElementById('lat').value);
  const longitude = parseFloat(document.getElementById('lng').value);
  if (!isFinite(latitude) || !isFinite(longitude)) { errorBox.textContent = 'Not sent: latitude and longitude are numbers'; return; }
  post({latitude, longitude});
});
waIdInput.addEventListener('change', () => { shown = ''; refresh(); });
setInterval(refresh, 700);
refresh();
