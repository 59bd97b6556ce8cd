// The three rates (三率) for coordinators and street staff: a period, a scope, the totals, a chart per grid
// and per day, the ranking of grids, and the community's complaints. Charts come from Chart.js (its WebJar,
// loaded by the HTML as window.Chart); every name is inserted as text.
import { request } from '../api.js';
import { byId, el, fill } from '../dom.js';
import { showError } from '../feedback.js';
import { dateTime, lang, t } from '../i18n.js';
import { enable, ready, startPage } from '../shell.js';

const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate'];
const COLOURS = ['#1f6feb', '#2da44e', '#bf8700'];
const charts = {};
let report = null;
let complaints = [];

const caller = await startPage();
// the service counts rates by Beijing days: "today" is Beijing's, wherever the browser's clock is set
// (a UTC browser after 16:00 would otherwise leave out the Beijing day that has already begun)
const BEIJING_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

const today = new Date();
byId('to').value = isoDate(today);
byId('from').value = isoDate(new Date(today.getTime() - 29 * 86400000));
try {
  const communities = await request('/api/communities');
  for (const c of communities) {
    byId('scope').append(el('option', { value: c.id }, c.name));
  }
  if (communities.length === 1) {
    byId('scope').value = communities[0].id;
  }
} catch (e) {
  showError(byId('feedback'), e);
}
byId('period-form').addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
document.addEventListener('langchange', () => report && render());
enable('show');
await load();
ready();

async function load() {
  fill(byId('feedback'));
  const scope = byId('scope').value;
  const query = new URLSearchParams({ from: byId('from').value, to: byId('to').value });
  if (scope) {
    query.set('community', scope);
  }
  try {
    [report, complaints] = await Promise.all([
      request(`/api/rates?${query}`),
      scope
        ? request(`/api/communities/${encodeURIComponent(scope)}/complaints?from=${query.get('from')}&to=${query.get('to')}`)
        : Promise.resolve(null),
    ]);
    render();
  } catch (e) {
    byId('report').hidden = true;
    showError(byId('feedback'), e);
  }
}

function render() {
  byId('report').hidden = false;
  const total = report.total;
  fill(byId('total'), RATES.map((r, i) => el('li', { class: 'rate', id: `total-${r}` },
    el('span', { class: `label c${i}` }, t(`dash.${r}`)),
    el('span', { class: 'value' }, percent(total[r])),
    el('span', { class: 'muted' }, t(`dash.${r}.of`, counts(total))))));
  byId('times').textContent = t('dash.times', {
    raised: total.raised,
    accept: minutes(total.toAccept), arrive: minutes(total.toArrive), close: minutes(total.toClose),
  });
  renderRanking();
  renderPlaces();
  renderComplaints();
  drawGrids();
  drawDays();
}

function renderRanking() {
  const rows = report.grids;
  fill(byId('ranking'), rows.length === 0 ? el('li', { class: 'muted' }, t('dash.none'))
    : rows.map((g) => el('li', { class: 'grid-row' },
      el('span', { class: 'rank' }, String(g.rank)),
      el('div', {},
        el('div', { class: 'name' }, g.name),
        el('div', { class: 'muted' }, t('dash.rowLine', line(g)))))));
}

function renderPlaces() {
  const rows = [...report.streets, ...report.communities];
  fill(byId('places'), rows.map((r) => el('li', {},
    el('div', { class: 'name' }, `${t(`dash.level.${r.level}`)} · ${r.name}`),
    el('div', { class: 'muted' }, t('dash.rowLine', line(r))))));
}

