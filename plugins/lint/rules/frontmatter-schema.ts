import type { FileRule } from '../types';
import { placeholderPattern } from './no-placeholders';

/** Front matter matches the JSON Schema of the document's type (shape, required keys, formats). */
export const frontmatterSchema: FileRule = {
  meta: {
    id: 'frontmatter-schema',
    description: 'Front matter has a known type and matches that type\'s JSON Schema.',
    severity: 'error',
    scope: 'file',
  },
  check(ctx) {
    const types = Object.keys(ctx.project.config.types);
    const type = ctx.frontmatter.type;
    if (type === undefined) {
      ctx.report({ message: `Missing required front matter key "type": set it to one of ${types.join(', ')}`, at: { start: { line: 1, column: 1 } } });
      return;
    }
    if (typeof type !== 'string' || !ctx.project.validators.has(type)) {
      ctx.report({ message: `Unknown document type ${JSON.stringify(type)}: use one of ${types.join(', ')}`, path: ['type'] });
      return;
    }
    const placeholder = placeholderPattern(ctx.project.config.placeholders);
    const valueAt = (path: (string | number)[]) => path.reduce<any>((o, k) => (o == null ? undefined : o[k]), ctx.frontmatter);
    for (const p of ctx.schemaErrors) {
      if (p.keyword === 'x-ref') continue;
      // A value left as a placeholder (as "handbook new" writes it) is reported once, by no-placeholders.
      const v = valueAt(p.path);
      if (typeof v === 'string' && (placeholder.lastIndex = 0, placeholder.test(v))) continue;
      ctx.report({ message: p.message, path: p.path });
    }
  },
};
