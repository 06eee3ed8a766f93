/**
 * Bad arguments and bad configuration, through the real command line (`node scripts/handbook.mjs ...`): each ends with
 * exit 2 and one message naming the argument or the file (and line) to change, never a stack trace or an "internal
 * error". Expectations are derived from the fixture's data, never from the sample organisation.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectWith } from './helpers';

const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');
const ENV: NodeJS.ProcessEnv = (() => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', HANDBOOK_NOW: '2026-11-23T10:00:00Z' };
  delete env.FORCE_COLOR;
  delete env.HANDBOOK_DEBUG;
  return env;
})();

let root: string;
let cleanup: () => void;
let baseConfig: string;
const ids = (file: string, list: string) =>
  (parse(readFileSync(path.join(root, 'data', file), 'utf8')) as Record<string, { id: string }[]>)[list].map((x) => x.id);

beforeAll(() => {
  ({ root, cleanup } = projectWith({}));
  mkdirSync(path.join(root, 'docs'));
  mkdirSync(path.join(root, 'runbooks'));
  writeFileSync(path.join(root, 'docs/page.md'), '---\ntitle: A plain reference page\ntype: reference\n---\n\nSome words.\n');
  baseConfig = readFileSync(path.join(root, 'handbook.config.yaml'), 'utf8');
});
afterAll(() => cleanup?.());

/** Runs the CLI; the timeout is a safety net against a hang (the test then fails), not a measurement. */
function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: ENV, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Exit 2, the expected message on stderr, and nothing that looks like a crash. */
function expectUsageError(r: { code: number | null; out: string; err: string }, message: string | RegExp) {
  expect(r.err).not.toMatch(/internal error|Please report it|\n\s+at .+:\d+:\d+\)?\n/);
  expect(r.out).not.toMatch(/Rule crashed/);
  if (typeof message === 'string') expect(r.err).toContain(message);
  else expect(r.err).toMatch(message);
  expect(r.code).toBe(2);
}

/** Lints `docs` with a config changed by `edit`, and puts the original back. */
function lintWithConfig(edit: (config: string) => string, args: string[] = []) {
  writeFileSync(path.join(root, 'handbook.config.yaml'), edit(baseConfig));
  try {
    return run(['lint', 'docs', '--rule', 'data-consistency=off', ...args]);
  } finally {
    writeFileSync(path.join(root, 'handbook.config.yaml'), baseConfig);
  }
}
const lineOf = (config: string, needle: string) => config.split('\n').findIndex((l) => l.includes(needle)) + 1;
/** Sets one rule under `rules:` (in place of the fixture's no-placeholders setting when it is that rule). */
const withRule = (setting: string) => (c: string) =>
  setting.startsWith('no-placeholders:')
    ? c.replace(/^ {2}no-placeholders:\n(?: {4}.*\n)+/m, `  ${setting}\n`)
    : c.replace(/^rules:\n/m, `rules:\n  ${setting}\n`);

