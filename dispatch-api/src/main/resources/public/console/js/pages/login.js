// Sign-in: staff with a username and password, volunteers with a code sent by SMS. Both ask for a
// page session (?session=true): the server sets the HttpOnly session cookie and the CSRF cookie.
import { nextPage, request } from '../api.js';
import { byId, el, fill } from '../dom.js';
import { showError, showMessage, clearMessage } from '../feedback.js';
import { dateTime, t } from '../i18n.js';
import { enable, ready, startPage } from '../shell.js';
import '../desks-messages.js';

const RESEND_SECONDS = 60;

tabs();

byId('password-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const feedback = byId('password-feedback');
  clearMessage(feedback);
  await busy(byId('password-submit'), async () => {
    try {
      await request('/api/auth/login?session=true', {
        method: 'POST', on401: 'throw',
        json: { username: byId('username').value.trim(), password: byId('password').value },
      });
      location.assign(nextPage());
    } catch (e) {
      byId('password').value = '';
      showError(feedback, e, {
        401: t('login.wrongPassword'),
        429: lockedOrLimited,
      });
    }
  });
});

byId('code-request-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const feedback = byId('code-feedback');
  clearMessage(feedback);
  const send = byId('code-send');
  await busy(send, async () => {
    try {
      await request('/api/auth/code', { method: 'POST', on401: 'throw', json: { phone: byId('phone').value.trim() } });
      byId('code-login-form').hidden = false;
      showMessage(feedback, t('login.codeSent'), 'info');
      await showDemoCode(feedback, byId('phone').value.trim());
      byId('code').focus();
      countdown(send);
    } catch (e) {
      showError(feedback, e, { 429: lockedOrLimited });
    }
  });
});

byId('code-login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const feedback = byId('code-feedback');
  clearMessage(feedback);
  await busy(byId('code-submit'), async () => {
    try {
      await request('/api/auth/code/login?session=true', {
        method: 'POST', on401: 'throw',
        json: { phone: byId('phone').value.trim(), code: byId('code').value.trim() },
      });
      location.assign(nextPage());
    } catch (e) {
      showError(feedback, e, {
        401: t('login.wrongCode'),
        429: (err) => (/code/.test(err.text) && !err.retryAfter ? t('login.tooManyCodes') : undefined),
      });
    }
  });
});

enable('password-submit', 'code-send', 'code-submit');
const caller = await startPage({ signIn: 'optional' });
showSignedIn(caller);
document.addEventListener('langchange', () => showSignedIn(caller));
ready();

/**
 * In demo mode there is no phone to read the simulated SMS on: the server then tells the page the code
 * it just sent. Outside demo mode that route does not exist (404) and nothing is shown.
 */
async function showDemoCode(feedback, phone) {
  try {
    const demo = await request(`/api/auth/code/demo?phone=${encodeURIComponent(phone)}`, { on401: 'throw' });
    if (demo && demo.code) {
      feedback.append(el('div', { class: 'alert ok', role: 'status', id: 'demo-code' },
        t('login.demoCode', { code: demo.code })));
    }
  } catch {
    // not demo mode, or no code went to that number: the page says only what it says to everyone
  }
}

/** 429 at sign-in: either this account is locked after wrong passwords, or this address sent too many. */
function lockedOrLimited(error) {
  const locked = /locked.*until (\S+)/.exec(error.text);
  if (locked) {
    return t('login.locked', { until: dateTime(locked[1]) });
  }
  return undefined; // the rate limit: the generic text names the seconds to wait
}

function showSignedIn(who) {
  const box = byId('signed-in');
  box.hidden = who === null;
  if (who !== null) {
    fill(box, el('div', { class: 'alert info', role: 'status' },
      t('login.already', { name: who.username }), ' ',
      el('a', { href: nextPage() }, t('login.continue'))));
  }
}

function tabs() {
  const pairs = [['tab-password', 'panel-password'], ['tab-code', 'panel-code']];
  for (const [tab, panel] of pairs) {
    byId(tab).addEventListener('click', () => {
      for (const [otherTab, otherPanel] of pairs) {
        const selected = otherTab === tab;
        byId(otherTab).setAttribute('aria-selected', String(selected));
        byId(otherTab).tabIndex = selected ? 0 : -1;
        byId(otherPanel).hidden = !selected;
      }
      byId(panel).querySelector('input')?.focus();
    });
  }
}

async function busy(button, work) {
  button.disabled = true;
  try {
    await work();
  } finally {
    if (!button.dataset.countdown) {
      button.disabled = false;
    }
  }
}

/** A new code can be asked for again after a minute (the server also limits how often). */
function countdown(button) {
  let left = RESEND_SECONDS;
  button.dataset.countdown = 'on';
  delete button.dataset.i18n; // a language switch must not overwrite the countdown
  button.disabled = true;
  const tick = () => {
    if (left <= 0) {
      delete button.dataset.countdown;
      button.disabled = false;
      button.dataset.i18n = 'login.sendAgain';
      button.textContent = t('login.sendAgain');
      return;
    }
    button.textContent = t('login.wait', { seconds: left });
    left -= 1;
    setTimeout(tick, 1000);
  };
  tick();
}
