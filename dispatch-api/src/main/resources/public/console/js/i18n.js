// Two languages: Simplified Chinese (the default) and English. The choice is kept in localStorage.
// Static text in the HTML carries data-i18n="key" (and data-i18n-placeholder / -title / -aria-label);
// pages render dynamic text with t(key, params) and re-render on the 'langchange' event.
import { messages } from './messages.js';

export const LANGUAGES = ['zh-CN', 'en'];
const STORAGE_KEY = 'onecall.lang';
const DEFAULT = 'zh-CN';

let current = stored();

function stored() {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(value) ? value : DEFAULT;
  } catch {
    return DEFAULT; // storage blocked (private mode, policy): Chinese, not an error
  }
}

/**
 * Adds a page's own catalogue ({'zh-CN': {...}, en: {...}}) to the shared one: the desks keep their
 * texts in their own file (desks-messages.js) so the shared catalogue does not grow with every page.
 */
export function addMessages(extra) {
  for (const language of LANGUAGES) {
    Object.assign(messages[language], extra[language] ?? {});
  }
}

export function lang() {
  return current;
}

/** The text for key in the current language, {name} replaced from params; Chinese if English lacks it. */
export function t(key, params = {}) {
  const text = messages[current][key] ?? messages[DEFAULT][key];
  if (text === undefined) {
    console.warn(`no text for ${key}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** t(prefix + value) when such a text exists (enum labels), else the value itself. */
export function label(prefix, value) {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const key = prefix + value;
  return (messages[current][key] ?? messages[DEFAULT][key]) ?? String(value);
}

export function setLang(value) {
  if (!LANGUAGES.includes(value) || value === current) {
    return;
  }
  current = value;
  try {
    localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // not remembered, still switched
  }
  apply();
  document.dispatchEvent(new CustomEvent('langchange', { detail: { lang: value } }));
}

/** Writes the current language into <html lang> and every data-i18n element under root. */
export function apply(root = document) {
  document.documentElement.lang = current;
  for (const node of root.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const attribute of ['placeholder', 'title', 'aria-label']) {
    for (const node of root.querySelectorAll(`[data-i18n-${attribute}]`)) {
      node.setAttribute(attribute, t(node.getAttribute(`data-i18n-${attribute}`)));
    }
  }
}

export function number(n) {
  return new Intl.NumberFormat(current).format(n);
}

/** A date and time in the reader's own zone, written the way their language writes it. */
export function dateTime(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso)
    : new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
