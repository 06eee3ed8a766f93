/** Alert names a document mentions: alerting-rule examples in code blocks, runbook links and tables of alerts. */
import type { Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { NodeIndex } from './outline';
import { ALERT_ROUTE_BASE } from './routes';

export interface AlertRef {
  name: string;
  line: number;
  column: number;
  /** Where it was found: a rule example, a runbook link, a table. */
  source: 'rule' | 'link' | 'table';
}

const NAME = '[A-Za-z][A-Za-z0-9_:.-]{0,99}';
/** `- alert: Name` in a Prometheus rule example. */
const RULE_LINE = new RegExp(`^(\\s*-?\\s*alert:\\s*["']?)(${NAME})["']?\\s*(?:#.*)?$`);
/** `/runbooks/alert/Name` in a URL (a placeholder such as <AlertName> does not match). */
const ALERT_URL = new RegExp(`${ALERT_ROUTE_BASE}(${NAME})`, 'g');
const URL_PREFIX = ALERT_ROUTE_BASE.length;
const TABLE_HEADER = /^alert(s| name| names)?$/i;

type Positioned = { position?: { start: { line: number; column: number } } };

/**
 * Uses the nodes the outline already indexed (code, inline code, text, links), so no extra traversal of the whole
 * tree; tables are looked for among the top-level blocks.
 */
export function collectAlertRefs(tree: Root, text: string, nodes: Partial<NodeIndex>): AlertRef[] {
  const out: AlertRef[] = [];
  const sourceLines = text.split('\n');
  for (const node of nodes.code ?? []) {
    const start = (node as Positioned).position?.start;
    if (!start) continue;
    // Fenced code: the first content line follows the fence; indented code starts at its own line.
    const fenced = /^\s*(>\s*)*(`{3,}|~{3,})/.test(sourceLines[start.line - 1] ?? '');
    const first = start.line + (fenced ? 1 : 0);
    (node.value as string).split('\n').forEach((line, i) => {
      const m = RULE_LINE.exec(line);
      if (m) out.push({ name: m[2], line: first + i, column: start.column + m[1].length, source: 'rule' });
      for (const u of line.matchAll(ALERT_URL)) out.push({ name: u[1], line: first + i, column: start.column + (u.index ?? 0) + URL_PREFIX, source: 'link' });
    });
  }
  for (const node of [...(nodes.inlineCode ?? []), ...(nodes.text ?? [])]) {
    const start = (node as Positioned).position?.start;
    if (!start) continue;
    for (const u of (node.value as string).matchAll(ALERT_URL)) {
      const offset = (node.type === 'inlineCode' ? 1 : 0) + (u.index ?? 0) + URL_PREFIX;
      out.push({ name: u[1], line: start.line, column: start.column + offset, source: 'link' });
    }
  }
  for (const node of [...(nodes.link ?? []), ...(nodes.definition ?? [])]) {
    const start = (node as Positioned).position?.start;
    if (!start) continue;
    for (const u of (node.url as string).matchAll(ALERT_URL)) out.push({ name: u[1], line: start.line, column: start.column, source: 'link' });
  }
  for (const node of tree.children) if (node.type === 'table') tableRefs(node, out);
  out.sort((a, b) => a.line - b.line || a.column - b.column);
  return dedupe(out);
}

/** Cells under an "Alert" / "Alerts" header hold alert names, written as code or plain words. */
function tableRefs(table: Table, out: AlertRef[]) {
  const [head, ...rows] = table.children;
  if (!head) return;
  const columns = head.children.map((c, i) => (TABLE_HEADER.test(toString(c).trim()) ? i : -1)).filter((i) => i !== -1);
  for (const row of rows) {
    for (const i of columns) {
      const cell = row.children[i];
      if (!cell) continue;
      for (const child of cell.children as RootContent[]) {
        const value = child.type === 'inlineCode' ? child.value : child.type === 'text' ? child.value : '';
        const p = (child as Positioned).position?.start;
        if (!p) continue;
        for (const m of value.matchAll(new RegExp(`(?<![\\w/])(${NAME})(?![\\w/])`, 'g'))) {
          if (!/^[A-Z][a-z]+[A-Z]/.test(m[1])) continue; // alert names are CamelCase; plain words in the cell are not
          out.push({ name: m[1], line: p.line, column: p.column + (child.type === 'inlineCode' ? 1 : 0) + (m.index ?? 0), source: 'table' });
        }
      }
    }
  }
}

function dedupe(refs: AlertRef[]): AlertRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.name}|${r.line}|${r.column}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
