import { parseDuration, humanDuration } from '../duration';
import type { FileRule } from '../types';

// One lookup table per index: scanning every document for each incident would be quadratic.
const byIncident = new WeakMap<object, Map<string, { relPath: string; frontmatter: Record<string, unknown> }>>();
function postmortemFor(index: import('../types').ProjectIndex, id: string) {
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
export const postmortemDue: FileRule = {
  meta: {
    id: 'postmortem-due',
    description: "A resolved incident has a published postmortem by its severity's due time, when the severity requires one.",
    severity: 'error',
    scope: 'file',
    needsIndex: true,
  },
  check(ctx) {
    if (ctx.outline.type !== 'incident') return;
    const fm = ctx.frontmatter as Record<string, any>;
    const levels: any[] = ctx.project.data.severity?.value?.levels ?? [];
    const level = levels.find((l) => l?.id === fm.severity);
    if (!level?.postmortem?.required || typeof fm.resolved_at !== 'string') return;
    const due = Date.parse(fm.resolved_at) + (parseDuration(level.postmortem.due_within) ?? 0);
    if (Number.isNaN(due) || ctx.now.getTime() <= due) return;
    const pm = postmortemFor(ctx.index, String(fm.id));
    const window = humanDuration(parseDuration(level.postmortem.due_within) ?? 0);
    if (!pm) {
      ctx.report({
        message: `Postmortem overdue: ${fm.severity} needs a postmortem within ${window} of resolution (due ${iso(due)}); none names incident ${fm.id}. Create one with "npx handbook new postmortem"`,
        path: ['resolved_at'],
      });
    } else if (pm.frontmatter.status !== 'published') {
      ctx.report({ message: `Postmortem overdue: ${pm.relPath} is still "${pm.frontmatter.status}" and was due ${iso(due)}; finish the review and set status: published`, path: ['resolved_at'] });
    }
  },
};
