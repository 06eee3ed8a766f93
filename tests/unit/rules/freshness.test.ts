import { describe, expect, it } from 'vitest';
import type { Level } from '../../../plugins/lint/types';
import { incidentRecord, INCIDENT_PATH, lintDocs, runbook, withSeverity } from '../helpers';

const RULE = 'freshness';
const NOW = new Date('2026-11-23T12:00:00Z');
const RB = 'runbooks/db.md';
const reviewed = (last: string, every = '90d') =>
  runbook().replace('last_reviewed: 2026-10-01', `last_reviewed: ${last}`).replace('review_every: 90d', `review_every: ${every}`);
const lint = (text: string, opts: { file?: string; now?: Date; ruleLevels?: Record<string, Level> } = {}) =>
  lintDocs({ [opts.file ?? RB]: text }, opts.file ?? RB, { rule: RULE, now: opts.now ?? NOW, ruleLevels: opts.ruleLevels }).then(withSeverity);
const FIX = 'Review the document and update last_reviewed';

describe(RULE, () => {
  const valid: [string, string, Date?][] = [
    ['reviewed within the period', reviewed('2026-10-01')],
    ['due today is not late yet', reviewed('2026-08-25')],
    ['due today, late in the day', reviewed('2026-08-25'), new Date('2026-11-23T23:59:59Z')],
    ['reviewed today', reviewed('2026-11-23')],
    // One day of slack for authors ahead of UTC.
    ['reviewed tomorrow (time zones)', reviewed('2026-11-24')],
    ['an ISO 8601 period', reviewed('2026-09-01', 'P3M')],
    ['no review keys (not a reviewed type)', '---\ntitle: A reference page\ntype: reference\n---\n\n## About\n\nText.\n'],
    // Shape problems are frontmatter-schema's.
    ['a review period that is not a duration', reviewed('2020-01-01', 'yearly')],
  ];
  it.each(valid)('valid: %s', async (_name, text, now) => {
    expect(await lint(text, { now })).toEqual([]);
  });

  const invalid: [string, string, (string | number)[][]][] = [
    [
      'one day past due: a warning',
      reviewed('2026-08-24'),
      [[5, 16, 'warn', `Review due: last reviewed 2026-08-24, review every 90d, due 2026-11-22 (1 day late). ${FIX}`]],
    ],
    [
      'past due: a warning',
      reviewed('2026-08-01'),
      [[5, 16, 'warn', `Review due: last reviewed 2026-08-01, review every 90d, due 2026-10-30 (24 days late). ${FIX}`]],
    ],
    [
      'exactly twice the period: still a warning',
      reviewed('2026-05-27'),
      [[5, 16, 'warn', `Review due: last reviewed 2026-05-27, review every 90d, due 2026-08-25 (90 days late). ${FIX}`]],
    ],
    [
      'past twice the period: an error',
      reviewed('2026-05-26'),
      [[5, 16, 'error', `Review overdue: last reviewed 2026-05-26, review every 90d, due 2026-08-24 (91 days late, more than twice the period). ${FIX}`]],
    ],
    [
      'years late',
      reviewed('2024-01-01'),
      [[5, 16, 'error', `Review overdue: last reviewed 2024-01-01, review every 90d, due 2024-03-31 (967 days late, more than twice the period). ${FIX}`]],
    ],
    [
      'an ISO 8601 period, overdue',
      reviewed('2026-01-01', 'P30D'),
      [[5, 16, 'error', `Review overdue: last reviewed 2026-01-01, review every P30D, due 2026-01-31 (296 days late, more than twice the period). ${FIX}`]],
    ],
    ['a date in the future', reviewed('2026-11-25'), [[5, 16, 'error', 'last_reviewed 2026-11-25 is in the future']]],
  ];
  it.each(invalid)('invalid: %s', async (_name, text, expected) => {
    expect(await lint(text)).toEqual(expected);
  });

  it('follows now: the same document is fresh, due, then overdue', async () => {
    const text = reviewed('2026-10-01', '30d');
    expect(await lint(text, { now: new Date('2026-10-31T08:00:00Z') })).toEqual([]);
    expect(await lint(text, { now: new Date('2026-11-02T08:00:00Z') })).toEqual([
      [5, 16, 'warn', `Review due: last reviewed 2026-10-01, review every 30d, due 2026-10-31 (2 days late). ${FIX}`],
    ]);
    expect(await lint(text, { now: new Date('2026-12-01T08:00:00Z') })).toEqual([
      [5, 16, 'error', `Review overdue: last reviewed 2026-10-01, review every 30d, due 2026-10-31 (31 days late, more than twice the period). ${FIX}`],
    ]);
  });

  it('reports every finding as a warning when the rule is set to warn, and nothing when it is off', async () => {
    expect(await lint(reviewed('2024-01-01'), { ruleLevels: { freshness: 'warn' } })).toEqual([
      [5, 16, 'warn', `Review overdue: last reviewed 2024-01-01, review every 90d, due 2024-03-31 (967 days late, more than twice the period). ${FIX}`],
    ]);
    expect(await lint(reviewed('2024-01-01'), { ruleLevels: { freshness: 'off' } })).toEqual([]);
  });

  it('is off for incident records (config override)', async () => {
    expect(await lint(incidentRecord('last_reviewed: 2020-01-01\nreview_every: 30d\n'), { file: INCIDENT_PATH })).toEqual([]);
  });
});
