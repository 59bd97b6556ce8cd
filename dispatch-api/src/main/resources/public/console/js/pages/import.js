// Spreadsheet import (docs/import.md): the file goes as the request body to
// POST /api/communities/{id}/imports/{kind}?dryRun=&fileName=, which answers 202 with a job at once;
// the page then polls GET /api/imports/{id} and shows its progress, and at the end every bad line
// with its line number, column and reason, or how many were imported. The server writes the reasons
// in the language api.js asks for: when the reader switches, a finished job is read again.
import { ApiError, request, upload } from '../api.js';
import { byId, el, fill } from '../dom.js';
import { clearMessage, showError, showMessage } from '../feedback.js';
import { label, lang, number, t } from '../i18n.js';
import { enable, ready, startPage } from '../shell.js';
import { COLUMNS, template } from '../columns.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const POLL_MS = 500;
const MAX_NETWORK_RETRIES = 10;
const FINISHED = new Set(['VALID', 'REJECTED', 'SUCCEEDED', 'FAILED']);

const form = byId('import-form');
const section = byId('job');
const progress = byId('job-progress');
/** What the job section shows: {file, dryRun, job (the API's view) or null while uploading, sent, size}. */
let shown = null;
let templateUrl = null;

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const file = byId('file').files[0];
  const feedback = byId('form-feedback');
  clearMessage(feedback);
  if (!file) {
    showMessage(feedback, t('import.noFile'), 'bad');
    return;
  }
  if (!contentType(file)) {
    showMessage(feedback, t('import.wrongType', { name: file.name }), 'bad');
    return;
  }
  run(file, event.submitter?.value !== 'import');
});
enable('check', 'start');
renderColumns();
byId('kind').addEventListener('change', renderColumns);
document.addEventListener('langchange', async () => {
  renderColumns();
  if (!shown) {
    return;
  }
  render();
  // a job still running is polled in the new language anyway; a finished one is asked for again
  const showing = shown;
  if (showing.job && FINISHED.has(showing.job.state)) {
    try {
      const again = await request(`/api/imports/${encodeURIComponent(showing.job.id)}`);
      if (shown === showing) {
        showing.job = again;
        render();
      }
    } catch {
      // the reasons stay in the language they were read in
    }
  }
});

const caller = await startPage();
if (caller.role !== 'ADMIN' && caller.role !== 'COORDINATOR') {
  showMessage(byId('page-feedback'), t('import.notAllowed'), 'bad');
} else {
  await loadCommunities();
}
ready();

async function loadCommunities() {
  const select = byId('community');
  try {
    const all = await request('/api/communities');
    // the list holds every community; a coordinator imports only into their own
    const mine = all.filter((c) => caller.role === 'ADMIN' || caller.communities.includes(c.id));
    if (mine.length === 0) {
      showMessage(byId('page-feedback'), t('import.noCommunity'), 'bad');
      return;
    }
    fill(select, mine.map((c) => el('option', { value: c.id }, c.name)));
    form.hidden = false;
  } catch (e) {
    showError(byId('page-feedback'), e);
  }
}

/** By the file's name, not file.type: Windows reports .csv files as application/vnd.ms-excel. */
function contentType(file) {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) {
    return 'text/csv';
  }
  if (name.endsWith('.xlsx')) {
    return XLSX;
  }
  return null;
}

async function run(file, dryRun) {
  const community = byId('community').value;
  const kind = byId('kind').value;
  const path = `/api/communities/${encodeURIComponent(community)}/imports/${encodeURIComponent(kind)}`
    + `?dryRun=${dryRun}&fileName=${encodeURIComponent(file.name)}`;
  setBusy(true);
  shown = { file, dryRun, job: null, sent: 0, size: file.size };
  section.hidden = false;
  render();
  try {
    shown.job = await upload(path, file, {
      contentType: contentType(file),
      onProgress: (sent, size) => {
        shown.sent = sent;
        shown.size = size;
        render();
      },
    });
    render();
    await follow(shown.job.id);
  } catch (e) {
    showError(byId('job-result'), e, {
      404: (err) => (/community/.test(err.text) ? undefined : t('import.kindMissing')),
      413: t('import.tooLarge'),
    });
  } finally {
    setBusy(false);
  }
}

/** Polls the job until it is finished; a dropped connection is retried, anything else ends it. */
async function follow(id) {
  let failures = 0;
  while (!FINISHED.has(shown.job.state)) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    try {
      shown.job = await request(`/api/imports/${encodeURIComponent(id)}`);
      failures = 0;
      render();
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 0 || ++failures > MAX_NETWORK_RETRIES) {
        throw e;
      }
      showMessage(byId('job-counts'), t('import.reconnecting'), 'info');
    }
  }
}

function setBusy(busy) {
  for (const control of form.querySelectorAll('select, input, button')) {
    control.disabled = busy;
  }
}

