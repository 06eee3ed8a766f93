import type { DocumentRule } from '../types';

const OPEN_OR_CLOSE = /^(<{7}|>{7}|\|{7})(?: |$)/;
const MIDDLE = /^={7}[ \t]*$/;

/**
 * Leftover git merge conflict markers, wherever they are in the document (blank lines between them change how
 * Markdown reads them, not what they are). Lines inside fenced code blocks are examples and are not reported.
 */
export const noConflictMarkers: DocumentRule<Record<string, never>, 'marker'> = {
  meta: {
    id: 'no-conflict-markers',
    kind: 'document',
    description: 'No leftover git merge conflict markers (<<<<<<<, =======, >>>>>>>) outside code blocks.',
    severity: 'error',
    messages: { marker: 'Merge conflict marker "{{marker}}": resolve the conflict and remove the marker lines' },
  },
  check(ctx) {
    const text = ctx.text;
    if (!text.includes('<<<<<<<') && !text.includes('>>>>>>>') && !text.includes('|||||||')) return;
    const inCode = new Set<number>();
    for (const node of ctx.outline.nodes?.code ?? []) {
      const p = node.position;
      if (p) for (let l = p.start.line; l <= p.end.line; l++) inCode.add(l);
    }
    const found: { line: number; marker: string }[] = [];
    let strong = false;
    text.split('\n').forEach((line, i) => {
      if (inCode.has(i + 1)) return;
      const m = OPEN_OR_CLOSE.exec(line);
      if (m) {
        strong = true;
        found.push({ line: i + 1, marker: m[1] });
      } else if (MIDDLE.test(line)) found.push({ line: i + 1, marker: '=======' });
    });
    if (!strong) return;
    for (const f of found) ctx.report({ messageId: 'marker', data: { marker: f.marker }, at: { start: { line: f.line, column: 1 } } });
  },
};
