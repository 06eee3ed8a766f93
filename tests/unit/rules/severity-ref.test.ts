import { describe, expect, it } from 'vitest';
import { brief, incidentRecord, INCIDENT_PATH, lintDocs, procedure, runbook } from '../helpers';

const RULE = 'severity-ref';
const lint = (file: string, text: string) => lintDocs({ [file]: text }, file, { rule: RULE }).then(brief);
const KNOWN = 'known: P0, P1, P2, P3, P4 (data/severity.yaml)';
const RB = 'runbooks/db.md';

describe(RULE, () => {
  const valid: [string, string, string][] = [
    ['runbook severities', RB, runbook()],
    ['incident severity and severity_history', INCIDENT_PATH, incidentRecord()],
    ['procedure severities', 'docs/declare.md', procedure('severities: [P0, P4]\n')],
    // A placeholder is reported once, by no-placeholders.
    ['a placeholder is left to no-placeholders', RB, runbook().replace('severities: [P1, P2]', 'severities: [TODO]')],
    // A value that is not a string is frontmatter-schema's to report.
    ['a number is left to frontmatter-schema', RB, runbook().replace('severities: [P1, P2]', 'severities: [1]')],
  ];
  it.each(valid)('valid: %s', async (_name, file, text) => {
    expect(await lint(file, text)).toEqual([]);
  });

  const invalid: [string, string, string, (string | number)[][]][] = [
    [
      'an unknown level in a list',
      RB,
      runbook().replace('severities: [P1, P2]', 'severities: [P1, P9]'),
      [[8, 18, `Unknown severity "P9" in "severities[1]": ${KNOWN}`]],
    ],
    // Ids are case-sensitive; "p1" is as close to P0 and P2 as to P1, so there is no single suggestion.
    ['a lower-case id', RB, runbook().replace('severities: [P1, P2]', 'severities: [p1]'), [[8, 14, `Unknown severity "p1" in "severities[0]": ${KNOWN}`]]],
    [
      'an incident severity',
      INCIDENT_PATH,
      incidentRecord().replace('severity: P1\n', 'severity: SEV1\n'),
      [[6, 11, `Unknown severity "SEV1" in "severity": ${KNOWN}`]],
    ],
    [
      'a severity_history entry',
      INCIDENT_PATH,
      incidentRecord().replace('severity: P2}', 'severity: SEV2}'),
      [[8, 44, `Unknown severity "SEV2" in "severity_history[0].severity": ${KNOWN}`]],
    ],
    [
      'two unknown levels',
      'docs/declare.md',
      procedure('severities: [critical, P2, high]\n'),
      [
        [7, 14, `Unknown severity "critical" in "severities[0]": ${KNOWN}`],
        [7, 28, `Unknown severity "high" in "severities[2]": ${KNOWN}`],
      ],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, file, text, expected) => {
    expect(await lint(file, text)).toEqual(expected);
  });
});
