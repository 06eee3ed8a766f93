import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { calendar, escapeText, foldLine, rotationCalendar } from '../../plugins/lib/ical';
import { shiftsBetween } from '../../plugins/lib/oncall';

// The rotation is written here (the algorithm, not the sample organisation), except in the last test, which reads data/.
const weekly = {
  id: 'w',
  name: 'Weekly, primary; EU',
  length: '1w',
  timezone: 'Europe/London',
  handoff: 'Monday 09:00',
  start: '2026-01-05T09:00:00Z',
  members: ['@a', '@b', '@c'],
};
const from = new Date('2026-03-01T00:00:00Z');
const to = new Date('2026-05-01T00:00:00Z');
const opts = { from, to, stamp: new Date('2026-03-01T12:00:00Z'), host: 'handbook.test', pageUrl: 'https://handbook.test/on-call-now' };

function events(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  return { comp, events: comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

describe('iCalendar feed of a rotation', () => {
  const text = rotationCalendar(weekly, opts);

  it('is valid iCalendar with one VEVENT per shift, in order, matching the on-call module', () => {
    const { comp, events: evs } = events(text);
    expect(comp.name).toBe('vcalendar');
    expect(comp.getFirstPropertyValue('version')).toBe('2.0');
    expect(comp.getFirstPropertyValue('prodid')).toBeTruthy();
    const shifts = shiftsBetween(weekly, from, to);
    expect(evs).toHaveLength(shifts.length);
    evs.forEach((e, i) => {
      expect(e.startDate.toJSDate().toISOString()).toBe(shifts[i].start.toISOString());
      expect(e.endDate.toJSDate().toISOString()).toBe(shifts[i].end.toISOString());
      expect(e.summary).toBe(`${weekly.name} on call: ${shifts[i].member}`);
      expect(e.uid).toMatch(/@handbook\.test$/);
    });
    expect(new Set(evs.map((e) => e.uid)).size).toBe(evs.length);
  });

  it('keeps the 09:00 London hand-off across the spring change (08:00 UTC after it)', () => {
    const { events: evs } = events(text);
    const starts = evs.map((e) => e.startDate.toJSDate().toISOString());
    expect(starts).toContain('2026-03-23T09:00:00.000Z');
    expect(starts).toContain('2026-03-30T08:00:00.000Z');
  });

  it('uses CRLF line ends, folds long lines at 75 octets and ends with CRLF', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    // Required properties of every event (RFC 5545 3.6.1).
    const { events: evs } = events(text);
    for (const e of evs) {
      expect(e.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
      expect(e.component.getFirstPropertyValue('uid')).toBeTruthy();
    }
  });

  it('escapes text values and unfolds to the original', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = 'DESCRIPTION:' + 'é'.repeat(100);
    const folded = foldLine(long);
    for (const l of folded.split('\r\n')) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    const { events: evs } = events(
      calendar({ name: 'x', stamp: opts.stamp, events: [{ uid: 'u1', start: from, end: to, summary: 'a, b; c', description: 'é'.repeat(100) }] }),
    );
    expect(evs[0].summary).toBe('a, b; c');
    expect(evs[0].description).toBe('é'.repeat(100));
  });

  it('writes a parseable feed for every rotation in data/oncall.yaml', () => {
    const rotations = parse(readFileSync(path.resolve(__dirname, '../../data/oncall.yaml'), 'utf8')).rotations as (typeof weekly)[];
    for (const r of rotations) {
      const { events: evs } = events(rotationCalendar(r, opts));
      expect(evs.length).toBe(shiftsBetween(r, from, to).length);
      expect(evs.length).toBeGreaterThan(0);
    }
  });
});
