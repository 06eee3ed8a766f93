import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../../plugins/lint/linter';
import { rules } from '../../../plugins/lint/rules/index';
import type { FileResult } from '../../../plugins/lint/types';
import { NOW, OK, projectWith } from '../helpers';
import { PATHOLOGICAL } from './pathological';

let root: string;
let cleanup: () => void;
let results: FileResult[];

beforeAll(async () => {
  ({ root, cleanup } = projectWith({}));
  const dir = path.join(root, 'docs');
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(PATHOLOGICAL)) writeFileSync(path.join(dir, name), content);
  writeFileSync(path.join(dir, 'fine.md'), OK);
  writeFileSync(path.join(dir, 'bom.md'), '\uFEFF' + OK);
  writeFileSync(path.join(dir, 'crlf.md'), OK.replace(/\n/g, '\r\n'));
  mkdirSync(path.join(dir, 'loop'));
  symlinkSync('.', path.join(dir, 'loop', 'again'));
  symlinkSync('self.md', path.join(dir, 'self.md'));
  execFileSync('mkfifo', [path.join(dir, 'fifo.md')]);
  writeFileSync(Buffer.from(path.join(dir, 'caf\xe9.md'), 'latin1'), OK);
  // No time budget in play: the deterministic input limits decide, so the verdicts are the same on a loaded machine.
  results = await createLinter({ root, rules, now: NOW, workers: 2 }).lintFiles(['docs']);
}, 120_000);
afterAll(() => cleanup?.());

const byName = (name: string) => results.find((r) => r.relPath === `docs/${name}`);
const first = (name: string) => {
  const r = byName(name);
  return r && r.messages[0] && [r.messages[0].ruleId, r.messages[0].message];
};

describe('pathological input', () => {
  const limit = (name: string) => {
    const m = byName(name)!.messages;
    return m.length === 1 && m[0].fatal ? [m[0].ruleId, m[0].message.replace(/ \(\d+, the limit is \d+\).*$/, '')] : m.map((x) => x.message);
  };
  it.each([
    ['brackets.md', 'Too many characters on one line'],
    ['emphasis.md', 'Too many characters on one line'],
    ['deep-list.md', 'Too many nested block quotes and list items on one line'],
    ['nested-quotes.md', 'Too many characters on one line'],
    ['one-long-line.md', 'Too many characters on one line'],
    ['ordered-markers.md', 'Too many characters on one line'],
    ['plus-markers.md', 'Too many nested block quotes and list items on one line'],
    ['headings.md', 'Too many headings in one document'],
    ['wide-table.md', 'Too many cells in one table row'],
    ['many-keys.md', 'Too many keys in the front matter'],
    ['deep-frontmatter.md', 'Too many levels of nested lists and mappings in the front matter'],
  ])('%s is refused by a deterministic input limit, before parsing', (name, message) => {
    expect(limit(name)).toEqual(['input-limits', message]);
  });

  it('files over the size limit are refused with their size', () => {
    expect(first('huge.md')).toEqual(['file-read', 'File is too large to check (20.0 MiB, the limit is 1.0 MiB): split it into smaller documents']);
    expect(first('link-references.md')?.[1]).toMatch(/^File is too large to check \(0\.\d MiB|^File is too large|^Too many/);
  });

  it('reports encoding problems with a position', () => {
    expect(first('invalid-utf8.md')).toEqual(['file-read', 'File is not valid UTF-8: save it with UTF-8 encoding']);
    expect(byName('invalid-utf8.md')!.messages[0]).toMatchObject({ line: 2, column: 11 });
    expect(first('nul-byte.md')).toEqual(['file-read', 'File contains a NUL byte: it looks binary, not Markdown']);
    expect(first('bom.md')).toEqual(['file-encoding', 'File starts with a byte order mark (BOM): save it as UTF-8 without BOM']);
    expect(first('crlf.md')).toEqual(['file-encoding', 'File uses CRLF line endings: convert it to LF (git config core.autocrlf input)']);
  });

  it('reports broken front matter and never runs ---js', () => {
    expect(first('unterminated.md')).toEqual(['frontmatter-syntax', 'Front matter is not closed: add a line with only --- after the last key']);
    expect(first('tabs.md')?.[0]).toBe('frontmatter-syntax');
    expect(first('js-engine.md')?.[1]).toMatch(/^Front matter language "js" is not allowed/);
    expect((globalThis as any).__pwned).toBeUndefined();
  });

  it('does not follow symlinks or block on special files', async () => {
    const link = 'Symbolic link: documents must be regular files in the repository (a link can publish files from outside it)';
    expect(first('loop/again')).toEqual(['file-read', link]);
    expect(first('self.md')).toEqual(['file-read', link]);
    // Named explicitly, a FIFO is refused after a stat instead of blocking the read forever.
    const fifo = await createLinter({ root, rules, now: NOW, workers: 1 }).lintFiles(['docs/fifo.md']);
    const r = fifo.find((x) => x.relPath === 'docs/fifo.md')!;
    expect([r.messages[0].ruleId, r.messages[0].message]).toEqual([
      'file-read',
      'Not a regular file (a device, socket or pipe); only regular files can be documents',
    ]);
  });

  it('checks every other file fully, including a non-UTF-8 file name', () => {
    expect(byName('fine.md')!.messages).toEqual([]);
    const odd = results.find((r) => r.relPath.startsWith('docs/caf'))!;
    expect(odd.messages.map((m) => m.message)).toEqual(['The file name is not valid UTF-8: rename the file using UTF-8 characters']);
  });
});
