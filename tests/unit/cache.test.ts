/** The lint cache: where it lives, what it is bound to, and that a planted or stale cache is never trusted. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertUntracked, cacheHome, cacheKey, codeHash, defaultCacheLocation, hashBuffer, machineKey } from '../../plugins/lint/cache';
import { createLinter } from '../../plugins/lint/linter';
import { rules } from '../../plugins/lint/rules/index';
import type { DocumentRule } from '../../plugins/lint/types';
import { NOW, OK, projectWith } from './helpers';

const home = mkdtempSync(path.join(tmpdir(), 'handbook-cache-home-'));
process.env.XDG_CACHE_HOME = home;

let root: string;
let cleanup: () => void;
const TODO = `${OK}\nOwner: TODO.\n`;

beforeAll(() => {
  ({ root, cleanup } = projectWith({}));
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  writeFileSync(path.join(root, 'docs/todo.md'), TODO);
  writeFileSync(path.join(root, 'docs/ok.md'), OK);
});
afterAll(() => {
  cleanup?.();
  rmSync(home, { recursive: true, force: true });
});

const lint = (location?: string) =>
  createLinter({ root, rules, now: NOW, workers: 0, cache: { location }, ruleLevels: { 'data-consistency': 'off' } }).lintFiles(['docs']);
const errorsIn = async (rel: string, location?: string) => (await lint(location)).find((r) => r.relPath === rel)!.errorCount;

describe('cache location and machine key', () => {
  it('lives in the user cache folder (XDG_CACHE_HOME), outside the repository', async () => {
    expect(cacheHome()).toBe(path.join(home, 'incident-handbook'));
    const location = defaultCacheLocation(root);
    expect(path.relative(root, location).startsWith('..')).toBe(true);
    await lint();
    expect(readdirSync(path.dirname(location)).some((f) => f.startsWith('lint.json.'))).toBe(true);
  });

  it('binds entries to a random machine key kept outside the repository, readable by its owner only', () => {
    const key = machineKey();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(cacheHome(), 'machine-key');
    expect(readFileSync(file, 'utf8')).toBe(key);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('refuses a cache location in a folder git tracks, and accepts an ignored one', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'handbook-git-'));
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
      git('init', '-q');
      mkdirSync(path.join(repo, 'planted'));
      writeFileSync(path.join(repo, 'planted/lint.json.0'), '{}');
      git('add', 'planted');
      git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'planted cache');
      expect(() => assertUntracked(repo, path.join(repo, 'planted/lint.json'))).toThrow(
        /tracked by git \(planted\): a cache from the checked-out tree is never trusted/,
      );
      expect(() => assertUntracked(repo, path.join(repo, 'ignored/lint.json'))).not.toThrow();
      expect(() => assertUntracked(repo, path.join(home, 'x/lint.json'))).not.toThrow();
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('what the cache trusts', () => {
  it('a hit needs the same content: a file changed with the same size and modification time is checked again', async () => {
    const location = path.join(home, 'reuse/lint.json');
    expect(await errorsIn('docs/todo.md', location)).toBe(1);
    expect(await errorsIn('docs/todo.md', location)).toBe(1); // warm
    const file = path.join(root, 'docs/todo.md');
    const st = statSync(file);
    try {
      writeFileSync(file, TODO.replace('TODO', 'DONE'));
      utimesSync(file, st.atime, st.mtime);
      expect(statSync(file).size).toBe(st.size);
      expect(await errorsIn('docs/todo.md', location)).toBe(0);
    } finally {
      writeFileSync(file, TODO);
    }
  });

  it('never trusts a cache written without the machine key (a planted cache file)', async () => {
    const location = path.join(home, 'planted/lint.json');
    mkdirSync(path.dirname(location), { recursive: true });
    const hash = hashBuffer(readFileSync(path.join(root, 'docs/todo.md'))); // the real content hash: only the key is wrong
    // A planted entry that claims the file has no problems, under every plausible name of the cache file.
    const entry = {
      hash,
      messages: [],
      summary: { relPath: 'docs/todo.md', frontmatter: {}, anchors: [], links: [], keyPositions: {}, disables: [], fatal: false },
    };
    const forged = JSON.stringify({ version: 9, key: 'forged', entries: { 'docs/todo.md': entry } });
    writeFileSync(location, forged);
    for (let i = 0; i < 32; i++) writeFileSync(`${location}.${i}`, forged);
    expect(await errorsIn('docs/todo.md', location)).toBe(1);
  });

  it('changes its key with the rules: another rule set never reuses these results', () => {
    const { project } = createLinter({ root, rules, now: NOW, workers: 0 });
    const other: DocumentRule<unknown, 'x'> = {
      meta: { id: 'x', kind: 'document', description: 'x', severity: 'error', messages: { x: 'x' } },
      check: () => undefined,
    };
    const a = cacheKey(project, NOW, {}, codeHash([]));
    const b = cacheKey(project, NOW, {}, codeHash([other]));
    expect(a).not.toBe(b);
    expect(cacheKey(project, NOW, {}, codeHash([]))).toBe(a);
    expect(cacheKey(project, new Date('2026-11-24T12:00:00Z'), {}, codeHash([]))).not.toBe(a);
  });
});
