/** Hostile and broken inputs, shared by the robustness test and bench/pathological.mjs. */
const fm = '---\ntitle: Pathological input\ntype: reference\n---\n\n';

export const PATHOLOGICAL: Record<string, string | Buffer> = {
  'brackets.md': fm + '['.repeat(50_000) + '\n',
  'emphasis.md': fm + '*'.repeat(65_000) + 'a' + '*'.repeat(65_000) + '\n',
  'deep-list.md': fm + Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item\n`).join(''),
  'link-references.md': fm + Array.from({ length: 800_000 / 20 }, (_, i) => `[r${i}]: /x${i}\n`).join(''),
  'huge.md': fm + ('x'.repeat(99) + '\n').repeat(210_000),
  'one-long-line.md': fm + 'word '.repeat(200_000) + '\n',
  'nested-quotes.md': fm + '>'.repeat(10_000) + ' deep\n',
  'invalid-utf8.md': Buffer.concat([Buffer.from('---\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\ntype: reference\n---\n')]),
  'nul-byte.md': Buffer.from('---\ntitle: x\u0000y\ntype: reference\n---\n'),
  'unterminated.md': '---\ntitle: No end\ntype: reference\n\n## Body\n',
  'tabs.md': '---\ntitle: Tabs\n\ttype: reference\n---\n',
  'ordered-markers.md': fm + '1. '.repeat(3400) + 'x\n',
  'plus-markers.md': fm + '+ '.repeat(4000) + 'x\n',
  'headings.md': fm + '## Heading\n'.repeat(60_000),
  'wide-table.md': fm + '|' + 'a|'.repeat(4000) + '\n|' + '-|'.repeat(4000) + '\n',
  'many-keys.md': '---\ntitle: Many keys\ntype: reference\n' + Array.from({ length: 20_000 }, (_, i) => `k${i}: v\n`).join('') + '---\n',
  'deep-frontmatter.md': '---\ntitle: Deep front matter\ntype: reference\ntags: ' + '['.repeat(4900) + 'x' + ']'.repeat(4900) + '\n---\n',
  'js-engine.md': '---js\n{ title: (function(){ globalThis.__pwned = true; return "x" })() }\n---\n',
};
