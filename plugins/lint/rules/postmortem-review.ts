/**
 * The parts of the postmortem review checklist a program can check: the postmortem reviews an incident that exists,
 * at its final severity; once published, the record links back to it, the review meeting was held within the review
 * policy's window after resolution, and it was published by the severity's due time.
 */
import path from 'node:path';
import { parseDuration } from '../duration';
import { severityLevels } from '../registries';
import type { CrossDocumentRule, IndexedDoc, ProjectIndex } from '../types';

type MessageId = 'noRecord' | 'severity' | 'notLinked' | 'linkedElsewhere' | 'meetingBeforeResolution' | 'meetingLate' | 'publishedLate';

export interface PostmortemReviewOptions {
  /** How long after resolution the review meeting may be held (a duration such as 48h). */
  meeting_within?: string;
}

const DEFAULT_MEETING_WITHIN = '48h';

// One lookup per index: scanning every document for each postmortem would be quadratic.
const recordsByIndex = new WeakMap<ProjectIndex, Map<string, IndexedDoc>>();
function recordFor(index: ProjectIndex, id: string): IndexedDoc | undefined {
  let map = recordsByIndex.get(index);
  if (!map) {
    map = new Map();
    for (const d of index.byPath.values()) if (d.type === 'incident' && typeof d.frontmatter.id === 'string') map.set(d.frontmatter.id, d);
    recordsByIndex.set(index, map);
  }
  return map.get(id);
}

const utc = (t: number) => `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const DAY = 86_400_000;

/** The latest time the meeting may be held: `within` after resolution, moved to the end of Monday when that falls on a weekend. */
export function meetingDeadline(resolved: number, withinMs: number): number {
  const end = resolved + withinMs;
  const day = new Date(end).getUTCDay();
  if (day !== 0 && day !== 6) return end;
  const monday = new Date(end + (day === 6 ? 2 : 1) * DAY);
  return Date.UTC(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate(), 23, 59);
}

export const postmortemReview: CrossDocumentRule<PostmortemReviewOptions, MessageId> = {
  meta: {
    id: 'postmortem-review',
    kind: 'cross-document',
    description:
      "A postmortem reviews an existing incident at its final severity; once published, the record links back to it, the review meeting was held within the policy's window after resolution, and it was published by the severity's due time.",
    severity: 'error',
    messages: {
      noRecord: 'No incident record has id {{incident}}: "incident" must name the record this postmortem reviews',
      severity:
        'Severity {{severity}} is not the final severity of {{incident}}, which is {{final}} in {{record}}: a postmortem reviews the incident at its final severity',
      notLinked: '{{record}} does not link back to this postmortem: add "postmortem: {{file}}" to its front matter',
      linkedElsewhere: '{{record}} links to {{other}}, not to this postmortem: point its "postmortem" at {{file}}',
      meetingBeforeResolution: 'The review meeting ({{meeting}}) is before {{incident}} was resolved ({{resolved}}): it reviews a resolved incident',
      meetingLate:
        'The review meeting ({{meeting}}) was held after {{deadline}}, the latest the review policy allows ({{within}} after resolution at {{resolved}}, or the next working day): name the delay and its reason in the postmortem',
      publishedLate:
        'Published on {{date}}, after the {{severity}} due time ({{due}}, {{window}} after resolution): name the delay and its reason in the postmortem',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { meeting_within: { type: 'string', pattern: '^(\\d+[mhdw]|P(\\d+[DW])?(T\\d+[HM])?)$' } },
    },
    defaultOptions: { meeting_within: DEFAULT_MEETING_WITHIN },
  },
  check(ctx) {
    const fm = ctx.doc.frontmatter;
    if (ctx.doc.type !== 'postmortem' || typeof fm.incident !== 'string') return;
    const incident = fm.incident;
    const record = recordFor(ctx.index, incident);
    if (!record) {
      ctx.report({ messageId: 'noRecord', data: { incident }, path: ['incident'] });
      return;
    }
    const rfm = record.frontmatter;
    if (typeof fm.severity === 'string' && typeof rfm.severity === 'string' && fm.severity !== rfm.severity) {
      ctx.report({ messageId: 'severity', data: { severity: fm.severity, incident, final: rfm.severity, record: record.relPath }, path: ['severity'] });
    }
    if (fm.status !== 'published') return;

    const file = path.posix.relative(path.posix.dirname(record.relPath), ctx.relPath);
    if (typeof rfm.postmortem !== 'string') {
      ctx.report({ messageId: 'notLinked', data: { record: record.relPath, file }, path: ['incident'] });
    } else if (path.posix.normalize(path.posix.join(path.posix.dirname(record.relPath), rfm.postmortem)) !== ctx.relPath && rfm.postmortem !== ctx.relPath) {
      ctx.report({ messageId: 'linkedElsewhere', data: { record: record.relPath, other: rfm.postmortem, file }, path: ['incident'] });
    }

    const resolved = typeof rfm.resolved_at === 'string' ? Date.parse(rfm.resolved_at) : NaN;
    if (Number.isNaN(resolved)) return;
    if (typeof fm.review_meeting === 'string') {
      const meeting = Date.parse(fm.review_meeting);
      const within = ctx.options.meeting_within ?? DEFAULT_MEETING_WITHIN;
      const withinMs = parseDuration(within) ?? 48 * 3_600_000;
      if (meeting < resolved) {
        ctx.report({ messageId: 'meetingBeforeResolution', data: { meeting: utc(meeting), incident, resolved: utc(resolved) }, path: ['review_meeting'] });
      } else if (meeting > meetingDeadline(resolved, withinMs)) {
        ctx.report({
          messageId: 'meetingLate',
          data: { meeting: utc(meeting), deadline: utc(meetingDeadline(resolved, withinMs)), within, resolved: utc(resolved) },
          path: ['review_meeting'],
          level: 'warn',
        });
      }
    }
    const window = severityLevels(ctx.project).find((l) => l.id === fm.severity)?.postmortem?.due_within;
    const windowMs = parseDuration(window);
    if (typeof fm.date === 'string' && window && windowMs !== undefined) {
      const due = resolved + windowMs;
      // `date` is a day: published on the due day counts as in time.
      if (Date.parse(`${fm.date}T00:00:00Z`) > Date.parse(`${new Date(due).toISOString().slice(0, 10)}T00:00:00Z`)) {
        ctx.report({
          messageId: 'publishedLate',
          data: { date: fm.date, severity: String(fm.severity), due: utc(due), window },
          path: ['date'],
          level: 'warn',
        });
      }
    }
  },
};
