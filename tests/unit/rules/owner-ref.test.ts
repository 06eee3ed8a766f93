import { describe, expect, it } from 'vitest';
import { brief, incidentRecord, INCIDENT_PATH, lintDocs, procedure, runbook } from '../helpers';

const RULE = 'owner-ref';
const lint = (file: string, text: string) => lintDocs({ [file]: text }, file, { rule: RULE }).then(brief);
const KNOWN =
  'known: sre, platform, data-platform, payments, identity, security, support, legal, engineering-leadership, executives, incident-programme (data/teams.yaml)';
const RB = 'runbooks/db.md';

describe(RULE, () => {
  const valid: [string, string, string][] = [
    ['a runbook owner', RB, runbook()],
    ['an incident owner', INCIDENT_PATH, incidentRecord()],
    ['a procedure owner', 'docs/declare.md', procedure()],
    ['a placeholder is left to no-placeholders', RB, runbook().replace('owner: data-platform', 'owner: TBD')],
  ];
  it.each(valid)('valid: %s', async (_name, file, text) => {
    expect(await lint(file, text)).toEqual([]);
  });

  const invalid: [string, string, string, (string | number)[][]][] = [
    [
      'a misspelt team, with a suggestion',
      RB,
      runbook().replace('owner: data-platform', 'owner: data-platfrom'),
      [[4, 8, `Unknown team "data-platfrom" in "owner": did you mean "data-platform"? ${KNOWN}`]],
    ],
    ['a person instead of a team', RB, runbook().replace('owner: data-platform', 'owner: "@amara"'), [[4, 8, `Unknown team "@amara" in "owner": ${KNOWN}`]]],
    [
      'an incident owner',
      INCIDENT_PATH,
      incidentRecord().replace('owner: payments', 'owner: billing'),
      [[12, 8, `Unknown team "billing" in "owner": ${KNOWN}`]],
    ],
    [
      'a short misspelling, with a suggestion',
      'docs/declare.md',
      procedure().replace('owner: incident-programme', 'owner: sr'),
      [[4, 8, `Unknown team "sr" in "owner": did you mean "sre"? ${KNOWN}`]],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, file, text, expected) => {
    expect(await lint(file, text)).toEqual(expected);
  });

  // Placeholder suppression is decided by the engine: with no-placeholders off, nothing claims "TODO" and the
  // reference is reported like any unknown team.
  it('invalid: a placeholder owner while no-placeholders is off', async () => {
    const text = runbook().replace('owner: data-platform', 'owner: TODO');
    const got = await lintDocs({ [RB]: text }, RB, { rule: RULE, ruleLevels: { 'no-placeholders': 'off' } }).then(brief);
    expect(got).toEqual([[4, 8, `Unknown team "TODO" in "owner": ${KNOWN}`]]);
  });
});
