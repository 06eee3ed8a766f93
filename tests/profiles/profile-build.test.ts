/**
 * Scale profiles, tested by building each. For every profile in profiles/ whose registries differ from data/, a copy of
 * the handbook switches to it with `handbook profile use`, and a few roles are renamed in data/ as an adopter would.
 * The variant must then lint with errors exactly where a page still names an old role id; once those places are
 * changed it must lint clean, the production build must succeed and the built pages must show no "[unknown ...]",
 * "Unknown role" or "No escalation policy" fragment (scripts/scan-site.mjs).
 *
 * Nothing here names the sample organisation's levels or roles: they come from data/ and profiles/. All variants are
 * built in one temporary copy, one after the other, so the second build reuses the first one's rspack cache (kept in
 * the copy's own node_modules/.cache, never in the repository's).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProfiles, type Profile } from '../../plugins/lib/profiles';

const REPO = path.resolve(__dirname, '../..');
/** What `docusaurus build`, the handbook CLI and the site scan read. */
const BUILD_INPUTS = [
  'package.json',
  'tsconfig.json',
  'docusaurus.config.ts',
  'sidebars.ts',
  'sidebars.runbooks.ts',
  'handbook.config.yaml',
  'src',
  'static',
  'plugins',
  'scripts',
  'schemas',
];
/** What a variant changes: copied afresh for each variant. */
const CONTENT = ['data', 'profiles', 'docs', 'runbooks', 'incidents', 'monitoring'];
const ENV = { ...process.env, HANDBOOK_NOW: undefined, HANDBOOK_LINT: undefined, NO_COLOR: '1', FORCE_COLOR: '0' };
const RENAMED_ROLES = 3;

interface LintFile {
  filePath: string;
  messages: { line: number; column: number; message: string; severity: number; ruleId: string | null }[];
}

const yamlOf = (file: string): unknown => parse(readFileSync(file, 'utf8'));
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An id as a token: not part of a longer id, a path (/roles/x) or an anchor (#x). */
const idToken = (id: string) => new RegExp(`(?<![\\w./#-])${escapeRe(id)}(?![\\w-])`, 'g');

/** A profile whose every registry file parses to the same value as data/'s is the shipped scale: nothing to build. */
function differsFromData(p: Profile): boolean {
  return p.files.some((f) => !existsSync(path.join(REPO, 'data', f)) || !isDeepStrictEqual(yamlOf(path.join(p.dir, f)), yamlOf(path.join(REPO, 'data', f))));
}

/** A few roles an adopter would rename: the incident commander, the scribe (by function) and the last role listed. */
function rolesToRename(): string[] {
  const roles = (yamlOf(path.join(REPO, 'data/roles.yaml')) as { roles: { id: string; function?: string }[] }).roles;
  const picked = [roles.find((r) => r.function === 'command'), roles.find((r) => r.function === 'scribe'), roles[roles.length - 1]];
  return [...new Set(picked.filter((r) => r !== undefined).map((r) => r.id))].slice(0, RENAMED_ROLES);
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && /\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

function run(cwd: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: ENV, maxBuffer: 256 * 1024 * 1024 });
}

const profiles = listProfiles(REPO);
const variants: { id: string; profile?: Profile }[] = profiles.filter(differsFromData).map((p) => ({ id: p.id, profile: p }));
// An organisation with no other scale still proves that renamed roles build.
if (!variants.length) variants.push({ id: 'renamed-roles' });

