/**
 * `handbook lint --fix` asks the linter for the files to fix, its index and its parser, writes the fixes, and the
 * same linter then reports on the fixed files (not on what it had read before the fixes).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLinter } from '../../plugins/lint/linter';
import { rules } from '../../plugins/lint/rules/index';
import { fixStep } from '../../scripts/cli/lint-fix';
import { NOW, projectWith, runbook } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function project(files: Record<string, string>): string {
  const { root, cleanup } = projectWith({});
  cleanups.push(cleanup);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe('lint --fix step', () => {
  it("fixes a link with the linter's index and the report sees the fixed file", async () => {
    // The link names the failover runbook by file name only; the index knows the one document it can mean.
    const target = runbook().replace('## References\n\n', '## References\n\nSee [failover](./db-failover.md) first. ');
    const root = project({
      'runbooks/db.md': target,
      'runbooks/procedures/db-failover.md': runbook().replace('title: Database connection failure', 'title: Database failover'),
    });
    const linter = createLinter({ root, rules, now: NOW, workers: 0, summaryCache: false });
    const before = await linter.lintFiles(['runbooks/db.md']);
    expect(before.find((r) => r.relPath === 'runbooks/db.md')?.messages.map((m) => m.ruleId)).toContain('link-integrity');

    const outcome = await fixStep(linter, ['runbooks/db.md'], NOW);
    expect(outcome.files).toBe(1);
    expect(outcome.counts.links).toBe(1);
    expect(readFileSync(path.join(root, 'runbooks/db.md'), 'utf8')).toContain('[failover](procedures/db-failover.md)');

    const after = await linter.lintFiles(['runbooks/db.md']);
    expect(after.find((r) => r.relPath === 'runbooks/db.md')?.messages.map((m) => m.ruleId) ?? []).not.toContain('link-integrity');
  });

  it('fixes only the named files, and says when there was nothing to fix', async () => {
    const heading = (title: string) => runbook().replace('## First 5 minutes', `# ${title}\n\n## First 5 minutes`);
    const root = project({ 'runbooks/a.md': heading('A'), 'runbooks/b.md': heading('B') });
    const linter = createLinter({ root, rules, now: NOW, workers: 0, summaryCache: false });
    const outcome = await fixStep(linter, ['runbooks/a.md'], NOW);
    expect(outcome.files).toBe(1);
    expect(readFileSync(path.join(root, 'runbooks/a.md'), 'utf8')).not.toMatch(/^# A$/m);
    expect(readFileSync(path.join(root, 'runbooks/b.md'), 'utf8')).toMatch(/^# B$/m);
    expect((await fixStep(linter, ['runbooks/a.md'], NOW)).notes).toEqual(['Nothing to fix automatically.']);
  });
});
