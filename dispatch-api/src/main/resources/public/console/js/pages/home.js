// The console's start page: who is signed in and where they can go from here.
import { byId, el, fill } from '../dom.js';
import { t } from '../i18n.js';
import { enable, isStaff, ready, startPage } from '../shell.js';

byId('need-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const id = byId('need-id').value.trim();
  if (/^[0-9]{1,18}$/.test(id)) {
    location.assign(`/console/need.html?id=${id}`);
  }
});
enable('need-open');
const caller = await startPage();
render();
document.addEventListener('langchange', render);
ready();

function render() {
  const greeting = byId('greeting');
  greeting.classList.remove('loading');
  delete greeting.dataset.i18n;
  greeting.textContent = t('home.greeting', { name: caller.displayName || caller.username, role: t(`role.${caller.role}`) });
  const links = [];
  if (isStaff(caller)) {
    links.push(el('li', {}, el('a', { href: '/console/desk.html', id: 'link-desk' },
      t('home.desk'), el('span', { class: 'muted' }, t('home.deskHint')))));
  }
  if (caller.role === 'ADMIN' || caller.role === 'COORDINATOR') {
    links.push(el('li', {}, el('a', { href: '/console/queue.html', id: 'link-queue' },
      t('nav.queue'), el('span', { class: 'muted' }, t('home.queueHint')))));
    links.push(el('li', {}, el('a', { href: '/console/import.html', id: 'link-import' },
      t('nav.import'), el('span', { class: 'muted' }, t('home.importHint')))));
  }
  if (caller.role === 'ADMIN' || caller.role === 'COORDINATOR') {
    links.push(el('li', {}, el('a', { href: '/console/dashboard.html', id: 'link-dashboard' },
      t('nav.dashboard'), el('span', { class: 'muted' }, t('home.dashboardHint')))));
    links.push(el('li', {}, el('a', { href: '/console/pairings.html', id: 'link-pairings' },
      t('nav.pairings'), el('span', { class: 'muted' }, t('home.pairingsHint')))));
  }
  if (caller.role === 'VOLUNTEER') {
    links.push(el('li', {}, el('a', { href: '/console/volunteer.html', id: 'link-volunteer' },
      t('home.volunteerPage'), el('span', { class: 'muted' }, t('home.volunteerHint')))));
    links.push(el('li', {}, el('a', { href: '/console/hours.html', id: 'link-hours' },
      t('nav.hours'), el('span', { class: 'muted' }, t('home.hoursHint')))));
  }
  fill(byId('links'), links);
  byId('find-need').hidden = !isStaff(caller);
}
