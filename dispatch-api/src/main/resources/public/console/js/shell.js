// What every console page shares: the top bar (name, navigation, who is signed in, language, sign out)
// and the start of the page's life.
import { signOut, whoAmI, goToSignIn } from './api.js';
import { el, fill } from './dom.js';
import { showError } from './feedback.js';
import { apply, lang, setLang, t } from './i18n.js';
import './desks-messages.js';

const STAFF = ['ADMIN', 'COORDINATOR', 'OPERATOR'];
const LINKS = [
  { href: '/console/', key: 'nav.home', roles: null },
  { href: '/console/queue.html', key: 'nav.queue', roles: ['ADMIN', 'COORDINATOR'] },
  { href: '/console/desk.html', key: 'nav.desk', roles: ['ADMIN', 'COORDINATOR', 'OPERATOR'] },
  { href: '/console/volunteer.html', key: 'nav.volunteer', roles: ['VOLUNTEER'] },
  { href: '/console/import.html', key: 'nav.import', roles: ['ADMIN', 'COORDINATOR'] },
  { href: '/console/dashboard.html', key: 'nav.dashboard', roles: ['ADMIN', 'COORDINATOR'] },
  { href: '/console/pairings.html', key: 'nav.pairings', roles: ['ADMIN', 'COORDINATOR'] },
  { href: '/console/hours.html', key: 'nav.hours', roles: ['VOLUNTEER'] },
  { href: '/console/account.html', key: 'nav.account', roles: null },
];

/**
 * Marks the page as ready for use: its handlers are attached and its first data shown. Forms keep
 * their submit buttons disabled in the HTML until then (see enable()), so nothing is ever submitted
 * natively (a password in a URL) before the page's script has taken over. Tests wait for it.
 */
export function ready() {
  document.documentElement.dataset.ready = 'true';
}

/** Enables controls the HTML ships disabled (submit buttons) once their handlers are attached. */
export function enable(...ids) {
  for (const id of ids) {
    document.getElementById(id).disabled = false;
  }
}

export function isStaff(caller) {
  return caller !== null && STAFF.includes(caller.role);
}

/**
 * Starts a page: language, top bar, and the signed-in caller ({username, displayName, role, communities, volunteerId}).
 * With signIn 'required' (the default) a visitor who is not signed in is sent to the sign-in page;
 * with 'optional' the caller is null for them.
 */
export async function startPage({ signIn = 'required' } = {}) {
  apply();
  const bar = document.getElementById('top');
  let caller = null;
  renderBar(bar, caller);
  try {
    caller = await whoAmI();
  } catch (e) {
    // the server is unreachable or failing: say so where the page would be, and go no further
    const main = document.querySelector('main');
    const box = el('div');
    main.prepend(box);
    showError(box, e);
    ready(); // ready to be read: the page says what went wrong
    return new Promise(() => {});
  }
  if (caller === null && signIn === 'required') {
    goToSignIn();
    return new Promise(() => {}); // the page is being left: nothing more to do
  }
  renderBar(bar, caller);
  document.addEventListener('langchange', () => renderBar(bar, caller));
  return caller;
}

function renderBar(bar, caller) {
  const here = location.pathname;
  const nav = caller === null ? null : el('nav', { 'aria-label': t('nav.label') },
    LINKS.filter((l) => l.roles === null || l.roles.includes(caller.role)).map((l) =>
      el('a', { href: l.href, 'aria-current': l.href === here ? 'page' : null }, t(l.key))));
  const other = lang() === 'zh-CN' ? 'en' : 'zh-CN';
  fill(bar,
    el('a', { class: 'brand', href: '/console/' }, t('app.name')),
    nav,
    el('div', { class: 'tools' },
      caller === null ? null : el('span', { class: 'who', id: 'who' },
        t('bar.signedInAs', { name: caller.displayName || caller.username, role: t(`role.${caller.role}`) })),
      el('button', {
        type: 'button', id: 'lang-switch', lang: other, onclick: () => setLang(other),
      }, other === 'en' ? 'English' : '中文'),
      caller === null ? null : el('button', { type: 'button', id: 'sign-out', onclick: () => signOut() },
        t('bar.signOut'))));
}
