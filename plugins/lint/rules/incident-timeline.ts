import type { DocumentRule } from '../types';

export const TIMESTAMPS = ['started_at', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at'] as const;

type Messages = 'order' | 'future' | 'resolvedMissing' | 'closedMissing' | 'resolvedOpen' | 'historyOrder' | 'historyMismatch' | 'fileName';

/** An incident record's timestamps are in order and match its status; the file name carries its id. */
export const incidentTimeline: DocumentRule<Record<string, never>, Messages> = {
  meta: {
    id: 'incident-timeline',
    kind: 'document',
    description: 'Incident timestamps are in order (started, detected, acknowledged, mitigated, resolved, closed) and agree with the status.',
    severity: 'error',
    messages: {
      order: '{{key}} ({{value}}) is before {{previous}} ({{previousValue}}): timestamps must be in the order {{order}}',
      future: '{{key}} ({{value}}) is in the future',
      resolvedMissing: 'Status is "{{status}}" but resolved_at is missing: add the time the impact ended',
      closedMissing: 'Status is "closed" but closed_at is missing',
      resolvedOpen: 'resolved_at is set but the status is "{{status}}": set status to resolved or remove resolved_at',
      historyOrder: 'severity_history[{{index}}] is earlier than the entry before it',
      historyMismatch: 'severity is {{severity}} but the last severity_history entry says {{last}}',
      fileName: 'The file name must start with the incident id: rename it to {{id}}-<short-name>.md',
    },
  },
  check(ctx) {
    if (ctx.outline.type !== 'incident') return;
    const fm = ctx.frontmatter;
    let previous: { key: string; t: number } | undefined;
    for (const key of TIMESTAMPS) {
      const v = fm[key];
      if (typeof v !== 'string') continue;
      const t = Date.parse(v);
      if (Number.isNaN(t)) continue; // frontmatter-schema reports the format
      if (previous && t < previous.t) {
        ctx.report({
          messageId: 'order',
          data: { key, value: v, previous: previous.key, previousValue: String(fm[previous.key]), order: TIMESTAMPS.join(', ') },
          path: [key],
        });
      }
      previous = { key, t: Math.max(t, previous?.t ?? -Infinity) };
      if (t > ctx.now.getTime() + 5 * 60_000) ctx.report({ messageId: 'future', data: { key, value: v }, path: [key] });
    }
    const status = String(fm.status);
    if ((status === 'resolved' || status === 'closed') && !fm.resolved_at) ctx.report({ messageId: 'resolvedMissing', data: { status }, path: ['status'] });
    if (status === 'closed' && !fm.closed_at) ctx.report({ messageId: 'closedMissing', path: ['status'] });
    if (status !== 'resolved' && status !== 'closed' && fm.resolved_at) ctx.report({ messageId: 'resolvedOpen', data: { status }, path: ['resolved_at'] });
    const history = (Array.isArray(fm.severity_history) ? fm.severity_history : []) as ({ at?: unknown; severity?: unknown } | null)[];
    let last = -Infinity;
    history.forEach((h, i) => {
      const t = Date.parse(String(h?.at));
      if (!Number.isNaN(t) && t < last) ctx.report({ messageId: 'historyOrder', data: { index: i }, path: ['severity_history', i, 'at'] });
      if (!Number.isNaN(t)) last = t;
    });
    const current = history[history.length - 1]?.severity;
    if (current && fm.severity && current !== fm.severity) {
      ctx.report({ messageId: 'historyMismatch', data: { severity: String(fm.severity), last: String(current) }, path: ['severity'] });
    }
    const base = ctx.relPath.split('/').pop() ?? '';
    if (typeof fm.id === 'string' && !base.startsWith(`${fm.id}-`) && !base.startsWith(`${fm.id}.`)) {
      ctx.report({ messageId: 'fileName', data: { id: fm.id }, path: ['id'] });
    }
  },
};
