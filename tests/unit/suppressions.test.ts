import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySuppressions, loadSuppressions, prune, suppress, SUPPRESSIONS_FILE, type Suppressions } from '../../plugins/lint/suppressions';
import type { FileResult, LintMessage } from '../../plugins/lint/types';
import { projectWith, runbook } from './helpers';

const msg = (ruleId: string, line: number, severity: 1 | 2 = 2, extra: Partial<LintMessage> = {}): LintMessage => ({
  ruleId,
  severity,
  message: `${ruleId} at ${line}`,
  line,
  column: 1,
  ...extra,
});
const result = (relPath: string, messages: LintMessage[]): FileResult => ({
  filePath: `/p/${relPath}`,
  relPath,
  messages,
  errorCount: messages.filter((m) => m.severity === 2).length,
  warningCount: messages.filter((m) => m.severity === 1).length,
  fatalErrorCount: messages.filter((m) => m.fatal).length,
});

describe('suppressions (pure functions)', () => {
  const results = [
    result('runbooks/a.md', [msg('heading-structure', 3), msg('heading-structure', 9), msg('link-integrity', 12), msg('freshness', 1, 1)]),
    result('runbooks/b.md', [msg('no-secrets', 4), msg('mdx-safety', 5), msg('no-personal-data', 6), msg('file-read', 1, 2, { fatal: true })]),
    result('runbooks/c.md', []),
  ];

  it('--suppress-all records errors per file and rule; never warnings, fatal problems or security rules', () => {
    const { suppressions, added } = suppress(results, {});
    expect(suppressions).toEqual({ 'runbooks/a.md': { 'heading-structure': { count: 2 }, 'link-integrity': { count: 1 } } });
    expect(added).toBe(3);
  });

  it('--suppress-rule records one rule and keeps the other entries', () => {
    const existing: Suppressions = { 'runbooks/z.md': { 'owner-ref': { count: 1 } } };
    expect(suppress(results, existing, new Set(['link-integrity'])).suppressions).toEqual({
      'runbooks/a.md': { 'link-integrity': { count: 1 } },
      'runbooks/z.md': { 'owner-ref': { count: 1 } },
    });
  });

  it('hides up to the suppressed count; one more error of the rule in the file reports them all', () => {
    const s: Suppressions = { 'runbooks/a.md': { 'heading-structure': { count: 2 }, 'link-integrity': { count: 1 } } };
    const same = applySuppressions(results, s);
    expect(same.results[0].messages.map((m) => m.ruleId)).toEqual(['freshness']);
    expect(same.results[0].errorCount).toBe(0);
    expect(same.suppressedCount).toBe(3);
    expect(same.unused).toEqual([]);

    const more = applySuppressions(
      [result('runbooks/a.md', [msg('heading-structure', 3), msg('heading-structure', 9), msg('heading-structure', 20), msg('link-integrity', 12)])],
      s,
    );
    expect(more.results[0].messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['heading-structure', 3],
      ['heading-structure', 9],
      ['heading-structure', 20],
    ]);
  });

  it('security findings stay even when a file claims to suppress them, and such a file is refused', () => {
    const applied = applySuppressions(results, { 'runbooks/b.md': { 'no-secrets': { count: 1 } } });
    expect(applied.results[1].errorCount).toBe(4);
    const { root, cleanup } = projectWith({});
    try {
      const file = path.join(root, SUPPRESSIONS_FILE);
      writeFileSync(file, JSON.stringify({ 'runbooks/b.md': { 'mdx-safety': { count: 1 } } }));
      expect(() => loadSuppressions(file)).toThrow(
        `${file}: "runbooks/b.md" suppresses "mdx-safety", a security rule that cannot be suppressed; remove the entry and fix the finding (or allow it in handbook.config.yaml)`,
      );
      writeFileSync(file, '{"runbooks/b.md": {"owner-ref": {"count": 0}}}');
      expect(() => loadSuppressions(file)).toThrow('"runbooks/b.md" -> "owner-ref" needs a whole "count" of at least 1');
      writeFileSync(file, '{oops');
      expect(() => loadSuppressions(file)).toThrow(/not valid JSON/);
    } finally {
      cleanup();
    }
  });

  it('reports entries with fewer problems than suppressed as unused, and prune lowers or drops them', () => {
    const s: Suppressions = {
      'runbooks/a.md': { 'heading-structure': { count: 3 }, 'owner-ref': { count: 1 } },
      'runbooks/gone.md': { 'link-integrity': { count: 2 } },
    };
    expect(applySuppressions(results, s).unused).toEqual([
      { file: 'runbooks/a.md', rule: 'heading-structure', suppressed: 3, found: 2 },
      { file: 'runbooks/a.md', rule: 'owner-ref', suppressed: 1, found: 0 },
    ]);
    // A partial run cannot know whether gone.md still exists: its entry stays.
    expect(prune(results, s, false)).toEqual({
      suppressions: { 'runbooks/a.md': { 'heading-structure': { count: 2 } }, 'runbooks/gone.md': { 'link-integrity': { count: 2 } } },
      removed: 2,
    });
    expect(prune(results, s, true)).toEqual({ suppressions: { 'runbooks/a.md': { 'heading-structure': { count: 2 } } }, removed: 4 });
  });
});

const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');
const ENV = (() => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', HANDBOOK_NOW: '2026-11-23' };
  delete env.FORCE_COLOR;
  return env;
})();
const OFF = ['--rule', 'data-consistency=off'];

