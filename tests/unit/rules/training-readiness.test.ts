import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLinter } from '../../../plugins/lint/linter';
import { loadProject } from '../../../plugins/lint/load';
import { rules } from '../../../plugins/lint/rules/index';
import { trainingStatus } from '../../../plugins/training/status';
import { trainingInput } from '../../../plugins/training/project';
import { projectWith } from '../helpers';

const RULE = 'training-readiness';

// Everything this test relies on is written here: a rotation of three people with weekly hand-offs on Monday 09:00
// London time, two modules, and one requirement. Line numbers below refer to these texts.
const ONCALL = `rotations:
  - id: rota
    name: Rota
    team: sre
    role: oncall-primary
    length: 1w
    start: "2026-01-05T09:00:00Z"
    timezone: Europe/London
    handoff: Monday 09:00
    members: ["@ann", "@bob", "@cid"]
`;
const TRAINING = `pass_mark: 80
warn_before: 14d
requirements:
  - role: oncall-primary
    modules: [training/basics, training/pager]
    renew_every: 365d
`;
const module = (id: string, extra = '') => `---\ntitle: Module ${id}\ntype: training-module\n${extra}---\n`;
const MODULES = { 'docs/training/basics.mdx': module('basics'), 'docs/training/pager.mdx': module('pager') };
const record = (person: string, mod: string, on: string, score = 5, questions = 5, version = 1) =>
  `person: "${person}"\nmodule: training/${mod}\nmodule_version: ${version}\nscore: ${score}\nquestions: ${questions}\ncompleted_on: ${on}\n`;
/** Every member has both modules, passed in June 2026. */
const ALL_READY: Record<string, string> = Object.fromEntries(
  ['ann', 'bob', 'cid'].flatMap((p) => ['basics', 'pager'].map((m) => [`data/training-records/${p}--${m}.yaml`, record(`@${p}`, m, '2026-06-01')])),
);

// Shifts of the rota: 5 Jan 2026 @ann, 12 Jan @bob, 19 Jan @cid, ... 23 Nov (46 weeks on) @bob, 30 Nov @cid, 7 Dec @ann.
const NOW = new Date('2026-11-25T12:00:00Z'); // @bob on call; @cid from Mon 30 Nov 09:00 GMT (5 days); @ann from 7 Dec

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

async function check(files: Record<string, string>, opts: { now?: Date; docs?: Record<string, string> } = {}) {
  const p = projectWith({});
  cleanup = p.cleanup;
  mkdirSync(path.join(p.root, 'data/training-records'), { recursive: true });
  for (const [rel, text] of Object.entries({ 'data/oncall.yaml': ONCALL, 'data/training.yaml': TRAINING, ...files }))
    writeFileSync(path.join(p.root, rel), text);
  const loaded = loadProject(p.root);
  expect(loaded.dataProblems).toEqual([]);
  const linter = createLinter({ project: loaded, rules, files: opts.docs ?? MODULES, now: opts.now ?? NOW, workers: 0 });
  const index = await linter.index();
  const byFile = new Map((await linter.projectResults()).map((r) => [r.relPath, r.messages]));
  const messages = [...byFile].flatMap(([file, ms]) =>
    ms.filter((m) => m.ruleId === RULE).map((m) => [file, m.line, m.column, m.severity === 2 ? 'error' : 'warn', m.message] as const),
  );
  messages.sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);
  return { messages, status: trainingStatus(trainingInput(loaded.project, index, opts.now ?? NOW)) };
}

const without = (rel: string) => Object.fromEntries(Object.entries(ALL_READY).filter(([k]) => k !== rel));

