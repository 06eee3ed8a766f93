import type { DocumentRule } from '../types';

/** Front matter matches the JSON Schema of the document's type (shape, required keys, formats). */
export const frontmatterSchema: DocumentRule<unknown, 'missingType' | 'unknownType' | 'schema'> = {
  meta: {
    id: 'frontmatter-schema',
    kind: 'document',
    description: "Front matter has a known type and matches that type's JSON Schema.",
    severity: 'error',
    messages: {
      missingType: 'Missing required front matter key "type": set it to one of {{types}}',
      unknownType: 'Unknown document type {{type}}: use one of {{types}}',
      schema: '{{message}}',
    },
  },
  check(ctx) {
    const types = Object.keys(ctx.project.config.types).join(', ');
    const type = ctx.frontmatter.type;
    if (type === undefined) {
      ctx.report({ messageId: 'missingType', data: { types }, at: { start: { line: 1, column: 1 } } });
      return;
    }
    if (typeof type !== 'string' || !ctx.project.validators.has(type)) {
      ctx.report({ messageId: 'unknownType', data: { type: JSON.stringify(type), types }, path: ['type'] });
      return;
    }
    // Values another enabled rule reports (a placeholder left by "handbook new") are already taken out by the engine.
    for (const p of ctx.schemaErrors) {
      if (p.keyword !== 'x-ref') ctx.report({ messageId: 'schema', data: { message: p.message }, path: p.path });
    }
  },
};