describe('handbook lint with a suppressions file', { timeout: 180_000 }, () => {
  let root: string;
  let cleanup: () => void;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, 'lint', ...OFF, ...args], { cwd: root, encoding: 'utf8', env: ENV });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const file = () => path.join(root, SUPPRESSIONS_FILE);
  // Two skipped heading levels and a placeholder: three errors of two rules.
  const legacy = runbook({
    body: runbook()
      .split('---\n\n')[1]
      .replace('## Overview', '## Overview\n\n#### Deep heading\n\nNote: TBD.')
      .replace('## Symptoms', '## Symptoms\n\n#### Another deep heading'),
  });

  beforeAll(() => {
    ({ root, cleanup } = projectWith({}));
    mkdirSync(path.join(root, 'runbooks'));
    writeFileSync(path.join(root, 'runbooks/legacy.md'), legacy);
    writeFileSync(path.join(root, 'runbooks/clean.md'), runbook());
  });
  afterAll(() => cleanup?.());

  it('fails before, records every error with --suppress-all, then passes', () => {
    expect(run().code).toBe(1);
    const s = run('--suppress-all');
    expect(s.code).toBe(0);
    expect(s.err).toBe(`handbook: Suppressed 3 more errors in ${SUPPRESSIONS_FILE}; commit this file.\n`);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ 'runbooks/legacy.md': { 'heading-structure': { count: 2 }, 'no-placeholders': { count: 1 } } });
    const again = run();
    expect(again.code).toBe(0);
    expect(again.err).toBe(`handbook: 3 errors suppressed by ${SUPPRESSIONS_FILE}.\n`);
  });

  it('a new problem fails: in another file, or one more of a suppressed rule in the same file', () => {
    writeFileSync(path.join(root, 'runbooks/clean.md'), runbook().replace('## Symptoms', '## Symptoms\n\n#### Skipped'));
    const other = run('--format', 'json');
    expect(other.code).toBe(1);
    expect(JSON.parse(other.out).flatMap((r: FileResult) => r.messages.map((m) => `${path.basename(r.filePath)} ${m.ruleId}`))).toEqual([
      'clean.md heading-structure',
    ]);
    writeFileSync(path.join(root, 'runbooks/clean.md'), runbook());

    writeFileSync(path.join(root, 'runbooks/legacy.md'), legacy.replace('## Impact', '## Impact\n\n#### Third skipped'));
    const same = run('--format', 'json');
    expect(same.code).toBe(1);
    expect(JSON.parse(same.out).flatMap((r: FileResult) => r.messages.map((m) => m.ruleId))).toEqual([
      'heading-structure',
      'heading-structure',
      'heading-structure',
    ]);
    writeFileSync(path.join(root, 'runbooks/legacy.md'), legacy);
  });

  it('fewer problems than suppressed fail with a hint to prune (unless told to pass); --prune-suppressions drops them', () => {
    writeFileSync(path.join(root, 'runbooks/legacy.md'), legacy.replace('Note: TBD.', 'Note: none.'));
    const r = run();
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `handbook: 1 suppression in ${SUPPRESSIONS_FILE} no longer occur (e.g. runbooks/legacy.md: no-placeholders suppressed 1, found 0): run "handbook lint --prune-suppressions"`,
    );
    expect(run('--pass-on-unpruned-suppressions').code).toBe(0);
    const p = run('--prune-suppressions');
    expect(p.code).toBe(0);
    expect(p.err).toContain(`handbook: Pruned 1 suppressed error that no longer occur from ${SUPPRESSIONS_FILE}.\n`);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ 'runbooks/legacy.md': { 'heading-structure': { count: 2 } } });
    expect(run().code).toBe(0);
    // The fixed placeholder cannot come back unnoticed.
    writeFileSync(path.join(root, 'runbooks/legacy.md'), legacy);
    expect(run().code).toBe(1);
    writeFileSync(path.join(root, 'runbooks/legacy.md'), legacy.replace('Note: TBD.', 'Note: none.'));
  });

  it('never suppresses security findings', () => {
    writeFileSync(
      path.join(root, 'runbooks/unsafe.md'),
      runbook().replace('## Symptoms\n\n', '## Symptoms\n\n<iframe src="https://dash.example.com/d/1"></iframe>\n\n'),
    );
    const s = run('--suppress-all');
    expect(s.code).toBe(1);
    expect(s.err).toContain(
      'handbook: 1 security finding (no-secrets, mdx-safety, no-personal-data) cannot be suppressed: fix them, or allow a reviewed value in handbook.config.yaml.\n',
    );
    expect(JSON.parse(readFileSync(file(), 'utf8'))['runbooks/unsafe.md']).toBeUndefined();
    expect(run('--format', 'json').out).toContain('"ruleId":"mdx-safety"');
  });

  it('refuses option combinations that make no sense and security rules by name (exit 2)', () => {
    expect(run('--suppress-rule', 'no-secrets')).toEqual({
      code: 2,
      out: '',
      err: 'handbook: --suppress-rule: "no-secrets" is a security rule and is never suppressed; fix the finding, or allow it in handbook.config.yaml\n',
    });
    expect(run('--suppress-rule', 'nope')).toEqual({ code: 2, out: '', err: 'handbook: --suppress-rule: unknown rule "nope" (see "handbook rules")\n' });
    expect(run('--suppress-all', '--prune-suppressions').code).toBe(2);
    writeFileSync(file(), '[]');
    const bad = run();
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/handbook-suppressions\.json: the top level is not an object/);
    expect(existsSync(file())).toBe(true);
  });
});