describe('configuration errors (exit 2, the file and line)', () => {
  it('an invalid pattern under rules: names the setting, its line and what is wrong', () => {
    const edit = (c: string) => c.replace('"(?i)lorem ipsum"', '"[unclosed"');
    const r = lintWithConfig(edit);
    const line = lineOf(edit(baseConfig), '"[unclosed"');
    expectUsageError(
      r,
      `handbook: configuration error: handbook.config.yaml:${line}: rules.no-placeholders[1].patterns[6] "[unclosed" is not a usable regular expression: `,
    );
  });

  it('a pattern RE2 cannot run (backreference, lookbehind) is refused at load, in every list that takes patterns', () => {
    const cases: [string, string][] = [
      ['no-placeholders: [error, {patterns: ["(a+)\\\\1"]}]', 'rules.no-placeholders[1].patterns[0] "(a+)\\\\1"'],
      ['no-secrets: [error, {allowlist: ["(?<=key=)abc"]}]', 'rules.no-secrets[1].allowlist[0] "(?<=key=)abc"'],
      ['no-personal-data: [error, {allow_emails: ["(?!x)y@example.com"]}]', 'rules.no-personal-data[1].allow_emails[0]'],
      ['no-personal-data: [error, {allow_phones: ["(\\\\d)\\\\1"]}]', 'rules.no-personal-data[1].allow_phones[0]'],
    ];
    for (const [setting, label] of cases) {
      const r = lintWithConfig(withRule(setting));
      expectUsageError(r, `handbook: configuration error: handbook.config.yaml:${lineOf(withRule(setting)(baseConfig), setting)}: ${label}`);
      expect(r.err).toContain('is not a usable regular expression');
    }
  });

  it('a pattern in an override is checked too (not "Rule crashed" on every file)', () => {
    const edit = (c: string) => c.replace(/^( +)freshness: "off"$/m, '$1no-placeholders: [error, {patterns: ["[bad"]}]');
    const r = lintWithConfig(edit);
    expectUsageError(
      r,
      `handbook.config.yaml:${lineOf(edit(baseConfig), '"[bad"')}: overrides[0].rules.no-placeholders[1].patterns[0] "[bad" is not a usable regular expression`,
    );
  });

  it('the deprecated top-level keys are still checked, and reported as deprecated when valid', () => {
    const bad = lintWithConfig((c) => `${c}\nsecrets_allowlist: ["[bad"]\n`);
    expectUsageError(bad, /handbook\.config\.yaml:\d+: secrets_allowlist\[0\] "\[bad" is not a usable regular expression/);
    const ok = lintWithConfig((c) => `${c}\nsecrets_allowlist: ["^EXAMPLEKEY$"]\n`);
    expect(ok.code).toBe(0); // the deprecation is a warning; the run goes on
    expect(ok.out).toContain('"secrets_allowlist" is deprecated: move it under its rule, rules: {no-secrets: [error, {allowlist: [...]}]}  config-deprecated');
  });

  it('a catastrophic pattern runs on RE2: the run ends with the normal verdict', () => {
    writeFileSync(path.join(root, 'docs/aaa.md'), `---\ntitle: A page of many letters\ntype: reference\n---\n\n${'a'.repeat(9_000)}b and TODO\n`);
    try {
      const r = lintWithConfig(withRule('no-placeholders: [error, {patterns: ["^(a+)+$", "(x+x+)+y", "\\\\bTODO\\\\b"]}]'), ['--format', 'json']);
      expect(r.err).toBe('');
      expect(r.code).toBe(1);
      const results = JSON.parse(r.out) as { relPath?: string; filePath: string; messages: { ruleId: string; line: number }[] }[];
      const aaa = results.find((f) => f.filePath.endsWith('aaa.md'))!;
      expect(aaa.messages.map((m) => [m.ruleId, m.line])).toEqual([['no-placeholders', 6]]);
    } finally {
      writeFileSync(path.join(root, 'docs/aaa.md'), '---\ntitle: A page of many letters\ntype: reference\n---\n\nLetters.\n');
    }
  });

  it('an unknown rule id under rules:, in an override, or on the command line: exit 2 with "did you mean"', () => {
    const edit = withRule('no-placeholder: error');
    expectUsageError(
      lintWithConfig(edit),
      `handbook: configuration error: handbook.config.yaml:${lineOf(edit(baseConfig), 'no-placeholder: error')}: unknown rule "no-placeholder" in rules: did you mean "no-placeholders"?`,
    );
    const inOverride = (c: string) => c.replace(/^( +)freshness: "off"$/m, '$1freshnes: "off"');
    expectUsageError(
      lintWithConfig(inOverride),
      `handbook.config.yaml:${lineOf(inOverride(baseConfig), 'freshnes:')}: unknown rule "freshnes" in overrides[0].rules: did you mean "freshness"?`,
    );
    expectUsageError(run(['lint', 'docs', '--rule', 'no-such-rule=error']), '--rule: unknown rule "no-such-rule"');
  });

  it('an engine check named as a rule, in the config or on the command line: exit 2, it cannot be configured', () => {
    const edit = withRule('file-encoding: "off"');
    expectUsageError(
      lintWithConfig(edit),
      `handbook.config.yaml:${lineOf(edit(baseConfig), 'file-encoding: "off"')}: "file-encoding" is an engine check, not a rule: it cannot be turned off or changed`,
    );
    expectUsageError(run(['lint', 'docs', '--rule', 'input-limits=warn']), '--rule: "input-limits" is an engine check, not a rule');
  });

  it('a schema $ref to a remote URL or to a file outside schemas/ names the schema file', () => {
    const file = path.join(root, 'schemas/evil.schema.json');
    const schema = (ref: string) =>
      JSON.stringify({ $id: 'https://incident-handbook.dev/schemas/evil.schema.json', type: 'object', properties: { x: { $ref: ref } } });
    try {
      for (const ref of ['https://attacker.example/x.json', '../../outside.json']) {
        writeFileSync(file, schema(ref));
        expectUsageError(run(['lint', 'docs']), `handbook: configuration error: schemas/evil.schema.json: "$ref": "${ref}" points outside the schemas folder`);
      }
    } finally {
      require('node:fs').rmSync(file);
    }
  });

  it('a config that is not valid YAML names the file and line', () => {
    expectUsageError(
      lintWithConfig((c) => `${c}\nroutes: [unclosed\n`),
      /^handbook: configuration error: handbook\.config\.yaml:\d+: /,
    );
  });
});

