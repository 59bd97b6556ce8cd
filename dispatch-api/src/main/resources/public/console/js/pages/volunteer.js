// The volunteer's phone: offers arrive live (the notifier's stream where it runs beside this service,
// else a short poll), are accepted or declined with a reason; a held job shows the address, the
// phone to tap, the items and the merchant, and is marked arrived, completed or given back. Duty,
// leave and the volunteer's own history are here too. Built for a 375 px screen and large text.
import '../desks-messages.js';
import { request } from '../api.js';
import { byId, el, fill } from '../dom.js';
import { clearMessage, showError, showMessage } from '../feedback.js';
import { label, lang, t } from '../i18n.js';
import { phoneText } from '../names.js';
import { enable, ready, startPage } from '../shell.js';
import { readLog, toldItems } from '../told.js';

const POLL_MS = 4000;
const ZONE = 'Asia/Shanghai';
const DAYS = { MON: 'MONDAY', TUE: 'TUESDAY', WED: 'WEDNESDAY', THU: 'THURSDAY', FRI: 'FRIDAY', SAT: 'SATURDAY', SUN: 'SUNDAY' };
const HELD = new Set(['ASSIGNED', 'ON_SITE']);

const caller = await startPage();
const id = caller.volunteerId;
let me = null;
let offers = [];
const jobs = new Map(); // needId -> JobView, fetched once per job: every look at the address is audited
const needs = new Map(); // needId -> status as last read
let pollTimer = null;
let told = null; // the notifier's log of what this volunteer was sent, latest first; null: not there
const TOLD_SHOWN = 10;
let toldAsked = false;

if (caller.role !== 'VOLUNTEER' || !id) {
  showMessage(byId('feedback'), t('vol.notVolunteer'), 'info');
  ready();
} else {
  byId('duty-toggle').addEventListener('click', toggleDuty);
  byId('leave-form').addEventListener('submit', (e) => {
    e.preventDefault();
    addLeave();
  });
  enable('duty-toggle', 'leave-add');
  document.addEventListener('langchange', () => { render(); renderTold(); });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      refresh();
    }
  });
  await refresh();
  listen();
  loadChannels();
  ready();
}

/** The notifier's stream tells of every new offer at once; where it is not there, ask every few seconds. */
function listen() {
  const source = new EventSource(`/notify/volunteers/${id}/stream`);
  const poll = () => {
    if (!pollTimer) {
      pollTimer = setInterval(refresh, POLL_MS);
    }
  };
  source.addEventListener('message', refresh);
  // the page has shown the offer: the notifier need not send it again by SMS (its fallback for pages
  // that are closed or asleep); a failed acknowledgement only means a text message later
  source.addEventListener('OfferMade', (e) => {
    if (e.lastEventId) {
      request(`/notify/volunteers/${id}/deliveries/${encodeURIComponent(e.lastEventId)}/ack`,
        { method: 'POST', json: {}, on401: 'ignore' }).catch(() => {});
    }
  });
  // what the notifier says in words (an offer taken back; for a leader, a missed one-to-one visit or a
  // need escalated to them): the latest few, in the page's language, once each
  for (const kind of ['OfferWithdrawn', 'PairingVisitMissed', 'NeedEscalated']) {
    source.addEventListener(kind, (e) => notice(e));
  }
  for (const kind of ['OfferMade', 'OfferWithdrawn', 'OfferExpired', 'NeedCancelled']) {
    source.addEventListener(kind, refresh);
  }
  source.addEventListener('open', () => {
    clearInterval(pollTimer);
    pollTimer = null;
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      poll();
    }
  });
  // until the stream says it is open, poll: an offer must not wait for a connection that may never come
  poll();
}

const noticed = new Set();

function notice(e) {
  if (noticed.has(e.lastEventId)) {
    return;
  }
  noticed.add(e.lastEventId);
  let m;
  try {
    m = JSON.parse(e.data);
  } catch {
    return;
  }
  const text = lang() === 'zh-CN' ? m.text : (m.textEn ?? m.text);
  if (!text) {
    return;
  }
  const list = byId('notices');
  list.prepend(el('li', { class: 'card' }, text));
  while (list.children.length > 3) {
    list.lastElementChild.remove();
  }
}

