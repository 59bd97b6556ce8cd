// The operator's desk: a call pops the caller's household (or the operator looks it up by any form of
// the number, part of a name or an address); the card shows who lives there, what they need and what
// was done; needs are taken from the keyboard, several per call; the operator's own open needs and
// call-backs are listed beside it. Status changes arrive live over the desk's SSE stream.
import '../desks-messages.js';
import { ApiError, request } from '../api.js';
import { byId, el, fill } from '../dom.js';
import { clearMessage, showError, showMessage } from '../feedback.js';
import { dateTime, label, lang, t } from '../i18n.js';
import { communityNames, forgetHousehold, gridNames, householdName, volunteerName } from '../names.js';
import { enable, ready, startPage } from '../shell.js';

/**
 * Categories with the key that picks each (pinyin or English initial), the category's own fields
 * (CategoryRules on the server; the server checks them again), and whether it is served only by
 * appointment.
 */
const CATEGORIES = [
  { code: 'MEALS', key: 'm', fields: [] },
  { code: 'MEDICINE', key: 'y', fields: ['prescriptionNote'] },
  { code: 'ERRANDS', key: 'd', fields: ['topic'] },
  { code: 'REPAIRS', key: 'w', fields: ['whatIsBroken'] },
  { code: 'HOSPITAL_ESCORT', key: 'p', fields: ['hospital', 'department'], appointment: true },
  { code: 'HOME_CARE', key: 'j', fields: [] },
  { code: 'COMPANIONSHIP', key: 'b', fields: [], appointment: true },
  { code: 'COUNSELLING', key: 'x', fields: [] },
  { code: 'MEDIATION', key: 't', fields: ['parties'] },
  { code: 'POLICY_CONSULTING', key: 'z', fields: ['topic'] },
  { code: 'EDUCATION', key: 'e', fields: ['topic'] },
  { code: 'EMPLOYMENT', key: 'g', fields: [] },
  { code: 'ENVIRONMENT_SAFETY', key: 'a', fields: ['place'] },
];
const URGENCIES = ['URGENT', 'TODAY', 'FLEXIBLE'];
const OPEN = (status) => status !== 'CLOSED' && status !== 'CANCELLED';
const ZONE = 'Asia/Shanghai';

const caller = await startPage();
let community = null;
let household = null; // the open card's HouseholdView
let householdNeeds = [];
let callNeeds = []; // needs added to this call, not yet saved
let stream = null;
let mineTimer = null;

await setUp();
ready();

async function setUp() {
  const names = await communityNames();
  const ids = [...new Set([...(caller.communities ?? []), ...(caller.streetCommunities ?? [])])];
  const select = byId('community');
  fill(select, ids.map((id) => el('option', { value: id }, names[id] ?? id)));
  community = ids[0] ?? null;
  select.addEventListener('change', () => {
    community = select.value;
    connect();
  });
  const extension = byId('extension');
  extension.value = localStorage.getItem('onecall.desk.extension') ?? '';
  extension.addEventListener('change', () => {
    if (extension.checkValidity()) {
      localStorage.setItem('onecall.desk.extension', extension.value.trim());
      connect();
    }
  });

  byId('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    search(byId('search').value.trim());
  });
  byId('new-household').addEventListener('submit', (e) => {
    e.preventDefault();
    registerHousehold();
  });
  buildIntake();
  enable('search-submit', 'nh-save', 'add-item', 'add-to-call', 'save-call');
  document.addEventListener('langchange', () => {
    renderCategories();
    renderUrgencies();
    if (household) {
      renderCard();
    }
    renderCallNeeds();
    loadMine();
  });
  connect();
  await loadMine();
}

// ---- live: screen-pops and status lines ----

function connect() {
  if (stream) {
    stream.close();
  }
  setLive(false);
  if (!community) {
    return;
  }
  const ext = byId('extension').value.trim();
  const query = ext ? `?extension=${encodeURIComponent(ext)}` : '';
  stream = new EventSource(`/api/communities/${encodeURIComponent(community)}/desk/stream${query}`);
  stream.addEventListener('open', () => setLive(true));
  stream.addEventListener('error', () => setLive(false));
  stream.addEventListener('call', (e) => popUp(JSON.parse(e.data)));
  stream.addEventListener('need', (e) => needMoved(JSON.parse(e.data)));
}

function setLive(on) {
  const badge = byId('live');
  badge.dataset.state = on ? 'on' : 'off';
  badge.dataset.i18n = on ? 'desk.live' : 'desk.offline';
  badge.textContent = t(badge.dataset.i18n);
}

