/**
 * iCalendar (RFC 5545) text for on-call shifts: one VEVENT per shift, times in UTC (the shift boundaries were already
 * computed in the rotation's time zone, daylight saving included), CRLF line ends, lines folded at 75 octets.
 */
import { shiftsBetween, type RotationInput } from './oncall';

export interface CalendarEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  url?: string;
}

export interface CalendarInput {
  name: string;
  /** Written as DTSTAMP on every event: when the feed was generated. */
  stamp: Date;
  events: CalendarEvent[];
  description?: string;
  /** How often a subscriber should fetch the feed again (RFC 7986 REFRESH-INTERVAL), e.g. "P1D". */
  refresh?: string;
}

/** TEXT value escaping (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** UTC DATE-TIME form, e.g. 20260105T090000Z. */
export function icalDate(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const encoder = new TextEncoder();

/** Folds a content line so no physical line exceeds 75 octets, never splitting a UTF-8 character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    // Continuation lines start with one space, which counts towards their 75 octets.
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

export function calendar(input: CalendarInput): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Incident Handbook//On-call schedule//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(input.name)}`,
    `NAME:${escapeText(input.name)}`,
  ];
  if (input.description) lines.push(`X-WR-CALDESC:${escapeText(input.description)}`, `DESCRIPTION:${escapeText(input.description)}`);
  if (input.refresh) lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${input.refresh}`, `X-PUBLISHED-TTL:${input.refresh}`);
  for (const e of input.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${icalDate(input.stamp)}`,
      `DTSTART:${icalDate(e.start)}`,
      `DTEND:${icalDate(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      'TRANSP:TRANSPARENT',
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export interface RotationFeedInput extends RotationInput {
  id: string;
  name: string;
}

/**
 * The feed of one rotation: every shift that overlaps [from, to), one event each, named after the member.
 * `host` makes the UIDs globally unique (the site's host name); `pageUrl` links each event to the on-call view.
 */
export function rotationCalendar(rotation: RotationFeedInput, opts: { from: Date; to: Date; stamp: Date; host: string; pageUrl?: string }): string {
  const shifts = shiftsBetween(rotation, opts.from, opts.to);
  return calendar({
    name: `On call: ${rotation.name}`,
    description: `Shifts of the ${rotation.name} rotation (hand-off ${rotation.handoff ?? 'at the shift start'}, ${rotation.timezone}).`,
    stamp: opts.stamp,
    refresh: 'P1D',
    events: shifts.map((s) => ({
      uid: `${rotation.id}-${icalDate(s.start)}@${opts.host}`,
      start: s.start,
      end: s.end,
      summary: `${rotation.name} on call: ${s.member}`,
      description: `${s.member} holds the ${rotation.name} rotation. Times follow the hand-off in ${rotation.timezone}.`,
      url: opts.pageUrl,
    })),
  });
}
