// One need as staff see it: category, status, description, the items to buy, details, its history
// and who was told what about it (the notifier's delivery log).
// Everything the resident or operator wrote is shown as text (see dom.js): a description holding
// HTML or script shows those characters and runs nothing.
import { ApiError, request } from '../api.js';
import { byId, el, fill } from '../dom.js';
import { showError } from '../feedback.js';
import { historyItems } from '../history.js';
import { dateTime, label, lang, t } from '../i18n.js';
import { communityName, householdName, volunteerName } from '../names.js';
import { ready, startPage } from '../shell.js';
import { readLog, toldItems } from '../told.js';

await startPage();
const id = new URLSearchParams(location.search).get('id');
let need = null;
let history = null;
let names = {};
let told = null;

if (!id || !/^[0-9]{1,18}$/.test(id)) {
  showError(byId('feedback'), new ApiError(400, { detail: t('need.badId') }));
} else {
  try {
    [need, history] = await Promise.all([
      request(`/api/needs/${id}`),
      // volunteers may see the need but not its history
      request(`/api/needs/${id}/history`).catch((e) => (e instanceof ApiError && e.status === 403 ? null : Promise.reject(e))),
    ]);
    const [community, household, volunteer] = await Promise.all([communityName(need.communityId),
      householdName(need.householdId), need.volunteerId ? volunteerName(need.volunteerId) : null]);
    names = { community, household, volunteer };
    await render();
    document.addEventListener('langchange', render);
    // from the notifier, after the need itself: hidden where it is not there or not shown to this caller
    told = await readLog(`/notify/needs/${id}/log`);
    await renderTold();
  } catch (e) {
    showError(byId('feedback'), e);
  }
}
ready();

async function render() {
  fill(byId('feedback'));
  byId('need').hidden = false;
  const heading = byId('heading');
  delete heading.dataset.i18n;
  heading.textContent = t('need.headingWithId', { id: need.id });
  document.title = `${t('need.headingWithId', { id: need.id })} · ${t('app.name')}`;

  fill(byId('facts'),
    fact('need.category', lang() === 'zh-CN' && need.categoryZh ? need.categoryZh : label('category.', need.category)),
    fact('need.status', el('span', { class: 'badge', id: 'status' }, label('status.', need.status))),
    fact('need.urgency', label('urgency.', need.urgency)),
    fact('need.community', names.community),
    fact('need.household', names.household),
    fact('need.takenBy', need.takenByName ?? need.takenBy),
    fact('need.source', label('source.', need.source)),
    fact('need.createdAt', dateTime(need.createdAt)),
    need.window && need.window.kind === 'APPOINTMENT'
      ? fact('need.window', `${dateTime(need.window.start)} – ${dateTime(need.window.end)}`) : null,
    need.dueAt ? fact('need.dueAt', dateTime(need.dueAt), need.late
      ? el('span', { class: 'badge late' }, t('need.late')) : null) : null,
    need.volunteerId ? fact('need.volunteer', names.volunteer) : null,
    need.proposal ? fact('need.why', why(need.proposal)) : null,
    need.rating ? fact('need.rating', t('need.ratingValue', { rating: need.rating })) : null);

  byId('description').textContent = need.description;

  const items = need.items ?? [];
  byId('items-card').hidden = items.length === 0;
  fill(byId('items').tBodies[0], items.map((item) => el('tr', {},
    el('td', {}, item.name), el('td', { class: 'num' }, item.quantity), el('td', {}, item.unit ?? ''),
    el('td', {}, item.notes ?? ''))));

  const details = Object.entries(need.details ?? {});
  byId('details-card').hidden = details.length === 0;
  fill(byId('details'), details.map(([key, value]) => [el('dt', {}, label('detail.', key)), el('dd', {}, value)]));

  byId('history-card').hidden = history === null;
  fill(byId('history'), await historyItems(history ?? []));
  await renderTold();
}

async function renderTold() {
  byId('told-card').hidden = told === null;
  byId('told-empty').hidden = told === null || told.length > 0;
  fill(byId('told'), told ? await toldItems(told) : []);
}

/** The latest proposal's score parts in the page's language: "步行 320 米，本周已接 2 单，曾帮助过这户". */
function why(proposal) {
  const kind = (detail) => label('kind.', detail);
  const parts = proposal.parts.map((p) => t(`score.${p.code}`, {
    value: Number.isInteger(p.value) ? p.value : p.value.toFixed(1),
    detail: p.code === 'KIND' ? kind(p.detail) : (p.detail ?? ''),
  }));
  return `${parts.join(lang() === 'zh-CN' ? '，' : ', ')} ${t('need.whyScore', { score: proposal.score })}`;
}

function fact(key, ...value) {
  return [el('dt', {}, t(key)), el('dd', {}, value)];
}
