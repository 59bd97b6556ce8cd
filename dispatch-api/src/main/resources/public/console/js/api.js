// Every call the pages make to the API goes through here, so each one:
// - rides on the session cookie (ONECALL_SESSION, HttpOnly: no script ever holds the token),
// - echoes the XSRF-TOKEN cookie in the X-XSRF-TOKEN header when it changes something
//   (the server's double-submit CSRF check refuses a state change without it),
// - turns a problem+json answer into an ApiError (status, detail, errors[].field/reason),
// - sends the reader to the sign-in page on 401, to come back here afterwards,
// - asks for the page's language (Accept-Language), not the browser's: the server writes what it
//   puts in words for people (import reasons) in it.
import { lang } from './i18n.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_COOKIE = 'XSRF-TOKEN';
const CSRF_HEADER = 'X-XSRF-TOKEN';
const ACCEPT = 'application/json, application/problem+json;q=0.9';
export const SIGN_IN_PAGE = '/console/login.html';

/** A refusal or failure: status 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(status, problem = {}, retryAfter = null) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title ?? null;
    this.detail = problem.detail ?? null;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.retryAfter = retryAfter;
  }

  /** The detail and every field reason, as the server wrote them: for matching, not for showing. */
  get text() {
    return [this.detail, ...this.errors.map((e) => e.reason)].filter(Boolean).join(' ');
  }
}

export function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      return decodeURIComponent(value.join('='));
    }
  }
  return null;
}

function headersFor(method, extra = {}) {
  const headers = { Accept: ACCEPT, 'Accept-Language': lang(), ...extra };
  const csrf = cookie(CSRF_COOKIE);
  if (!SAFE_METHODS.has(method) && csrf) {
    headers[CSRF_HEADER] = csrf;
  }
  return headers;
}

/**
 * request('/api/needs/1'), request('/api/auth/login?session=true', {method: 'POST', json: {...}})
 * Resolves to the parsed JSON (or text, or null for 204); rejects with ApiError.
 * options.on401: 'sign-in' (default) goes to the sign-in page; 'throw' leaves it to the caller.
 */
export async function request(path, { method = 'GET', json, body, contentType, on401 = 'sign-in' } = {}) {
  const extra = {};
  if (json !== undefined) {
    extra['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (contentType) {
    extra['Content-Type'] = contentType;
  }
  let response;
  try {
    response = await fetch(path, {
      method, body, headers: headersFor(method, extra), credentials: 'same-origin', cache: 'no-store',
    });
  } catch {
    throw new ApiError(0);
  }
  const text = await response.text();
  if (!response.ok) {
    throw refused(response.status, response.headers.get('Content-Type'), text,
      response.headers.get('Retry-After'), on401);
  }
  return parse(response.headers.get('Content-Type'), text);
}

/**
 * Sends a file as the request body (as the import API wants it), reporting upload progress:
 * onProgress(sentBytes, totalBytes). XMLHttpRequest, because fetch cannot report an upload's progress.
 */
export function upload(path, file, { contentType, onProgress, on401 = 'sign-in' } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [name, value] of Object.entries(headersFor('POST', { 'Content-Type': contentType }))) {
      xhr.setRequestHeader(name, value);
    }
    if (onProgress) {
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) {
          onProgress(e.loaded, e.total);
        }
      });
    }
    xhr.addEventListener('load', () => {
      const type = xhr.getResponseHeader('Content-Type');
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(parse(type, xhr.responseText));
      } else {
        reject(refused(xhr.status, type, xhr.responseText, xhr.getResponseHeader('Retry-After'), on401));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0)));
    xhr.addEventListener('abort', () => reject(new ApiError(0)));
    xhr.send(file);
  });
}

function parse(type, text) {
  if (!text) {
    return null;
  }
  if (type && type.includes('json')) {
    return JSON.parse(text);
  }
  return text;
}

function refused(status, type, text, retryAfter, on401) {
  let problem = {};
  if (type && type.includes('json') && text) {
    try {
      problem = JSON.parse(text);
    } catch {
      problem = {};
    }
  }
  const seconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null;
  if (status === 401 && on401 === 'sign-in') {
    goToSignIn();
  }
  return new ApiError(status, problem, seconds);
}

/** To the sign-in page, which brings the reader back to this page afterwards. */
export function goToSignIn() {
  if (location.pathname === SIGN_IN_PAGE) {
    return;
  }
  location.assign(`${SIGN_IN_PAGE}?next=${encodeURIComponent(location.pathname + location.search)}`);
}

/**
 * Where to go after signing in: the ?next= page if it is one of ours, else the console's start page.
 * Anything else (another site, //host, javascript:) is ignored: no open redirect.
 */
export function nextPage(search = location.search) {
  const next = new URLSearchParams(search).get('next');
  if (next && /^\/console\/[A-Za-z0-9._\/-]*(\?[A-Za-z0-9._~%&=+-]*)?$/.test(next) && !next.includes('..')
      && !next.startsWith(SIGN_IN_PAGE)) {
    return next;
  }
  return '/console/';
}

/** Who is signed in, or null. */
export async function whoAmI() {
  try {
    return await request('/api/auth/me', { on401: 'throw' });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      return null;
    }
    throw e;
  }
}

export async function signOut() {
  try {
    await request('/api/auth/logout', { method: 'POST', on401: 'throw' });
  } finally {
    location.assign(SIGN_IN_PAGE);
  }
}