async function popUp(call) {
  const box = byId('pop');
  const ids = call.householdIds ?? [];
  byId('search').value = call.callerNumber;
  if (ids.length === 1) {
    showMessage(box, t('desk.pop', { number: call.callerNumber }), 'info');
    await openHousehold(ids[0]);
    return;
  }
  if (ids.length === 0) {
    showMessage(box, t('desk.popUnknown', { number: call.callerNumber }), 'info');
    offerNewHousehold(call.callerNumber);
    return;
  }
  const names = await Promise.all(ids.map((id) => householdName(id)));
  fill(box, el('div', { class: 'alert info', role: 'status' },
    el('p', { class: 'title' }, t('desk.popMany', { number: call.callerNumber, count: ids.length })),
    el('ul', { class: 'choices' }, ids.map((id, i) => el('li', {},
      el('button', { type: 'button', class: 'link', onclick: () => openHousehold(id) }, names[i]))))));
}

function needMoved(line) {
  for (const badge of document.querySelectorAll(`[data-need-status="${line.needId}"]`)) {
    badge.dataset.status = line.status;
    badge.textContent = label('status.', line.status);
  }
  const known = householdNeeds.find((n) => n.id === line.needId);
  if (known) {
    known.status = line.status;
  }
  // a busy community moves many needs a second: read my list once they settle, not once per line
  clearTimeout(mineTimer);
  mineTimer = setTimeout(loadMine, 300);
}

// ---- finding the caller ----

function looksLikePhone(text) {
  return /^[+\d\s()\-.]+$/.test(text) && text.replace(/\D/g, '').length >= 7;
}

async function search(text) {
  const box = byId('results');
  clearMessage(byId('pop'));
  if (!text) {
    return;
  }
  try {
    const params = looksLikePhone(text) ? `phone=${encodeURIComponent(text)}`
      : `q=${encodeURIComponent(text)}&communityId=${encodeURIComponent(community)}`;
    const found = await request(`/api/households?${params}`);
    if (found.length === 1) {
      fill(box);
      await openHousehold(found[0].id);
      return;
    }
    if (found.length === 0) {
      showMessage(box, t('desk.noneFound', { q: text }), 'info');
      offerNewHousehold(looksLikePhone(text) ? text : '');
      return;
    }
    fill(box, el('p', { class: 'muted' }, t('desk.found', { count: found.length })),
      el('ul', { class: 'results' }, found.map((h) => el('li', {},
        el('button', { type: 'button', class: 'result', onclick: () => openHousehold(h.id) },
          el('strong', {}, h.headName), ' ', el('span', { class: 'muted' }, h.address, ' · ', h.phone))))));
  } catch (e) {
    showError(box, e);
  }
}

function offerNewHousehold(phone) {
  byId('new-household-card').hidden = false;
  byId('nh-phone').value = phone;
  byId('nh-name').focus();
}

async function registerHousehold() {
  const feedback = byId('nh-feedback');
  const value = (id) => byId(id).value.trim() || null;
  try {
    let lat = Number.parseFloat(byId('nh-lat').value);
    let lon = Number.parseFloat(byId('nh-lon').value);
    if (Number.isNaN(lat) || Number.isNaN(lon)) {
      // the household stands where its neighbours of the same building stand: the matcher needs a place
      const place = await neighbourPlace(value('nh-compound'), value('nh-building'));
      if (!place) {
        byId('nh-place').hidden = false;
        showMessage(feedback, t('desk.nh.noPlace'), 'bad');
        byId('nh-lat').focus();
        return;
      }
      ({ lat, lon } = place);
    }
    const saved = await request(`/api/communities/${encodeURIComponent(community)}/households`, {
      method: 'POST',
      json: {
        headName: value('nh-name'), phone: value('nh-phone'), compound: value('nh-compound'),
        building: value('nh-building'), unit: value('nh-unit'), room: value('nh-room'),
        lat, lon, consentToContact: byId('nh-consent').checked,
      },
    });
    showMessage(feedback, t('desk.nh.saved', { name: saved.headName }), 'ok');
    byId('new-household').reset();
    byId('new-household-card').hidden = true;
    fill(byId('results'));
    await openHousehold(saved.id);
  } catch (e) {
    showError(feedback, e);
  }
}

