import { describe, expect, it } from 'vitest';
import { brief, fixtureProject, lintDocs, procedure } from '../helpers';

const RULE = 'control-ref';
const FILE = 'docs/declare.md';
const lint = (text: string) => lintDocs({ [FILE]: text }, FILE, { rule: RULE }).then(brief);

/** The controls of the fixture's frameworks (data/frameworks/), as documents name them. */
const controls = fixtureProject().project.registries.get('control')!;
const known = `known: ${controls.length > 12 ? `${controls.slice(0, 12).join(', ')}, ...` : controls.join(', ')} (data/frameworks/)`;
const [first, second] = controls;
/** The procedure's extra front matter starts at line 7. */
const withControls = (list: string) => procedure(`controls: ${list}\n`);

describe(RULE, () => {
  it('the fixture has controls', () => expect(controls.length).toBeGreaterThan(1));

  const valid: [string, string][] = [
    ['no controls', procedure()],
    ['known controls', withControls(`["${first}", "${second}"]`)],
  ];
  it.each(valid)('valid: %s', async (_name, text) => {
    expect(await lint(text)).toEqual([]);
  });

  const [framework] = first.split(':');
  const invalid: [string, string, (string | number)[][]][] = [
    ['an unknown framework', withControls('["nosuch:1.1"]'), [[7, 12, `Unknown control "nosuch:1.1" in "controls[0]": ${known}`]]],
    [
      'an unknown control of a known framework, second in the list',
      withControls(`["${first}", "${framework}:zz"]`),
      [[7, 16 + first.length, `Unknown control "${framework}:zz" in "controls[1]": ${known}`]],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, text, expected) => {
    expect(await lint(text)).toEqual(expected);
  });
});