async function refresh() {
  try {
    [me, offers] = await Promise.all([
      request(`/api/volunteers/${id}`),
      request(`/api/volunteers/${id}/offers`),
    ]);
    offers = offers.slice(0, 30);
    await Promise.all(offers.filter((o) => o.status === 'ACCEPTED').map(async (o) => {
      if (needs.get(o.needId) === 'DONE' || needs.get(o.needId) === 'CLOSED') {
        return;
      }
      const need = await request(`/api/needs/${o.needId}`).catch(() => null);
      const held = need && need.volunteerId === id && HELD.has(need.status);
      needs.set(o.needId, need ? (held ? need.status : `GONE:${need.status}`) : 'GONE');
      if (held && !jobs.has(o.needId)) {
        jobs.set(o.needId, await request(`/api/volunteers/${id}/jobs/${o.needId}`));
      }
      if (!held) {
        jobs.delete(o.needId);
      }
    }));
    // a failure said earlier is over; what the volunteer just did ("done, thank you") stays said
    if (byId('feedback').querySelector('[role="alert"]')) {
      clearMessage(byId('feedback'));
    }
    render();
  } catch (e) {
    showError(byId('feedback'), e);
  }
  // asked once more with every refresh while the notifier answers; not again on this visit once it did not
  if (told !== null || !toldAsked) {
    toldAsked = true;
    told = await readLog(`/notify/volunteers/${id}/log`);
    await renderTold();
  }
}

async function renderTold() {
  byId('told-card').hidden = told === null;
  byId('told-empty').hidden = told === null || told.length > 0;
  fill(byId('told'), told ? await toldItems([...told].reverse().slice(0, TOLD_SHOWN), { withWho: false }) : []);
}

function render() {
  if (!me) {
    return;
  }
  byId('me').hidden = false;
  const heading = byId('heading');
  delete heading.dataset.i18n;
  heading.textContent = me.name;
  // the bar names the account; a volunteer's account is a number to them, their name is not
  const who = document.getElementById('who');
  if (who) {
    who.textContent = t('bar.signedInAs', { name: me.name, role: t('role.VOLUNTEER') });
  }
  byId('duty-state').textContent = me.onDuty ? t('vol.onDuty') : t('vol.offDuty');
  byId('duty-state').dataset.tone = me.onDuty ? 'ok' : 'bad';
  byId('duty-toggle').textContent = me.onDuty ? t('vol.goOffDuty') : t('vol.goOnDuty');

  const pending = offers.filter((o) => o.status === 'PENDING');
  fill(byId('offers'), pending.length === 0 ? el('li', { class: 'muted' }, t('vol.noOffers'))
    : pending.map(offerCard));
  const held = [...jobs.values()];
  fill(byId('jobs'), held.length === 0 ? el('li', { class: 'muted' }, t('vol.noJobs')) : held.map(jobCard));
  renderLeave();
  const past = offers.filter((o) => o.status !== 'PENDING' && !jobs.has(o.needId));
  fill(byId('history'), past.length === 0 ? el('li', { class: 'muted' }, t('vol.noHistory'))
    : past.map((o) => el('li', {}, el('strong', {}, category(o)), ' · ', o.approximatePlace,
      el('div', { class: 'muted' }, shanghai(o.createdAt), ' · ', historyState(o)))));
}

function historyState(o) {
  const status = needs.get(o.needId) ?? '';
  if (o.status === 'ACCEPTED' && status.startsWith('GONE:')) {
    return label('status.', status.slice(5));
  }
  return label('offerStatus.', o.status);
}

function category(o) {
  return lang() === 'zh-CN' && o.categoryZh ? o.categoryZh : label('category.', o.category);
}

function when(window) {
  if (!window || window.kind !== 'APPOINTMENT') {
    return t('vol.asap');
  }
  return t('vol.window', { from: shanghai(window.start), to: shanghai(window.end, { timeOnly: true }) });
}

function itemList(items) {
  return (items ?? []).length === 0 ? null : el('ul', { class: 'plain items-list' }, items.map((i) =>
    el('li', {}, i.name, ` ×${i.quantity}`, i.unit ?? '', i.notes ? ` (${i.notes})` : '')));
}

