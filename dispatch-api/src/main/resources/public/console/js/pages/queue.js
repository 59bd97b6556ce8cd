// The coordinator's queue: every open need of the caller's scope, live. Changes arrive as server-sent
// events ("need N changed", from any dispatch-api instance); the page then reads the queue again through
// the API. Ages and the ladder's time left tick every second against the server's clock. Opening a need
// shows its history and what a coordinator can do with it. Everything people wrote is shown as text.
import { ApiError, request } from '../api.js';
import { byId, el, fill } from '../dom.js';
import { clearMessage, showError, showMessage } from '../feedback.js';
import { dateTime, label, lang, t } from '../i18n.js';
import { enable, ready, startPage } from '../shell.js';
import { startNotices } from '../notices-panel.js';

const SVG = 'http://www.w3.org/2000/svg';
const STATUSES = ['UNMATCHED', 'ESCALATED', 'MATCHING', 'OFFERED', 'ASSIGNED', 'ON_SITE', 'OPEN', 'REOPENED'];
const URGENCIES = ['URGENT', 'TODAY', 'FLEXIBLE'];
const CATEGORIES = ['MEALS', 'MEDICINE', 'ERRANDS', 'REPAIRS', 'HOSPITAL_ESCORT', 'HOME_CARE', 'COMPANIONSHIP',
  'COUNSELLING', 'MEDIATION', 'POLICY_CONSULTING', 'EDUCATION', 'EMPLOYMENT', 'ENVIRONMENT_SAFETY'];

const state = {
  community: null, queue: null, fetchedAt: 0, selected: null, history: [], map: null,
  volunteers: [], teams: [], departments: [], stream: null, reloading: null,
};

const caller = await startPage();
attachHandlers();
enable('assign-submit', 'broadcast-submit', 'rematch-submit', 'department-submit', 'answer-submit',
  'handover-submit', 'cancel-submit');
// the notices come from the notifier, on their own: the queue does not wait for them, nor fail with them
startNotices(caller);
try {
  await start();
} catch (e) {
  showError(byId('feedback'), e);
}
ready();

async function start() {
  const communities = await request('/api/communities');
  const wanted = new URLSearchParams(location.search).get('community');
  fill(byId('community'), communities.map((c) => el('option', { value: c.id }, c.name)));
  if (communities.length === 0) {
    showMessage(byId('feedback'), t('queue.noCommunity'));
    return;
  }
  state.community = communities.some((c) => c.id === wanted) ? wanted : communities[0].id;
  byId('community').value = state.community;
  fillFilters();
  await openCommunity();
  setInterval(tick, 1000);
  document.addEventListener('langchange', () => { fillFilters(); render(); renderDetail(); });
}

async function openCommunity() {
  const c = encodeURIComponent(state.community);
  const [grids, volunteers, teams, departments, map] = await Promise.all([
    request(`/api/communities/${c}/grids`), request(`/api/communities/${c}/volunteers`),
    request(`/api/communities/${c}/teams`), request(`/api/communities/${c}/departments`),
    request(`/api/communities/${c}/queue/map`)]);
  state.volunteers = volunteers;
  state.teams = teams;
  state.departments = departments;
  state.map = { ...map, outline: map.outline ?? [], volunteersOnDuty: map.volunteersOnDuty ?? [],
    merchants: map.merchants ?? [] };
  fill(byId('f-grid'), el('option', { value: '' }, t('queue.all')), grids.map((g) => el('option', { value: g.code }, g.name)));
  fill(byId('assign-volunteer'), volunteers.filter((v) => v.active).map((v) => el('option', { value: v.id },
    `${v.name}${v.onDuty ? '' : ` (${t('queue.offDuty')})`}`)));
  fill(byId('rematch-avoid'), el('option', { value: '' }, t('queue.nobody')),
    volunteers.map((v) => el('option', { value: v.id }, v.name)));
  fill(byId('broadcast-team'), teams.map((tm) => el('option', { value: tm.team.id }, tm.team.name)));
  fill(byId('department'), departments.map((d) => el('option', { value: d.id },
    `${d.name}${d.contactName ? ` · ${d.contactName}` : ''}${d.contactPhone ? ` ${d.contactPhone}` : ''}`)));
  listen();
  await reload();
}

function fillFilters() {
  const keep = (id) => byId(id).value;
  const [category, status, urgency] = [keep('f-category'), keep('f-status'), keep('f-urgency')];
  fill(byId('f-category'), el('option', { value: '' }, t('queue.all')),
    CATEGORIES.map((x) => el('option', { value: x }, label('category.', x))));
  fill(byId('f-status'), el('option', { value: '' }, t('queue.all')),
    STATUSES.map((x) => el('option', { value: x }, label('status.', x))));
  fill(byId('f-urgency'), el('option', { value: '' }, t('queue.all')),
    URGENCIES.map((x) => el('option', { value: x }, label('urgency.', x))));
  byId('f-category').value = category;
  byId('f-status').value = status;
  byId('f-urgency').value = urgency;
}

