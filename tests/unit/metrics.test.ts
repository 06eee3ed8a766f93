import { describe, expect, it } from 'vitest';
import { computeMetrics, median, minutesBetween, percentile, stat, type IncidentRecord, type PostmortemRecord } from '../../plugins/lib/metrics';

const base = { title: 't', incident_type: 'service-outage', services: ['checkout'], status: 'closed' };
// Hand-made incidents with round numbers, so every figure below can be checked by hand.
const incidents: IncidentRecord[] = [
  {
    ...base,
    id: 'INC-0001',
    severity: 'P1',
    started_at: '2026-01-10T10:00:00Z',
    detected_at: '2026-01-10T10:10:00Z',
    acknowledged_at: '2026-01-10T10:14:00Z',
    mitigated_at: '2026-01-10T10:40:00Z',
    resolved_at: '2026-01-10T11:10:00Z',
  },
  {
    ...base,
    id: 'INC-0002',
    severity: 'P2',
    started_at: '2026-01-20T08:00:00Z',
    detected_at: '2026-01-20T08:02:00Z',
    acknowledged_at: '2026-01-20T08:12:00Z',
    mitigated_at: '2026-01-20T09:02:00Z',
    resolved_at: '2026-01-20T10:02:00Z',
    services: ['checkout', 'public-api'],
  },
  {
    ...base,
    id: 'INC-0003',
    severity: 'P2',
    started_at: '2026-02-03T00:00:00Z',
    detected_at: '2026-02-03T00:30:00Z',
    acknowledged_at: '2026-02-03T00:32:00Z',
    mitigated_at: '2026-02-03T01:30:00Z',
    resolved_at: '2026-02-03T04:30:00Z',
    incident_type: 'data-loss',
  },
  { ...base, id: 'INC-0004', severity: 'P3', detected_at: '2026-02-15T12:00:00Z', acknowledged_at: '2026-02-15T13:00:00Z', status: 'investigating' },
];
const postmortems: PostmortemRecord[] = [
  {
    incident: 'INC-0001',
    status: 'published',
    action_items: [
      { id: 'A-1', title: 'x', owner: 'sre', due: '2026-02-01', status: 'done' },
      { id: 'A-2', title: 'y', owner: 'sre', due: '2026-03-01', status: 'open' },
    ],
  },
  { incident: 'INC-0002', status: 'draft', action_items: [{ id: 'A-3', title: 'z', owner: 'payments', due: '2026-02-01', status: 'wont-do' }] },
];
const opts = { postmortemRequired: new Set(['P0', 'P1', 'P2']), ranking: ['P0', 'P1', 'P2', 'P3', 'P4'] };

describe('metrics', () => {
  it('computes durations, medians and nearest-rank percentiles', () => {
    expect(minutesBetween('2026-01-10T10:00:00Z', '2026-01-10T10:10:00Z')).toBe(10);
    expect(minutesBetween('2026-01-10T10:10:00Z', '2026-01-10T10:00:00Z')).toBeUndefined();
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 90)).toBe(5);
    expect(stat([undefined, 4, 2])).toEqual({ count: 2, mean: 3, median: 3, p90: 4 });
  });

  it('matches hand-computed figures for the whole set', () => {
    const [all] = computeMetrics(incidents, postmortems, opts);
    expect(all.incidents).toBe(4);
    // MTTD: 10, 2, 30 minutes (INC-0004 has no start time).
    expect(all.mttd).toEqual({ count: 3, mean: 14, median: 10, p90: 30 });
    // MTTA: 4, 10, 2, 60.
    expect(all.mtta).toEqual({ count: 4, mean: 19, median: 7, p90: 60 });
    // MTTM: 30, 60, 60.
    expect(all.mttm).toEqual({ count: 3, mean: 50, median: 60, p90: 60 });
    // MTTR: 60, 120, 240.
    expect(all.mttr).toEqual({ count: 3, mean: 140, median: 120, p90: 240 });
    expect(all.bySeverity).toEqual({ P0: 0, P1: 1, P2: 2, P3: 1, P4: 0 });
    // Three resolved incidents need a postmortem; one is published.
    expect([all.postmortemsRequired, all.postmortemsDone, all.postmortemCompletion]).toEqual([3, 1, 1 / 3]);
    // Three action items; done and wont-do count as closed.
    expect([all.actionItems, all.actionItemsClosed, all.actionItemClosure]).toEqual([3, 2, 2 / 3]);
  });

  it('groups by severity, type, service and month, and filters by date', () => {
    const bySeverity = computeMetrics(incidents, postmortems, { ...opts, by: 'severity' });
    expect(bySeverity.map((r) => [r.key, r.incidents, r.mttr.median])).toEqual([
      ['P1', 1, 60],
      ['P2', 2, 180],
      ['P3', 1, undefined],
    ]);
    expect(computeMetrics(incidents, postmortems, { ...opts, by: 'type' }).map((r) => [r.key, r.incidents])).toEqual([
      ['data-loss', 1],
      ['service-outage', 3],
    ]);
    expect(computeMetrics(incidents, postmortems, { ...opts, by: 'service' }).map((r) => [r.key, r.incidents])).toEqual([
      ['checkout', 4],
      ['public-api', 1],
    ]);
    expect(computeMetrics(incidents, postmortems, { ...opts, by: 'month' }).map((r) => [r.key, r.incidents, r.mtta.mean])).toEqual([
      ['2026-01', 2, 7],
      ['2026-02', 2, 31],
    ]);
    expect(computeMetrics(incidents, postmortems, { ...opts, by: 'quarter' }).map((r) => r.key)).toEqual(['2026-Q1']);
    const feb = computeMetrics(incidents, postmortems, { ...opts, since: new Date('2026-02-01T00:00:00Z'), until: new Date('2026-02-10T00:00:00Z') });
    expect(feb.map((r) => [r.key, r.incidents])).toEqual([['all', 1]]);
  });
});
