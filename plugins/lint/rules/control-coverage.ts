import { computeCoverage } from '../../lib/coverage';
import { dataPosition } from '../load';
import type { WholeProjectRule } from '../types';

type Messages = 'unknownFramework' | 'missing' | 'needsEvidence' | 'evidenceOnly';

/** Every control of each framework in `required_frameworks` is covered by a document (and evidence, where required). */
export const controlCoverage: WholeProjectRule<Record<string, never>, Messages> = {
  meta: {
    id: 'control-coverage',
    kind: 'project',
    description:
      'Every control of the frameworks listed in required_frameworks is covered by at least one document (and evidence where the control requires it).',
    severity: 'error',
    messages: {
      unknownFramework: 'required_frameworks names "{{id}}", but data/frameworks/ has no framework with that id',
      missing: 'Control {{id}} ({{title}}) is not covered: no document claims it: add "{{id}}" to the controls of the document that satisfies it',
      needsEvidence: 'Control {{id}} ({{title}}) is not covered: it needs an evidence record too (an exercise or review with controls: [{{id}}])',
      evidenceOnly: 'Control {{id}} ({{title}}) is not covered: only evidence claims it: add it to the controls of the procedure that satisfies it',
    },
  },
  check(ctx) {
    const { project } = ctx;
    const required = new Set(project.config.required_frameworks ?? []);
    if (!required.size) return;
    const coverage = computeCoverage(project, ctx.index, ctx.now);
    for (const id of required) {
      if (!coverage.some((f) => f.id === id))
        ctx.report({ messageId: 'unknownFramework', data: { id }, file: 'handbook.config.yaml', at: { start: { line: 1, column: 1 } } });
    }
    for (const f of coverage) {
      if (!required.has(f.id)) continue;
      const file =
        project.data[
          `frameworks/${f.relPath
            .split('/')
            .pop()!
            .replace(/\.ya?ml$/, '')}`
        ];
      for (const c of f.controls) {
        if (c.status === 'covered') continue;
        const messageId = c.status === 'missing' ? 'missing' : c.documents.length ? 'needsEvidence' : 'evidenceOnly';
        ctx.report({
          messageId,
          data: { id: c.id, title: c.title },
          file: f.relPath,
          at: file ? dataPosition(file, ['controls', c.index, 'id']) : { start: { line: 1, column: 1 } },
        });
      }
    }
  },
};
