import type { DocumentRule, RequiredSection, Section } from '../types';

export function normaliseTitle(s: string): string {
  return s
    .toLowerCase()
    .replace(/[()'’:]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function matches(req: RequiredSection, section: Section): boolean {
  const t = normaliseTitle(section.title);
  return [req.title, ...(req.aliases ?? [])].some((name) => normaliseTitle(name) === t);
}

/** The level-2 sections a document type requires (x-required-sections in its schema): present, in order, not empty. */
export const requiredSections: DocumentRule<Record<string, never>, 'missing' | 'order' | 'first' | 'empty' | 'short'> = {
  meta: {
    id: 'required-sections',
    kind: 'document',
    description: 'A document has every section its type requires, in order, and none of them is empty.',
    severity: 'error',
    messages: {
      missing: 'Missing required section "## {{title}}"{{aliases}}; a {{type}} needs: {{names}}',
      order: 'Section "{{title}}" is out of order: it must come before "{{before}}" (order: {{names}})',
      first: 'Section "{{title}}" must be the first section of a {{type}}: move it above "{{opening}}" (readers act on it before reading anything else)',
      empty: 'Section "{{title}}" is empty: write its content or remove the document from publication',
      short: 'Section "{{title}}" has {{words}}; a {{type}}\'s "{{required}}" needs at least {{min}}',
    },
  },
  check(ctx) {
    const type = ctx.outline.type;
    if (!type) return;
    const required = ctx.project.requiredSections.get(type);
    if (!required?.length) return;
    const found: { req: number; section: Section }[] = [];
    for (const section of ctx.outline.sections) {
      const i = required.findIndex((r) => matches(r, section));
      if (i !== -1 && !found.some((f) => f.req === i)) found.push({ req: i, section });
    }
    const names = required.map((r) => r.title).join(', ');
    required.forEach((req, i) => {
      if (!found.some((f) => f.req === i)) {
        const alias = req.aliases?.length ? ` (or ${req.aliases.map((a) => `"${a}"`).join(', ')})` : '';
        ctx.report({ messageId: 'missing', data: { title: req.title, aliases: alias, type, names }, at: { start: { line: 1, column: 1 } } });
      }
    });
    let latest: { req: number; section: Section } | undefined;
    const misplaced = new Set<Section>();
    for (const f of found) {
      if (latest && f.req < latest.req) {
        misplaced.add(f.section);
        ctx.report({ messageId: 'order', data: { title: f.section.title, before: latest.section.title, names }, at: f.section.position });
      } else latest = f;
    }
    for (const f of found) {
      const req = required[f.req];
      const opening = ctx.outline.sections[0];
      if (req.first && opening && opening !== f.section && !misplaced.has(f.section)) {
        ctx.report({ messageId: 'first', data: { title: f.section.title, type, opening: opening.title }, at: f.section.position });
      }
      const min = req.minWords ?? 1;
      const { words, blocks } = f.section;
      if (words === 0 && blocks === 0 && min > 0) {
        ctx.report({ messageId: 'empty', data: { title: f.section.title }, at: f.section.position });
      } else if (blocks === 0 && words < min) {
        ctx.report({
          messageId: 'short',
          data: { title: f.section.title, words: `${words} word${words === 1 ? '' : 's'}`, type, required: req.title, min },
          at: f.section.position,
        });
      }
    }
  },
};
