import { describe, expect, it } from 'vitest';
import { decide, planSteps, recipient, type OnCallData, type Policy } from '../../plugins/incidents/escalation';
import { fixtureProject } from './helpers';
import { rotations } from '../../plugins/lint/registries';

// A policy written in the test: expectations come from it, not from the sample organisation's data.
const policy: Policy = {
  id: 'test',
  steps: [
    { after: '0m', notify: { role: 'first' }, via: 'page', stop_when: 'acknowledged' },
    { after: '5m', notify: { role: 'second' }, via: 'page', stop_when: 'acknowledged' },
    { after: '10m', notify: { role: 'command' }, via: 'page' },
    { after: '10m', notify: { team: 'comms' }, via: 'chat' },
    { after: '1h', notify: { team: 'leaders' }, via: 'email' },
  ],
};
const T0 = new Date('2026-03-29T00:30:00Z');
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const keys = (steps: { key: string }[]) => steps.map((s) => s.key);

describe('escalation schedule', () => {
  it('plans steps by due time, keeping data order within the same minute', () => {
    const plan = planSteps(policy, T0);
    expect(keys(plan)).toEqual(['test/0', 'test/1', 'test/2', 'test/3', 'test/4']);
    expect(plan.map((s) => s.due.toISOString())).toEqual([at(0), at(5), at(10), at(10), at(60)].map((d) => d.toISOString()));
    expect(plan.map((s) => s.responderChain)).toEqual([true, true, false, false, false]);
  });

  it('sends what is due, once: steps the record already has are left alone', () => {
    const plan = planSteps(policy, T0);
    const d1 = decide(plan, { detectedAt: T0, done: new Set() }, at(0));
    expect(keys(d1.send)).toEqual(['test/0']);
    expect(d1.next?.toISOString()).toBe(at(5).toISOString());
    const d2 = decide(plan, { detectedAt: T0, done: new Set(['test/0']) }, at(11));
    expect(keys(d2.send)).toEqual(['test/1', 'test/2', 'test/3']);
    // Recomputed after a restart from the same record: the same answer, nothing sent twice.
    const d3 = decide(plan, { detectedAt: T0, done: new Set(['test/0', 'test/1', 'test/2', 'test/3']) }, at(11));
    expect(d3.send).toEqual([]);
  });

  it('acknowledging stops only the responder chain', () => {
    const plan = planSteps(policy, T0);
    const d = decide(plan, { detectedAt: T0, acknowledgedAt: at(3), done: new Set(['test/0']) }, at(61));
    expect(keys(d.send)).toEqual(['test/2', 'test/3', 'test/4']);
    expect(d.skip.map((s) => [s.step.key, s.reason])).toEqual([['test/1', 'acknowledged']]);
  });

  it('once acknowledged, a chain step that fell due but was never sent (downtime, a new level) is not sent late', () => {
    const plan = planSteps(policy, T0);
    const d = decide(plan, { detectedAt: T0, acknowledgedAt: at(7), done: new Set(['test/0']) }, at(8));
    expect(keys(d.send)).toEqual([]);
    expect(d.skip.map((s) => [s.step.key, s.reason])).toContainEqual(['test/1', 'acknowledged']);
    // Steps that always run for the severity are still sent when due.
    const later = decide(plan, { detectedAt: T0, acknowledgedAt: at(7), done: new Set(['test/0']) }, at(120));
    expect(keys(later.send)).toEqual(plan.filter((s) => !s.responderChain).map((s) => s.key));
  });

  it('an acknowledgement still to come does not hold back a chain step that is due', () => {
    const plan = planSteps(policy, T0);
    const d = decide(plan, { detectedAt: T0, acknowledgedAt: undefined, done: new Set(['test/0']) }, at(8));
    expect(keys(d.send)).toEqual(['test/1']);
  });

  it('mitigation without an acknowledgement (the alerts resolved) stops only the responder chain too', () => {
    const plan = planSteps(policy, T0);
    const d = decide(plan, { detectedAt: T0, mitigatedAt: at(3), done: new Set(['test/0']) }, at(61));
    expect(keys(d.send)).toEqual(['test/2', 'test/3', 'test/4']);
    expect(d.skip.map((s) => [s.step.key, s.reason])).toEqual([['test/1', 'mitigated']]);
  });

  it('resolution stops every step not yet due, except those meant for after it', () => {
    const plan = [...planSteps(policy, T0), { ...planSteps(policy, T0)[0], key: 'after', due: at(120), afterResolution: true }];
    const d = decide(plan, { detectedAt: T0, resolvedAt: at(30), done: new Set(['test/0', 'test/1', 'test/2', 'test/3']) }, at(121));
    expect(keys(d.send)).toEqual(['after']);
    expect(d.skip.map((s) => s.step.key)).toEqual(['test/4']);
  });

  it('uses wall-clock minutes across a daylight-saving change (steps are offsets from detection)', () => {
    // 2026-03-29 01:00 UTC: Europe/London springs forward. A step at +60m is 60 real minutes later.
    const plan = planSteps(policy, T0);
    expect(plan[4].due.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('who a step reaches', () => {
  // A weekly rotation handing over on Monday 09:00 in Europe/London: the hand-off stays at 09:00 local time in
  // summer (08:00 UTC) and in winter (09:00 UTC).
  const data: OnCallData = {
    rotations: [
      {
        id: 'r1',
        team: 'blue',
        role: 'first',
        length: '1w',
        start: '2026-01-05T09:00:00Z',
        timezone: 'Europe/London',
        handoff: 'Monday 09:00',
        members: ['@a', '@b'],
      },
      {
        id: 'r2',
        team: 'green',
        role: 'first',
        length: '1w',
        start: '2026-01-05T09:00:00Z',
        timezone: 'Europe/London',
        handoff: 'Monday 09:00',
        members: ['@x', '@y'],
      },
    ],
    teams: [{ id: 'green', oncall_rotation: 'r2' }],
  };
  it('hands over at 09:00 local time after the spring change (08:00 UTC)', () => {
    // Monday 2026-03-30 is 12 weeks after the start: @a's shift. 08:30 UTC is 09:30 BST, after the hand-off.
    expect(recipient({ role: 'first' }, new Date('2026-03-30T07:59:00Z'), data).who).toBe('@b');
    expect(recipient({ role: 'first' }, new Date('2026-03-30T08:00:00Z'), data).who).toBe('@a');
  });
  it('hands over at 09:00 UTC in winter', () => {
    expect(recipient({ role: 'first' }, new Date('2026-11-02T08:59:00Z'), data).who).toBe(
      recipient({ role: 'first' }, new Date('2026-10-27T12:00:00Z'), data).who,
    );
    expect(recipient({ role: 'first' }, new Date('2026-11-02T09:00:00Z'), data).who).not.toBe(
      recipient({ role: 'first' }, new Date('2026-11-02T08:59:00Z'), data).who,
    );
  });
  it('prefers the rotation of the owning team, and finds a team through its rotation', () => {
    expect(recipient({ role: 'first' }, new Date('2026-01-06T12:00:00Z'), data, 'green')).toEqual({ who: '@x', rotation: 'r2' });
    expect(recipient({ team: 'green' }, new Date('2026-01-06T12:00:00Z'), data)).toEqual({ who: '@x', rotation: 'r2' });
    expect(recipient({ team: 'nobody-on-call' }, new Date('2026-01-06T12:00:00Z'), data)).toEqual({ who: 'nobody-on-call' });
  });
  it('reads the fixture data without error', () => {
    expect(rotations(fixtureProject().project).length).toBeGreaterThan(0);
  });
});
