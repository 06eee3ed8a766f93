/**
 * Puts the tables of the linter's rules and engine checks where a page has a line `<!-- rules-table -->` or
 * `<!-- engine-checks-table -->`, built from the rules' meta at build time: the page never lists a rule by hand.
 *
 *   beforeDefaultRemarkPlugins: [[remarkRulesTable, { linter }]]
 *
 * Docusaurus drops HTML comments while parsing, so the markers are found in the file's text and the table goes
 * between the blocks around that line; a parser that keeps comments gives an `html` node, which is replaced.
 */
import type { Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import type { Linter } from '../lint/linter';
import { engineChecksTable, rulesTable } from '../lint/rules-table';

export interface RemarkRulesTableOptions {
  linter: Pick<Linter, 'describeRules' | 'project'>;
}

/** Where a rule's page is: docs_url and the id (a site path stays relative to the site). */
export function ruleLink(docsUrl: string, id: string): string {
  return `${docsUrl.replace(/\/$/, '')}/${id}`;
}

const TABLES = { 'rules-table': rulesTable, 'engine-checks-table': engineChecksTable } as const;
type Marker = keyof typeof TABLES;
const MARKER_LINE = /^<!--\s*(rules-table|engine-checks-table)\s*-->[ \t]*$/gm;

const isMarkerNode = (node: RootContent): boolean => node.type === 'html' && new RegExp(MARKER_LINE.source).test(node.value.trim());

/** The marker lines of the text (1-based) that are top-level blocks, not inside a code block, list or quote. */
function markerLines(text: string, tree: Root): { line: number; marker: Marker }[] {
  const blocks = tree.children.filter((n) => !isMarkerNode(n) && n.position);
  const out: { line: number; marker: Marker }[] = [];
  for (const m of text.matchAll(MARKER_LINE)) {
    const line = text.slice(0, m.index).split('\n').length;
    if (blocks.some((n) => n.position!.start.line <= line && line <= n.position!.end.line)) continue;
    out.push({ line, marker: m[1] as Marker });
  }
  return out;
}

export default function remarkRulesTable(options: RemarkRulesTableOptions) {
  if (typeof options?.linter?.describeRules !== 'function') throw new Error('remark-rules-table: "linter" is required (createLinter from the lint package)');
  const { linter } = options;
  return (tree: Root, file: VFile) => {
    const markers = markerLines(String(file.value ?? ''), tree);
    if (!markers.length) return;
    const rules = linter.describeRules();
    const link = (id: string) => ruleLink(linter.project.config.docs_url, id);
    tree.children = tree.children.filter((n) => !isMarkerNode(n));
    for (const { line, marker } of markers.reverse()) {
      const at = tree.children.findIndex((n) => (n.position?.start.line ?? 0) > line);
      const table = { ...TABLES[marker](rules, link), position: { start: { line, column: 1 }, end: { line, column: 1 } } };
      tree.children.splice(at === -1 ? tree.children.length : at, 0, table);
    }
  };
}
