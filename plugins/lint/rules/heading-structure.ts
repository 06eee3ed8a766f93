import type { FileRule } from '../types';

/** One h1 (the front matter title, or a single # heading) and no skipped heading levels. */
export const headingStructure: FileRule = {
  meta: {
    id: 'heading-structure',
    description: 'A document has exactly one h1 and never skips a heading level.',
    severity: 'error',
    scope: 'file',
  },
  check(ctx) {
    const hasTitle = typeof ctx.frontmatter.title === 'string' && ctx.frontmatter.title.trim() !== '';
    const h1s = ctx.outline.headings.filter((h) => h.depth === 1);
    if (hasTitle) {
      for (const h of h1s) {
        ctx.report({ message: `Extra h1 "# ${h.title}": the front matter title is the page's h1; make this a ## heading`, at: h.position });
      }
    } else if (h1s.length === 0) {
      ctx.report({ message: 'The document has no title: add "title:" to the front matter', at: { start: { line: 1, column: 1 } } });
    } else {
      for (const h of h1s.slice(1)) ctx.report({ message: `Second h1 "# ${h.title}": a document has one h1; make this a ## heading`, at: h.position });
    }
    let previous = 1;
    for (const h of ctx.outline.headings) {
      if (h.depth > previous + 1) {
        const want = '#'.repeat(previous + 1);
        ctx.report({ message: `Heading level skipped: h${h.depth} "${h.title}" follows h${previous}; use "${want}"`, at: h.position });
      }
      previous = h.depth;
    }
  },
};
