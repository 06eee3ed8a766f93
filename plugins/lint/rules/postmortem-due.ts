import { parseDuration, humanDuration } from '../duration';
import type { FileRule } from '../types';

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
    const pm = [...ctx.index.byPath.values()].find((d) => d.type === 'postmortem' && d.frontmatter.incident === fm.id);
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