/** Live: the stream says which need changed; reading the queue again is cheap and keeps the scope server-side. */
function listen() {
  if (state.stream) {
    state.stream.close();
  }
  const live = byId('live');
  const stream = new EventSource(`/api/communities/${encodeURIComponent(state.community)}/queue/stream`);
  state.stream = stream;
  stream.addEventListener('open', () => setLive(live, 'live'));
  stream.addEventListener('changed', (e) => {
    setLive(live, 'live');
    soon(Number(e.data));
  });
  // EventSource reconnects by itself; the queue is read again once it is back, in case something was missed
  stream.addEventListener('error', () => {
    setLive(live, 'lost');
    soon(null);
  });
}

function setLive(node, value) {
  node.dataset.state = value;
  node.dataset.i18n = `queue.live.${value}`;
  node.textContent = t(`queue.live.${value}`);
}

/** Several changes in a burst (an offer and its need) cost one read. */
function soon(needId) {
  if (state.reloading) {
    return;
  }
  state.reloading = setTimeout(async () => {
    state.reloading = null;
    try {
      await reload();
      if (state.selected !== null && (needId === null || needId === state.selected)) {
        await loadDetail();
      }
    } catch (e) {
      showError(byId('feedback'), e);
    }
  }, 100);
}

async function reload() {
  const params = new URLSearchParams();
  for (const [name, id] of [['grid', 'f-grid'], ['category', 'f-category'], ['status', 'f-status'], ['urgency', 'f-urgency']]) {
    if (byId(id).value) {
      params.append(name, byId(id).value);
    }
  }
  const query = params.toString();
  const queue = await request(`/api/communities/${encodeURIComponent(state.community)}/queue${query ? `?${query}` : ''}`);
  // the server leaves empty lists out
  queue.needs = (queue.needs ?? []).map((n) => ({ ...n, offeredTo: n.offeredTo ?? [], told: n.told ?? [] }));
  state.queue = queue;
  state.fetchedAt = Date.now();
  clearMessage(byId('feedback'));
  render();
}

/** The server's now, moved on by the time since the queue was read: the ladder runs on the server's clock. */
function serverNow() {
  return Date.parse(state.queue.now) + (Date.now() - state.fetchedAt);
}

function render() {
  if (!state.queue) {
    return;
  }
  const needs = state.queue.needs;
  byId('count').textContent = String(needs.length);
  byId('empty').hidden = needs.length > 0;
  fill(byId('needs'), needs.map((n) => el('li', {
    dataset: { id: String(n.id), status: n.status, colour: colour(n) }, tabindex: '0',
    'aria-selected': String(state.selected === n.id), onclick: () => select(n.id),
    onkeydown: (e) => { if (e.key === 'Enter') { select(n.id); } },
  },
  el('div', { class: 'line1' },
    el('span', { class: `badge age-${colour(n)}`, dataset: { role: 'age' } }, age(n)),
    el('span', { class: 'what' }, categoryOf(n)),
    el('span', { class: `badge status-${n.status}`, dataset: { role: 'status' } }, label('status.', n.status)),
    el('span', { class: 'muted' }, label('urgency.', n.urgency))),
  el('div', {}, `${n.residentName} · ${n.building}`),
  el('div', { class: 'who', dataset: { role: 'who' } }, who(n)),
  n.level ? el('div', { class: 'ladder', dataset: { role: 'ladder' } }, ladderText(n)) : null)));
  drawMap();
}

/** Once a second: ages, colours and the ladder's time left move with the clock. */
function tick() {
  if (!state.queue) {
    return;
  }
  for (const li of byId('needs').children) {
    const n = state.queue.needs.find((x) => String(x.id) === li.dataset.id);
    if (!n) {
      continue;
    }
    li.dataset.colour = colour(n);
    const badge = li.querySelector('[data-role="age"]');
    badge.className = `badge age-${colour(n)}`;
    badge.textContent = age(n);
    const ladder = li.querySelector('[data-role="ladder"]');
    if (ladder) {
      ladder.textContent = ladderText(n);
    }
  }
}

function colour(n) {
  if (!n.dueAt) {
    return 'GREEN';
  }
  const now = serverNow();
  const created = Date.parse(n.createdAt);
  const due = Date.parse(n.dueAt);
  if (now > due) {
    return 'RED';
  }
  return now - created >= (due - created) * state.queue.targetShare ? 'AMBER' : 'GREEN';
}

