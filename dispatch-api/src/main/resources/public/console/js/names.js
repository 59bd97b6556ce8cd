// Names for the ids the API hands back (community, household, volunteer), fetched once per page and
// kept: pages show people names, never ids. A name that cannot be read (no right, gone) falls back
// to a neutral "#id" rather than failing the page.
import { request } from './api.js';

const cache = new Map();

function cached(key, load) {
  if (!cache.has(key)) {
    cache.set(key, load().catch(() => null));
  }
  return cache.get(key);
}

/** The communities the caller serves, by id: {id: name}. */
export function communityNames() {
  return cached('communities', async () => {
    const list = await request('/api/communities');
    return Object.fromEntries(list.map((c) => [c.id, c.name]));
  }).then((names) => names ?? {});
}

export async function communityName(id) {
  const names = await communityNames();
  return names[id] ?? id;
}

/** The community's grids by code: {code: name}. */
export function gridNames(communityId) {
  return cached(`grids:${communityId}`, async () => {
    const list = await request(`/api/communities/${encodeURIComponent(communityId)}/grids`);
    return Object.fromEntries(list.map((g) => [g.code, g.name]));
  }).then((names) => names ?? {});
}

/** A phone number as people read it: +8613900020001 is 139 0002 0001; others as they are. */
export function phoneText(number) {
  const mobile = /^(?:\+86)?(1\d{2})(\d{4})(\d{4})$/.exec(number ?? '');
  if (mobile) {
    return `${mobile[1]} ${mobile[2]} ${mobile[3]}`;
  }
  const landline = /^\+86(10|2\d|[3-9]\d{2})(\d{7,8})$/.exec(number ?? '');
  return landline ? `0${landline[1]}-${landline[2]}` : String(number ?? '');
}

/** The household as staff see it (HouseholdView), or null. */
export function household(id) {
  return cached(`household:${id}`, () => request(`/api/households/${id}`));
}

/** "赵大爷 · 兴华南里1号楼2单元301" */
export async function householdName(id) {
  const h = await household(id);
  return h ? `${h.headName} · ${h.address}` : `#${id}`;
}

export async function volunteerName(id) {
  const v = await cached(`volunteer:${id}`, () => request(`/api/volunteers/${id}`));
  return v ? v.name : `#${id}`;
}

/** Forgets a household (after it changed), so the next look reads it again. */
export function forgetHousehold(id) {
  cache.delete(`household:${id}`);
}
