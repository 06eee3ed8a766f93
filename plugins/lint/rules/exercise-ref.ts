import { DOC_REF_KINDS } from '../doc-refs';
import type { CrossDocumentRule, ProjectIndex } from '../types';
import { UNKNOWN_REF, unknownRefData } from './ref-rules';

// The exercises' doc ids, once per index (not once per document that names one).
const exercises = new WeakMap<ProjectIndex, string[]>();
function exerciseIds(index: ProjectIndex): string[] {
  let ids = exercises.get(index);
  if (!ids) {
    ids = [...index.byPath.values()]
      .filter((d) => d.type === DOC_REF_KINDS.exercise)
      .map((d) => d.docId)
      .sort();
    exercises.set(index, ids);
  }
  return ids;
}

/**
 * Exercises named in front matter (an evidence record's `scenario:`) and in component properties
 * (`<ExerciseLink exercise="...">`) are documents with `type: exercise`, by doc id. Exercise ids come from documents,
 * not from data/, so this runs once every document is indexed.
 */
export const exerciseRef: CrossDocumentRule<unknown, 'unknown'> = {
  meta: {
    id: 'exercise-ref',
    kind: 'cross-document',
    description: 'Exercises named in front matter and component properties exist (documents with type: exercise, by doc id).',
    severity: 'error',
    messages: { unknown: UNKNOWN_REF },
  },
  check(ctx) {
    const refs = (ctx.doc.refs ?? []).filter((r) => r.kind === 'exercise');
    if (!refs.length) return;
    const known = exerciseIds(ctx.index);
    for (const r of refs) {
      if (known.includes(r.value)) continue;
      ctx.report({ messageId: 'unknown', data: unknownRefData('exercise', r.value, r.where, known), at: { start: { line: r.line, column: r.column } } });
    }
  },
};
