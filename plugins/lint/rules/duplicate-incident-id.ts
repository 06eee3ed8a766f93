import type { CrossDocumentRule, ProjectIndex } from '../types';

// Incident records by id, once per index: scanning every document for each record was quadratic in the records.
const byId = new WeakMap<ProjectIndex, Map<string, string[]>>();
function recordsWithId(index: ProjectIndex, id: string): string[] {
  let map = byId.get(index);
  if (!map) {
    map = new Map();
    for (const d of index.byPath.values()) {
      if (d.type !== 'incident' || typeof d.frontmatter.id !== 'string') continue;
      const list = map.get(d.frontmatter.id);
      if (list) list.push(d.relPath);
      else map.set(d.frontmatter.id, [d.relPath]);
    }
    byId.set(index, map);
  }
  return map.get(id) ?? [];
}

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
    const others = recordsWithId(ctx.index, id)
      .filter((p) => p !== ctx.relPath)
      .sort();
    if (!others.length) return;
    ctx.report({ messageId: 'duplicate', data: { id, others: others.join(', ') }, path: ['id'] });
  },
};
