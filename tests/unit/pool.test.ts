/** Worker threads: results like the main thread's, and a file that never finishes is stopped without stopping the run. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../plugins/lint/linter';
import { LintPool } from '../../plugins/lint/pool';
import { rules } from '../../plugins/lint/rules/index';
import { NOW, OK, projectWith } from './helpers';

let root: string;
let cleanup: () => void;
let rulesModule: string;

beforeAll(() => {
  ({ root, cleanup } = projectWith({}));
  // The test's own rules module has one rule: the config names no other.
  const config = path.join(root, 'handbook.config.yaml');
  writeFileSync(
    config,
    readFileSync(config, 'utf8')
      .replace(/^rules:\n(?:[ #].*\n)+/m, 'rules: {}\n')
      .replace(/^overrides:\n(?:[ #-].*\n)+/m, ''),
  );
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  for (let i = 0; i < 4; i++) writeFileSync(path.join(root, `docs/p${i}.md`), i === 1 ? `${OK}\nOwner: TBD.\n` : OK);
  // A rule that never returns on a file containing HANG: the pool must stop it however fast the machine is.
  const file = path.join(root, 'hang-rules.mjs');
  writeFileSync(
    file,
    `export const rules = [{ meta: { id: 'hang', kind: 'document', description: 'hangs', severity: 'error', messages: { seen: 'seen {{n}}' } },
      check(ctx) { if (ctx.text.includes('HANG')) for (;;) {} ctx.report({ messageId: 'seen', data: { n: ctx.relPath } }); } }];\n`,
  );
  rulesModule = pathToFileURL(file).href;
});
afterAll(() => cleanup?.());

describe('LintPool', () => {
  it('gives the same results in workers as in the main thread', async () => {
    const opts = { root, rules, now: NOW, ruleLevels: { 'data-consistency': 'off' as const } };
    const inThread = await createLinter({ ...opts, workers: 0 }).lintFiles(['docs']);
    const inWorkers = await createLinter({ ...opts, workers: 2 }).lintFiles(['docs']);
    const strip = (rs: typeof inThread) => rs.map((r) => [r.relPath, r.messages]);
    expect(strip(inWorkers)).toEqual(strip(inThread));
    expect(inThread.find((r) => r.relPath === 'docs/p1.md')!.messages.map((m) => m.ruleId)).toEqual(['no-placeholders']);
  });

  it('stops a file that never finishes, reports it, and checks the other files with a fresh worker', async () => {
    writeFileSync(path.join(root, 'docs/p3.md'), `${OK}\nHANG\n`);
    const pool = new LintPool({ root, now: NOW, size: 1, timeBudgetMs: 8000, rulesModule });
    try {
      const [hung, after] = await Promise.all([
        pool.run(path.join(root, 'docs/p3.md'), Buffer.from(`${OK}\nHANG\n`)),
        pool.run(path.join(root, 'docs/p0.md'), Buffer.from(OK)),
      ]);
      expect(hung).toEqual({ messages: [], failure: 'timeout', error: 'over 8000 ms' });
      expect(after.summary?.relPath).toBe('docs/p0.md');
      expect(after.messages.map((m) => m.message)).toEqual(['seen docs/p0.md']);
    } finally {
      await pool.close();
    }
  });

  it('reports a file that overruns as too large or too complex, and the rest normally', async () => {
    const results = await createLinter({ root, rules: [], rulesModule, now: NOW, workers: 1, timeBudgetMs: 8000 }).lintFiles(['docs']);
    const byPath = Object.fromEntries(results.map((r) => [r.relPath, r.messages.map((m) => `${m.ruleId}: ${m.message}`)]));
    expect(byPath['docs/p3.md']).toEqual([
      expect.stringMatching(/^file-read: Checking this file took longer than the last-resort time limit \(time_budget_ms, 8000 ms\)/),
    ]);
    expect(byPath['docs/p2.md']).toEqual(['hang: seen docs/p2.md']);
  });
});