let tmp: string;
const renames = rolesToRename().map((id) => ({ from: id, to: `${id}-renamed` }));

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'handbook-profile-build-'));
  for (const part of BUILD_INPUTS) if (existsSync(path.join(REPO, part))) cpSync(path.join(REPO, part), path.join(tmp, part), { recursive: true });
  // The repository's packages, one symlink each, in a real node_modules folder: the build's cache (.cache) stays here.
  mkdirSync(path.join(tmp, 'node_modules'));
  for (const name of readdirSync(path.join(REPO, 'node_modules'))) {
    if (name === '.cache' || name === '.package-lock.json') continue;
    symlinkSync(path.join(REPO, 'node_modules', name), path.join(tmp, 'node_modules', name));
  }
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.each(variants)('variant $id with renamed roles', ({ profile }) => {
  it('switches the scale and lints with an error exactly where a page still names an old role', () => {
    expect(renames.length).toBeGreaterThan(0);
    for (const part of CONTENT) {
      rmSync(path.join(tmp, part), { recursive: true, force: true });
      if (existsSync(path.join(REPO, part))) cpSync(path.join(REPO, part), path.join(tmp, part), { recursive: true });
    }
    rmSync(path.join(tmp, '.handbook-cache'), { recursive: true, force: true });

    if (profile) {
      const use = run(tmp, ['scripts/handbook.mjs', 'profile', 'use', profile.id]);
      expect(use.stderr).toBe('');
      expect(use.status).toBe(0);
      const levels = (yamlOf(path.join(tmp, 'data/severity.yaml')) as { levels: { id: string }[] }).levels.map((l) => l.id);
      expect(levels).toEqual(profile.levels);
    }

    // Rename the roles everywhere in data/ (registries, rotations, contacts, escalation, training...), not in pages.
    // A role's `function:` is a fixed vocabulary that may share a word with an id: it stays.
    for (const file of walk(path.join(tmp, 'data'))) {
      const before = readFileSync(file, 'utf8');
      const after = before
        .split('\n')
        .map((l) => (/^\s*function:/.test(l) ? l : renames.reduce((s, r) => s.replace(idToken(r.from), r.to), l)))
        .join('\n');
      if (after !== before) writeFileSync(file, after);
    }

    const lint = run(tmp, ['scripts/handbook.mjs', 'lint', '--quiet', '--format', 'json']);
    expect(lint.stderr).toBe('');
    const results = JSON.parse(lint.stdout) as LintFile[];
    const errors = results.flatMap((f) => f.messages.filter((m) => m.severity === 2).map((m) => ({ file: path.resolve(tmp, f.filePath), ...m })));
    // The sample pages name every role somewhere, so renaming must break something; otherwise the test proves nothing.
    expect(errors.length).toBeGreaterThan(0);
    expect(lint.status).toBe(1);

    // Every error is at a line that names an old role id, and says which one. The one exception is data/ naming a
    // renamed role that no page describes yet: reported where the registry names it, it goes once the page changes.
    const lines = new Map<string, string[]>();
    const lineOf = (file: string, line: number) => {
      if (!lines.has(file)) lines.set(file, readFileSync(file, 'utf8').split('\n'));
      return lines.get(file)![line - 1] ?? '';
    };
    const stalePlace = (e: (typeof errors)[number]) => renames.some((r) => idToken(r.from).test(lineOf(e.file, e.line)) && e.message.includes(`"${r.from}"`));
    const registryNamesNewId = (e: (typeof errors)[number]) =>
      path.relative(tmp, e.file).startsWith(`data${path.sep}`) && renames.some((r) => idToken(r.to).test(lineOf(e.file, e.line)) && e.message.includes(r.to));
    const misplaced = errors
      .filter((e) => !stalePlace(e) && !registryNamesNewId(e))
      .map((e) => `${path.relative(tmp, e.file)}:${e.line}:${e.column} ${e.message} (${e.ruleId})`);
    expect(misplaced).toEqual([]);
    expect(errors.filter(stalePlace).length).toBeGreaterThan(0);

    // Change exactly those lines, as the messages ask.
    for (const [file, text] of lines) {
      const at = new Set(errors.filter((e) => e.file === file && stalePlace(e)).map((e) => e.line - 1));
      if (!at.size) continue;
      const fixed = text.map((l, i) => (at.has(i) ? renames.reduce((s, r) => s.replace(idToken(r.from), r.to), l) : l));
      writeFileSync(file, fixed.join('\n'));
    }
    const again = run(tmp, ['scripts/handbook.mjs', 'lint', '--quiet', '--format', 'json']);
    const left = (JSON.parse(again.stdout) as LintFile[]).flatMap((f) =>
      f.messages.filter((m) => m.severity === 2).map((m) => `${f.filePath}:${m.line}:${m.column} ${m.message}`),
    );
    expect(left).toEqual([]);
    expect(again.status).toBe(0);
  });

  it('builds, and the built pages show no unknown fragment', () => {
    rmSync(path.join(tmp, 'build'), { recursive: true, force: true });
    const build = run(tmp, ['node_modules/@docusaurus/core/bin/docusaurus.mjs', 'build']);
    const tail = `${build.stdout}\n${build.stderr}`.split('\n').slice(-40).join('\n');
    expect(build.status, tail).toBe(0);
    const scan = run(tmp, ['scripts/scan-site.mjs']);
    const fragments = scan.stdout.split('\n').filter((l) => /\[unknown|Unknown role|No escalation policy/i.test(l));
    expect(fragments).toEqual([]);
    expect(scan.status, scan.stdout + scan.stderr).toBe(0);
  });
});