function renderComplaints() {
  byId('complaints-card').hidden = complaints === null;
  if (complaints === null) {
    return;
  }
  const scope = byId('scope').value;
  byId('hours-export').href = `/api/communities/${encodeURIComponent(scope)}/volunteer-hours/export?from=${byId('from').value}&to=${byId('to').value}`;
  byId('hours-export').hidden = caller.role !== 'ADMIN' && caller.role !== 'COORDINATOR';
  fill(byId('complaints'), complaints.length === 0 ? el('li', { class: 'muted' }, t('dash.noComplaints'))
    : complaints.map((c) => el('li', { class: 'complaint' },
      el('div', { class: 'name' }, t('dash.complaintBy', { who: c.complainant, volunteer: c.volunteerName ?? '—' })),
      el('div', {}, c.about),
      el('div', { class: 'muted' }, `${dateTime(c.createdAt)} · ${t('dash.needNo', { id: c.needId })} · ${t('dash.recordedBy', { who: c.recordedBy })}`),
      c.status === 'RESOLVED'
        ? el('div', { class: 'resolved' }, t('dash.resolvedBy', { who: c.resolvedBy, what: c.resolution }))
        : el('button', { type: 'button', class: 'resolve', dataset: { complaint: String(c.id) }, onclick: () => resolve(c) },
          t('dash.resolve')))));
}

async function resolve(complaint) {
  const what = window.prompt(t('dash.resolvePrompt'));
  if (what === null || what.trim() === '') {
    return;
  }
  try {
    const done = await request(`/api/complaints/${complaint.id}/resolution`, { method: 'POST', json: { resolution: what } });
    complaints = complaints.map((c) => (c.id === done.id ? done : c));
    renderComplaints();
  } catch (e) {
    showError(byId('feedback'), e);
  }
}

function drawGrids() {
  const grids = report.grids;
  byId('grid-chart-box').style.height = `${Math.max(12, 3 + grids.length * 4.5)}rem`;
  draw('grid-chart', {
    type: 'bar',
    data: {
      // the grid's own name: the community is the scope chosen above (or told in the ranking)
      labels: grids.map((g) => g.name.split(' · ').pop()),
      datasets: RATES.map((r, i) => ({ label: t(`dash.${r}`), data: grids.map((g) => g[r]), backgroundColor: COLOURS[i] })),
    },
    options: options({ indexAxis: 'y', scales: { x: { min: 0, max: 100 } } }),
  });
}

function drawDays() {
  const days = report.days;
  draw('day-chart', {
    type: 'line',
    data: {
      labels: days.map((d) => d.date.slice(5)),
      datasets: [
        ...RATES.map((r, i) => ({ label: t(`dash.${r}`), data: days.map((d) => d[r]), borderColor: COLOURS[i],
          backgroundColor: COLOURS[i], spanGaps: true, yAxisID: 'rate' })),
        { label: t('dash.raised'), data: days.map((d) => d.raised), type: 'bar', backgroundColor: '#d0d7de', yAxisID: 'count' },
      ],
    },
    options: options({ scales: { rate: { position: 'left', min: 0, max: 100 }, count: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } } } }),
  });
}

function draw(id, config) {
  charts[id]?.destroy();
  if (typeof window.Chart !== 'function') {
    return; // the chart library did not load: the numbers below the charts still say everything
  }
  charts[id] = new window.Chart(byId(id), config);
}

function options(extra) {
  return {
    responsive: true, maintainAspectRatio: false, animation: false, locale: lang(),
    plugins: { legend: { position: 'bottom' } },
    ...extra,
  };
}

function line(r) {
  return {
    raised: r.raised, response: percent(r.responseRate), resolution: percent(r.resolutionRate),
    satisfaction: percent(r.satisfactionRate), complaints: r.complaints,
  };
}

function counts(r) {
  return { inTime: r.respondedInTime, resolved: r.resolved, satisfied: r.satisfied, raised: r.raised, answers: r.answers };
}

function percent(value) {
  return value === null || value === undefined ? t('dash.noData') : `${value}%`;
}

function minutes(times) {
  return times.count === 0 ? t('dash.noData') : t('dash.medianP90', { median: times.median, p90: times.p90 });
}

function isoDate(d) {
  return BEIJING_DAY.format(d);
}
