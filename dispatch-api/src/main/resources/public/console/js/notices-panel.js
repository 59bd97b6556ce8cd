// The staff notices panel of the queue page: what the notifier tells coordinators (escalations, needs
// nobody took, complaints, missed one-to-one visits, volunteers' free-text SMS), first the recent ones,
// then live from its stream. Notices not yet seen on this browser are marked and counted until the
// reader opens one or marks them all seen. The notifier is another service: where it is not there,
// the panel says so in one quiet line and the queue works as before.
import { request } from './api.js';
import { byId, el, fill } from './dom.js';
import { dateTime, label, lang, t } from './i18n.js';

const SHOWN = 30;
const RETRY_MS = 60000;

const state = { notices: new Map(), seen: null, key: null, stream: null, status: 'connecting' };

export function startNotices(caller) {
  state.key = `onecall.notices.seen.${caller.username}`;
  state.seen = loadSeen();
  byId('notices-seen').addEventListener('click', () => {
    for (const id of state.notices.keys()) {
      state.seen.ids.add(id);
    }
    state.seen.upTo = Math.max(state.seen.upTo, ...state.notices.keys());
    saveSeen();
    render();
  });
  document.addEventListener('langchange', render);
  connect();
}

async function connect() {
  setStatus('connecting');
  try {
    const recent = await request('/notify/staff/notices', { on401: 'throw' });
    for (const n of recent ?? []) {
      state.notices.set(n.id, n);
    }
  } catch {
    // no notifier here (dispatch-api alone), or it refused us: a quiet line, and a try again later
    setStatus('absent');
    setTimeout(connect, RETRY_MS);
    return;
  }
  render();
  listen();
}

function listen() {
  const stream = new EventSource('/notify/staff/stream');
  state.stream = stream;
  stream.addEventListener('open', () => setStatus('live'));
  stream.addEventListener('notice', (e) => {
    let n;
    try {
      n = JSON.parse(e.data);
    } catch {
      return;
    }
    state.notices.set(n.id, n);
    setStatus('live');
    render();
  });
  stream.addEventListener('error', () => {
    if (stream.readyState === EventSource.CLOSED) {
      // the browser gives up on a refused stream: start again from the list, later
      stream.close();
      setStatus('absent');
      setTimeout(connect, RETRY_MS);
    } else {
      setStatus('lost');
    }
  });
}

function setStatus(value) {
  state.status = value;
  const line = byId('notices-state');
  line.dataset.state = value;
  line.textContent = value === 'live' ? '' : t(`notices.state.${value}`);
  line.hidden = value === 'live';
}

function isNew(n) {
  return n.id > state.seen.upTo && !state.seen.ids.has(n.id);
}

function render() {
  setStatus(state.status);
  const notices = [...state.notices.values()].sort((a, b) => b.id - a.id).slice(0, SHOWN);
  const unread = [...state.notices.values()].filter(isNew).length;
  const badge = byId('notices-unread');
  badge.hidden = unread === 0;
  badge.textContent = String(unread);
  badge.setAttribute('aria-label', t('notices.unread', { n: unread }));
  byId('notices-seen').hidden = unread === 0;
  const head = byId('notices-count');
  head.hidden = unread === 0;
  head.textContent = t('notices.unread', { n: unread });
  byId('notices-empty').hidden = notices.length > 0 || state.status === 'absent';
  fill(byId('notice-list'), notices.map((n) => el('li', {
    class: isNew(n) ? 'new' : null, dataset: { id: String(n.id), kind: n.kind },
  },
  el('div', { class: 'line1' },
    el('span', { class: `badge kind-${n.kind}` }, label('notices.kind.', n.kind)),
    el('time', { datetime: n.createdAt }, dateTime(n.createdAt)),
    isNew(n) ? el('span', { class: 'badge new-mark' }, t('notices.new')) : null),
  el('div', { class: 'text', dataset: { role: 'text' } }, lang() === 'zh-CN' ? n.text : (n.textEn ?? n.text)),
  n.needId ? el('a', { href: `/console/need.html?id=${n.needId}`, onclick: () => markSeen(n.id) },
    t('notices.openNeed')) : null,
  isNew(n) && !n.needId ? el('button', { type: 'button', class: 'link', onclick: () => { markSeen(n.id); render(); } },
    t('notices.seen')) : null)));
}

function markSeen(id) {
  state.seen.ids.add(id);
  saveSeen();
}

function loadSeen() {
  try {
    const stored = JSON.parse(localStorage.getItem(state.key) ?? '{}');
    return { upTo: Number(stored.upTo) || 0, ids: new Set(Array.isArray(stored.ids) ? stored.ids.map(Number) : []) };
  } catch {
    return { upTo: 0, ids: new Set() };
  }
}

function saveSeen() {
  // ids at or under the mark need not be kept one by one
  const ids = [...state.seen.ids].filter((id) => id > state.seen.upTo).slice(-300);
  state.seen.ids = new Set(ids);
  try {
    localStorage.setItem(state.key, JSON.stringify({ upTo: state.seen.upTo, ids }));
  } catch {
    // storage blocked: seen for this visit only
  }
}
