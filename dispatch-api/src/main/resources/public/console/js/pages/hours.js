// A volunteer's hours (志愿时长): the total, the star level and how far the next one is, and every job
// counted (what, where, when, how long, the resident's rating). A volunteer sees their own; staff open
// hours.html?volunteer=ID.
import { ApiError, request } from '../api.js';
import { byId, el, fill } from '../dom.js';
import { showError } from '../feedback.js';
import { dateTime, t } from '../i18n.js';
import { ready, startPage } from '../shell.js';

const caller = await startPage();
const asked = new URLSearchParams(location.search).get('volunteer');
const id = asked ?? (caller.volunteerId == null ? null : String(caller.volunteerId));
let hours = null;

if (!id || !/^[0-9]{1,18}$/.test(id)) {
  showError(byId('feedback'), new ApiError(400, { detail: t('hours.whose') }));
} else {
  try {
    hours = await request(`/api/volunteers/${id}/hours`);
    render();
    document.addEventListener('langchange', render);
  } catch (e) {
    showError(byId('feedback'), e);
  }
}
ready();

function render() {
  fill(byId('feedback'));
  byId('hours').hidden = false;
  const heading = byId('heading');
  delete heading.dataset.i18n;
  heading.textContent = caller.volunteerId === hours.volunteerId ? t('hours.heading') : t('hours.headingOf', { name: hours.name });
  byId('total').textContent = t('hours.total', { hours: hours.totalHours });
  byId('stars').textContent = hours.stars === 0 ? '' : '★'.repeat(hours.stars);
  byId('stars').setAttribute('aria-label', t('hours.starsLabel', { stars: hours.stars }));
  byId('level').textContent = hours.stars === 0 ? t('hours.noStar') : t('hours.starLevel', { stars: hours.stars });
  const previous = hours.stars === 0 ? 0 : hours.starLevels[hours.stars - 1];
  const progress = byId('progress');
  progress.hidden = hours.nextStarAtHours === null;
  if (hours.nextStarAtHours !== null) {
    progress.max = hours.nextStarAtHours - previous;
    progress.value = Math.max(0, hours.totalHours - previous);
    byId('next').textContent = t('hours.next', { hours: hours.hoursToNextStar, stars: hours.stars + 1 });
  } else {
    byId('next').textContent = t('hours.top');
  }
  fill(byId('records'), hours.records.length === 0 ? el('li', { class: 'muted' }, t('hours.none'))
    : hours.records.map((r) => el('li', { class: 'record' },
      el('div', { class: 'name' }, r.content),
      el('div', {}, t('hours.recordLine', { hours: r.hours, place: r.place })),
      el('div', { class: 'muted' }, `${dateTime(r.startedAt)} – ${dateTime(r.endedAt)}`),
      el('div', { class: 'muted' }, r.rating === null ? t('hours.confirmedBy', { who: r.confirmedBy })
        : t('hours.rated', { rating: r.rating, who: r.confirmedBy })))));
}
