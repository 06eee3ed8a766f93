/**
 * `npm test` lints with the CLI (`handbook lint --cache`, the esbuild bundle) and then builds the site, whose linter
 * is compiled from the sources. Both must compute the same cache key and version, or the build checks every
 * document again.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../plugins/lint/linter';
import { rules } from '../../plugins/lint/rules/index';
import { packageVersion } from '../../plugins/lint/version';
import { projectWith, runbook } from './helpers';

const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');
const { root, cleanup } = projectWith({});
const cacheDir = mkdtempSync(path.join(tmpdir(), 'cache-shared-'));
afterAll(() => {
  cleanup();
  rmSync(cacheDir, { recursive: true, force: true });
});

function cli(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', HANDBOOK_NOW: '2026-11-23' };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr };
}

describe('the CLI and a linter compiled from the sources share the cache', () => {
  it('report the same version', () => {
    expect(cli(['--version'])).toMatchObject({ code: 0, out: packageVersion() });
    expect(packageVersion()).not.toBe('0.0.0');
  });

  it("a linter from the sources reuses every result the CLI's lint --cache stored", async () => {
    mkdirSync(path.join(root, 'runbooks'), { recursive: true });
    for (const n of ['a', 'b', 'c']) writeFileSync(path.join(root, `runbooks/${n}.md`), runbook().replace('DbConnectionsExhausted', `Alert${n.toUpperCase()}`));
    const location = path.join(cacheDir, 'lint.json');
    const first = cli(['lint', '--cache', '--cache-location', location, '--rule', 'data-consistency=off', '--format', 'json']);
    expect(first.err).toBe('');
    const linter = createLinter({
      root,
      rules,
      now: new Date('2026-11-23T12:00:00Z'),
      ruleLevels: { 'data-consistency': 'off' },
      cache: { location },
      workers: 0,
      summaryCache: false,
    });
    await linter.lintFiles();
    // Nothing parsed or checked again: every result came from what the CLI stored.
    expect(linter.stats()).toMatchObject({ parsed: 0, checked: 0 });
  });
});