async function neighbourPlace(compound, building) {
  for (const q of [[compound, building].filter(Boolean).join(''), building, compound]) {
    if (!q) {
      continue;
    }
    const found = await request(`/api/households?q=${encodeURIComponent(q)}&communityId=${encodeURIComponent(community)}&limit=1`)
      .catch(() => []);
    if (found.length > 0) {
      return { lat: found[0].lat, lon: found[0].lon };
    }
  }
  return null;
}

// ---- the household card ----

async function openHousehold(id) {
  try {
    forgetHousehold(id);
    const [h, needs, diary] = await Promise.all([
      request(`/api/households/${id}`),
      request(`/api/households/${id}/needs`),
      request(`/api/households/${id}/diary?limit=10`),
    ]);
    household = h;
    householdNeeds = needs;
    household.diary = diary.entries;
    household.gridName = h.grid ? (await gridNames(h.communityId))[h.grid] ?? h.grid : null;
    byId('new-household-card').hidden = true;
    renderCard();
    resetIntake();
    byId('categories').querySelector('input:checked, input')?.focus();
  } catch (e) {
    showError(byId('results'), e);
  }
}

function renderCard() {
  const h = household;
  byId('household-card').hidden = false;
  byId('household-name').textContent = h.headName;
  const fact = (key, ...value) => [el('dt', {}, t(key)), el('dd', {}, value)];
  fill(byId('household-facts'),
    fact('desk.card.address', h.address),
    fact('desk.card.phones', (h.phones ?? []).map((p) => p.e164).join('、')),
    h.gridName ? fact('desk.card.grid', h.gridName) : null,
    (h.residents ?? []).length ? fact('desk.card.members', el('ul', { class: 'plain' }, h.residents.map((r) =>
      el('li', {}, r.name, ' · ', label('relation.', r.relation),
        r.birthYear ? ` · ${t('desk.card.born', { year: r.birthYear })}` : ''))))
      : null,
    (h.vulnerability ?? []).length ? fact('desk.card.tags', h.vulnerability.map((v) =>
      el('span', { class: 'badge tag' }, lang() === 'zh-CN' ? v.zh : label('tag.', v.tag)))) : null,
    h.contactNotes ? fact('desk.card.notes', h.contactNotes) : null,
    fact('desk.card.consent', h.consentToContact
      ? t('desk.card.consentYes', { at: shanghai(h.consentAt) }) : t('desk.card.consentNo')),
    h.language ? fact('desk.card.language', h.language) : null);
  fill(byId('household-needs'), householdNeeds.length === 0 ? el('li', { class: 'muted' }, t('desk.card.noNeeds'))
    : householdNeeds.map((n) => needLine(n)));
  fill(byId('diary'), (h.diary ?? []).length === 0 ? el('li', { class: 'muted' }, t('desk.card.noDiary'))
    : h.diary.map((d) => el('li', {},
      el('time', { datetime: d.at }, dateTime(d.at)),
      el('strong', {}, label('noteKind.', d.kind)), ' ',
      d.kind === 'TRANSITION'
        ? [label('category.', d.category), ' · ', label('event.', d.eventType), ' → ', label('status.', d.toStatus)]
        : d.text,
      el('div', { class: 'muted' }, d.kind === 'TRANSITION' ? '' : d.author))));
}

function categoryName(n) {
  return lang() === 'zh-CN' && n.categoryZh ? n.categoryZh : label('category.', n.category);
}

function needLine(n, ...more) {
  return el('li', { class: 'need', dataset: { need: n.id } },
    el('a', { href: `/console/need.html?id=${n.id}` }, `#${n.id} `, categoryName(n)), ' ',
    el('span', { class: 'badge status', dataset: { needStatus: n.id, status: n.status } }, label('status.', n.status)),
    n.late ? el('span', { class: 'badge late' }, t('need.late')) : null,
    el('div', { class: 'muted' }, n.description), more);
}

// ---- intake ----

function buildIntake() {
  renderCategories();
  renderUrgencies();
  const form = byId('intake');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    saveCall();
  });
  // Ctrl+Enter saves from anywhere in the form, also from the description
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      saveCall();
    }
  });
  byId('categories').addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.altKey || e.metaKey) {
      return;
    }
    const chosen = CATEGORIES.find((c) => c.key === e.key.toLowerCase());
    if (chosen) {
      e.preventDefault();
      const radio = byId(`cat-${chosen.code}`);
      radio.checked = true;
      radio.focus();
      categoryChanged();
    }
  });
  byId('when').addEventListener('change', windowChanged);
  byId('add-item').addEventListener('click', () => addItem());
  byId('add-to-call').addEventListener('click', () => {
    const need = currentNeed();
    if (need) {
      callNeeds.push(need);
      renderCallNeeds();
      resetIntake();
      byId('categories').querySelector('input')?.focus();
    }
  });
  resetIntake();
}

