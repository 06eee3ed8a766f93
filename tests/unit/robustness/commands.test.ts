/**
 * Every command that parses documents reads them through the one guarded path: with the pathological documents in
 * docs/, `lint --cache` (cold and warm), `incident open`, `metrics`, `coverage` and `export api` finish with their
 * ordinary exit code, never with "internal error" (a stack overflow in an outline walk, a parser running unbounded).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OK, projectWith } from '../helpers';
import { PATHOLOGICAL } from './pathological';

const CLI = path.resolve(__dirname, '../../../scripts/handbook.mjs');
let root: string;
let cleanup: () => void;
let cacheHome: string;

beforeAll(() => {
  ({ root, cleanup } = projectWith({}));
  const docs = path.join(root, 'docs');
  mkdirSync(docs, { recursive: true });
  // The regular files only: FIFOs and symbolic links are the robustness test's.
  for (const [name, content] of Object.entries(PATHOLOGICAL)) writeFileSync(path.join(docs, name), content);
  writeFileSync(path.join(docs, 'fine.md'), OK);
  cacheHome = mkdtempSync(path.join(tmpdir(), 'handbook-cache-'));
});
afterAll(() => {
  cleanup?.();
  rmSync(cacheHome, { recursive: true, force: true });
});

function run(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', HANDBOOK_NOW: '2026-11-23T10:00:00Z', XDG_CACHE_HOME: cacheHome };
  delete env.HANDBOOK_DEBUG;
  // The timeout is a safety net against a hang (the test then fails), not a measurement.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env, timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const crashed = /internal error|Maximum call stack|Rule crashed|\n\s+at .+:\d+:\d+/;

describe('commands that parse documents, with pathological documents in docs/', () => {
  it('lint --cache, cold then warm: the same verdicts, each pathological file refused by a limit', () => {
    const cold = run(['lint', 'docs', '--cache', '--format', 'json', '--rule', 'data-consistency=off']);
    const warm = run(['lint', 'docs', '--cache', '--format', 'json', '--rule', 'data-consistency=off']);
    for (const r of [cold, warm]) {
      expect(r.err).not.toMatch(crashed);
      expect(r.code).toBe(1);
    }
    const verdicts = (out: string) =>
      (JSON.parse(out) as { filePath: string; messages: { ruleId: string; message: string }[] }[]).map((f) => [
        path.basename(f.filePath),
        f.messages.map((m) => m.ruleId),
      ]);
    expect(verdicts(warm.out)).toEqual(verdicts(cold.out));
    expect(cold.out).not.toMatch(crashed);
    const limits = verdicts(cold.out).filter(([, ids]) => (ids as string[]).includes('input-limits'));
    expect(limits.length).toBeGreaterThanOrEqual(10);
  });

  it('incident open, metrics, coverage and export api finish normally', () => {
    const id = (file: string, list: string) => (parse(readFileSync(path.join(root, 'data', file), 'utf8')) as Record<string, { id: string }[]>)[list][0].id;
    const open = run([
      'incident',
      'open',
      '--title',
      'Checkout errors',
      '--severity',
      id('severity.yaml', 'levels'),
      '--type',
      id('incident-types.yaml', 'types'),
      '--services',
      id('services.yaml', 'services'),
    ]);
    expect(open.err).not.toMatch(crashed);
    expect(open.code).toBe(0);
    for (const args of [['metrics'], ['coverage'], ['export', 'api', '--output', path.join(root, 'build/api')]]) {
      const r = run(args);
      expect(`${args.join(' ')}: ${r.err}${r.out}`).not.toMatch(crashed);
      expect([0, 1]).toContain(r.code);
    }
  });
});
