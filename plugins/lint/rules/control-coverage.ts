import { computeCoverage } from '../../lib/coverage';
import { dataPosition } from '../load';
import type { ProjectRule } from '../types';

/** Every control of each framework in `required_frameworks` is covered by a document (and evidence, where required). */
export const controlCoverage: ProjectRule = {
  meta: {
    id: 'control-coverage',
    description: 'Every control of the frameworks listed in required_frameworks is covered by at least one document (and evidence where the control requires it).',
    severity: 'error',
    scope: 'project',
  },
  check(project, index, { now }) {
    const required = new Set(project.config.required_frameworks ?? []);
    if (!required.size) return [];
    const out = [];
    const coverage = computeCoverage(project, index, now);
    for (const id of required) {
      if (!coverage.some((f) => f.id === id)) {
        out.push({ file: 'handbook.config.yaml', message: `required_frameworks names "${id}", but data/frameworks/ has no framework with that id`, at: { start: { line: 1, column: 1 } } });
      }
    }
    for (const f of coverage) {
      if (!required.has(f.id)) continue;
      const file = project.data[`frameworks/${f.relPath.split('/').pop()!.replace(/\.ya?ml$/, '')}`];
      for (const c of f.controls) {
        if (c.status === 'covered') continue;
        const why =
          c.status === 'missing'
            ? `no document claims it: add "${c.id}" to the controls of the document that satisfies it`
            : c.documents.length
              ? `it needs an evidence record too (an exercise or review with controls: [${c.id}])`
              : `only evidence claims it: add it to the controls of the procedure that satisfies it`;
        out.push({ file: f.relPath, message: `Control ${c.id} (${c.title}) is not covered: ${why}`, at: file ? dataPosition(file, ['controls', c.index, 'id']) : { start: { line: 1, column: 1 } } });
      }
    }
    return out;
  },
};