function renderCategories() {
  const chosen = chosenCategory()?.code;
  const box = byId('categories');
  const legend = box.querySelector('legend');
  fill(box, legend, CATEGORIES.map((c) => el('label', { class: 'choice', for: `cat-${c.code}` },
    el('input', { type: 'radio', name: 'category', id: `cat-${c.code}`, value: c.code, checked: c.code === chosen,
      onchange: categoryChanged }),
    el('kbd', {}, c.key.toUpperCase()), ' ', label('category.', c.code))));
}

function renderUrgencies() {
  const select = byId('urgency');
  const value = select.value || 'TODAY';
  fill(select, URGENCIES.map((u) => el('option', { value: u, selected: u === value }, label('urgency.', u))));
}

function chosenCategory() {
  const checked = document.querySelector('input[name="category"]:checked');
  return checked ? CATEGORIES.find((c) => c.code === checked.value) : null;
}

/** Sensible defaults for the chosen category: its own fields, an appointment where only that serves. */
function categoryChanged() {
  const c = chosenCategory();
  if (!c) {
    return;
  }
  fill(byId('category-fields'), c.fields.map((f) => [
    el('label', { for: `field-${f}` }, t(`desk.field.${f}`)),
    el('input', { id: `field-${f}`, maxlength: 500, dataset: { field: f } })]));
  byId('urgency').value = c.appointment ? 'FLEXIBLE' : 'TODAY';
  byId('when').value = c.appointment ? 'APPOINTMENT' : 'ASAP';
  byId('when').disabled = Boolean(c.appointment);
  windowChanged();
  if (byId('items').children.length === 0) {
    addItem({ focus: false });
  }
}

function windowChanged() {
  const appointment = byId('when').value === 'APPOINTMENT';
  byId('appointment').hidden = !appointment;
  if (appointment && !byId('appt-date').value) {
    // tomorrow morning, Beijing time
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    byId('appt-date').value = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(tomorrow);
    byId('appt-from').value = '09:00';
    byId('appt-to').value = '11:00';
  }
}

function addItem({ focus = true, name = '', quantity = 1, unit = '' } = {}) {
  const list = byId('items');
  const n = list.children.length;
  const row = el('li', { class: 'item' },
    el('input', { class: 'item-name', 'aria-label': t('desk.intake.itemName'), placeholder: t('desk.intake.itemName'),
      maxlength: 100, value: name, id: `item-name-${n}` }),
    el('input', { class: 'item-qty', type: 'number', min: 1, max: 999, value: quantity,
      'aria-label': t('desk.intake.itemQty') }),
    el('input', { class: 'item-unit', maxlength: 20, value: unit, 'aria-label': t('desk.intake.itemUnit'),
      placeholder: t('desk.intake.itemUnit') }),
    el('button', { type: 'button', class: 'link', onclick: () => row.remove() }, t('desk.intake.removeItem')));
  row.querySelector('.item-name').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      if (e.target.value.trim()) {
        addItem();
      }
    }
  });
  list.append(row);
  if (focus) {
    row.querySelector('.item-name').focus();
  }
}

/** The form as one need of the call, or null (and says why). */
function currentNeed() {
  const feedback = byId('intake-feedback');
  const c = chosenCategory();
  if (!c) {
    showMessage(feedback, t('desk.intake.chooseCategory'), 'bad');
    return null;
  }
  clearMessage(feedback);
  const items = [...byId('items').children].map((row) => ({
    name: row.querySelector('.item-name').value.trim(),
    quantity: Number.parseInt(row.querySelector('.item-qty').value, 10) || 1,
    unit: row.querySelector('.item-unit').value.trim() || null,
  })).filter((i) => i.name);
  const details = {};
  for (const input of byId('category-fields').querySelectorAll('input[data-field]')) {
    if (input.value.trim()) {
      details[input.dataset.field] = input.value.trim();
    }
  }
  let description = byId('description').value.trim();
  if (!description) {
    description = [label('category.', c.code), items.map((i) => `${i.name}×${i.quantity}${i.unit ?? ''}`).join('、')]
      .filter(Boolean).join('：');
  }
  const need = { category: c.code, urgency: byId('urgency').value, description, items, details };
  if (byId('when').value === 'APPOINTMENT') {
    need.window = {
      kind: 'APPOINTMENT',
      start: beijing(byId('appt-date').value, byId('appt-from').value),
      end: beijing(byId('appt-date').value, byId('appt-to').value),
    };
  } else {
    need.window = { kind: 'ASAP' };
  }
  return need;
}

