import type { FileRule } from '../types';

export const TIMESTAMPS = ['started_at', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at'] as const;

/** An incident record's timestamps are in order and match its status; the file name carries its id. */
export const incidentTimeline: FileRule = {
  meta: {
    id: 'incident-timeline',
    description: 'Incident timestamps are in order (started, detected, acknowledged, mitigated, resolved, closed) and agree with the status.',
    severity: 'error',
    scope: 'file',
  },
  check(ctx) {
    if (ctx.outline.type !== 'incident') return;
    const fm = ctx.frontmatter as Record<string, any>;
    let previous: { key: string; t: number } | undefined;
    for (const key of TIMESTAMPS) {
      const v = fm[key];
      if (typeof v !== 'string') continue;
      const t = Date.parse(v);
      if (Number.isNaN(t)) continue; // frontmatter-schema reports the format
      if (previous && t < previous.t) {
        ctx.report({ message: `${key} (${v}) is before ${previous.key} (${fm[previous.key]}): timestamps must be in the order ${TIMESTAMPS.join(', ')}`, path: [key] });
      }
      previous = { key, t: Math.max(t, previous?.t ?? -Infinity) };
      if (t > ctx.now.getTime() + 5 * 60_000) ctx.report({ message: `${key} (${v}) is in the future`, path: [key] });
    }
    const status = fm.status;
    if ((status === 'resolved' || status === 'closed') && !fm.resolved_at) {
      ctx.report({ message: `Status is "${status}" but resolved_at is missing: add the time the impact ended`, path: ['status'] });
    }
    if (status === 'closed' && !fm.closed_at) ctx.report({ message: 'Status is "closed" but closed_at is missing', path: ['status'] });
    if (status !== 'resolved' && status !== 'closed' && fm.resolved_at) {
      ctx.report({ message: `resolved_at is set but the status is "${status}": set status to resolved or remove resolved_at`, path: ['resolved_at'] });
    }
    const history = Array.isArray(fm.severity_history) ? fm.severity_history : [];
    let last = -Infinity;
    history.forEach((h: any, i: number) => {
      const t = Date.parse(h?.at);
      if (!Number.isNaN(t) && t < last) ctx.report({ message: `severity_history[${i}] is earlier than the entry before it`, path: ['severity_history', i, 'at'] });
      if (!Number.isNaN(t)) last = t;
    });
    const current = history[history.length - 1]?.severity;
    if (current && fm.severity && current !== fm.severity) {
      ctx.report({ message: `severity is ${fm.severity} but the last severity_history entry says ${current}`, path: ['severity'] });
    }
    const base = ctx.relPath.split('/').pop() ?? '';
    if (typeof fm.id === 'string' && !base.startsWith(`${fm.id}-`) && !base.startsWith(`${fm.id}.`)) {
      ctx.report({ message: `The file name must start with the incident id: rename it to ${fm.id}-<short-name>.md`, path: ['id'] });
    }
  },
};
