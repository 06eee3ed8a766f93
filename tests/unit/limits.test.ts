/** Deterministic input limits: checked before parsing, the same verdict on every machine, no wall clock. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLocal, prepareFile } from '../../plugins/lint/engine';
import { RuleSet } from '../../plugins/lint/ruleset';
import { rules } from '../../plugins/lint/rules/index';
import { checkInputLimits, DEFAULT_LIMITS } from '../../plugins/lint/limits';
import { buildOutline } from '../../plugins/lint/outline';
import type { Root } from 'mdast';
import { fixtureProject, NOW } from './helpers';

const fm = '---\ntitle: Limits test page\ntype: reference\n---\n\n';
const tail = (limit: string) => `Simplify or split the document, or raise "limits: {${limit}: …}" in handbook.config.yaml`;
const not = 'the file is not parsed, so no other check ran on it.';

describe('checkInputLimits', () => {
  const cases: [string, string, [number, number, string]][] = [
    [
      'a 10 KB line of "1. 1. 1. …"',
      fm + '1. '.repeat(3400) + 'x\n',
      [6, DEFAULT_LIMITS.max_line_length + 1, `Too many characters on one line (10201, the limit is 10000): ${not} ${tail('max_line_length')}`],
    ],
    [
      '"+ + + …" nesting on a short line',
      fm + '+ '.repeat(40) + 'x\n',
      [6, 1, `Too many nested block quotes and list items on one line (40, the limit is 16): ${not} ${tail('max_nesting_depth')}`],
    ],
    [
      'block quotes 10,000 deep',
      fm + '>'.repeat(5000) + ' deep\n',
      [6, 1, `Too many nested block quotes and list items on one line (5000, the limit is 16): ${not} ${tail('max_nesting_depth')}`],
    ],
    [
      'a list nested by indentation',
      fm + Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- item\n`).join(''),
      [38, 1, `Too many nested block quotes and list items on one line (17, the limit is 16): ${not} ${tail('max_nesting_depth')}`],
    ],
    ['60,000 headings', fm + '## H\n'.repeat(60_000), [1006, 1, `Too many headings in one document (1001, the limit is 1000): ${not} ${tail('max_headings')}`]],
    [
      'a 4,000-column table',
      fm + '|' + 'a|'.repeat(4000) + '\n',
      [6, 1, `Too many cells in one table row (4000, the limit is 64): ${not} ${tail('max_table_columns')}`],
    ],
    [
      '20,000 front matter keys',
      '---\ntitle: x\n' + Array.from({ length: 20_000 }, (_, i) => `k${i}: v\n`).join('') + '---\n',
      [20002, 1, `Too many keys in the front matter (20001, the limit is 500): ${not} ${tail('max_frontmatter_keys')}`],
    ],
    [
      'a flow sequence 4,900 deep on one front matter line',
      '---\ntitle: x\ntags: ' + '['.repeat(4900) + 'x' + ']'.repeat(4900) + '\n---\n',
      [3, 38, `Too many levels of nested lists and mappings in the front matter (33, the limit is 32): ${not} ${tail('max_frontmatter_depth')}`],
    ],
    [
      'flow mappings nested in one line',
      '---\ntitle: x\nk: ' + '{a: '.repeat(40) + '1' + '}'.repeat(40) + '\n---\n',
      [3, 128, `Too many levels of nested lists and mappings in the front matter (33, the limit is 32): ${not} ${tail('max_frontmatter_depth')}`],
    ],
    [
      'a flow collection spread over lines',
      '---\ntitle: x\nk:\n' + Array.from({ length: 40 }, () => '  [\n').join('') + '---\n',
      [34, 3, `Too many levels of nested lists and mappings in the front matter (33, the limit is 32): ${not} ${tail('max_frontmatter_depth')}`],
    ],
    [
      '"- - - …" items on one front matter line',
      '---\ntitle: x\nk:\n  ' + '- '.repeat(40) + 'x\n---\n',
      [4, 63, `Too many levels of nested lists and mappings in the front matter (33, the limit is 32): ${not} ${tail('max_frontmatter_depth')}`],
    ],
    [
      'blocks nested by indentation',
      '---\ntitle: x\n' + Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join('') + '---\n',
      [35, 33, `Too many levels of nested lists and mappings in the front matter (33, the limit is 32): ${not} ${tail('max_frontmatter_depth')}`],
    ],
    [
      'emphasis markers in one paragraph',
      fm + ('*a* '.repeat(100) + '\n').repeat(30),
      [6, 1, `Too many emphasis, bracket, angle-bracket and backtick markers in one paragraph (5200, the limit is 5000): ${not} ${tail('max_inline_markers')}`],
    ],
  ];
  it.each(cases)('refuses %s, naming the limit and the line', (_n, text, [line, column, message]) => {
    const p = checkInputLimits(text);
    expect(p && [p.line, p.column, p.message]).toEqual([line, column, message]);
  });

  it('accepts ordinary documents, code blocks with deep indentation and a wide but sane table', () => {
    const code = '```yaml\n' + Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:\n`).join('') + '```\n';
    const table = '| a | b | c |\n| - | - | - |\n' + '| 1 | **2** | [x](/y) |\n'.repeat(200);
    expect(checkInputLimits(fm + '## A\n\n- one\n  - two\n    - three\n\n> quote\n> > nested\n\n' + code + table)).toBeUndefined();
  });

  it('front matter depth: brackets in quotes, comments, plain text and block scalars open nothing', () => {
    const deepText = '['.repeat(100);
    const ok = [
      '---',
      'title: "A title with [[[ brackets"',
      `description: 'it''s ${deepText}'`,
      `summary: see ${deepText} in plain text`,
      `notes: |\n  ${deepText}\n  {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\nafter: 1 # ${deepText}`,
      `owners: [a, [b, {c: [d]}], "${deepText}"]`,
      'injects:\n  - at: 5m\n    alerts:\n      - labels: {alertname: X, severity: high}\n        annotations:\n          summary: y',
      '---',
      '',
      'Body.',
    ].join('\n');
    expect(checkInputLimits(ok)).toBeUndefined();
    // The key's own level counts: `k:` and 31 brackets are 32 levels.
    expect(checkInputLimits('---\nk: ' + '['.repeat(31) + ']'.repeat(31) + '\n---\n')).toBeUndefined();
    expect(checkInputLimits('---\nk: ' + '['.repeat(32) + ']'.repeat(32) + '\n---\n')?.limit).toBe('max_frontmatter_depth');
  });

  it('reads its limits from the config (a lower limit refuses what the default accepts)', () => {
    expect(checkInputLimits(fm + '## A\n## B\n## C\n', { ...DEFAULT_LIMITS, max_headings: 2 })?.limit).toBe('max_headings');
  });
});

describe('the guarded path', () => {
  const { project } = fixtureProject();
  it('a document over a limit gets one fatal input-limits message and no parser runs (no stack overflow)', async () => {
    for (const body of ['1. '.repeat(3400) + 'x', '+ '.repeat(5000) + 'x', '>'.repeat(10_000) + ' x']) {
      const doc = await prepareFile(project, path.join(project.root, 'docs/x.md'), fm + body + '\n');
      expect(doc.tree).toBeUndefined();
      const { messages } = await checkLocal({ project, rules: new RuleSet(project, rules), now: NOW }, doc);
      expect(messages.map((m) => [m.ruleId, m.fatal])).toEqual([['input-limits', true]]);
    }
  });

  it('front matter nested 4,900 deep on one line is refused before YAML parses it (was: "Maximum call stack size exceeded")', async () => {
    const text = '---\ntitle: Deep front matter\ntype: reference\ntags: ' + '['.repeat(4900) + 'x' + ']'.repeat(4900) + '\n---\n\nText.\n';
    const doc = await prepareFile(project, path.join(project.root, 'docs/x.md'), text);
    const { messages } = await checkLocal({ project, rules: new RuleSet(project, rules), now: NOW }, doc);
    expect(messages.map((m) => [m.ruleId, m.line, m.column, m.message])).toEqual([
      [
        'input-limits',
        4,
        38,
        `Too many levels of nested lists and mappings in the front matter (33, the limit is 32): ${not} ${tail('max_frontmatter_depth')}`,
      ],
    ]);
  });

  it('the outline walk uses no recursion: a tree 50,000 levels deep does not overflow the stack', () => {
    let node: any = { type: 'text', value: 'deep' };
    for (let i = 0; i < 50_000; i++) node = { type: 'blockquote', children: [node] };
    const tree: Root = { type: 'root', children: [{ type: 'heading', depth: 2, children: [{ type: 'text', value: 'A' }] } as any, node] };
    const outline = buildOutline(tree, 'docs/x.md', {});
    expect(outline.sections[0].words).toBe(1);
  });
});
