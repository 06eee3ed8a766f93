import type { FileRule } from '../types';

/** Open postmortem action items past their due date. A warning: the document is fine, the follow-up is late. */
export const actionItemsOverdue: FileRule = {
  meta: {
    id: 'action-items-overdue',
    description: 'Postmortem action items that are not done by their due date are reported.',
    severity: 'warn',
    scope: 'file',
  },
  check(ctx) {
    if (ctx.outline.type !== 'postmortem') return;
    const items = (ctx.frontmatter as any).action_items;
    if (!Array.isArray(items)) return;
    const today = ctx.now.toISOString().slice(0, 10);
    items.forEach((item: any, i: number) => {
      if (!item || typeof item.due !== 'string') return;
      if ((item.status === 'open' || item.status === 'in-progress') && item.due < today) {
        ctx.report({ message: `Action item ${item.id} "${item.title}" (owner ${item.owner}) was due ${item.due} and is still ${item.status}`, path: ['action_items', i, 'due'] });
      }
    });
  },
};
