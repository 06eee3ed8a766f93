import { humanDuration } from '../duration';
import { postmortemDueAt, severityLevels } from '../registries';
import type { CrossDocumentRule, ProjectIndex } from '../types';

// One lookup table per index: scanning every document for each incident would be quadratic.
const byIncident = new WeakMap<ProjectIndex, Map<string, { relPath: string; frontmatter: Record<string, unknown> }>>();
function postmortemFor(index: ProjectIndex, id: string) {
  let map = byIncident.get(index);
  if (!map) {
    map = new Map();
    for (const d of index.byPath.values()) if (d.type === 'postmortem' && typeof d.frontmatter.incident === 'string') map.set(d.frontmatter.incident, d);
    byIncident.set(index, map);
  }
  return map.get(id);
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** A resolved incident whose severity requires a postmortem has a published one by the severity's due time. */
export const postmortemDue: CrossDocumentRule<Record<string, never>, 'missing' | 'unpublished'> = {
  meta: {
    id: 'postmortem-due',
    kind: 'cross-document',
    description: "A resolved incident has a published postmortem by its severity's due time, when the severity requires one.",
    severity: 'error',
    messages: {
      missing:
        'Postmortem overdue: {{severity}} needs a postmortem within {{window}} of resolution (due {{due}}); none names incident {{id}}. Create one with "npx handbook new postmortem"',
      unpublished: 'Postmortem overdue: {{path}} is still "{{status}}" and was due {{due}}; finish the review and set status: published',
    },
  },
  check(ctx) {
    if (ctx.doc.type !== 'incident') return;
    const fm = ctx.doc.frontmatter;
    const level = severityLevels(ctx.project).find((l) => l.id === fm.severity);
    if (!level?.postmortem?.required || typeof fm.resolved_at !== 'string') return;
    const dueAt = postmortemDueAt(level, Date.parse(fm.resolved_at));
    if (!dueAt || ctx.now.getTime() <= dueAt.due) return;
    const { due, windowMs: within } = dueAt;
    const pm = postmortemFor(ctx.index, String(fm.id));
    if (!pm) {
      ctx.report({
        messageId: 'missing',
        data: { severity: String(fm.severity), window: humanDuration(within), due: iso(due), id: String(fm.id) },
        path: ['resolved_at'],
      });
    } else if (pm.frontmatter.status !== 'published') {
      ctx.report({ messageId: 'unpublished', data: { path: pm.relPath, status: String(pm.frontmatter.status), due: iso(due) }, path: ['resolved_at'] });
    }
  },
};
