import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE, projectMessages, projectWith } from '../helpers';

const RULE = 'control-coverage';
/** A framework written by the test: one control needs evidence, one does not. */
const FRAMEWORK = `id: mini
name: A small framework
controls:
  - id: "1.1"
    title: Respond to incidents
    description: Incidents are handled by a documented procedure.
  - id: "1.2"
    title: Exercise the plan
    description: The plan is exercised and the exercise is recorded.
    evidence: required
`;
const CONFIG = readFileSync(path.join(FIXTURE, 'handbook.config.yaml'), 'utf8');
const config = (frameworks: string) => CONFIG.replace(/^required_frameworks: .*$/m, `required_frameworks: ${frameworks}`);
const doc = (type: string, controls: string[]) => `---\ntitle: A ${type}\ntype: ${type}\ncontrols: [${controls.map((c) => `"${c}"`).join(', ')}]\n---\n`;

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

async function check(frameworks: string, docs: Record<string, string>) {
  const p = projectWith({ 'handbook.config.yaml': config(frameworks), 'data/frameworks/mini.yaml': FRAMEWORK });
  cleanup = p.cleanup;
  const { loaded, run } = projectMessages(p.root, docs);
  expect(loaded.dataProblems).toEqual([]);
  const byFile = await run();
  return [...byFile].flatMap(([file, ms]) => ms.filter((m) => m.ruleId === RULE).map((m) => [file, m.line, m.column, m.message]));
}

const F = 'data/frameworks/mini.yaml';
describe(RULE, () => {
  it('valid: no framework is required', async () => {
    expect(await check('[]', {})).toEqual([]);
  });
  it('valid: every control covered, with evidence where required', async () => {
    expect(await check('[mini]', { 'docs/p.md': doc('procedure', ['mini:1.1', 'mini:1.2']), 'docs/e.md': doc('evidence', ['mini:1.2']) })).toEqual([]);
  });
  it('invalid: an unknown framework id', async () => {
    expect(await check('[mini, nosuch]', { 'docs/p.md': doc('procedure', ['mini:1.1', 'mini:1.2']), 'docs/e.md': doc('evidence', ['mini:1.2']) })).toEqual([
      ['handbook.config.yaml', 1, 1, 'required_frameworks names "nosuch", but data/frameworks/ has no framework with that id'],
    ]);
  });
  it('invalid: a control nobody claims, and one that lacks evidence', async () => {
    expect(await check('[mini]', { 'docs/p.md': doc('procedure', ['mini:1.2']) })).toEqual([
      [
        F,
        4,
        9,
        'Control mini:1.1 (Respond to incidents) is not covered: no document claims it: add "mini:1.1" to the controls of the document that satisfies it',
      ],
      [F, 7, 9, 'Control mini:1.2 (Exercise the plan) is not covered: it needs an evidence record too (an exercise or review with controls: [mini:1.2])'],
    ]);
  });
  it('invalid: a control only evidence claims', async () => {
    expect(await check('[mini]', { 'docs/p.md': doc('procedure', ['mini:1.1']), 'docs/e.md': doc('evidence', ['mini:1.2']) })).toEqual([
      [F, 7, 9, 'Control mini:1.2 (Exercise the plan) is not covered: only evidence claims it: add it to the controls of the procedure that satisfies it'],
    ]);
  });
});