/** A date and time as Beijing reads them, as an instant (China keeps +08:00 all year). */
function beijing(date, time) {
  if (!date || !time) {
    return null;
  }
  return new Date(`${date}T${time}:00+08:00`).toISOString();
}

function shanghai(iso) {
  if (!iso) {
    return '';
  }
  return new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE })
    .format(new Date(iso));
}

function renderCallNeeds() {
  byId('call-needs-box').hidden = callNeeds.length === 0;
  fill(byId('call-needs'), callNeeds.map((n, i) => el('li', {},
    label('category.', n.category), ' · ', n.description, ' ',
    el('button', { type: 'button', class: 'link', onclick: () => {
      callNeeds.splice(i, 1);
      renderCallNeeds();
    } }, t('desk.intake.remove')))));
}

function resetIntake() {
  for (const radio of document.querySelectorAll('input[name="category"]')) {
    radio.checked = false;
  }
  fill(byId('category-fields'));
  fill(byId('items'));
  byId('description').value = '';
  byId('urgency').value = 'TODAY';
  byId('when').value = 'ASAP';
  byId('when').disabled = false;
  byId('appt-date').value = '';
  windowChanged();
  fill(byId('repeat-warning'));
  byId('repeat-warning').hidden = true;
}

/**
 * Saves the call's needs in one request. The server's repeat-call rule: a need of a category the
 * household already has open is added to that need, unless marked separate. The operator is asked
 * first which it is.
 */
async function saveCall({ decided = null } = {}) {
  const feedback = byId('intake-feedback');
  if (!household) {
    showMessage(feedback, t('desk.intake.chooseHousehold'), 'bad');
    return;
  }
  const needs = [...callNeeds];
  if (chosenCategory()) {
    const current = currentNeed();
    if (!current) {
      return;
    }
    needs.push(current);
  }
  if (needs.length === 0) {
    showMessage(feedback, t('desk.intake.chooseCategory'), 'bad');
    return;
  }
  const repeats = needs.filter((n) => householdNeeds.some((o) => o.category === n.category && OPEN(o.status)));
  if (repeats.length > 0 && decided === null) {
    warnRepeat(repeats);
    return;
  }
  const body = {
    householdId: household.id,
    needs: needs.map((n) => ({ ...n, separate: decided === 'separate' && repeats.includes(n) ? true : null })),
  };
  const button = byId('save-call');
  button.disabled = true;
  try {
    const saved = await request('/api/calls', {
      method: 'POST', json: body, on401: 'sign-in',
    });
    callNeeds = [];
    renderCallNeeds();
    resetIntake();
    showMessage(feedback, t('desk.intake.saved', { count: saved.needs.length }), 'ok');
    fill(byId('saved-needs'), saved.needs.map((n) => needLine(n,
      n.attachedTo ? el('div', { class: 'muted' }, t('desk.intake.attached', { id: n.attachedTo })) : null)));
    householdNeeds = await request(`/api/households/${household.id}/needs`);
    renderCard();
    loadMine();
  } catch (e) {
    showError(feedback, e);
  } finally {
    button.disabled = false;
  }
}

function warnRepeat(repeats) {
  const box = byId('repeat-warning');
  const open = householdNeeds.filter((o) => OPEN(o.status) && repeats.some((n) => n.category === o.category));
  fill(box, el('div', { class: 'alert', role: 'alert' },
    el('p', { class: 'title' }, t('desk.repeat.title')),
    el('ul', {}, open.map((o) => el('li', {}, t('desk.repeat.line', {
      category: categoryName(o), status: label('status.', o.status), created: shanghai(o.createdAt),
    })))),
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'repeat-attach', class: 'primary', onclick: () => saveCall({ decided: 'attach' }) },
        t('desk.repeat.attach')),
      el('button', { type: 'button', id: 'repeat-separate', onclick: () => saveCall({ decided: 'separate' }) },
        t('desk.repeat.separate')),
      el('button', { type: 'button', id: 'repeat-cancel', onclick: () => {
        box.hidden = true;
        fill(box);
      } }, t('desk.repeat.cancel')))));
  box.hidden = false;
  byId('repeat-attach').focus();
}

// ---- my list (首问负责): overdue first, then those waiting for my call-back ----

