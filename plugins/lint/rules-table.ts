/**
 * The rules reference as Markdown tables (mdast), built from the rules' own meta: the linter overview page shows
 * these instead of a hand-written list, so adding a rule never means editing that page.
 */
import type { PhrasingContent, Table, TableCell, TableRow } from 'mdast';
import type { RuleDescription } from './linter';

/** What each kind of rule runs on, as the table says it. */
const KIND_LABEL: Record<RuleDescription['kind'], string> = {
  document: 'each document',
  'cross-document': 'each document, with the index of all documents',
  project: 'data registries and all documents',
  engine: 'any file',
};
const KIND_ORDER: RuleDescription['kind'][] = ['document', 'cross-document', 'project', 'engine'];

/** Text with `code spans` as inline code; nothing else in a description is read as Markdown. */
export function phrasing(text: string): PhrasingContent[] {
  return text
    .split(/(`[^`]+`)/)
    .filter(Boolean)
    .map((part): PhrasingContent => (/^`[^`]+`$/.test(part) ? { type: 'inlineCode', value: part.slice(1, -1) } : { type: 'text', value: part }));
}

const cell = (children: PhrasingContent[]): TableCell => ({ type: 'tableCell', children });
const row = (cells: PhrasingContent[][]): TableRow => ({ type: 'tableRow', children: cells.map(cell) });
const text = (value: string): PhrasingContent[] => [{ type: 'text', value }];

/** Rules, grouped by what they run on, then by id; `link` gives each id's page. */
export function rulesTable(rules: RuleDescription[], link: (id: string) => string): Table {
  const sorted = rules.filter((r) => r.kind !== 'engine').sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.id.localeCompare(b.id));
  return {
    type: 'table',
    align: [null, null, null, null],
    children: [
      row([text('Rule'), text('Default'), text('Runs on'), text('What it checks')]),
      ...sorted.map((r) =>
        row([[{ type: 'link', url: link(r.id), children: text(r.id) }], text(r.severity), text(KIND_LABEL[r.kind]), phrasing(r.description)]),
      ),
    ],
  };
}

/** The engine's own checks (not configurable), by id. */
export function engineChecksTable(rules: RuleDescription[], link: (id: string) => string): Table {
  const sorted = rules.filter((r) => r.kind === 'engine').sort((a, b) => a.id.localeCompare(b.id));
  return {
    type: 'table',
    align: [null, null],
    children: [
      row([text('Check'), text('What it reports')]),
      ...sorted.map((r) => row([[{ type: 'link', url: link(r.id), children: text(r.id) }], phrasing(r.description)])),
    ],
  };
}