describe('argument errors (exit 2, the argument)', () => {
  const long = 'x'.repeat(300);

  it('--now and --at: impossible dates and garbage', () => {
    expectUsageError(run(['lint', 'docs', '--now', '2026-02-30']), 'handbook: --now: "2026-02-30" is not a real date');
    expectUsageError(
      run(['metrics', '--since', 'last tuesday']),
      'handbook: --since needs a date like 2026-11-23 or a timestamp like 2026-11-23T14:05:00Z, got "last tuesday"',
    );
    expectUsageError(
      run(['incident', 'update', 'INC-0001', '--note', 'x', '--at', 'garbage']),
      'handbook: --at needs a date like 2026-11-23 or a timestamp like 2026-11-23T14:05:00Z, got "garbage"',
    );
  });

  it('300-character names: incident titles, document names, incident ids', () => {
    const [severity] = ids('severity.yaml', 'levels');
    const [type] = ids('incident-types.yaml', 'types');
    const [service] = ids('services.yaml', 'services');
    const before = existsSync(path.join(root, 'incidents')) ? readdirSync(path.join(root, 'incidents'), { recursive: true }).length : 0;
    expectUsageError(
      run(['incident', 'open', '--title', long, '--severity', severity, '--type', type, '--services', service]),
      'handbook: --title is 300 characters long; keep it under 121',
    );
    const after = existsSync(path.join(root, 'incidents')) ? readdirSync(path.join(root, 'incidents'), { recursive: true }).length : 0;
    expect(after).toBe(before);
    expectUsageError(run(['new', 'runbook', long]), 'handbook: the document name is 300 characters long; keep it under 121');
    expectUsageError(run(['incident', 'update', long, '--note', 'x']), `is not an incident id like INC-0042`);
  });

  it('new --dir: a file, and a folder outside the repository (nothing is written)', () => {
    expectUsageError(run(['new', 'runbook', 'db-down', '--dir', 'docs/page.md']), 'handbook: --dir "docs/page.md": docs/page.md is a file, not a folder');
    const outside = path.join(path.dirname(root), `outside-${path.basename(root)}`);
    expectUsageError(
      run(['new', 'runbook', 'db-down', '--dir', outside]),
      `handbook: --dir "${outside}" is outside the repository (${root}): give a folder inside it`,
    );
    expectUsageError(run(['new', 'runbook', 'db-down', '--dir', '../up']), 'is outside the repository');
    expect(existsSync(outside)).toBe(false);
  });

  it('--workers: capped at the number of cores (said once), garbage refused', () => {
    const capped = run(['lint', 'docs/page.md', '--rule', 'data-consistency=off', '--workers', '99999']);
    expect(capped.err).toMatch(/^handbook: --workers 99999 capped at \d+, the number of cores\n$/);
    expect(capped.code).toBe(0);
    expectUsageError(run(['lint', 'docs', '--workers', '-1']), 'handbook: --workers needs a whole number (0 to check in the main thread), got "-1"');
    expectUsageError(run(['lint', 'docs', '--workers', 'lots']), '--workers needs a whole number');
  });

  it('unknown options and formats', () => {
    expectUsageError(run(['lint', '--no-such-option']), "error: unknown option '--no-such-option'");
    expectUsageError(run(['lint', 'docs', '--format', 'xml']), /format/);
  });
});
