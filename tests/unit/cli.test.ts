import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_RULES } from '../../plugins/lint/ruleset';
import { rules } from '../../plugins/lint/rules/index';
import { projectWith, runbook } from './helpers';

const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');
const ENV = (() => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.HANDBOOK_NOW;
  delete env.FORCE_COLOR;
  return env;
})();
/** The fixture has no role pages or training modules: data-consistency is switched off to get a clean run. */
const OFF = ['--rule', 'data-consistency=off'];
const STALE = 'runbooks/stale.md';

let root: string;
let cleanup: () => void;
function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: ENV });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  ({ root, cleanup } = projectWith({}));
  mkdirSync(path.join(root, 'runbooks'));
  mkdirSync(path.join(root, 'docs'));
  writeFileSync(path.join(root, 'runbooks/db.md'), runbook());
  // Reviewed 2026-08-01 every 90 days: fresh until 2026-10-30, a warning after, an error after 2027-01-28.
  writeFileSync(path.join(root, STALE), runbook().replace('last_reviewed: 2026-10-01', 'last_reviewed: 2026-08-01'));
});
afterAll(() => cleanup?.());

describe('handbook lint', () => {
  it('exits 0 when there is nothing to report', () => {
    const r = run(['lint', 'runbooks', ...OFF, '--now', '2026-10-15']);
    expect(r).toEqual({ code: 0, out: '✔ 2 files checked, no problems\n', err: '' });
  });

  it("exits 1 on errors, and --format json is ESLint's JSON", () => {
    writeFileSync(path.join(root, 'docs/todo.md'), '---\ntitle: A page with a TODO\ntype: reference\n---\n\nOwner: TBD.\n');
    const r = run(['lint', 'docs/todo.md', ...OFF, '--format', 'json']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.out);
    expect(results).toEqual([
      expect.objectContaining({
        filePath: path.join(root, 'docs/todo.md'),
        errorCount: 2,
        warningCount: 0,
        messages: [
          expect.objectContaining({
            ruleId: 'no-placeholders',
            severity: 2,
            line: 2,
            column: 8,
            message: 'Placeholder "TODO" left in the document: replace it with the real content',
          }),
          expect.objectContaining({
            ruleId: 'no-placeholders',
            severity: 2,
            line: 6,
            column: 8,
            message: 'Placeholder "TBD" left in the document: replace it with the real content',
          }),
        ],
      }),
    ]);
  });

  it('treats --now as today: the file that was fresh above is due (a warning: exit 0), then overdue (an error: exit 1)', () => {
    const due = run(['lint', STALE, ...OFF, '--now', '2026-11-23', '--format', 'json']);
    expect(due.code).toBe(0);
    expect(JSON.parse(due.out)[0].messages.map((m: any) => [m.ruleId, m.severity])).toEqual([['freshness', 1]]);
    const overdue = run(['lint', STALE, ...OFF, '--now', '2027-02-01', '--format', 'json']);
    expect(overdue.code).toBe(1);
    expect(JSON.parse(overdue.out)[0].messages.map((m: any) => [m.ruleId, m.severity])).toEqual([['freshness', 2]]);
  });

  it('exits 1 when warnings exceed --max-warnings', () => {
    const r = run(['lint', STALE, ...OFF, '--now', '2026-11-23', '--max-warnings', '0']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('handbook: 1 warning, more than --max-warnings 0\n');
    expect(r.out).toContain('warning  Review due: last reviewed 2026-08-01');
  });

  it('--quiet reports errors only, so warnings neither show nor count', () => {
    const r = run(['lint', STALE, ...OFF, '--now', '2026-11-23', '--quiet', '--max-warnings', '0', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([expect.objectContaining({ messages: [], errorCount: 0, warningCount: 0 })]);
  });

  const usage: [string, string[], string][] = [
    ['a --rule value that is not a level', ['--rule', 'freshness=loud'], 'handbook: --rule needs id=off|warn|error, got "freshness=loud"\n'],
    [
      'an unknown rule',
      ['--rule', 'freshnes=off'],
      'handbook: configuration error: --rule: unknown rule "freshnes": did you mean "freshness"? (see "handbook rules")\n',
    ],
    [
      'an unknown format',
      ['--format', 'xml'],
      "error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are stylish, json, sarif, github, junit.\n(run \"handbook --help\" for usage)\n",
    ],
  ];
  it.each(usage)('exits 2 for %s', (_name, args, err) => {
    expect(run(['lint', ...args])).toEqual({ code: 2, out: '', err });
  });

  it('exits 2 for a broken handbook.config.yaml', () => {
    const broken = projectWith({ 'handbook.config.yaml': 'roots:\n  - {path: docs, route: /}\ntypes: {}\nrulez: {}\n' });
    try {
      expect(run(['lint'], broken.root)).toEqual({
        code: 2,
        out: '',
        err: 'handbook: configuration error: handbook.config.yaml:4: Unknown setting "rulez": remove it or check its spelling\n',
      });
    } finally {
      broken.cleanup();
    }
  });
});

describe('handbook rules', () => {
  it('lists every rule id with its documentation URL', () => {
    const r = run(['rules']);
    expect(r.code).toBe(0);
    const listed = r.out
      .split('\n')
      .filter((l) => /^\S/.test(l))
      .map((l) => l.split(/\s+/)[0]);
    expect(listed).toEqual([...rules.map((x) => x.meta.id), ...Object.keys(ENGINE_RULES)]);
    for (const x of rules) expect(r.out).toContain(`/linter/rules/${x.meta.id}\n`);
  });
});

describe('handbook new', () => {
  const FILE = 'runbooks/redis-failover.md';

  it('writes a runbook that fails only no-placeholders, and refuses to overwrite it', () => {
    const made = run(['new', 'runbook', 'Redis failover']);
    expect(made).toEqual({ code: 0, out: `Wrote ${FILE}\nFill in every TODO, then run: npx handbook lint ${FILE}\n`, err: '' });
    const text = readFileSync(path.join(root, FILE), 'utf8');
    expect(text).toMatch(/^---\ntitle: Redis failover\ntype: runbook\n/);
    for (const section of [
      'First 5 minutes',
      'Overview',
      'Symptoms',
      'Impact',
      'Diagnosis',
      'Mitigation',
      'Rollback/Recovery',
      'Escalation',
      'Communication',
      'References',
    ])
      expect(text).toContain(`\n## ${section}\n\nTODO: `);

    // No --now: the new runbook was reviewed today.
    const lint = run(['lint', FILE, '--format', 'json']);
    expect(lint.code).toBe(1);
    const result = JSON.parse(lint.out).find((f: any) => f.filePath === path.join(root, FILE));
    expect(result.messages.length).toBeGreaterThan(9);
    expect(result.messages.filter((m: any) => m.ruleId !== 'no-placeholders')).toEqual([]);

    const again = run(['new', 'runbook', 'Redis failover']);
    expect(again).toEqual({ code: 2, out: '', err: `handbook: ${FILE} already exists: choose another name or edit that file\n` });
    expect(readFileSync(path.join(root, FILE), 'utf8')).toBe(text);
    expect(existsSync(path.join(root, 'runbooks/redis-failover-1.md'))).toBe(false);
  });
});
