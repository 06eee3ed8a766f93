/** Security rules over data/*.yaml, record writes that carry a token, and a corpus of ordinary runbooks that must stay clean. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordValidator } from '../../plugins/incidents/validate';
import { createLinter } from '../../plugins/lint/linter';
import { loadProject, type LoadedProject } from '../../plugins/lint/load';
import { rules } from '../../plugins/lint/rules/index';

/** The project rules' findings (data files) by file, with no documents. */
async function projectFindings(loaded: LoadedProject) {
  const linter = createLinter({ project: { ...loaded, dataProblems: [] }, rules, files: {}, now: NOW, workers: 0 });
  return new Map((await linter.projectResults()).map((r) => [r.relPath, r.messages]));
}
import { brief, INCIDENT_PATH, incidentRecord, lintDocs, NOW, projectWith } from './helpers';

describe('data registries go through no-secrets and no-personal-data', () => {
  it('reports a token and a personal number in a data file, at their key', async () => {
    const { root, cleanup } = projectWith({});
    try {
      const teams = readFileSync(path.join(root, 'data/teams.yaml'), 'utf8');
      const token = 'ghp_' + 'Zx81Ab'.repeat(6);
      writeFileSync(
        path.join(root, 'data/teams.yaml'),
        `${teams.trimEnd()}\n# appended by the test\n`.replace(
          /^teams:\n/m,
          `teams:\n  - {id: leak, name: Leak, email: leak@example.com, slack_token: "${token}", phone: "+33 6 12 34 56 78"}\n`,
        ),
      );
      const loaded = loadProject(root);
      const messages = [...(await projectFindings(loaded)).entries()].flatMap(([file, list]) =>
        list.filter((m) => ['no-secrets', 'no-personal-data'].includes(m.ruleId)).map((m) => [file, m.line, m.ruleId, m.message]),
      );
      expect(messages).toEqual([
        ['data/teams.yaml', 4, 'no-secrets', 'Possible GitHub token "ghp_…Ab": remove it, rotate the credential, and use a secret store reference instead'],
        [
          'data/teams.yaml',
          4,
          'no-personal-data',
          'Phone number "+33 6 12 34 56 78" in a document: page people through the paging tool instead of listing numbers',
        ],
      ]);
    } finally {
      cleanup();
    }
  });

  it("this handbook's own data is clean: the fictional sample numbers are allowed by a reviewed config entry", async () => {
    const found = [...(await projectFindings(loadProject(path.resolve(__dirname, '../..')))).values()]
      .flat()
      .filter((m) => ['no-secrets', 'no-personal-data'].includes(m.ruleId));
    expect(found).toEqual([]);
  });
});

describe('incident records are checked before they are written', () => {
  it('a note with a GitHub token is refused (incident update --note)', async () => {
    const { root, cleanup } = projectWith({});
    try {
      const { project } = loadProject(root);
      const validate = recordValidator(project, { now: () => NOW });
      const abs = path.join(root, INCIDENT_PATH);
      await expect(validate(abs, incidentRecord())).resolves.toBeUndefined();
      const withToken = incidentRecord().trimEnd() + '\n- **2026-11-20 10:30 UTC** Used token ghp_' + 'Zx81Ab'.repeat(6) + ' to restart.\n';
      await expect(validate(abs, withToken)).rejects.toThrow(/Possible GitHub token "ghp_…Ab".*\(no-secrets, line \d+\)/);
    } finally {
      cleanup();
    }
  });
});

describe('a corpus of ordinary runbooks raises nothing', () => {
  const dir = path.resolve(__dirname, '../fixtures/corpus');
  it.each(readdirSync(dir).filter((f) => f.endsWith('.md')))('%s', async (name) => {
    const rel = `docs/${name}`;
    const text = readFileSync(path.join(dir, name), 'utf8');
    for (const rule of ['no-secrets', 'no-personal-data', 'mdx-safety']) {
      expect([rule, brief(await lintDocs({ [rel]: text }, rel, { rule }))]).toEqual([rule, []]);
    }
  });
});
