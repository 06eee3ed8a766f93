import { describe, expect, it } from 'vitest';
import { brief, fixtureProject, lintDocs } from '../helpers';

const RULE = 'exercise-ref';
// Exercises written by the test: their doc ids are the expectations (never the sample organisation's).
const exercise = (title: string) => `---\ntitle: ${title}\ntype: exercise\n---\n\nAn exercise.\n`;
const EXERCISES: Record<string, string> = {
  'docs/exercises/region-down.md': exercise('Region down'),
  'docs/exercises/vendor-gone.mdx': exercise('Vendor gone'),
  'docs/drills/pager-silent.md': exercise('Pager silent'),
};
const KNOWN = 'known: drills/pager-silent, exercises/region-down, exercises/vendor-gone (documents with type: exercise)';
const role = () => fixtureProject().project.registries.get('role')![0];
const evidence = (scenario: string) => `---
title: Tabletop run record
type: evidence
kind: exercise
date: 2026-10-01
owner: incident-programme
scenario: ${scenario}
participants: [{role: ${role()}, handle: "@grace"}]
findings: [The escalation timeline was followed]
follow_ups: []
---

## Summary

Text.
`;
const page = (body: string) => `---\ntitle: Training with exercises\ntype: reference\n---\n\n${body}\n`;
const lint = (file: string, text: string, extra: Record<string, string> = EXERCISES) => lintDocs({ ...extra, [file]: text }, file, { rule: RULE }).then(brief);

describe(RULE, () => {
  const valid: [string, string, string][] = [
    ['a known exercise in a component', 'docs/training/t.mdx', page('Then run <ExerciseLink exercise="exercises/region-down" />.')],
    ['an exercise outside exercises/', 'docs/training/t.mdx', page('<ExerciseLink exercise="drills/pager-silent" />')],
    ['an evidence record naming a known scenario', 'docs/evidence/run.md', evidence('exercises/vendor-gone')],
    ['a page without references', 'docs/training/t.mdx', page('No exercise here.')],
  ];
  it.each(valid)('valid: %s', async (_name, file, text) => {
    expect(await lint(file, text)).toEqual([]);
  });

  const invalid: [string, string, string, (string | number)[][]][] = [
    [
      'an unknown exercise in a component prop',
      'docs/training/t.mdx',
      page('Then run <ExerciseLink exercise="exercises/region-dwn" />.'),
      [[6, 24, `Unknown exercise "exercises/region-dwn" in <ExerciseLink exercise>: did you mean "exercises/region-down"? ${KNOWN}`]],
    ],
    [
      'a prop on its own line',
      'docs/training/t.mdx',
      page('<ExerciseLink\n  exercise="tabletop-1"\n/>'),
      [[7, 3, `Unknown exercise "tabletop-1" in <ExerciseLink exercise>: ${KNOWN}`]],
    ],
    [
      'two unknown exercises in one paragraph',
      'docs/training/t.mdx',
      page('<ExerciseLink exercise="a" /> and <ExerciseLink exercise="b" />'),
      [
        [6, 15, `Unknown exercise "a" in <ExerciseLink exercise>: ${KNOWN}`],
        [6, 49, `Unknown exercise "b" in <ExerciseLink exercise>: ${KNOWN}`],
      ],
    ],
    [
      'a document that is not an exercise',
      'docs/training/t.mdx',
      page('<ExerciseLink exercise="training/t" />'),
      [[6, 15, `Unknown exercise "training/t" in <ExerciseLink exercise>: ${KNOWN}`]],
    ],
    [
      'an unknown scenario in an evidence record',
      'docs/evidence/run.md',
      evidence('exercises/vendor-gon'),
      [[7, 11, `Unknown exercise "exercises/vendor-gon" in "scenario": did you mean "exercises/vendor-gone"? ${KNOWN}`]],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, file, text, expected) => {
    expect(await lint(file, text)).toEqual(expected);
  });

  it('with no exercise in the handbook, the list of known ids says so', async () => {
    expect(await lint('docs/training/t.mdx', page('<ExerciseLink exercise="x" />'), {})).toEqual([
      [6, 15, 'Unknown exercise "x" in <ExerciseLink exercise>: known: (none) (documents with type: exercise)'],
    ]);
  });

  it('component-props leaves exercise ids to this rule (one message per problem), and still checks the shape', async () => {
    const file = 'docs/training/t.mdx';
    const all = (text: string) =>
      lintDocs({ ...EXERCISES, [file]: text }, file).then((ms) =>
        ms.filter((m) => m.ruleId === 'component-props' || m.ruleId === RULE).map((m) => [m.ruleId, m.line, m.column]),
      );
    expect(await all(page('<ExerciseLink exercise="nope" />'))).toEqual([[RULE, 6, 15]]);
    expect(await all(page('<ExerciseLink />'))).toEqual([['component-props', 6, 1]]);
  });
});
