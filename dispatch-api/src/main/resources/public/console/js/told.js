// Who was told what (the notifier's delivery log), as people read it: to whom (by role and name,
// never a number), about what, on which channel, when, how many tries, the provider's receipt, the
// result, and what it fell back to ("短信失败 → 回访任务"). Used by need.html (every message about
// a need) and volunteer.html (the volunteer's own messages). The notifier is another service: a
// caller without it gets null and leaves the section hidden.
import { request } from './api.js';
import { el } from './dom.js';
import { dateTime, label, lang, t } from './i18n.js';
import { household, volunteerName } from './names.js';

const TRIES = new Set(['SENT', 'RETRY', 'FAILED']);

/** The log at that path, or null when the notifier is not there or does not show it to this caller. */
export async function readLog(path) {
  try {
    const lines = await request(path, { on401: 'throw' });
    return Array.isArray(lines) ? lines : null;
  } catch {
    return null;
  }
}

/** One list item per message; {withWho: false} leaves out the recipient (the volunteer's own list). */
export async function toldItems(lines, { withWho = true } = {}) {
  const who = withWho ? await Promise.all(lines.map((l) => recipient(l.recipient))) : [];
  return lines.map((line, i) => {
    const attempts = line.attempts ?? [];
    const tries = attempts.filter((a) => TRIES.has(a.result)).length;
    const receipt = [...attempts].reverse().find((a) => a.result.startsWith('RECEIPT_'));
    const fallbacks = attempts.filter((a) => a.result === 'FALLBACK');
    const text = messageText(line);
    return el('li', { dataset: { channel: line.channel, status: line.status, recipient: withWho ? line.recipient : null } },
      el('div', { class: 'line1' },
        el('time', { datetime: line.createdAt }, dateTime(line.createdAt)),
        withWho ? el('strong', {}, who[i]) : null,
        el('span', {}, label('event.', line.kind)),
        el('span', { class: 'badge', dataset: { role: 'channel' } }, label('told.channel.', line.channel)),
        el('span', { class: `badge told-${line.status}`, dataset: { role: 'result' } }, result(line))),
      text ? el('div', { class: 'told-text' }, text) : null,
      el('div', { class: 'muted', dataset: { role: 'attempts' } },
        line.channel === 'SMS' ? t('told.tries', { n: tries }) : null,
        line.segments ? ` · ${t('told.segments', { n: line.segments })}` : null,
        receipt ? ` · ${t(receipt.result === 'RECEIPT_DELIVERED' ? 'told.receipt.ok' : 'told.receipt.failed', {
          code: (receipt.detail ?? '').split(' ')[0], id: receipt.providerId ?? '' })}` : null),
      fallbacks.map((f) => el('div', { class: 'told-fallback', dataset: { role: 'fallback' } },
        `${t(`told.fallback.${line.channel === 'SSE' ? 'SSE' : 'SMS'}`)} → ${label('told.channel.', f.channel)}`,
        ' · ', dateTime(f.at))));
  });
}

function result(line) {
  if (line.channel === 'CALLBACK') {
    return t('told.status.CALLBACK');
  }
  return label('told.status.', line.status);
}

async function recipient(r) {
  const [, kind, id] = /^(household|volunteer)-([0-9]+)$/.exec(r ?? '') ?? [];
  if (kind === 'household') {
    const h = await household(id);
    return `${t('told.to.resident')} ${h ? h.headName : ''}`.trim();
  }
  if (kind === 'volunteer') {
    return `${t('told.to.volunteer')} ${await volunteerName(id)}`;
  }
  return `${t('told.to.staff')} ${r}`;
}

/** What the message said, where it says it in words: the page's language when it has both. */
function messageText(line) {
  let body;
  try {
    body = JSON.parse(line.body);
  } catch {
    return '';
  }
  if (body.textEn && lang() !== 'zh-CN') {
    return body.textEn;
  }
  return body.text ?? body.params?.text ?? '';
}
