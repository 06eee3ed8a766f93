import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatUtc, nextUpdateDue, parseTypedUtc } from '../../plugins/lib/comm-template';
import { parseDuration } from '../../plugins/lint/duration';

// Expectations come from the handbook's own severity registry, whatever levels and targets it holds.
const severity = parse(readFileSync(path.resolve(__dirname, '../../data/severity.yaml'), 'utf8'));
const levels: { id: string; response: { first_update_within: string; update_every: string } }[] = severity.levels;
const DETECTED = new Date('2026-11-23T17:40:00Z');
const MIN = 60_000;

describe('nextUpdateDue: targets count from detection', () => {
  for (const level of levels) {
    const first = parseDuration(level.response.first_update_within)!;
    const every = parseDuration(level.response.update_every)!;
    it(`${level.id}: the declaration promises the first update at detection + first_update_within`, () => {
      const declaredAt = new Date(DETECTED.getTime() + Math.min(first - 1, 3 * MIN));
      const due = nextUpdateDue({ detectedAt: DETECTED, now: declaredAt, firstUpdateMs: first, updateEveryMs: every });
      expect(due?.getTime()).toBe(DETECTED.getTime() + first);
    });
    it(`${level.id}: after the first update, the next one is update_every later`, () => {
      const sentAt = new Date(DETECTED.getTime() + first);
      const due = nextUpdateDue({ detectedAt: DETECTED, now: sentAt, firstUpdateMs: first, updateEveryMs: every });
      expect(due?.getTime()).toBe(sentAt.getTime() + every);
    });
    it(`${level.id}: without a detection time the message counts as sent at detection`, () => {
      const due = nextUpdateDue({ now: DETECTED, firstUpdateMs: first, updateEveryMs: every });
      expect(due?.getTime()).toBe(DETECTED.getTime() + first);
    });
  }
  it('the example from the issue: declared at 17:40 with a 30-minute first update is due 18:10, not 17:40 + cadence', () => {
    const due = nextUpdateDue({ detectedAt: DETECTED, now: DETECTED, firstUpdateMs: 30 * MIN, updateEveryMs: 60 * MIN });
    expect(formatUtc(due!)).toBe('2026-11-23 18:10 UTC');
  });
  it('no targets: no promise', () => {
    expect(nextUpdateDue({ now: DETECTED })).toBeUndefined();
  });
});

describe('parseTypedUtc', () => {
  const today = new Date('2026-11-23T20:00:00Z');
  it.each([
    ['17:40', '2026-11-23T17:40:00.000Z'],
    ['17:40 UTC', '2026-11-23T17:40:00.000Z'],
    ['2026-11-22 09:05', '2026-11-22T09:05:00.000Z'],
    ['2026-11-22T09:05:00Z', '2026-11-22T09:05:00.000Z'],
    ['2026-11-22T10:05:00+01:00', '2026-11-22T09:05:00.000Z'],
  ])('%s', (text, iso) => expect(parseTypedUtc(text, today)?.toISOString()).toBe(iso));
  it.each(['', 'soon', '25:00', '2026-13-01 10:00'])('refuses %j', (text) => expect(parseTypedUtc(text, today)).toBeUndefined());
});