function offerCard(o) {
  const reasonBox = el('div', { class: 'decline', hidden: true },
    el('label', { for: `reason-${o.offerId}` }, t('vol.declineReason')),
    el('select', { id: `reason-${o.offerId}` }, ['busy', 'far', 'skill', 'other'].map((r) =>
      el('option', { value: r }, t(`vol.reason.${r}`)))),
    el('div', { class: 'actions' }, el('button', { type: 'button', id: `decline-confirm-${o.offerId}`,
      onclick: () => decline(o, byId(`reason-${o.offerId}`)) }, t('vol.declineConfirm'))));
  return el('li', { class: 'offer card', dataset: { offer: o.offerId } },
    el('p', { class: 'big-line' }, el('strong', {}, category(o)), ' · ', label('urgency.', o.urgency)),
    el('p', {}, o.approximatePlace, ' · ', t('vol.distance', { meters: o.distanceMeters })),
    el('p', {}, when(o.window)),
    itemList(o.items),
    o.merchantName ? el('p', {}, t('vol.merchant', { name: o.merchantName })) : null,
    el('p', { class: 'muted' }, t('vol.expires', { at: shanghai(o.expiresAt, { timeOnly: true }) })),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary big', id: `accept-${o.offerId}`, onclick: () => accept(o) },
        t('vol.accept')),
      el('button', { type: 'button', class: 'big', id: `decline-${o.offerId}`, onclick: () => {
        reasonBox.hidden = false;
        byId(`reason-${o.offerId}`).focus();
      } }, t('vol.decline'))),
    reasonBox);
}

function jobCard(j) {
  const n = j.needId;
  const completeBox = el('div', { hidden: true },
    el('label', { for: `note-${n}` }, t('vol.note')),
    el('textarea', { id: `note-${n}`, rows: 3, maxlength: 2000 }),
    el('div', { class: 'actions' }, el('button', { type: 'button', class: 'primary big', id: `complete-confirm-${n}`,
      onclick: () => complete(j) }, t('vol.completeConfirm'))));
  const giveBackBox = el('div', { hidden: true },
    el('label', { for: `giveback-reason-${n}` }, t('vol.giveBackReason')),
    el('input', { id: `giveback-reason-${n}`, maxlength: 500, required: true }),
    el('div', { class: 'actions' }, el('button', { type: 'button', class: 'big', id: `giveback-confirm-${n}`,
      onclick: () => giveBack(j) }, t('vol.giveBackConfirm'))));
  const digits = String(j.phone ?? '').replace(/[^0-9+]/g, '');
  return el('li', { class: 'job card', dataset: { job: n } },
    el('p', { class: 'big-line' }, el('strong', {}, lang() === 'zh-CN' && j.categoryZh ? j.categoryZh
      : label('category.', j.category)), ' ',
    el('span', { class: 'badge', id: `job-status-${n}` }, label('status.', needs.get(n) ?? j.status))),
    el('p', {}, j.description),
    el('dl', { class: 'facts' },
      el('dt', {}, t('vol.resident')), el('dd', {}, j.residentName),
      el('dt', {}, t('vol.address')), el('dd', { id: `job-address-${n}` }, j.address)),
    el('p', {}, el('a', { class: 'button call', href: `tel:${digits}`, id: `job-call-${n}` },
      t('vol.call', { phone: phoneText(j.phone) }))),
    el('p', {}, when(j.window)),
    (j.items ?? []).length ? [el('h3', {}, t('vol.items')), itemList(j.items)] : null,
    j.merchantName ? el('p', {}, t('vol.merchant', { name: j.merchantName })) : null,
    el('div', { class: 'actions' },
      needs.get(n) === 'ASSIGNED' ? el('button', { type: 'button', class: 'primary big', id: `arrive-${n}`,
        onclick: () => arrive(j) }, t('vol.arrive')) : null,
      needs.get(n) === 'ON_SITE' ? el('button', { type: 'button', class: 'primary big', id: `complete-${n}`,
        onclick: () => {
          completeBox.hidden = false;
          byId(`note-${n}`).focus();
        } }, t('vol.complete')) : null,
      needs.get(n) === 'ASSIGNED' ? el('button', { type: 'button', class: 'big', id: `giveback-${n}`,
        onclick: () => {
          giveBackBox.hidden = false;
          byId(`giveback-reason-${n}`).focus();
        } }, t('vol.giveBack')) : null),
    completeBox, giveBackBox);
}

async function act(work, done) {
  try {
    await work();
    if (done) {
      showMessage(byId('feedback'), done, 'ok');
    }
  } catch (e) {
    showError(byId('feedback'), e);
  }
  await refresh();
}

