import type { DocumentRule } from '../types';

/** Docusaurus's admonition keywords (@docusaurus/mdx-loader DefaultAdmonitionOptions). */
export const ADMONITION_TYPES = ['note', 'tip', 'info', 'warning', 'danger', 'caution', 'important', 'success', 'secondary'];

const FENCE = /^([ \t]*(?:>[ \t]?)*)(:{3,})(.*)$/;

interface Open {
  line: number;
  column: number;
  colons: number;
  label: string;
}

/**
 * Admonitions that render: a known type right after the colons, a title in brackets (`:::note[Title]`; with the v4
 * future flags `:::note Title` is printed as text), and a closing `:::` for every opening.
 */
export const admonitions: DocumentRule<
  Record<string, never>,
  'closesNothing' | 'typeFirst' | 'unknownType' | 'titleBrackets' | 'titleUnclosed' | 'unclosed'
> = {
  meta: {
    id: 'admonitions',
    kind: 'document',
    description: 'Admonitions render: known type, title in brackets (`:::note[Title]`), closed with `:::`.',
    severity: 'error',
    messages: {
      closesNothing: '"{{colons}}" closes nothing: remove it, or open an admonition before it (:::note ... :::)',
      typeFirst: 'Admonition type must follow the colons directly: write "{{fix}}"',
      unknownType: 'Unknown admonition type "{{name}}": use one of {{known}}',
      titleBrackets: 'Admonition title must be in brackets: write "{{fix}}" (written after a space, the title is shown as text and the box loses it)',
      titleUnclosed: 'Admonition title is not closed: add "]" after the title',
      unclosed: 'Admonition "{{label}}" is never closed: add a line with "{{colons}}" where it ends (otherwise the rest of the page shows as text)',
    },
  },
  check(ctx) {
    const lines = ctx.text.split('\n');
    // Lines inside code blocks (fenced or indented) and the front matter are text, not directives.
    const skip = new Set<number>();
    for (const node of ctx.outline.nodes?.code ?? []) {
      if (node.position) for (let l = node.position.start.line; l <= node.position.end.line; l++) skip.add(l);
    }
    for (const node of ctx.tree.children) {
      if (node.type === 'yaml' && node.position) for (let l = node.position.start.line; l <= node.position.end.line; l++) skip.add(l);
    }
    const known = ADMONITION_TYPES;
    const open: Open[] = [];
    lines.forEach((text, i) => {
      const line = i + 1;
      if (skip.has(line)) return;
      const m = FENCE.exec(text);
      if (!m) return;
      const [, indent, colons, rest] = m;
      const column = indent.length + 1;
      if (rest.trim() === '') {
        const j = findLastIndex(open, (o) => o.colons <= colons.length);
        if (j === -1) {
          ctx.report({ messageId: 'closesNothing', data: { colons }, at: { start: { line, column } } });
          return;
        }
        open.splice(j);
        return;
      }
      const name = /^[A-Za-z][\w-]*/.exec(rest)?.[0];
      if (!name) {
        ctx.report({ messageId: 'typeFirst', data: { fix: `${colons}${rest.trim().split(/[\s[{]/)[0] || 'note'}` }, at: { start: { line, column } } });
        open.push({ line, column, colons: colons.length, label: `${colons}${rest.trim()}` });
        return;
      }
      const after = rest.slice(name.length);
      if (!known.includes(name)) {
        ctx.report({ messageId: 'unknownType', data: { name, known: known.join(', ') }, at: { start: { line, column: column + colons.length } } });
      }
      if (/^[ \t]+\S/.test(after)) {
        const title = after.trim();
        const titleColumn = column + colons.length + name.length + (after.length - after.trimStart().length);
        ctx.report({
          messageId: 'titleBrackets',
          data: { fix: `${colons}${name}[${title}]` },
          at: { start: { line, column: titleColumn } },
        });
      } else if (after.startsWith('[') && !after.includes(']')) {
        ctx.report({ messageId: 'titleUnclosed', at: { start: { line, column: column + colons.length + name.length } } });
      }
      open.push({ line, column, colons: colons.length, label: `${colons}${name}` });
    });
    for (const o of open) {
      ctx.report({
        messageId: 'unclosed',
        data: { label: o.label, colons: ':'.repeat(o.colons) },
        at: { start: { line: o.line, column: o.column } },
      });
    }
  },
};

function findLastIndex<T>(list: T[], test: (x: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return i;
  return -1;
}
