import { describe, expect, it } from 'vitest';
import { brief, incidentRecord, INCIDENT_PATH, lintDocs, procedure } from '../helpers';

const RULE = 'role-ref';
const lint = (file: string, text: string) => lintDocs({ [file]: text }, file, { rule: RULE }).then(brief);
const KNOWN =
  'known: incident-commander, deputy-incident-commander, scribe, communications-lead, subject-matter-expert, oncall-primary, oncall-secondary, customer-liaison, security-lead, legal-privacy-contact (data/roles.yaml)';
const rolePage = (role: string) => `---
title: Scribe
type: role
role: ${role}
owner: incident-programme
last_reviewed: 2026-10-01
review_every: 180d
---

## What it is

The scribe keeps the incident timeline.
`;
const PAGE = 'docs/roles/scribe.md';
const PROC = 'docs/declare.md';

describe(RULE, () => {
  const valid: [string, string, string][] = [
    ['a role page', PAGE, rolePage('scribe')],
    ['procedure roles', PROC, procedure('roles: [incident-commander, scribe]\n')],
    ['incident roles (the keys of the mapping)', INCIDENT_PATH, incidentRecord()],
  ];
  it.each(valid)('valid: %s', async (_name, file, text) => {
    expect(await lint(file, text)).toEqual([]);
  });

  const invalid: [string, string, string, (string | number)[][]][] = [
    ['an unknown role page', PAGE, rolePage('scribbler'), [[4, 7, `Unknown role "scribbler" in "role": ${KNOWN}`]]],
    [
      'a capitalised id, with a suggestion',
      PROC,
      procedure('roles: [incident-commander, Scribe]\n'),
      [[7, 29, `Unknown role "Scribe" in "roles[1]": did you mean "scribe"? ${KNOWN}`]],
    ],
    [
      'a misspelt key of incident roles, reported on its line',
      INCIDENT_PATH,
      incidentRecord().replace('scribe: "@omar"', 'scrib: "@omar"'),
      [[15, 10, `Unknown role "scrib" in "roles.scrib": did you mean "scribe"? ${KNOWN}`]],
    ],
    ['a role that is not close to any', PROC, procedure('roles: [janitor]\n'), [[7, 9, `Unknown role "janitor" in "roles[0]": ${KNOWN}`]]],
  ];
  it.each(invalid)('invalid: %s', async (_name, file, text, expected) => {
    expect(await lint(file, text)).toEqual(expected);
  });
});
