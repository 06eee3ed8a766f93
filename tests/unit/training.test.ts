import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { computeCoverage } from '../../plugins/lib/coverage';
import { shiftsFrom } from '../../plugins/lib/oncall';
import { buildIndex, prepareFile } from '../../plugins/lint/engine';
import { createLinter } from '../../plugins/lint/linter';
import { rules } from '../../plugins/lint/rules/index';
import { loadProject } from '../../plugins/lint/load';
import { trainingInput, trainingModules } from '../../plugins/training/project';
import { buildCompletion, CompletionError, writeCompletion } from '../../plugins/training/records';
import { addDuration, requirementsFrom, trainingStatus } from '../../plugins/training/status';
import { frameworkFiles } from '../../plugins/lint/registries';

const REPO = path.resolve(__dirname, '../..');
// A fixed date, whatever the environment says: the sample records are valid on it (DECISIONS: tests never depend on the clock).
const NOW = new Date('2026-12-03T12:00:00Z');

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A copy of this handbook's data, schemas, config and training modules: what training readiness reads. */
function copyOfHandbook(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'training-'));
  dirs.push(root);
  for (const p of ['data', 'schemas', 'handbook.config.yaml', 'docs/training']) cpSync(path.join(REPO, p), path.join(root, p), { recursive: true });
  return root;
}

async function lintProject(root: string, now: Date) {
  const loaded = loadProject(root);
  const dir = path.join(root, 'docs/training');
  const docs = await Promise.all(
    readdirSync(dir)
      .filter((f) => /\.mdx?$/.test(f))
      .map((f) => prepareFile(loaded.project, path.join(dir, f))),
  );
  const index = buildIndex(loaded.project, docs);
  const files = Object.fromEntries(docs.map((d) => [d.relPath, d.text]));
  const linter = createLinter({ project: { ...loaded, dataProblems: [] }, rules, files, now, workers: 0 });
  return { loaded, index, byFile: new Map((await linter.projectResults()).map((r) => [r.relPath, r.messages])) };
}

