import { describe, expect, it } from 'vitest';
import { parseHandoff, shiftAt, shiftsFrom, zonedInstant } from '../../plugins/lib/oncall';

// Rotations are written here, not read from data/: these tests pin the algorithm, not the sample organisation.
const weekly = { id: 'w', length: '1w', timezone: 'Europe/London', handoff: 'Monday 09:00', start: '2026-01-05T09:00:00Z', members: ['a', 'b', 'c'] };

describe('on-call shifts in the rotation time zone', () => {
  it('gives the first shift to the first member', () => {
    const s = shiftAt(weekly, new Date('2026-01-05T09:00:00Z'));
    expect(s.member).toBe('a');
    expect(s.start.toISOString()).toBe('2026-01-05T09:00:00.000Z');
    expect(s.end.toISOString()).toBe('2026-01-12T09:00:00.000Z');
  });

  it('hands off at 09:00 local time in summer (08:00 UTC)', () => {
    // 2026-03-29 is the spring change in Europe. Monday 30 March 09:00 BST = 08:00 UTC.
    expect(shiftAt(weekly, new Date('2026-03-30T07:59:00Z')).end.toISOString()).toBe('2026-03-30T08:00:00.000Z');
    const after = shiftAt(weekly, new Date('2026-03-30T08:00:00Z'));
    expect(after.start.toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(after.end.toISOString()).toBe('2026-04-06T08:00:00.000Z');
    // The shift across the change is one hour shorter than a week.
    const across = shiftAt(weekly, new Date('2026-03-28T12:00:00Z'));
    expect(across.end.getTime() - across.start.getTime()).toBe(7 * 86_400_000 - 3_600_000);
  });

  it('keeps the member order across a year of changes', () => {
    const shifts = shiftsFrom(weekly, new Date('2026-01-05T09:00:00Z'), 60);
    shifts.forEach((s, i) => {
      expect(s.member).toBe(weekly.members[i % 3]);
      if (i > 0) expect(s.start.getTime()).toBe(shifts[i - 1].end.getTime());
    });
    // Autumn change (25 October 2026): the hand-off is back at 09:00 UTC.
    expect(shifts.some((s) => s.start.toISOString() === '2026-10-26T09:00:00.000Z')).toBe(true);
  });

  it('uses the hand-off weekday even when start is mid-week', () => {
    const r = { ...weekly, timezone: 'America/New_York', handoff: 'Wednesday 11:00', start: '2026-01-09T12:00:00Z' };
    const s = shiftAt(r, new Date('2026-01-09T12:00:00Z'));
    expect(s.member).toBe('a');
    expect(s.start.toISOString()).toBe('2026-01-07T16:00:00.000Z'); // Wednesday 11:00 EST
    const summer = shiftAt(r, new Date('2026-07-01T15:30:00Z')); // Wednesday 11:30 EDT
    expect(summer.start.toISOString()).toBe('2026-07-01T15:00:00.000Z');
  });

  it('runs daily rotations and sub-day rotations', () => {
    const daily = { id: 'd', length: '1d', timezone: 'Asia/Tokyo', handoff: '10:00', start: '2026-05-01T01:00:00Z', members: ['x', 'y'] };
    expect(shiftAt(daily, new Date('2026-05-02T00:59:00Z')).member).toBe('x');
    expect(shiftAt(daily, new Date('2026-05-02T01:00:00Z')).member).toBe('y');
    const half = { id: 'h', length: '12h', timezone: 'UTC', start: '2026-05-01T00:00:00Z', members: ['x', 'y'] };
    expect(shiftAt(half, new Date('2026-05-01T13:00:00Z')).member).toBe('y');
  });

  it('lands after a spring-forward gap', () => {
    // 01:30 on 29 March 2026 does not exist in London (01:00 jumps to 02:00): it moves forward by the gap to
    // 02:30 BST, as Temporal's "compatible" disambiguation does.
    const day = Date.UTC(2026, 2, 29) / 86_400_000;
    expect(new Date(zonedInstant(day, 90, 'Europe/London')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('reads hand-off times', () => {
    expect(parseHandoff('Monday 09:00')).toEqual({ weekday: 1, minutes: 540 });
    expect(parseHandoff('09:30')).toEqual({ minutes: 570 });
    expect(parseHandoff('Someday 09:00')).toBeUndefined();
  });
});
