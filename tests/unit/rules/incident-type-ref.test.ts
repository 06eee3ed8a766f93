import { describe, expect, it } from 'vitest';
import { brief, incidentRecord, INCIDENT_PATH, lintDocs, procedure, runbook } from '../helpers';

const RULE = 'incident-type-ref';
const lint = (file: string, text: string) => lintDocs({ [file]: text }, file, { rule: RULE }).then(brief);
const KNOWN = 'known: service-outage, performance-degradation, data-loss, security-breach, integration-failure, data-privacy (data/incident-types.yaml)';
const RB = 'runbooks/db.md';
const withTypes = (types: string) => runbook().replace('alerts: [DbConnectionsExhausted]', `alerts: [DbConnectionsExhausted]\nincident_types: ${types}`);

describe(RULE, () => {
  const valid: [string, string, string][] = [
    ['an incident type', INCIDENT_PATH, incidentRecord()],
    ['runbook incident_types', RB, withTypes('[service-outage, data-loss]')],
    ['procedure incident_types', 'docs/declare.md', procedure('incident_types: [security-breach, data-privacy]\n')],
  ];
  it.each(valid)('valid: %s', async (_name, file, text) => {
    expect(await lint(file, text)).toEqual([]);
  });

  const invalid: [string, string, string, (string | number)[][]][] = [
    [
      'an unknown incident type',
      INCIDENT_PATH,
      incidentRecord().replace('incident_type: service-outage', 'incident_type: outage'),
      [[5, 16, `Unknown incident-type "outage" in "incident_type": ${KNOWN}`]],
    ],
    [
      'a misspelt type, with a suggestion',
      RB,
      withTypes('[service-outag]'),
      [[10, 18, `Unknown incident-type "service-outag" in "incident_types[0]": did you mean "service-outage"? ${KNOWN}`]],
    ],
    [
      'the second of two',
      'docs/declare.md',
      procedure('incident_types: [data-loss, data-leak]\n'),
      [[7, 29, `Unknown incident-type "data-leak" in "incident_types[1]": ${KNOWN}`]],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, file, text, expected) => {
    expect(await lint(file, text)).toEqual(expected);
  });
});