function age(n) {
  const minutes = Math.max(0, Math.floor((serverNow() - Date.parse(n.createdAt)) / 60000));
  if (!n.dueAt) {
    return t('queue.age', { age: span(minutes) });
  }
  const left = Math.floor((Date.parse(n.dueAt) - serverNow()) / 60000);
  return left >= 0 ? t('queue.ageLeft', { age: span(minutes), left: span(left) })
    : t('queue.ageLate', { age: span(minutes), late: span(-left) });
}

function span(minutes) {
  return minutes >= 120 ? t('queue.hours', { h: Math.floor(minutes / 60), m: minutes % 60 }) : t('queue.minutes', { m: minutes });
}

function who(n) {
  if (n.holder) {
    return t('queue.heldBy', { name: n.holder });
  }
  if (n.offeredTo.length > 0) {
    return t('queue.offeredTo', { names: n.offeredTo.join('、') });
  }
  return t('queue.nobodyYet');
}

function ladderText(n) {
  const rung = label('rung.', n.level);
  const told = n.told.length ? t('queue.told', { names: n.told.join('、') }) : '';
  const department = n.department ? ` · ${n.department}` : '';
  if (!n.levelDueAt) {
    return `${t('queue.level', { rung })}${department}${told ? ` · ${told}` : ''}`;
  }
  const left = Math.ceil((Date.parse(n.levelDueAt) - serverNow()) / 60000);
  return `${t('queue.level', { rung })} · ${left > 0 ? t('queue.climbsIn', { left: span(left) }) : t('queue.climbing')}`
    + `${told ? ` · ${told}` : ''}`;
}

function categoryOf(n) {
  return lang() === 'zh-CN' && n.categoryZh ? n.categoryZh : label('category.', n.category);
}

async function select(id) {
  state.selected = id;
  render();
  try {
    await loadDetail();
  } catch (e) {
    showError(byId('action-feedback'), e);
  }
}

async function loadDetail() {
  const id = state.selected;
  state.history = await request(`/api/needs/${id}/history`);
  renderDetail();
}

function selectedNeed() {
  return state.queue?.needs.find((n) => n.id === state.selected) ?? null;
}

function renderDetail() {
  const n = selectedNeed();
  byId('detail').hidden = n === null;
  if (n === null) {
    return;
  }
  byId('detail-heading').textContent = `${categoryOf(n)} · ${n.residentName}`;
  byId('detail-link').setAttribute('href', `/console/need.html?id=${n.id}`);
  fill(byId('detail-facts'),
    fact('need.status', label('status.', n.status)),
    fact('need.urgency', label('urgency.', n.urgency)),
    fact('queue.where', `${n.building}${n.grid ? ` · ${n.grid}` : ''}`),
    fact('need.takenBy', n.takenBy ?? ''),
    fact('queue.holder', who(n)),
    n.level ? fact('queue.ladder', ladderText(n)) : null,
    n.departmentAnswer ? fact('queue.answer', n.departmentAnswer) : null,
    n.dueAt ? fact('need.dueAt', dateTime(n.dueAt)) : null,
    fact('need.description', n.description));
  byId('answer-form').hidden = !n.department;
  fill(byId('detail-history'), state.history.map((h) => el('li', {},
    el('time', { datetime: h.occurredAt }, dateTime(h.occurredAt)),
    el('strong', {}, label('event.', h.eventType)), ' ',
    h.fromStatus && h.fromStatus !== h.toStatus ? `${label('status.', h.fromStatus)} → ` : '', label('status.', h.toStatus),
    el('div', { class: 'muted' }, t('need.by', { actor: h.actor }), h.detail ? ` · ${h.detail}` : ''))));
  drawMap();
}

function fact(key, value) {
  return [el('dt', {}, t(key)), el('dd', {}, value)];
}

function attachHandlers() {
  byId('community').addEventListener('change', async () => {
    state.community = byId('community').value;
    state.selected = null;
    renderDetail();
    try {
      await openCommunity();
    } catch (e) {
      showError(byId('feedback'), e);
    }
  });
  for (const id of ['f-grid', 'f-category', 'f-status', 'f-urgency']) {
    byId(id).addEventListener('change', () => reload().catch((e) => showError(byId('feedback'), e)));
  }
  byId('map').addEventListener('click', (e) => {
    const id = e.target.getAttribute && e.target.getAttribute('data-id');
    if (id) {
      select(Number(id));
    }
  });
  byId('detail-close').addEventListener('click', () => { state.selected = null; render(); renderDetail(); });
  act('assign-form', () => ({ path: 'assignment', json: {
    volunteerId: Number(byId('assign-volunteer').value), direct: byId('assign-direct').checked,
    note: byId('assign-note').value || null } }), 'queue.done.assign');
  act('broadcast-form', () => ({ path: 'broadcast', json: { teamId: Number(byId('broadcast-team').value) } }),
    'queue.done.broadcast');
  act('rematch-form', () => ({ path: 'rematch', json: {
    avoidVolunteerIds: byId('rematch-avoid').value ? [Number(byId('rematch-avoid').value)] : [],
    note: byId('rematch-note').value || null } }), 'queue.done.rematch');
  act('department-form', () => ({ path: 'department', json: {
    departmentId: Number(byId('department').value), note: byId('department-note').value } }), 'queue.done.department');
  act('answer-form', () => ({ path: 'department-answer', json: {
    answer: byId('answer').value, solved: byId('answer-solved').checked } }), 'queue.done.answer');
  // contract C1: the hand-over route is built by another branch; until it is merged this answers 404
  act('handover-form', () => ({ path: 'handover', json: {
    to: byId('handover-to').value, reason: byId('handover-reason').value } }), 'queue.done.handover');
  act('cancel-form', () => ({ path: 'cancellation', json: {
    reason: byId('cancel-reason').value } }), 'queue.done.cancel');
}

