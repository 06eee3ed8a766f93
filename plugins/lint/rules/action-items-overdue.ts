import type { DocumentRule } from '../types';

interface ActionItem {
  id?: unknown;
  title?: unknown;
  owner?: unknown;
  due?: unknown;
  status?: unknown;
}

/** Open postmortem action items past their due date. A warning: the document is fine, the follow-up is late. */
export const actionItemsOverdue: DocumentRule<Record<string, never>, 'overdue'> = {
  meta: {
    id: 'action-items-overdue',
    kind: 'document',
    description: 'Postmortem action items that are not done by their due date are reported.',
    severity: 'warn',
    messages: { overdue: 'Action item {{id}} "{{title}}" (owner {{owner}}) was due {{due}} and is still {{status}}' },
  },
  check(ctx) {
    if (ctx.outline.type !== 'postmortem') return;
    const items = ctx.frontmatter.action_items;
    if (!Array.isArray(items)) return;
    const today = ctx.now.toISOString().slice(0, 10);
    (items as (ActionItem | null)[]).forEach((item, i) => {
      if (!item || typeof item.due !== 'string') return;
      if ((item.status === 'open' || item.status === 'in-progress') && item.due < today) {
        ctx.report({
          messageId: 'overdue',
          data: { id: String(item.id), title: String(item.title), owner: String(item.owner), due: item.due, status: item.status },
          path: ['action_items', i, 'due'],
        });
      }
    });
  },
};
