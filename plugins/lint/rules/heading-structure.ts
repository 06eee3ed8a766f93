import type { DocumentRule } from '../types';

/** One h1 (the front matter title, or a single # heading) and no skipped heading levels. */
export const headingStructure: DocumentRule<Record<string, never>, 'extraH1' | 'noTitle' | 'secondH1' | 'skipped'> = {
  meta: {
    id: 'heading-structure',
    kind: 'document',
    description: 'A document has exactly one h1 and never skips a heading level.',
    severity: 'error',
    messages: {
      extraH1: 'Extra h1 "# {{title}}": the front matter title is the page\'s h1; make this a ## heading',
      noTitle: 'The document has no title: add "title:" to the front matter',
      secondH1: 'Second h1 "# {{title}}": a document has one h1; make this a ## heading',
      skipped: 'Heading level skipped: h{{depth}} "{{title}}" follows h{{previous}}; use "{{want}}"',
    },
  },
  check(ctx) {
    const hasTitle = typeof ctx.frontmatter.title === 'string' && ctx.frontmatter.title.trim() !== '';
    const h1s = ctx.outline.headings.filter((h) => h.depth === 1);
    if (hasTitle) {
      for (const h of h1s) ctx.report({ messageId: 'extraH1', data: { title: h.title }, at: h.position });
    } else if (h1s.length === 0) {
      ctx.report({ messageId: 'noTitle', at: { start: { line: 1, column: 1 } } });
    } else {
      for (const h of h1s.slice(1)) ctx.report({ messageId: 'secondH1', data: { title: h.title }, at: h.position });
    }
    let previous = 1;
    for (const h of ctx.outline.headings) {
      if (h.depth > previous + 1) {
        ctx.report({ messageId: 'skipped', data: { depth: h.depth, title: h.title, previous, want: '#'.repeat(previous + 1) }, at: h.position });
      }
      previous = h.depth;
    }
  },
};
