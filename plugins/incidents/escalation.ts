/**
 * The escalation schedule, as a pure function of the data and the record.
 *
 * Given a severity's policy (data/escalation.yaml), the incident's detection time, what the record already says
 * about each step, whether and when it was acknowledged or resolved, and "now", it answers which steps are due,
 * which are to be skipped and when the next one falls due. Step keys are `<policy>/<index>`; the record keeps one
 * entry per key, so after a restart the same call gives the same answer and no step is sent twice.
 */
import { parseDuration } from '../lint/duration';
import { shiftAt, type RotationInput } from '../lib/oncall';

export type Medium = 'page' | 'phone' | 'chat' | 'email' | 'ticket';

export interface PolicyStep {
  after: string;
  notify: { role?: string; team?: string };
  via: Medium;
  stop_when?: 'acknowledged';
  action?: string;
}

export interface Policy {
  id: string;
  name?: string;
  steps: PolicyStep[];
}

export interface PlannedStep {
  key: string;
  index: number;
  due: Date;
  afterMs: number;
  via: Medium;
  target: { role?: string; team?: string };
  /** Part of the responder chain: acknowledging stops it. */
  responderChain: boolean;
  action?: string;
  /** Falls due after the incident is resolved (the postmortem reminder): resolution does not skip it. */
  afterResolution?: boolean;
}

/** Every step of a policy with its due time, in the order they fall due (data order for the same minute). */
export function planSteps(policy: Policy, detectedAt: Date): PlannedStep[] {
  return policy.steps
    .map((s, index) => {
      const afterMs = parseDuration(s.after) ?? 0;
      return {
        key: `${policy.id}/${index}`,
        index,
        afterMs,
        due: new Date(detectedAt.getTime() + afterMs),
        via: s.via,
        target: s.notify ?? {},
        responderChain: s.stop_when === 'acknowledged',
        action: s.action,
      };
    })
    .sort((a, b) => a.afterMs - b.afterMs || a.index - b.index);
}

export interface RecordState {
  detectedAt: Date;
  acknowledgedAt?: Date;
  /** Set when every alert of the group resolved (mitigate_on_resolve) as well as by people: it stops the chain too. */
  mitigatedAt?: Date;
  resolvedAt?: Date;
  /** Step keys the record already has an entry for (sent, failed, undelivered, skipped, or in flight). */
  done: ReadonlySet<string>;
}

export interface Decision {
  /** Steps to send now, in order. */
  send: PlannedStep[];
  /** Steps that will never be sent, with the reason (acknowledged or resolved before they fell due). */
  skip: { step: PlannedStep; reason: 'acknowledged' | 'mitigated' | 'resolved' }[];
  /** When the next step not yet decided falls due. */
  next?: Date;
}

/** Which steps of `plan` are due at `now` for a record in `state`. Idempotent: steps in `state.done` are left alone. */
export function decide(plan: PlannedStep[], state: RecordState, now: Date): Decision {
  const out: Decision = { send: [], skip: [] };
  for (const step of plan) {
    if (state.done.has(step.key)) continue;
    if (!step.afterResolution && state.resolvedAt && state.resolvedAt.getTime() <= step.due.getTime()) {
      out.skip.push({ step, reason: 'resolved' });
      continue;
    }
    // Once someone has acknowledged, no responder-chain page goes out any more: not the ones due later, and not an
    // earlier one that was never sent (after downtime, or a new level's first page after a severity change).
    if (step.responderChain && state.acknowledgedAt && state.acknowledgedAt.getTime() <= now.getTime()) {
      out.skip.push({ step, reason: 'acknowledged' });
      continue;
    }
    // Mitigated without an acknowledgement (the alerts resolved on their own): nobody needs paging any more, and
    // the record keeps acknowledged_at empty so that MTTA counts only people.
    if (step.responderChain && state.mitigatedAt && state.mitigatedAt.getTime() <= now.getTime()) {
      out.skip.push({ step, reason: 'mitigated' });
      continue;
    }
    if (step.due.getTime() <= now.getTime()) out.send.push(step);
    else if (!out.next || step.due < out.next) out.next = step.due;
  }
  return out;
}

export interface OnCallData {
  rotations: (RotationInput & { id: string; team?: string; role?: string })[];
  teams: { id: string; oncall_rotation?: string; chat?: string }[];
}

export interface Recipient {
  /** Who: a handle from the rotation on call at that moment, or the team or role id when no rotation covers it. */
  who: string;
  rotation?: string;
}

/**
 * Who a step reaches at `at`: the member on call in the rotation of that role (preferring the rotation of the
 * owning team) or of that team, computed in the rotation's own time zone.
 */
export function recipient(target: { role?: string; team?: string }, at: Date, data: OnCallData, owningTeam?: string): Recipient {
  const pick = (rot: OnCallData['rotations'][number] | undefined, fallback: string): Recipient => {
    if (!rot || rot.members.length === 0) return { who: fallback };
    return { who: shiftAt(rot, at).member, rotation: rot.id };
  };
  if (target.role) {
    const candidates = data.rotations.filter((r) => r.role === target.role);
    return pick(candidates.find((r) => r.team === owningTeam) ?? candidates[0], target.role);
  }
  if (target.team) {
    const team = data.teams.find((t) => t.id === target.team);
    const rot = data.rotations.find((r) => r.id === team?.oncall_rotation) ?? data.rotations.find((r) => r.team === target.team);
    return pick(rot, target.team);
  }
  return { who: 'nobody' };
}
