import { accessSync, chmodSync, constants, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../plugins/lint/linter';
import { rules } from '../../plugins/lint/rules/index';
import type { FileResult } from '../../plugins/lint/types';
import { brief, FIXTURE, lintDocs, NOW, projectWith, OK } from './helpers';

const TYPES = 'runbook, policy, procedure, role, template, postmortem, training-module, exercise, incident, reference, evidence';

let root: string;
let cleanup: () => void;
let results: FileResult[];
let lockedIsReadable = false;

beforeAll(async () => {
  // P2 loses its required "name": a broken data file in the same run as the broken documents.
  const severity = readFileSync(path.join(FIXTURE, 'data/severity.yaml'), 'utf8').replace('    name: Significant\n', '');
  ({ root, cleanup } = projectWith({ 'data/severity.yaml': severity }));
  const docs = path.join(root, 'docs');
  mkdirSync(docs);
  const write = (name: string, content: string | Buffer) => writeFileSync(path.join(docs, name), content);
  write('ok.md', OK);
  write('todo.md', OK.replace('has no problems', 'has TODO problems'));
  write('broken-yaml.md', OK.replace('type: reference', 'type: reference: page'));
  write('duplicate-key.md', OK.replace('type: reference', 'type: reference\ntitle: Again'));
  write('js.md', OK.replace(/^---\n/, '---js\nprocess.exit(1)\n'));
  write('latin1.md', Buffer.from(OK.replace('fine and', 'fin\u00e9 and'), 'latin1'));
  write('nul.md', OK.replace('at all', 'at\u0000all'));
  write('bom.md', '\uFEFF' + OK);
  write('crlf.md', OK.replace(/\n/g, '\r\n'));
  write('empty.md', '');
  write('unknown-type.md', OK.replace('type: reference', 'type: playbook'));
  mkdirSync(path.join(docs, 'x.md'));
  symlinkSync('missing.md', path.join(docs, 'dangling.md'));
  write('locked.md', OK);
  chmodSync(path.join(docs, 'locked.md'), 0);
  try {
    accessSync(path.join(docs, 'locked.md'), constants.R_OK);
    lockedIsReadable = true; // root reads it anyway
  } catch {
    lockedIsReadable = false;
  }
  results = await createLinter({ root, rules, now: NOW, ruleLevels: { 'data-consistency': 'off' }, workers: 0 }).lintFiles();
});
afterAll(() => cleanup?.());

const result = (rel: string) => {
  const r = results.find((x) => x.relPath === rel);
  if (!r) throw new Error(`no result for ${rel}`);
  return r;
};
const messages = (rel: string) => result(rel).messages.map((m) => [m.ruleId, m.line, m.column, m.message]);

describe('lintProject on bad input', () => {
  const cases: [string, string, (string | number)[]][] = [
    ['broken YAML', 'docs/broken-yaml.md', ['frontmatter-syntax', 3, 7, 'Front matter is not valid YAML: Nested mappings are not allowed in compact mappings']],
    ['a duplicate key', 'docs/duplicate-key.md', ['frontmatter-syntax', 4, 1, 'Duplicate front matter key: each key may appear only once']],
    [
      '---js front matter',
      'docs/js.md',
      [
        'frontmatter-syntax',
        1,
        1,
        'Front matter language "js" is not allowed: only YAML front matter is accepted (other engines can run code during the build). Replace "---js" with "---"',
      ],
    ],
    ['a byte that is not UTF-8', 'docs/latin1.md', ['file-read', 8, 17, 'File is not valid UTF-8: save it with UTF-8 encoding']],
    ['a NUL byte', 'docs/nul.md', ['file-read', 8, 41, 'File contains a NUL byte: it looks binary, not Markdown']],
    ['a byte order mark', 'docs/bom.md', ['file-encoding', 1, 1, 'File starts with a byte order mark (BOM): save it as UTF-8 without BOM']],
    ['CRLF line endings', 'docs/crlf.md', ['file-encoding', 1, 1, 'File uses CRLF line endings: convert it to LF (git config core.autocrlf input)']],
    ['an empty file', 'docs/empty.md', ['file-read', 1, 1, 'File is empty: add front matter with a title and a type, or delete it']],
    ['a directory named x.md', 'docs/x.md', ['file-read', 1, 1, 'This is a directory named like a document; rename it or move its files']],
    [
      'a symbolic link to a missing file',
      'docs/dangling.md',
      ['file-read', 1, 1, 'Symbolic link: documents must be regular files in the repository (a link can publish files from outside it)'],
    ],
    ['an unknown type', 'docs/unknown-type.md', ['frontmatter-schema', 3, 7, `Unknown document type "playbook": use one of ${TYPES}`]],
  ];
  it.each(cases)('%s: exactly one message with file, line and rule id', (_name, rel, expected) => {
    expect(messages(rel)).toEqual([expected]);
    const r = result(rel);
    expect(r.filePath).toBe(path.join(root, rel));
    expect(r.errorCount).toBe(1);
  });

  it('marks the messages that stop checking a file as fatal', () => {
    for (const rel of ['docs/broken-yaml.md', 'docs/js.md', 'docs/latin1.md', 'docs/empty.md', 'docs/x.md', 'docs/dangling.md'])
      expect(result(rel).fatalErrorCount).toBe(1);
    for (const rel of ['docs/bom.md', 'docs/crlf.md', 'docs/unknown-type.md']) expect(result(rel).fatalErrorCount).toBe(0);
  });

  it('reports an unreadable file (unless this user can read it anyway)', () => {
    if (lockedIsReadable) {
      // Running as root: the file is read like any other.
      expect(messages('docs/locked.md')).toEqual([]);
    } else {
      expect(messages('docs/locked.md')).toEqual([['file-read', 1, 1, 'Cannot read file: permission denied; make it readable (chmod a+r)']]);
    }
  });

  it('still lints the valid files of the same run', () => {
    expect(messages('docs/ok.md')).toEqual([]);
    expect(messages('docs/todo.md')).toEqual([['no-placeholders', 8, 27, 'Placeholder "TODO" left in the document: replace it with the real content']]);
    const checked = results.map((r) => r.relPath).filter((p) => p.startsWith('docs/'));
    expect(checked).toEqual([...checked].sort());
    expect(checked).toHaveLength(14);
  });

  it('reports a broken data file with its file and line, before any document', () => {
    expect(results[0].relPath).toBe('data/severity.yaml');
    expect(results[0].filePath).toBe(path.join(root, 'data/severity.yaml'));
    expect(results[0].messages.map((m) => [m.ruleId, m.line, m.column, m.message])).toEqual([['data-schema', 68, 5, '"levels[2]" is missing "name"']]);
    expect(results.slice(1).every((r) => r.relPath.startsWith('docs/'))).toBe(true);
  });
});

describe('inline disable comments', () => {
  const FILE = 'docs/page.md';
  const page = (body: string) => `---\ntitle: Disable test page\ntype: reference\n---\n\n## About\n\n${body}`;
  const lint = (text: string, file = FILE) => lintDocs({ [file]: text }, file).then((ms) => ms.map((m) => [m.ruleId, m.line, m.column, m.message]));
  const TODO = (line: number, column: number) => ['no-placeholders', line, column, 'Placeholder "TODO" left in the document: replace it with the real content'];

  it('silences the named rule on the next line only', async () => {
    const text = page('<!-- handbook-disable-next-line no-placeholders -- example in a template -->\nOwner: TODO.\n\nOwner: TODO.\n');
    expect(await lint(text)).toEqual([TODO(11, 8)]);
  });

  it('works with several rule ids and in MDX comments', async () => {
    const text = page('{/* handbook-disable-next-line no-placeholders, heading-structure -- a worked example */}\n#### TODO heading\n');
    expect(await lint(text, 'docs/page.mdx')).toEqual([]);
  });

  it('does not silence other rules', async () => {
    const text = page('<!-- handbook-disable-next-line heading-structure -- not this rule -->\nOwner: TODO.\n');
    expect(await lint(text)).toEqual([TODO(9, 8)]);
  });

  it('needs a reason, and without one silences nothing', async () => {
    const text = page('<!-- handbook-disable-next-line no-placeholders -->\nOwner: TODO.\n');
    expect(await lint(text)).toEqual([
      ['inline-config', 8, 1, 'Disable comment needs a reason after "--", e.g. "-- example placeholder in a template"'],
      TODO(9, 8),
    ]);
  });

  it('reports unknown rule ids', async () => {
    const text = page('<!-- handbook-disable-next-line no-placeholderz -- typo -->\nOwner: TODO.\n');
    expect(await lint(text)).toEqual([['inline-config', 8, 1, 'Unknown rule "no-placeholderz" in disable comment'], TODO(9, 8)]);
  });

  it('reports a comment without rule ids', async () => {
    const text = page('<!-- handbook-disable-next-line -->\nText.\n');
    expect(await lint(text)).toEqual([['inline-config', 8, 1, 'Malformed disable comment: write "handbook-disable-next-line <rule-id> -- <reason>"']]);
  });

  it('accepts engine rule ids', async () => {
    const text = page('<!-- handbook-disable-next-line file-encoding -- checked elsewhere -->\nText.\n');
    expect(brief(await lintDocs({ [FILE]: text }, FILE))).toEqual([]);
  });
});
