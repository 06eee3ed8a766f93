/**
 * The linter's overview page lists the rules and engine checks from the rules' own meta (plugins/remark-rules-table),
 * so adding a rule never means editing that page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { remark } from 'remark';
import { VFile } from 'vfile';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { createLinter } from '../../plugins/lint/linter';
import { phrasing } from '../../plugins/lint/rules-table';
import { rules } from '../../plugins/lint/rules/index';
import { ENGINE_RULES } from '../../plugins/lint/ruleset';
import remarkRulesTable from '../../plugins/remark-rules-table/index';

const REPO = path.resolve(__dirname, '../..');
const linter = createLinter({ root: REPO, rules, workers: 0, summaryCache: false });
const docsUrl = linter.project.config.docs_url.replace(/\/$/, '');

async function transform(markdown: string): Promise<Root> {
  const processor = remark().use(remarkGfm).use(remarkRulesTable, { linter });
  return (await processor.run(processor.parse(markdown), new VFile(markdown))) as Root;
}

/** As Docusaurus parses it: HTML comments are dropped, the plugin finds the markers in the text. */
async function transformWithoutComments(markdown: string): Promise<Root> {
  const processor = remark().use(remarkGfm).use(remarkRulesTable, { linter });
  const tree = processor.parse(markdown);
  tree.children = tree.children.filter((n) => n.type !== 'html');
  return (await processor.run(tree, new VFile(markdown))) as Root;
}

/** Each body row as [link url, first cell text, other cells' text...]. */
function rowsOf(table: Table): string[][] {
  return table.children.slice(1).map((row) => {
    const first = row.children[0].children[0];
    return [first.type === 'link' ? first.url : '', ...row.children.map((c) => toString(c))];
  });
}

describe('rules tables', () => {
  const page = readFileSync(path.join(REPO, 'docs/linter/index.md'), 'utf8');

  it('the overview page asks for each table once', () => {
    expect(page.match(/^<!-- rules-table -->$/gm)).toHaveLength(1);
    expect(page.match(/^<!-- engine-checks-table -->$/gm)).toHaveLength(1);
  });

  it('lists every rule once, linked to its page, with its default level and description', async () => {
    const tables = (await transform(page)).children.filter((n): n is Table => n.type === 'table');
    const table = tables.find((t) => toString(t.children[0].children[0]) === 'Rule');
    expect(table).toBeDefined();
    const rows = rowsOf(table!);
    expect(rows.map((r) => r[1]).sort()).toEqual(rules.map((r) => r.meta.id).sort());
    for (const r of rules) {
      const row = rows.find((x) => x[1] === r.meta.id)!;
      expect(row[0]).toBe(`${docsUrl}/${r.meta.id}`);
      expect(row[2]).toBe(r.meta.severity);
      expect(row[4]).toBe(r.meta.description.replace(/`/g, ''));
    }
  });

  it('groups document rules before cross-document and project rules', async () => {
    const table = (await transform('<!-- rules-table -->\n')).children[0] as Table;
    const kinds = rowsOf(table).map((r) => rules.find((x) => x.meta.id === r[1])!.meta.kind);
    const order = ['document', 'cross-document', 'project'];
    expect(kinds.map((k) => order.indexOf(k))).toEqual([...kinds.map((k) => order.indexOf(k))].sort((a, b) => a - b));
  });

  it('lists every engine check', async () => {
    const table = (await transform('<!-- engine-checks-table -->\n')).children[0] as Table;
    expect(rowsOf(table).map((r) => r[1])).toEqual(Object.keys(ENGINE_RULES).sort());
    expect(rowsOf(table).every((r) => r[0] === `${docsUrl}/${r[1]}`)).toBe(true);
  });

  it('puts the table where the marker was when the parser drops comments (Docusaurus)', async () => {
    const tree = await transformWithoutComments('Before.\n\n<!-- engine-checks-table -->\n\nAfter.\n');
    expect(tree.children.map((n) => n.type)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(toString(tree.children[0])).toBe('Before.');
  });

  it('leaves a marker inside a code block or a list alone', async () => {
    const inCode = await transformWithoutComments('```md\n<!-- rules-table -->\n```\n');
    expect(inCode.children.map((n) => n.type)).toEqual(['code']);
    const inList = await transformWithoutComments('- item\n\n  <!-- rules-table -->\n');
    expect(inList.children.map((n) => n.type)).toEqual(['list']);
  });

  it('leaves other comments and pages without a marker alone', async () => {
    const tree = await transform('Text.\n\n<!-- rules -->\n\n<!-- handbook-disable-next-line freshness -- x -->\n');
    expect(tree.children.map((n) => n.type)).toEqual(['paragraph', 'html', 'html']);
  });

  it('reads only code spans in a description as Markdown', () => {
    expect(phrasing('Use `<SeverityFact>` instead of *this* <b>.')).toEqual([
      { type: 'text', value: 'Use ' },
      { type: 'inlineCode', value: '<SeverityFact>' },
      { type: 'text', value: ' instead of *this* <b>.' },
    ]);
  });
});
