// One-to-one pairing (一帮一) for the community office: who is paired with whom, on which weekly
// window, the last visits (made or missed) and how many were missed in a row; and a form to pair a
// volunteer with a household. Names only, inserted as text.
import { request } from '../api.js';
import { byId, el, fill } from '../dom.js';
import { showError } from '../feedback.js';
import { dateTime, label, t } from '../i18n.js';
import { enable, ready, startPage } from '../shell.js';

let pairings = [];
let searchTimer = null;

await startPage();
byId('community').addEventListener('change', load);
byId('household-q').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(findHouseholds, 250);
});
byId('pair-form').addEventListener('submit', create);
document.addEventListener('langchange', render);
enable('pair-submit');
try {
  const communities = await request('/api/communities');
  fill(byId('community'), communities.map((c) => el('option', { value: c.id }, c.name)));
  await load();
} catch (e) {
  showError(byId('feedback'), e);
}
ready();

function community() {
  return byId('community').value;
}

async function load() {
  fill(byId('feedback'));
  if (!community()) {
    return;
  }
  const path = `/api/communities/${encodeURIComponent(community())}`;
  try {
    const [list, volunteers] = await Promise.all([request(`${path}/pairings`), request(`${path}/volunteers`)]);
    pairings = list;
    fill(byId('volunteer'), volunteers.filter((v) => v.active).map((v) => el('option', { value: v.id }, v.name)));
    fill(byId('household'));
    render();
  } catch (e) {
    showError(byId('feedback'), e);
  }
}

function render() {
  fill(byId('pairings'), pairings.length === 0 ? el('li', { class: 'muted' }, t('pair.none'))
    : pairings.map((p) => el('li', { class: 'pairing', dataset: { pairing: String(p.id) } },
      el('div', { class: 'name' }, t('pair.who', { volunteer: p.volunteerName, household: p.householdName })),
      el('div', {}, `${t('pair.every')} ${p.schedule}${p.description ? ` · ${p.description}` : ''}`),
      p.missedInRow > 0 ? el('div', { class: 'badge late' }, t('pair.missedInRow', { n: p.missedInRow })) : null,
      el('ul', { class: 'visits' }, (p.recentVisits ?? []).map((v) => el('li', { class: 'muted' },
        `${dateTime(v.windowStart)} · ${label('pair.status.', v.status)}`))))));
}

async function findHouseholds() {
  const q = byId('household-q').value.trim();
  if (!q || !community()) {
    return;
  }
  try {
    const found = await request(`/api/households?communityId=${encodeURIComponent(community())}&q=${encodeURIComponent(q)}`);
    fill(byId('household'), found.map((h) => el('option', { value: h.id }, `${h.headName} · ${h.approximatePlace}`)));
  } catch (e) {
    showError(byId('form-feedback'), e);
  }
}

async function create(event) {
  event.preventDefault();
  fill(byId('form-feedback'));
  try {
    const made = await request(`/api/communities/${encodeURIComponent(community())}/pairings`, {
      method: 'POST',
      json: {
        volunteerId: Number(byId('volunteer').value),
        householdId: byId('household').value ? Number(byId('household').value) : null,
        schedule: byId('schedule').value,
        description: byId('description').value || null,
      },
    });
    fill(byId('form-feedback'), el('div', { class: 'alert ok' },
      t('pair.created', { volunteer: made.volunteerName, household: made.householdName })));
    byId('pair-form').reset();
    await load();
  } catch (e) {
    showError(byId('form-feedback'), e);
  }
}