function accept(o) {
  return act(async () => {
    const job = await request(`/api/offers/${o.offerId}/accept`, { method: 'POST', json: {} });
    jobs.set(o.needId, job);
    needs.set(o.needId, job.status);
  });
}

function decline(o, select) {
  const reason = select.options[select.selectedIndex].textContent;
  return act(() => request(`/api/offers/${o.offerId}/decline`, { method: 'POST', json: { reason } }));
}

function arrive(j) {
  return act(async () => {
    await request(`/api/needs/${j.needId}/arrival`, { method: 'POST', json: {} });
    needs.set(j.needId, 'ON_SITE');
  }, t('vol.onSite'));
}

function complete(j) {
  const summary = byId(`note-${j.needId}`).value.trim() || null;
  return act(async () => {
    await request(`/api/needs/${j.needId}/completion`, { method: 'POST', json: { summary } });
    jobs.delete(j.needId);
    needs.set(j.needId, 'DONE');
  }, t('vol.done'));
}

function giveBack(j) {
  const input = byId(`giveback-reason-${j.needId}`);
  if (!input.value.trim()) {
    input.reportValidity();
    return undefined;
  }
  return act(async () => {
    await request(`/api/needs/${j.needId}/giveback`, { method: 'POST', json: { reason: input.value.trim() } });
    jobs.delete(j.needId);
    needs.set(j.needId, 'GONE:MATCHING');
  }, t('vol.givenBack'));
}

function toggleDuty() {
  return act(() => request(`/api/volunteers/${id}/duty`, { method: 'PUT', json: { onDuty: !me.onDuty } }));
}

// ---- leave: the calendar is replaced whole, so the weekly hours are sent back as they are ----

function leavePeriods() {
  return (me.leavePeriods ?? '').split(',').filter(Boolean).map((p) => {
    const [from, to] = p.split('~');
    return { from, to };
  });
}

function availability() {
  return (me.availability ?? '').split(',').filter(Boolean).map((w) => {
    const [day, hours] = w.trim().split(' ');
    const [from, to] = hours.split('-');
    return { day: DAYS[day] ?? day, from, to };
  });
}

function renderLeave() {
  const periods = leavePeriods();
  fill(byId('leave-list'), periods.length === 0 ? el('li', { class: 'muted' }, t('vol.leaveNone'))
    : periods.map((p, i) => el('li', {}, `${p.from} – ${p.to} `,
      el('button', { type: 'button', class: 'link', id: `leave-remove-${i}`, onclick: () => saveLeave(
        periods.filter((_, k) => k !== i)) }, t('vol.leaveRemove')))));
}

function addLeave() {
  const from = byId('leave-from').value;
  const to = byId('leave-to').value;
  if (!from || !to) {
    return undefined;
  }
  return saveLeave([...leavePeriods(), { from, to }]).then(() => byId('leave-form').reset());
}

async function saveLeave(leave) {
  try {
    me = await request(`/api/volunteers/${id}/calendar`, { method: 'PUT', json: { availability: availability(), leave } });
    showMessage(byId('leave-feedback'), t('vol.leaveSaved'), 'ok');
    render();
  } catch (e) {
    showError(byId('leave-feedback'), e);
  }
}

/**
 * How offers reach this volunteer is the notifier's to keep (it sends them); where no notifier runs
 * beside this service there is nothing to choose, and the card stays hidden.
 */
async function loadChannels() {
  let chosen;
  try {
    chosen = await request(`/notify/volunteers/${id}/channels`, { on401: 'throw' });
  } catch {
    return;
  }
  const box = byId('channels');
  for (const input of box.querySelectorAll('input[name="channels"]')) {
    input.checked = input.value === chosen.channels;
    input.addEventListener('change', () => saveChannels(input.value));
  }
  byId('channels-card').hidden = false;
}

async function saveChannels(channels) {
  const feedback = byId('channels-feedback');
  try {
    await request(`/notify/volunteers/${id}/channels`, { method: 'PUT', json: { channels } });
    showMessage(feedback, t('vol.channelsSaved', { how: t(`vol.channel.${channels}`) }), 'ok');
  } catch (e) {
    showError(feedback, e);
  }
}

function shanghai(iso, { timeOnly = false } = {}) {
  if (!iso) {
    return '';
  }
  const style = timeOnly ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(lang(), { ...style, timeZone: ZONE }).format(new Date(iso));
}
