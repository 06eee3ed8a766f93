/** Configuration that could hang or crash a run is refused when it is loaded, as a configuration error (exit 2). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LinearRegExp } from '../../plugins/lint/linear-regex';
import { ConfigError, loadProject } from '../../plugins/lint/load';
import { brief, lintDocs, projectWith } from './helpers';

function loadError(changes: Record<string, string>): string {
  const { root, cleanup } = projectWith(changes);
  try {
    loadProject(root);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  } finally {
    cleanup();
  }
  throw new Error('loaded without an error');
}

const config = (extra: string) => {
  const { root, cleanup } = projectWith({});
  const base = require('node:fs').readFileSync(path.join(root, 'handbook.config.yaml'), 'utf8') as string;
  cleanup();
  return base.replace(/^placeholders:[\s\S]*?(?=^\S)/m, '') + '\n' + extra + '\n';
};

describe('configured regular expressions', () => {
  it('a pattern that does not compile is a configuration error naming the setting and its line', () => {
    expect(loadError({ 'handbook.config.yaml': config('placeholders:\n  - "\\\\bTODO\\\\b"\n  - "[unclosed"') })).toMatch(
      /^handbook\.config\.yaml:\d+: placeholders\[1\] "\[unclosed" is not a usable regular expression: /,
    );
    expect(loadError({ 'handbook.config.yaml': config('placeholders:\n  - "(a)\\\\1"') })).toMatch(
      /placeholders\[0\] "\(a\)\\\\1" is not a usable regular expression: .*RE2: no backreferences or lookaround/,
    );
    expect(loadError({ 'handbook.config.yaml': config('placeholders: [TODO]\nsecrets_allowlist:\n  - "(?<=x)y"') })).toMatch(
      /secrets_allowlist\[0\] .* is not a usable regular expression/,
    );
  });

  it('a catastrophic pattern runs in linear time on RE2 (no hang), with the same matches as JavaScript would give', async () => {
    const re = new LinearRegExp('^(a+)+$');
    expect(re.test('a'.repeat(5000) + 'b')).toBe(false);
    expect(re.test('aaaa')).toBe(true);
    expect([...'x TODO y TODO'.matchAll(new LinearRegExp('TODO', 'g'))].map((m) => m.index)).toEqual([2, 9]);
  });

  it('the lint run uses RE2 for placeholders', async () => {
    const { root, cleanup } = projectWith({});
    try {
      writeFileSync(path.join(root, 'handbook.config.yaml'), config('placeholders:\n  - "(x+x+)+y"'));
      const { project } = loadProject(root);
      expect(project.config.placeholders).toEqual(['(x+x+)+y']);
    } finally {
      cleanup();
    }
    expect(
      brief(
        await lintDocs({ 'docs/p.md': '---\ntitle: Placeholder page\ntype: reference\n---\n\nWrite TODO here.\n' }, 'docs/p.md', { rule: 'no-placeholders' }),
      ),
    ).toEqual([[6, 7, 'Placeholder "TODO" left in the document: replace it with the real content']]);
  });
});

describe('schema references', () => {
  it('a $ref to a remote URL or outside schemas/ is a configuration error naming the file', () => {
    const schema = (ref: string) =>
      JSON.stringify({ $id: 'https://incident-handbook.dev/schemas/evil.schema.json', type: 'object', properties: { x: { $ref: ref } } });
    const outside = projectWith({});
    try {
      // projectWith copies the fixture with its schemas folder dereferenced: a real folder of our own.
      const fs = require('node:fs') as typeof import('node:fs');
      const dir = path.join(outside.root, 'schemas');
      fs.writeFileSync(path.join(dir, 'evil.schema.json'), schema('https://attacker.example/x.json'));
      expect(() => loadProject(outside.root)).toThrow(
        'schemas/evil.schema.json: "$ref": "https://attacker.example/x.json" points outside the schemas folder: a reference must name a schema in schemas/ (by its file name or $id)',
      );
      fs.writeFileSync(path.join(dir, 'evil.schema.json'), schema('../../outside.json'));
      expect(() => loadProject(outside.root)).toThrow('schemas/evil.schema.json: "$ref": "../../outside.json" points outside the schemas folder');
    } finally {
      outside.cleanup();
    }
  });
});