async function loadMine() {
  loadTasks();
  const list = byId('mine');
  try {
    const mine = await request(`/api/operators/${encodeURIComponent(caller.username)}/needs`);
    const rank = (n) => (n.late ? 0 : n.status === 'DONE' ? 1 : 2);
    mine.sort((a, b) => rank(a) - rank(b) || String(a.dueAt ?? '').localeCompare(String(b.dueAt ?? '')));
    if (mine.length === 0) {
      fill(list, el('li', { class: 'muted' }, t('desk.mine.empty')));
      return;
    }
    const households = await Promise.all(mine.map((n) => householdName(n.householdId)));
    const volunteers = await Promise.all(mine.map((n) => (n.volunteerId ? volunteerName(n.volunteerId) : null)));
    fill(list, mine.map((n, i) => needLine(n,
      el('div', {}, households[i]),
      el('div', { class: 'muted' }, n.dueAt ? t('desk.mine.due', { due: shanghai(n.dueAt) }) : '',
        volunteers[i] ? ` · ${t('desk.mine.volunteer', { name: volunteers[i] })}` : ''),
      n.status === 'DONE' ? callBackForm(n) : null)));
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 403)) {
      showError(byId('mine-feedback'), e);
    }
  }
}

/**
 * Call-back tasks (回访任务): a household to ring because a text could not reach it (no mobile, said no
 * to SMS, the SMS failed) or it has not answered the rating question. The operator rings, then says
 * how it went; a rating given on the phone is entered in the need's call-back form above.
 */
async function loadTasks() {
  const list = byId('tasks');
  try {
    const tasks = await request('/api/callbacks?mine=true');
    if (tasks.length === 0) {
      fill(list, el('li', { class: 'muted' }, t('desk.tasks.empty')));
      return;
    }
    const households = await Promise.all(tasks.map((task) => householdName(task.householdId)));
    fill(list, tasks.map((task, i) => el('li', { id: `task-${task.id}` },
      el('div', {}, el('span', { class: 'badge tag' }, label('desk.tasks.reason.', task.reason)), ' ',
        el('a', { href: `/console/need.html?id=${task.needId}` }, `#${task.needId}`), ' ', households[i]),
      el('div', { class: 'muted' }, task.message),
      taskForm(task))));
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 403)) {
      showError(byId('mine-feedback'), e);
    }
  }
}

function taskForm(task) {
  const id = task.id;
  const form = el('form', { class: 'callback', id: `task-form-${id}` },
    el('label', { for: `task-outcome-${id}` }, t('desk.tasks.outcome')),
    el('input', { id: `task-outcome-${id}`, maxlength: 500, required: true }),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', id: `task-close-${id}` },
      t('desk.tasks.close'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await request(`/api/callbacks/${id}/close`, {
        method: 'POST', json: { outcome: byId(`task-outcome-${id}`).value.trim() },
      });
      showMessage(byId('mine-feedback'), t('desk.tasks.closed'), 'ok');
      loadTasks();
    } catch (err) {
      showError(byId('mine-feedback'), err);
    }
  });
  return form;
}

function callBackForm(n) {
  const id = n.id;
  const form = el('form', { class: 'callback', id: `callback-${id}` },
    el('p', { class: 'badge' }, t('desk.mine.waiting')),
    el('label', { for: `cb-rating-${id}` }, t('desk.mine.rating')),
    el('select', { id: `cb-rating-${id}` }, [5, 4, 3, 2, 1].map((r) =>
      el('option', { value: r }, t('desk.stars', { n: r })))),
    el('label', { class: 'inline', for: `cb-solved-${id}` },
      el('input', { type: 'checkbox', id: `cb-solved-${id}`, checked: true }), t('desk.mine.solved')),
    el('label', { for: `cb-comment-${id}` }, t('desk.mine.comment')),
    el('input', { id: `cb-comment-${id}`, maxlength: 2000 }),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', id: `cb-save-${id}` },
      t('desk.mine.save'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await request(`/api/needs/${id}/feedback`, {
        method: 'POST',
        json: {
          rating: Number(byId(`cb-rating-${id}`).value), solved: byId(`cb-solved-${id}`).checked,
          comment: byId(`cb-comment-${id}`).value.trim() || null,
        },
      });
      showMessage(byId('mine-feedback'), t('desk.mine.saved'), 'ok');
      loadMine();
    } catch (err) {
      showError(byId('mine-feedback'), err);
    }
  });
  return form;
}
