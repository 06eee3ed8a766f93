import type { FileRule } from '../types';

/** No two incident records share an id (ids are allocated under the incident store's lock; hand edits can still collide). */
export const duplicateIncidentId: FileRule = {
  meta: {
    id: 'duplicate-incident-id',
    description: 'Each incident id is used by exactly one incident record.',
    severity: 'error',
    scope: 'file',
    needsIndex: true,
  },
  check(ctx) {
    if (ctx.outline.type !== 'incident') return;
    const id = ctx.frontmatter.id;
    if (typeof id !== 'string') return;
    const others = [...ctx.index.byPath.values()]
      .filter((d) => d.type === 'incident' && d.frontmatter.id === id && d.relPath !== ctx.relPath)
      .map((d) => d.relPath)
      .sort();
    if (!others.length) return;
    ctx.report({
      message: `Incident id ${id} is also used by ${others.join(', ')}: give one record a new id (the next free one is what "handbook incident open" would allocate) and rename its file`,
      path: ['id'],
    });
  },
};