function render() {
  const { file, dryRun, job } = shown;
  fill(byId('job-file'), t(dryRun ? 'import.checking' : 'import.importing', { name: file.name }));
  const state = byId('job-state');
  if (job === null) {
    section.dataset.state = 'UPLOADING';
    state.textContent = t('import.state.UPLOADING');
    delete state.dataset.tone;
    setProgress(shown.sent, shown.size);
    const percent = shown.size ? Math.floor((100 * shown.sent) / shown.size) : 0;
    byId('job-counts').textContent = t('import.counts.uploading', { percent });
    fill(byId('job-result'));
    return;
  }
  section.dataset.state = job.state;
  state.textContent = label('import.state.', job.state);
  state.dataset.tone = ['VALID', 'SUCCEEDED'].includes(job.state) ? 'ok'
    : ['REJECTED', 'FAILED'].includes(job.state) ? 'bad' : 'busy';
  const total = job.totalRows;
  const counts = byId('job-counts');
  switch (job.state) {
    case 'QUEUED':
      setProgress(null);
      counts.textContent = t('import.counts.queued');
      break;
    case 'IMPORTING':
    case 'SUCCEEDED':
      setProgress(job.importedRows, total);
      counts.textContent = t('import.counts.written', { done: number(job.importedRows), total: number(total) });
      break;
    default: // VALIDATING, VALID, REJECTED, FAILED: lines checked
      setProgress(job.processedRows, total);
      counts.textContent = t('import.counts.checked', { done: number(job.processedRows), total: number(total) });
  }
  renderResult(job);
}

/** value null: an indeterminate bar (waiting in the queue). */
function setProgress(value, max) {
  if (value === null) {
    progress.removeAttribute('value');
    return;
  }
  progress.max = Math.max(1, max);
  progress.value = max === 0 ? 1 : value;
}

function renderResult(job) {
  const result = byId('job-result');
  if (!FINISHED.has(job.state)) {
    fill(result);
    return;
  }
  const parts = [];
  if (job.state === 'SUCCEEDED') {
    parts.push(el('div', { class: 'alert ok', role: 'status', id: 'result-summary' },
      t('import.result.succeeded', { count: number(job.importedRows) })));
  } else if (job.state === 'VALID') {
    parts.push(el('div', { class: 'alert ok', role: 'status', id: 'result-summary' },
      t('import.result.valid', { count: number(job.totalRows) })));
    parts.push(el('div', { class: 'actions' }, el('button', {
      type: 'button', class: 'primary', id: 'import-now', onclick: () => run(shown.file, false),
    }, t('import.importNow'))));
  } else if (job.state === 'REJECTED') {
    parts.push(el('div', { class: 'alert', role: 'alert', id: 'result-summary' },
      t('import.result.rejected', { count: number(job.errorCount) })));
    if (job.errors.length < job.errorCount) {
      parts.push(el('p', { class: 'note' }, t('import.result.firstErrors', { shown: number(job.errors.length) })));
    }
    parts.push(errorTable(job.errors));
  } else {
    parts.push(el('div', { class: 'alert', role: 'alert', id: 'result-summary' },
      el('p', { class: 'title' }, t('import.result.failed')), job.message ? el('p', {}, job.message) : null));
  }
  if (job.message && job.state !== 'FAILED') {
    parts.push(el('p', { class: 'note', id: 'result-note' }, t('import.result.note', { message: job.message })));
  }
  fill(result, parts);
}

function errorTable(errors) {
  return el('table', { id: 'row-errors' },
    el('caption', { class: 'muted' }, t('import.errors.caption')),
    el('colgroup', {}, el('col', { class: 'narrow' }), el('col', { class: 'medium' }), el('col')),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', class: 'num' }, t('import.errors.line')),
      el('th', { scope: 'col' }, t('import.errors.column')),
      el('th', { scope: 'col' }, t('import.errors.reason')))),
    el('tbody', {}, errors.map((e) => el('tr', {},
      el('td', { class: 'num' }, e.line), el('td', {}, e.column ?? ''), el('td', {}, e.reason)))));
}

function renderColumns() {
  const kind = byId('kind').value;
  const columns = COLUMNS[kind];
  const body = byId('columns-body');
  if (!columns) {
    fill(body, el('p', {}, t('import.columns.seeDocs')));
    return;
  }
  const english = lang() === 'en';
  if (templateUrl) {
    URL.revokeObjectURL(templateUrl);
  }
  templateUrl = URL.createObjectURL(new Blob([template(kind)], { type: 'text/csv' }));
  fill(body,
    el('p', { class: 'note' }, t('import.columns.intro')),
    el('ul', { class: 'columns' }, columns.map((c) => el('li', {},
      el('span', { class: 'name' }, c.header), ' ',
      el('span', { class: 'badge' }, t(c.required ? 'import.columns.required' : 'import.columns.optional')),
      c.aliases.length ? el('span', { class: 'muted' }, ` ${t('import.columns.aliases')}${c.aliases.join(', ')}`) : null,
      el('div', {}, english ? c.en : c.zh),
      el('div', { class: 'example' }, t('import.columns.example'), c.example)))),
    el('p', {}, el('a', { href: templateUrl, id: 'template', download: t(`import.template.${kind}`) }, t('import.columns.template'))));
}
