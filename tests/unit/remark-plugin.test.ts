import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinter, type Linter } from '../../plugins/lint/linter';
import { rules } from '../../plugins/lint/rules/index';
import remarkHandbook, { validateOptions } from '../../plugins/remark-handbook/index';
import { NOW, projectWith, runbook, RUNBOOK_BODY } from './helpers';

let root: string;
let cleanup: () => void;
let linter: Linter;
const cases: [string, string, string][] = [
  ['a deleted required section', runbook({ body: RUNBOOK_BODY.replace(/## Mitigation\n\n.*\n/, '') }), 'Missing required section "## Mitigation"'],
  ['severity P9', runbook().replace('severities: [P1, P2]', 'severities: [P9]'), 'Unknown severity "P9" in "severities[0]"'],
  ['an unknown team', runbook().replace('owner: data-platform', 'owner: wizards'), 'Unknown team "wizards" in "owner"'],
  [
    'a broken relative link',
    runbook({ body: RUNBOOK_BODY.replace('## References\n\n', '## References\n\n[gone](./gone.md)\n\n') }),
    'Broken link "./gone.md": runbooks/gone.md does not exist',
  ],
  ['a two-year-old review', runbook().replace('last_reviewed: 2026-10-01', 'last_reviewed: 2024-10-01'), 'Review overdue: last reviewed 2024-10-01'],
  ['TBD left in', runbook({ body: RUNBOOK_BODY + '\nOwner TBD.\n' }), 'Placeholder "TBD" left in the document'],
  ['a planted GitHub token', runbook({ body: RUNBOOK_BODY + '\nexport GITHUB_TOKEN=ghp_' + 'A1b2C3d4'.repeat(5) + '\n' }), 'Possible GitHub token'],
  ['a planted script tag', runbook({ body: RUNBOOK_BODY + '\n<script>alert(1)</script>\n' }), 'HTML element <script> is not allowed in documents'],
];

beforeAll(() => {
  ({ root, cleanup } = projectWith({}));
  mkdirSync(path.join(root, 'runbooks'), { recursive: true });
  cases.forEach(([, text], i) => writeFileSync(path.join(root, 'runbooks', `case-${i}.md`), text));
  writeFileSync(path.join(root, 'runbooks', 'clean.md'), runbook());
  linter = createLinter({ root, rules, now: NOW, workers: 0 });
});
afterAll(() => cleanup?.());

/** A vfile as Docusaurus's client compiler gives it: the text it read, no disk access by the plugin. */
const vfile = (rel: string, value = readFileSync(path.join(root, rel), 'utf8'), compilerName: 'client' | 'server' = 'client') =>
  new VFile({ path: path.join(root, rel), value, data: { compilerName } });

describe('remark plugin in the production build', () => {
  const plugin = () => remarkHandbook({ linter, failOnError: true });
  it.each(cases.map(([name, , message], i) => [name, i, message] as const))('fails the build on %s, with file, line and rule id', async (_name, i, message) => {
    const file = vfile(`runbooks/case-${i}.md`);
    await expect(plugin()({ type: 'root', children: [] }, file)).rejects.toThrow(
      new RegExp(
        `handbook lint failed for runbooks/case-${i}\\.md:\\n  runbooks/case-${i}\\.md:\\d+:\\d+  error  ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
      ),
    );
    // Every problem is also a vfile message with rule id, source, url and place.
    const m = file.messages.find((x) => x.reason.startsWith(message.slice(0, 20)))!;
    expect(m.source).toBe('handbook');
    expect(m.ruleId).toBeTruthy();
    expect(m.url).toBe(`/linter/rules/${m.ruleId}`);
    expect(m.place).toMatchObject({ start: { line: expect.any(Number), column: expect.any(Number) } });
  });

  it('passes a clean document', async () => {
    await expect(plugin()({ type: 'root', children: [] }, vfile('runbooks/clean.md'))).resolves.toBeUndefined();
  });

  it('lints the text it is given, not the file on disk', async () => {
    const file = vfile('runbooks/clean.md', runbook().replace('owner: data-platform', 'owner: wizards'));
    await expect(plugin()({ type: 'root', children: [] }, file)).rejects.toThrow(/Unknown team "wizards"/);
  });

  it('reports once per build: the server compilation of a file is not linted again', async () => {
    const file = vfile('runbooks/case-0.md', undefined, 'server');
    await expect(plugin()({ type: 'root', children: [] }, file)).resolves.toBeUndefined();
    expect(file.messages).toEqual([]);
  });

  it('validates its options', () => {
    expect(() => validateOptions({})).toThrow('remark-handbook: "linter" is required');
    expect(() => validateOptions({ linter, failOnErrors: true })).toThrow('unknown option "failOnErrors"');
    expect(() => validateOptions({ linter, failOnError: 'yes' })).toThrow('"failOnError" must be true or false');
  });
});
