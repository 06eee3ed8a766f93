/**
 * Who is on call at an instant, from a rotation in data/oncall.yaml.
 *
 * Shift boundaries are wall-clock times in the rotation's IANA time zone: `handoff` ("Monday 09:00" or "09:00")
 * decides them, so a 09:00 hand-off stays at 09:00 local time across daylight-saving changes. `start` only fixes
 * who holds the first shift: the shift that contains `start` belongs to the first member. Rotations whose length
 * is not a whole number of days (e.g. 12h) have no wall-clock hand-off and run in fixed intervals from `start`.
 * Uses only `Intl`, so the same module runs in Node (CLI, responder) and in the browser (site).
 */
import { parseDuration } from '../lint/duration';

export interface RotationInput {
  id?: string;
  length: string;
  timezone: string;
  handoff?: string;
  start: string;
  members: readonly string[];
}

export interface Shift {
  member: string;
  /** Position of the member in `members`. */
  index: number;
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

interface LocalTime {
  /** Days since 1970-01-01 of the local calendar date. */
  day: number;
  /** Minutes since local midnight. */
  minutes: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA time zone. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** Offset of local time from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function zoneOffset(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

function localTime(instant: number, timeZone: string): LocalTime {
  const local = instant + zoneOffset(instant, timeZone);
  const day = Math.floor(local / DAY_MS);
  return { day, minutes: Math.floor((local - day * DAY_MS) / 60_000), weekday: (((day + 4) % 7) + 7) % 7 };
}

/**
 * The instant at which the local clock of `timeZone` shows `minutes` after midnight on local calendar day `day`.
 * In a spring-forward gap the clock never shows that time: the time moves forward by the gap (02:30 for 01:30).
 */
export function zonedInstant(day: number, minutes: number, timeZone: string): number {
  const wall = day * DAY_MS + minutes * 60_000;
  const first = wall - zoneOffset(wall, timeZone);
  const second = wall - zoneOffset(first, timeZone);
  if (second + zoneOffset(second, timeZone) === wall) return second;
  if (first + zoneOffset(first, timeZone) === wall) return first;
  // In the gap: take the later offset, which lands after the jump.
  return Math.max(first, second);
}

/** "Monday 09:00" → weekday 1 and 540 minutes; "09:00" → no weekday. Undefined when it cannot be read. */
export function parseHandoff(text: string | undefined): { weekday?: number; minutes: number } | undefined {
  if (!text) return undefined;
  const m = /^(?:([A-Za-z]+)\s+)?([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (!m[1]) return { minutes };
  const weekday = WEEKDAYS.findIndex((d) => d.startsWith(m[1].toLowerCase()) && m[1].length >= 3);
  return weekday < 0 ? undefined : { weekday, minutes };
}

/** The shift of `rotation` that contains `at`. */
export function shiftAt(rotation: RotationInput, at: Date | number): Shift {
  const t = typeof at === 'number' ? at : at.getTime();
  const n = rotation.members.length;
  if (n === 0) throw new Error(`Rotation ${rotation.id ?? ''} has no members`);
  const length = parseDuration(rotation.length) ?? 7 * DAY_MS;
  const start = Date.parse(rotation.start);
  const member = (k: number) => ((k % n) + n) % n;

  if (length % DAY_MS !== 0) {
    const k = Math.floor((t - start) / length);
    const i = member(k);
    return { member: rotation.members[i], index: i, start: new Date(start + k * length), end: new Date(start + (k + 1) * length) };
  }

  const periodDays = length / DAY_MS;
  const tz = rotation.timezone;
  const s = localTime(start, tz);
  const handoff = parseHandoff(rotation.handoff) ?? { weekday: periodDays % 7 === 0 ? s.weekday : undefined, minutes: s.minutes };
  // The boundary day at or before `start`: the hand-off weekday (for whole weeks) at the hand-off time.
  let anchor = s.day - (s.minutes < handoff.minutes ? 1 : 0);
  if (handoff.weekday !== undefined && periodDays % 7 === 0) {
    const wd = (((anchor + 4) % 7) + 7) % 7;
    anchor -= (wd - handoff.weekday + 7) % 7;
  }
  const l = localTime(t, tz);
  const daysIn = l.day - anchor - (l.minutes < handoff.minutes ? 1 : 0);
  let k = Math.floor(daysIn / periodDays);
  let from = zonedInstant(anchor + k * periodDays, handoff.minutes, tz);
  // Near a DST change the local-minute comparison can be off by the jump: settle on the shift containing t.
  if (t < from) {
    k -= 1;
    from = zonedInstant(anchor + k * periodDays, handoff.minutes, tz);
  }
  let to = zonedInstant(anchor + (k + 1) * periodDays, handoff.minutes, tz);
  if (t >= to) {
    k += 1;
    from = to;
    to = zonedInstant(anchor + (k + 1) * periodDays, handoff.minutes, tz);
  }
  const i = member(k);
  return { member: rotation.members[i], index: i, start: new Date(from), end: new Date(to) };
}

/** `count` consecutive shifts starting with the one that contains `from`. */
export function shiftsFrom(rotation: RotationInput, from: Date | number, count: number): Shift[] {
  const out: Shift[] = [];
  let at = typeof from === 'number' ? from : from.getTime();
  for (let i = 0; i < count; i++) {
    const s = shiftAt(rotation, at);
    out.push(s);
    at = s.end.getTime();
  }
  return out;
}

/** Every shift that overlaps [from, to). */
export function shiftsBetween(rotation: RotationInput, from: Date | number, to: Date | number, limit = 1000): Shift[] {
  const end = typeof to === 'number' ? to : to.getTime();
  const out: Shift[] = [];
  let at = typeof from === 'number' ? from : from.getTime();
  while (at < end && out.length < limit) {
    const s = shiftAt(rotation, at);
    out.push(s);
    at = s.end.getTime();
  }
  return out;
}
