import { describe, expect, it } from 'vitest';
import { brief, incidentRecord, INCIDENT_PATH, lintDocs } from '../helpers';

const RULE = 'duplicate-incident-id';
const OTHER = 'incidents/2026/INC-0042-another-name.md';
const THIRD = 'incidents/2025/INC-0042-third.md';

describe(RULE, () => {
  it('valid: a record whose id nobody else uses', async () => {
    const other = incidentRecord().replace('id: INC-0042', 'id: INC-0043');
    expect(brief(await lintDocs({ [INCIDENT_PATH]: incidentRecord(), 'incidents/2026/INC-0043-x.md': other }, INCIDENT_PATH, { rule: RULE }))).toEqual([]);
  });

  it('valid: a postmortem naming the incident is not a second record', async () => {
    const pm = '---\ntitle: Postmortem\ntype: postmortem\nincident: INC-0042\n---\n\n## Summary\n\nText.\n';
    expect(
      brief(await lintDocs({ [INCIDENT_PATH]: incidentRecord(), 'incidents/2026/INC-0042-checkout-errors-postmortem.md': pm }, INCIDENT_PATH, { rule: RULE })),
    ).toEqual([]);
  });

  const line =
    incidentRecord()
      .split('\n')
      .findIndex((l) => l.startsWith('id: ')) + 1;
  it('invalid: two records with the same id, reported on both', async () => {
    const files = { [INCIDENT_PATH]: incidentRecord(), [OTHER]: incidentRecord() };
    expect(brief(await lintDocs(files, INCIDENT_PATH, { rule: RULE }))).toEqual([
      [
        line,
        5,
        `Incident id INC-0042 is also used by ${OTHER}: give one record a new id (the next free one is what "handbook incident open" would allocate) and rename its file`,
      ],
    ]);
    expect(brief(await lintDocs(files, OTHER, { rule: RULE }))).toEqual([
      [
        line,
        5,
        `Incident id INC-0042 is also used by ${INCIDENT_PATH}: give one record a new id (the next free one is what "handbook incident open" would allocate) and rename its file`,
      ],
    ]);
  });

  it('invalid: three records, the others listed in path order', async () => {
    const files = { [INCIDENT_PATH]: incidentRecord(), [OTHER]: incidentRecord(), [THIRD]: incidentRecord() };
    expect(brief(await lintDocs(files, INCIDENT_PATH, { rule: RULE }))).toEqual([
      [
        line,
        5,
        `Incident id INC-0042 is also used by ${THIRD}, ${OTHER}: give one record a new id (the next free one is what "handbook incident open" would allocate) and rename its file`,
      ],
    ]);
  });
});
