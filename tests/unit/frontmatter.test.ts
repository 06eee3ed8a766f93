import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { prepareFile } from '../../plugins/lint/engine';
import { frontMatterPosition, parseFrontMatter } from '../../plugins/lint/frontmatter';
import { fixtureProject } from './helpers';

/** [line, column, message] of each problem, like the rule tests. */
const problems = (text: string) => parseFrontMatter(text).problems.map((p) => [p.at.start.line, p.at.start.column, p.message]);
const NOT_CLOSED = 'Front matter is not closed: add a line with only --- after the last key';
const NOT_MAPPING = 'Front matter must be a mapping of keys to values (key: value lines)';
const ALIASES = 'YAML aliases (*name) are not allowed in front matter: write the value out';
const language = (lang: string) =>
  `Front matter language "${lang}" is not allowed: only YAML front matter is accepted (other engines can run code during the build). Replace "---${lang}" with "---"`;

describe('parseFrontMatter', () => {
  it('parses a YAML mapping, keeps the body and counts the lines', () => {
    const r = parseFrontMatter('---\ntitle: Hello\ntype: reference\ncount: 3\ntags: [a, b]\n---\n\n# Body\n');
    expect(r.problems).toEqual([]);
    expect(r.data).toEqual({ title: 'Hello', type: 'reference', count: 3, tags: ['a', 'b'] });
    expect(r.content).toBe('\n# Body\n');
    expect(r.startLine).toBe(2);
    expect(r.lineCount).toBe(6);
  });

  it('keeps dates, timestamps and yes/no as strings (YAML 1.2 core schema)', () => {
    const r = parseFrontMatter(
      '---\nlast_reviewed: 2026-10-01\ndetected_at: 2026-10-01T10:15:00Z\nanswer: yes\noff_value: off\nflag: true\nempty: null\n---\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.data).toEqual({ last_reviewed: '2026-10-01', detected_at: '2026-10-01T10:15:00Z', answer: 'yes', off_value: 'off', flag: true, empty: null });
    expect(typeof r.data.last_reviewed).toBe('string');
  });

  const valid: [string, string, Record<string, unknown>][] = [
    ['no front matter', '# Just a body\n', {}],
    ['an explicit yaml language', '---yaml\ntitle: Hi\n---\nx', { title: 'Hi' }],
    ['an empty block', '---\n---\nbody', {}],
    ['a block closed with ...', '---\ntitle: A\n...\nbody', { title: 'A' }],
    ['a comment-only block', '---\n# nothing yet\n---\n', {}],
  ];
  it.each(valid)('valid: %s', (_name, text, data) => {
    const r = parseFrontMatter(text);
    expect(r.problems).toEqual([]);
    expect(r.data).toEqual(data);
  });

  const invalid: [string, string, (string | number)[][]][] = [
    ['unterminated', '---\ntitle: Hi\n\n# Body\n', [[1, 1, NOT_CLOSED]]],
    ['only an opening fence', '---', [[1, 1, NOT_CLOSED]]],
    ['a duplicate key', '---\ntitle: A\ntype: reference\ntitle: B\n---\n', [[4, 1, 'Duplicate front matter key: each key may appear only once']]],
    ['a __proto__ key', '---\ntitle: A\n__proto__: {polluted: true}\n---\n', [[3, 1, 'Front matter key "__proto__" is not allowed']]],
    ['a quoted __proto__ key', '---\ntitle: A\n"__proto__": {polluted: true}\n---\n', [[3, 1, 'Front matter key "__proto__" is not allowed']]],
    ['a nested constructor key', '---\ntitle: A\nnested:\n  constructor: x\n---\n', [[4, 3, 'Front matter key "constructor" is not allowed']]],
    [
      'a constructor key in a list of mappings',
      '---\nitems:\n  - {name: a}\n  - {constructor: b}\n---\n',
      [[4, 6, 'Front matter key "constructor" is not allowed']],
    ],
    ['a prototype key', '---\nprototype: x\n---\n', [[2, 1, 'Front matter key "prototype" is not allowed']]],
    ['an alias', '---\nbase: &b x\ncopy: *b\n---\n', [[3, 7, ALIASES]]],
    ['a merge key', '---\nbase: &b {x: 1}\nc:\n  <<: *b\n---\n', [[4, 7, ALIASES]]],
    ['tabs as indentation', '---\ntitle: A\nnested:\n\tkey: x\n---\n', [[4, 1, 'Front matter is not valid YAML: Tabs are not allowed as indentation']]],
    ['a list instead of a mapping', '---\n- a\n- b\n---\n', [[2, 1, NOT_MAPPING]]],
    ['a plain string instead of a mapping', '---\njust a sentence\n---\n', [[2, 1, NOT_MAPPING]]],
    ['a number instead of a mapping', '---\n42\n---\n', [[2, 1, NOT_MAPPING]]],
    ['a js language', '---js\nmodule.exports = {}\n---\n', [[1, 1, language('js')]]],
    [
      'an upper-case JS language after a space',
      '--- JS\n{}\n---\n',
      [
        [
          1,
          1,
          'Front matter language "JS" is not allowed: only YAML front matter is accepted (other engines can run code during the build). Replace "--- JS" with "---"',
        ],
      ],
    ],
    ['a toml language', '---toml\ntitle = "x"\n---\n', [[1, 1, language('toml')]]],
  ];
  it.each(invalid)('invalid: %s', (_name, text, expected) => {
    const r = parseFrontMatter(text);
    expect(problems(text)).toEqual(expected);
    expect(r.data).toEqual({});
  });

  it("reports broken YAML with the parser's message and position", () => {
    expect(problems('---\ntitle: Hello\ntype: a: b\n---\n')).toEqual([
      [3, 7, 'Front matter is not valid YAML: Nested mappings are not allowed in compact mappings'],
    ]);
    // An unclosed quote is only noticed at the end of the block, on the closing fence.
    expect(problems('---\ntitle: "unclosed\ntype: reference\n---\n')).toEqual([[4, 1, 'Front matter is not valid YAML: Missing closing "quote']]);
  });

  it.each([
    ['js', '---js\n'],
    ['javascript', '---javascript\n'],
  ])('never runs ---%s front matter', (lang, open) => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    try {
      const g = globalThis as Record<string, unknown>;
      const text = `${open}process.exit(1);\nglobalThis.__handbookPwned = true;\nmodule.exports = { title: (() => { globalThis.__handbookPwned = true; return "x"; })() };\n---\n\n# Body\n`;
      const r = parseFrontMatter(text);
      expect(r.problems.map((p) => p.message)).toEqual([language(lang)]);
      expect(r.data).toEqual({});
      expect(g.__handbookPwned).toBeUndefined();
      expect(exit).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
    }
  });

  it('never pollutes Object.prototype', () => {
    parseFrontMatter('---\n__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\n---\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses a billion-laughs alias bomb without expanding it', () => {
    const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
      const prev = String.fromCharCode('a'.charCodeAt(0) + i);
      lol.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    // Refused at the first alias, before toJS: nothing is expanded (9^9 strings if it were). No duration is asserted.
    const r = parseFrontMatter(`---\n${lol.join('\n')}\n---\n`);
    expect(problems(`---\n${lol.join('\n')}\n---\n`)).toEqual([[3, 8, ALIASES]]);
    expect(r.data).toEqual({});
  });

  it('gives the position of a key path: the value of a key, a list item, or the nearest parent', () => {
    const fm = parseFrontMatter('---\ntitle: Hello\nservices:\n  - api\n  - db\nroles: {ic: "@grace"}\n---\n');
    expect(frontMatterPosition(fm, ['title']).start).toEqual({ line: 2, column: 8 });
    expect(frontMatterPosition(fm, ['services', 1]).start).toEqual({ line: 5, column: 5 });
    expect(frontMatterPosition(fm, ['roles', 'ic']).start).toEqual({ line: 6, column: 13 });
    expect(frontMatterPosition(fm, ['services', 7]).start).toEqual({ line: 3, column: 1 });
    expect(frontMatterPosition(fm, ['missing']).start).toEqual({ line: 2, column: 1 });
  });
});

describe('byte order marks and CRLF line endings (the engine)', () => {
  const { project } = fixtureProject();
  const TEXT = '---\ntitle: A reference page\ntype: reference\n---\n\n## About\n\nText.\n';
  const dir = mkdtempSync(path.join(tmpdir(), 'handbook-fm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('normalises text handed over by the build (BOM dropped, CRLF to LF) without a message', async () => {
    const doc = await prepareFile(project, path.join(project.root, 'docs/a.md'), '\uFEFF' + TEXT.replace(/\n/g, '\r\n'));
    expect(doc.fatal).toBeUndefined();
    expect(doc.early).toEqual([]);
    expect(doc.text).toBe(TEXT);
    expect(doc.fm?.data).toEqual({ title: 'A reference page', type: 'reference' });
  });

  it.each([
    ['a BOM', 'bom.md', '\uFEFF' + TEXT, ['File starts with a byte order mark (BOM): save it as UTF-8 without BOM']],
    ['CRLF line endings', 'crlf.md', TEXT.replace(/\n/g, '\r\n'), ['File uses CRLF line endings: convert it to LF (git config core.autocrlf input)']],
    [
      'both',
      'both.md',
      '\uFEFF' + TEXT.replace(/\n/g, '\r\n'),
      [
        'File starts with a byte order mark (BOM): save it as UTF-8 without BOM',
        'File uses CRLF line endings: convert it to LF (git config core.autocrlf input)',
      ],
    ],
  ])('reports %s in a file on disk, and still parses its front matter', async (_name, file, content, messages) => {
    writeFileSync(path.join(dir, file), content);
    const doc = await prepareFile(project, path.join(dir, file));
    expect(doc.fatal).toBeUndefined();
    expect(doc.early.map((m) => [m.ruleId, m.line, m.column, m.message])).toEqual(messages.map((m) => ['file-encoding', 1, 1, m]));
    expect(doc.text).toBe(TEXT);
    expect(doc.fm?.data).toEqual({ title: 'A reference page', type: 'reference' });
  });
});