describe(RULE, () => {
  it('valid: every member holds current completions', async () => {
    const { messages, status } = await check(ALL_READY);
    expect(messages).toEqual([]);
    expect(status.map((s) => [s.person, s.readiness])).toEqual([
      ['@ann', 'ready'],
      ['@bob', 'ready'],
      ['@cid', 'ready'],
    ]);
  });

  it('warns before the first shift of a member without training', async () => {
    const { messages, status } = await check(without('data/training-records/cid--pager.yaml'));
    expect(messages).toEqual([
      [
        'data/oncall.yaml',
        10,
        31,
        'warn',
        '@cid starts a shift on rota at 2026-11-30 09:00 Europe/London, within 2 weeks, without current training: training/pager (no record)',
      ],
    ]);
    expect(status.find((s) => s.person === '@cid')).toMatchObject({ readiness: 'due', firstShift: '2026-11-30T09:00:00.000Z' });
  });

  it('says nothing while the shift is further away than warn_before', async () => {
    const { messages, status } = await check({ ...without('data/training-records/ann--pager.yaml'), 'data/training.yaml': TRAINING.replace('14d', '3d') });
    expect(messages).toEqual([]);
    expect(status.find((s) => s.person === '@ann')).toMatchObject({ readiness: 'due', firstShift: '2026-12-07T09:00:00.000Z' });
  });

  it('is an error once the shift has started', async () => {
    const { messages, status } = await check(without('data/training-records/bob--pager.yaml'));
    expect(messages).toEqual([['data/oncall.yaml', 10, 23, 'error', '@bob is on call now (rota) without current training: training/pager (no record)']]);
    expect(status.find((s) => s.person === '@bob')?.readiness).toBe('overdue');
  });

  it('does not count a score below the pass mark', async () => {
    const { messages } = await check({ ...ALL_READY, 'data/training-records/cid--pager.yaml': record('@cid', 'pager', '2026-06-01', 3, 5) });
    expect(messages).toEqual([
      [
        'data/oncall.yaml',
        10,
        31,
        'warn',
        '@cid starts a shift on rota at 2026-11-30 09:00 Europe/London, within 2 weeks, without current training: training/pager (last score below the pass mark)',
      ],
      [
        'data/training-records/cid--pager.yaml',
        4,
        8,
        'error',
        'Score 3 of 5 (60%) is below the pass mark of 80% for training/pager: this record does not count',
      ],
    ]);
  });

  it('uses a module pass mark over the default', async () => {
    const docs = { ...MODULES, 'docs/training/pager.mdx': module('pager', 'pass_mark: 50\n') };
    const { messages } = await check({ ...ALL_READY, 'data/training-records/cid--pager.yaml': record('@cid', 'pager', '2026-06-01', 3, 5) }, { docs });
    expect(messages).toEqual([]);
  });

  it('marks records of an older module version stale', async () => {
    const docs = { ...MODULES, 'docs/training/pager.mdx': module('pager', 'version: 2\n') };
    const records = {
      ...ALL_READY,
      'data/training-records/ann--pager.yaml': record('@ann', 'pager', '2026-06-01', 5, 5, 2),
      'data/training-records/bob--pager.yaml': record('@bob', 'pager', '2026-06-01', 5, 5, 2),
    };
    const { messages, status } = await check(records, { docs });
    expect(status.find((s) => s.person === '@cid')?.items.find((i) => i.module === 'training/pager')?.state).toBe('stale');
    expect(messages).toEqual([
      [
        'data/oncall.yaml',
        10,
        31,
        'warn',
        '@cid starts a shift on rota at 2026-11-30 09:00 Europe/London, within 2 weeks, without current training: training/pager (record of an older version of the module)',
      ],
    ]);
  });

  it('treats a completion older than renew_every as expired', async () => {
    const { messages } = await check({ ...ALL_READY, 'data/training-records/bob--basics.yaml': record('@bob', 'basics', '2025-11-01') });
    expect(messages).toEqual([
      ['data/oncall.yaml', 10, 23, 'error', '@bob is on call now (rota) without current training: training/basics (expired 2026-11-01)'],
    ]);
  });

  it('checks records and requirements against the modules', async () => {
    const { messages } = await check(
      {
        ...ALL_READY,
        'data/training.yaml': TRAINING.replace('training/pager]', 'training/pager, training/nope]'),
        'data/training-records/x.yaml': record('@ann', 'gone', '2026-06-01'),
        'data/training-records/y.yaml': record('@ann', 'basics', '2026-12-01', 5, 5, 3),
      },
      {},
    );
    expect(messages.filter((m) => m[0] !== 'data/oncall.yaml')).toEqual([
      ['data/training-records/x.yaml', 2, 9, 'error', 'Training module "training/gone" does not exist'],
      ['data/training-records/y.yaml', 3, 17, 'error', 'training/basics is at version 1; a record cannot be for version 3'],
      ['data/training-records/y.yaml', 6, 15, 'error', 'Completed on 2026-12-01, which is after today (2026-11-25)'],
      ['data/training.yaml', 5, 48, 'error', 'Training module "training/nope" does not exist: name the doc id of a document with type: training-module'],
    ]);
  });
});