function act(formId, build, doneKey) {
  const form = byId(formId);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (state.selected === null) {
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    const { path, json } = build();
    try {
      await request(`/api/needs/${state.selected}/${path}`, { method: 'POST', json });
      showMessage(byId('action-feedback'), t(doneKey), 'ok');
      form.reset();
      await reload();
      await loadDetail();
    } catch (err) {
      showError(byId('action-feedback'), err, err instanceof ApiError && err.status === 404 && path === 'handover'
        ? { 404: t('queue.handoverMissing') } : undefined);
    } finally {
      button.disabled = false;
    }
  });
}

// ---- the map: drawn from the community's own positions, no tiles from the internet ----

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v !== null && v !== undefined) {
      node.setAttribute(k, String(v));
    }
  }
  for (const c of children) {
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function drawMap() {
  const map = state.map;
  const box = byId('map');
  if (!map || !state.queue) {
    return;
  }
  const chosen = selectedNeed();
  const reach = chosen ? map.circleMeters / 111320 : 0;
  // the selected need's whole circle is in view: a 15-minute walk reaches well beyond a community's outline
  const points = [...map.outline, ...map.volunteersOnDuty.map((p) => [p.lat, p.lon]),
    ...map.merchants.map((p) => [p.lat, p.lon]), ...state.queue.needs.map((n) => [n.lat, n.lon]),
    ...(chosen ? [[chosen.lat + reach, chosen.lon], [chosen.lat - reach, chosen.lon],
      [chosen.lat, chosen.lon + reach / Math.cos((chosen.lat * Math.PI) / 180)],
      [chosen.lat, chosen.lon - reach / Math.cos((chosen.lat * Math.PI) / 180)]] : [])];
  if (points.length === 0) {
    fill(box, svg('title', {}, t('queue.map')));
    return;
  }
  const lat0 = points.reduce((s, p) => s + p[0], 0) / points.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  // x east, y south, both in degrees of latitude (so a circle of metres stays a circle)
  const xy = (lat, lon) => [lon * k, -lat];
  const xs = points.map((p) => xy(p[0], p[1])[0]);
  const ys = points.map((p) => xy(p[0], p[1])[1]);
  const pad = 0.0012;
  const [minX, maxX, minY, maxY] = [Math.min(...xs) - pad, Math.max(...xs) + pad, Math.min(...ys) - pad, Math.max(...ys) + pad];
  const size = Math.max(maxX - minX, maxY - minY);
  box.setAttribute('viewBox', `${minX} ${minY} ${size} ${size}`);
  const dot = size / 90;
  const items = [svg('title', {}, t('queue.map'))];
  if (map.outline.length >= 3) {
    items.push(svg('polygon', { class: 'outline', points: map.outline.map((p) => xy(p[0], p[1]).join(',')).join(' ') }));
  }
  if (chosen) {
    const [cx, cy] = xy(chosen.lat, chosen.lon);
    items.push(svg('circle', { class: 'circle', cx, cy, r: map.circleMeters / 111320, 'data-role': 'circle' }));
  }
  for (const m of map.merchants) {
    const [x, y] = xy(m.lat, m.lon);
    items.push(svg('rect', { class: 'merchant', x: x - dot, y: y - dot, width: dot * 2, height: dot * 2 }, svg('title', {}, m.name)));
  }
  for (const v of map.volunteersOnDuty) {
    const [x, y] = xy(v.lat, v.lon);
    items.push(svg('circle', { class: 'volunteer', cx: x, cy: y, r: dot * 0.8 }, svg('title', {}, v.name)));
  }
  for (const n of state.queue.needs) {
    const [x, y] = xy(n.lat, n.lon);
    items.push(svg('circle', { class: `need ${colour(n)}${n.id === state.selected ? ' selected' : ''}`, cx: x, cy: y,
      r: dot * 1.4, 'data-id': n.id }, svg('title', {}, `${categoryOf(n)} · ${n.residentName}`)));
  }
  box.replaceChildren(...items);
}
