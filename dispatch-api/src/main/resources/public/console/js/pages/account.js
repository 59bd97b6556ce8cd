// The signed-in person's own password and, for admins, every account: switch off or on, unlock, set
// a new password. Names and usernames are shown as text (dom.js), whatever they hold.
import { request } from '../api.js';
import { byId, el, fill } from '../dom.js';
import { showError, showMessage } from '../feedback.js';
import { label, t } from '../i18n.js';
import { communityNames } from '../names.js';
import { enable, ready, startPage } from '../shell.js';

byId('password-form').addEventListener('submit', changeOwn);
byId('reset-form').addEventListener('submit', reset);
byId('phone-form').addEventListener('submit', savePhone);
enable('password-submit', 'reset-submit', 'phone-submit');
const caller = await startPage();
let accounts = [];
let phoneMasked = caller.phone ?? null;

if (caller.role === 'VOLUNTEER') {
  byId('password-form').hidden = true;
  byId('own-sms').hidden = false;
} else {
  // a volunteer's number is their volunteer record's; staff keep theirs here, for escalations
  byId('own-phone').hidden = false;
  showPhone();
  document.addEventListener('langchange', showPhone);
}
// communities by name in the accounts' scope, never by id
let communityLabel = {};
if (caller.role === 'ADMIN') {
  communityLabel = await communityNames();
  byId('admin').hidden = false;
  await load();
  document.addEventListener('langchange', render);
}
ready();

async function changeOwn(event) {
  event.preventDefault();
  const box = byId('password-feedback');
  const current = byId('current-password').value;
  const next = byId('new-password').value;
  if (next !== byId('repeat-password').value) {
    showMessage(box, t('account.mismatch'), 'bad');
    return;
  }
  if (next === current) {
    showMessage(box, t('account.same'), 'bad');
    return;
  }
  try {
    await request('/api/auth/password', { method: 'PUT', json: { currentPassword: current, newPassword: next } });
    byId('password-form').reset();
    showMessage(box, t('account.changed'), 'ok');
  } catch (e) {
    showError(box, e, {
      400: (err) => fieldHeadline(err),
      429: t('account.locked'),
    });
  }
}

function showPhone() {
  byId('phone-current').textContent = phoneMasked ? t('account.phoneNow', { phone: phoneMasked }) : t('account.phoneNone');
}

async function savePhone(event) {
  event.preventDefault();
  const box = byId('phone-feedback');
  const phone = byId('phone').value.trim();
  try {
    const saved = await request(`/api/accounts/${encodeURIComponent(caller.username)}/phone`,
      { method: 'PUT', json: { phone: phone === '' ? null : phone } });
    phoneMasked = saved.phone ?? null;
    byId('phone').value = '';
    showPhone();
    showMessage(box, phoneMasked ? t('account.phoneSaved') : t('account.phoneCleared'), 'ok');
  } catch (e) {
    showError(box, e, { 400: t('account.phoneInvalid') });
  }
}

function fieldHeadline(error) {
  const field = error.errors[0]?.field;
  if (field === 'currentPassword') {
    return t('account.wrongCurrent');
  }
  if (field === 'newPassword') {
    return t('account.tooShort');
  }
  return undefined;
}

async function load() {
  try {
    accounts = await request('/api/accounts');
    render();
  } catch (e) {
    showError(byId('admin-feedback'), e);
  }
}

function render() {
  fill(byId('accounts'), accounts.map((a) => el('li', { class: 'account', dataset: { username: a.username } },
    el('div', { class: 'name' }, a.displayName, ' ', el('span', { class: 'muted' }, a.username)),
    el('div', {}, label('role.', a.role), scope(a) ? ` · ${scope(a)}` : '', a.phone ? ` · ${a.phone}` : ''),
    el('div', { class: 'states' },
      el('span', { class: a.active ? 'badge' : 'badge late', dataset: { state: a.active ? 'on' : 'off' } },
        t(a.active ? 'account.active' : 'account.off')),
      a.locked ? el('span', { class: 'badge late', dataset: { state: 'locked' } }, t('account.lockedBadge')) : null),
    el('div', { class: 'actions' },
      a.username === caller.username ? null : el('button', {
        type: 'button', class: 'switch', onclick: () => switchAccount(a, !a.active),
      }, t(a.active ? 'account.switchOff' : 'account.switchOn')),
      a.locked ? el('button', { type: 'button', class: 'unlock', onclick: () => unlock(a) }, t('account.unlock'))
        : null))));
  const select = byId('reset-username');
  const chosen = select.value;
  fill(select, accounts.map((a) => el('option', { value: a.username, selected: a.username === chosen },
    `${a.displayName} (${a.username})`)));
}

function scope(a) {
  // empty lists are left out of the JSON
  const parts = (a.communities ?? []).map((id) => communityLabel[id] ?? id);
  if (a.street) {
    parts.push(t('account.street', { street: a.street }));
  }
  if (a.grids?.length) {
    parts.push(t('account.grids', { grids: a.grids.join(', ') }));
  }
  return parts.join(', ');
}

async function switchAccount(a, active) {
  if (!active && !window.confirm(t('account.confirmOff', { name: a.displayName }))) {
    return;
  }
  await act(() => request(`/api/accounts/${encodeURIComponent(a.username)}/active`, { method: 'PUT', json: { active } }),
    t(active ? 'account.switchedOn' : 'account.switchedOff', { name: a.displayName }));
}

async function unlock(a) {
  await act(() => request(`/api/accounts/${encodeURIComponent(a.username)}/unlock`, { method: 'POST', json: {} }),
    t('account.unlocked', { name: a.displayName }));
}

async function reset(event) {
  event.preventDefault();
  const username = byId('reset-username').value;
  const box = byId('reset-feedback');
  try {
    await request(`/api/accounts/${encodeURIComponent(username)}/password`,
      { method: 'PUT', json: { password: byId('reset-password').value } });
    byId('reset-password').value = '';
    showMessage(box, t('account.resetDone', { username }), 'ok');
    await load();
  } catch (e) {
    showError(box, e, { 400: t('account.tooShort') });
  }
}

async function act(call, done) {
  const box = byId('admin-feedback');
  try {
    await call();
    showMessage(box, done, 'ok');
  } catch (e) {
    showError(box, e);
  }
  await load();
}
