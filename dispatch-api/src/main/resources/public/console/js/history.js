// A need's history as lines in the page's language, from the structured entries (event type, from and
// to status, actor); the free text a person typed (a completion note, a reason) is shown as they wrote
// it, the service's own English remarks are replaced by their translation.
import { el } from './dom.js';
import { dateTime, label, t } from './i18n.js';
import { volunteerName } from './names.js';
import './desks-messages.js';

/**
 * Who acted, as a name: "volunteer-7" is the volunteer's name, "system" the system, "matcher" the matching,
 * a staff account its display name (the API's actorName), and staff for a volunteer both.
 */
export async function actorName(entry) {
  const actor = entry.actor ?? '';
  const volunteer = /^volunteer-(\d+)$/.exec(actor);
  if (volunteer) {
    return volunteerName(volunteer[1]);
  }
  const forVolunteer = /^(.+) for volunteer (\d+)$/.exec(actor);
  if (forVolunteer) {
    return t('history.forVolunteer', { staff: entry.actorName ?? forVolunteer[1],
      volunteer: await volunteerName(forVolunteer[2]) });
  }
  if (actor === 'system' || !actor) {
    return t('history.system');
  }
  if (actor === 'matcher') {
    return t('history.matcher');
  }
  return entry.actorName ?? actor;
}

/** What to say about an entry besides its event and status, or null. */
export function remark(entry) {
  const detail = entry.detail ?? '';
  switch (entry.eventType) {
    case 'NeedClosed': {
      const rated = /^rating (\d)(?:: ([\s\S]*))?$/.exec(detail);
      return rated ? [t('history.rating', { rating: rated[1] }), rated[2] ? ` · ${rated[2]}` : ''].join('') : null;
    }
    case 'MatchingStarted': {
      const declined = /^declined(?:: ([\s\S]*))?$/.exec(detail);
      if (declined) {
        return declined[1] ? t('history.declined', { reason: declined[1] }) : t('history.declinedNoReason');
      }
      if (/expired unanswered$/.test(detail)) {
        return t('history.expired');
      }
      if (detail === 'reopened after feedback') {
        return t('history.reopened');
      }
      return null;
    }
    case 'JobGivenBack':
      return t('history.givenBack', { reason: detail });
    // typed by a person: shown as written
    case 'NeedCompleted':
    case 'NeedCancelled':
    case 'NeedReopened':
    case 'RepeatCall':
    case 'HandedOver':
      return detail || null;
    default:
      return null;
  }
}

/** The <li> lines of a timeline (ol.timeline), oldest first as the API lists them. */
export async function historyItems(entries) {
  const actors = await Promise.all(entries.map((h) => actorName(h)));
  return entries.map((h, i) => {
    const said = remark(h);
    return el('li', { dataset: { event: h.eventType, status: h.toStatus } },
      el('time', { datetime: h.occurredAt }, dateTime(h.occurredAt)),
      el('strong', {}, label('event.', h.eventType)), ' ',
      h.fromStatus ? `${label('status.', h.fromStatus)} → ` : '', label('status.', h.toStatus),
      el('div', { class: 'muted' }, t('history.by', { actor: actors[i] }), said ? ` · ${said}` : ''));
  });
}
