// Showing what went wrong (or right): a headline in the reader's language, then the server's own
// words (problem+json detail, or each errors[].field: reason), all as text.
import { ApiError } from './api.js';
import { el, fill } from './dom.js';
import { t } from './i18n.js';

/**
 * { title, detail, errors } for an error. overrides maps a status to a headline (or a function of the
 * error returning one, or undefined to fall back), for pages that know better what a status means there.
 */
export function describe(error, overrides = {}) {
  if (!(error instanceof ApiError)) {
    console.error(error);
    return { title: t('error.unexpected'), detail: String(error?.message ?? error), errors: [] };
  }
  const custom = overrides[error.status];
  const title = (typeof custom === 'function' ? custom(error) : custom) ?? headline(error);
  return { title, detail: error.detail, errors: error.errors };
}

function headline(error) {
  switch (error.status) {
    case 0: return t('error.network');
    case 400: return t('error.badInput');
    case 401: return t('error.signIn');
    case 403: return /CSRF/.test(error.text) ? t('error.csrf') : t('error.forbidden');
    case 404: return t('error.notFound');
    case 409: return t('error.conflict');
    case 413: return t('error.tooLarge');
    case 415: return t('error.unsupportedType');
    case 429: return error.retryAfter ? t('error.rateLimited', { seconds: error.retryAfter }) : t('error.tooMany');
    default: return error.status >= 500 ? t('error.server') : t('error.other', { status: error.status });
  }
}

/** Replaces the container's content with the error, announced to screen readers. */
export function showError(container, error, overrides) {
  const { title, detail, errors } = describe(error, overrides);
  let more = null;
  if (errors.length > 1 || errors.some((e) => e.field)) {
    more = el('ul', {}, errors.map((e) => el('li', {}, e.field ? `${e.field}: ` : '', e.reason ?? '')));
  } else if (detail || errors.length === 1) {
    more = el('p', {}, detail ?? errors[0].reason);
  }
  fill(container, el('div', { class: 'alert', role: 'alert' }, el('p', { class: 'title' }, title), more));
}

/** tone: 'ok', 'info' or 'bad'. */
export function showMessage(container, text, tone = 'info') {
  fill(container, el('div', { class: `alert ${tone}`, role: tone === 'bad' ? 'alert' : 'status' }, text));
}

export function clearMessage(container) {
  fill(container);
}
