import type { CrossDocumentRule } from '../types';

/** No two incident records share an id (ids are allocated under the incident store's lock; hand edits can still collide). */
export const duplicateIncidentId: CrossDocumentRule<Record<string, never>, 'duplicate'> = {
  meta: {
    id: 'duplicate-incident-id',
    kind: 'cross-document',
    description: 'Each incident id is used by exactly one incident record.',
    severity: 'error',
    messages: {
      duplicate:
        'Incident id {{id}} is also used by {{others}}: give one record a new id (the next free one is what "handbook incident open" would allocate) and rename its file',
    },
  },
  check(ctx) {
    if (ctx.doc.type !== 'incident') return;
    const id = ctx.doc.frontmatter.id;
    if (typeof id !== 'string') return;
    const others = [...ctx.index.byPath.values()]
      .filter((d) => d.type === 'incident' && d.frontmatter.id === id && d.relPath !== ctx.relPath)
      .map((d) => d.relPath)
      .sort();
    if (!others.length) return;
    ctx.report({ messageId: 'duplicate', data: { id, others: others.join(', ') }, path: ['id'] });
  },
};