describe('training requirements and records', () => {
  it('renews on the calendar for years and months', () => {
    expect(addDuration('2026-05-24', 'P2Y')).toBe('2028-05-24');
    expect(addDuration('2028-02-29', 'P1Y')).toBe('2029-02-28');
    expect(addDuration('2026-01-31', 'P1M')).toBe('2026-02-28');
    expect(addDuration('2026-01-01', '30d')).toBe('2026-01-31');
  });

  it('needs a module once for a person with two roles, at the shorter renewal', () => {
    const requirements = requirementsFrom({
      requirements: [
        { role: 'a', modules: ['m/x'], renew_every: 'P2Y' },
        { role: 'b', modules: ['m/x', 'm/y'], renew_every: 'P1Y' },
      ],
    });
    const rotations = ['a', 'b'].map((role) => ({
      id: `r-${role}`,
      role,
      length: '1w',
      timezone: 'UTC',
      handoff: 'Monday 09:00',
      start: '2026-01-05T09:00:00Z',
      members: ['@p'],
    }));
    const modules = new Map(['m/x', 'm/y'].map((id) => [id, { id, title: id, version: 1, passMark: 80, questions: 5 }]));
    const completions = ['m/x', 'm/y'].map((module) => ({
      relPath: module,
      person: '@p',
      module,
      moduleVersion: 1,
      score: 5,
      questions: 5,
      completedOn: '2025-06-01',
    }));
    const [p] = trainingStatus({ requirements, completions, modules, rotations, now: new Date('2026-07-01T00:00:00Z') });
    expect(p.items.map((i) => [i.module, i.roles, i.state, i.renewBy])).toEqual([
      ['m/x', ['a', 'b'], 'expired', '2026-06-01'],
      ['m/y', ['b'], 'expired', '2026-06-01'],
    ]);
    expect(p.readiness).toBe('overdue');
  });

  it('writes a valid record, refuses one below the pass mark, never replaces a record', async () => {
    const root = copyOfHandbook();
    const { loaded, index } = await lintProject(root, NOW);
    const modules = trainingModules(loaded.project, index);
    const [m] = [...modules.values()];
    const pass = Math.ceil((m.passMark * m.questions) / 100);
    const record = buildCompletion(root, { person: '@test-writer', module: m.id, score: pass }, modules, NOW);
    expect(record).toEqual({
      person: '@test-writer',
      module: m.id,
      module_version: m.version,
      score: pass,
      questions: m.questions,
      completed_on: NOW.toISOString().slice(0, 10),
    });
    const first = writeCompletion(root, record);
    const second = writeCompletion(root, record);
    expect(second).not.toBe(first);
    expect(parse(readFileSync(path.join(root, first), 'utf8'))).toEqual(record);
    // The written records are valid for the linter too: no schema problems, no training-readiness errors about them.
    const after = await lintProject(root, NOW);
    expect(after.loaded.dataProblems).toEqual([]);
    expect([...after.byFile].filter(([f]) => f === first || f === second)).toEqual([]);

    expect(() => buildCompletion(root, { person: '@test-writer', module: m.id, score: pass - 1 }, modules, NOW)).toThrow(/below the pass mark/);
    expect(() => buildCompletion(root, { person: '@test-writer', module: 'training/none', score: 1 }, modules, NOW)).toThrow(CompletionError);
    expect(() => buildCompletion(root, { person: 'not a handle', module: m.id, score: pass }, modules, NOW)).toThrow(/person must match/);
  });

  it('counts training records as evidence for controls marked training, unless someone is on call without training', async () => {
    const root = copyOfHandbook();
    const { loaded, index } = await lintProject(root, NOW);
    const trainingControls = (cov: ReturnType<typeof computeCoverage>) =>
      cov.flatMap((f) => f.controls).filter((c) => c.evidence.some((e) => e.type === 'training'));
    const marked = frameworkFiles(loaded.project.data).flatMap((f) => f.value.controls.filter((c) => c.training === true));
    expect(marked.length).toBeGreaterThan(0);
    expect(trainingControls(computeCoverage(loaded.project, index, NOW))).toHaveLength(marked.length);
    // Remove every record of the person on call now in the first rotation that needs training: no more evidence.
    const status = trainingStatus(trainingInput(loaded.project, index, NOW));
    const onCall = status.find((p) => p.slots.some((s) => s.onCallNow))!;
    for (const f of readdirSync(path.join(root, 'data/training-records'))) {
      if (parse(readFileSync(path.join(root, 'data/training-records', f), 'utf8')).person === onCall.person)
        rmSync(path.join(root, 'data/training-records', f));
    }
    const gap = await lintProject(root, NOW);
    expect(trainingControls(computeCoverage(gap.loaded.project, gap.index, NOW))).toEqual([]);
  });
});

describe('the documented gap in examples/training-gap', () => {
  it('warns ahead of the new joiner first shift and fails once it starts', async () => {
    const { person } = parse(readFileSync(path.join(REPO, 'examples/training-gap/new-joiner.yaml'), 'utf8')) as { person: string };
    const root = copyOfHandbook();
    const oncallPath = path.join(root, 'data/oncall.yaml');
    const oncall = parse(readFileSync(oncallPath, 'utf8'));
    const training = parse(readFileSync(path.join(root, 'data/training.yaml'), 'utf8'));
    const needs = new Set(training.requirements.map((r: { role: string }) => r.role));
    const ri = oncall.rotations.findIndex((r: { role: string }) => needs.has(r.role));
    const rotation = oncall.rotations[ri];
    rotation.members.push(person);
    writeFileSync(oncallPath, stringify(oncall));
    const first = shiftsFrom(rotation, NOW, rotation.members.length + 1).find((s) => s.member === person)!;
    const theirs = (byFile: Map<string, { ruleId: string; severity: number; message: string }[]>) =>
      (byFile.get('data/oncall.yaml') ?? [])
        .filter((m) => m.ruleId === 'training-readiness' && m.message.startsWith(person))
        .map((m) => [m.severity === 2 ? 'error' : 'warn', m.message.split(':')[0]]);

    const before = await lintProject(root, new Date(first.start.getTime() - 86_400_000));
    expect(theirs(before.byFile)).toEqual([['warn', expect.stringContaining(`${person} starts a shift on ${rotation.id} at`)]]);
    const during = await lintProject(root, new Date(first.start.getTime() + 60_000));
    expect(theirs(during.byFile)).toEqual([['error', `${person} is on call now (${rotation.id}) without current training`]]);
  });
});
