import { describe, expect, it } from 'vitest';
import { brief, INCIDENT_PATH, incidentRecord, lintDocs, NOW } from '../helpers';

const RULE = 'incident-timeline';
const lint = (text: string, file = INCIDENT_PATH) => lintDocs({ [file]: text }, file, { rule: RULE, now: NOW }).then(brief);
/** incidentRecord() with some lines replaced. Its extra front matter lines start at line 17. */
const record = (fm = '', replace: [string, string][] = []) => replace.reduce((t, [a, b]) => t.replace(a, b), incidentRecord(fm));

describe(RULE, () => {
  const valid: [string, string, string?][] = [
    ['the sample record', record()],
    [
      'every timestamp in order, resolved and closed',
      record(
        'acknowledged_at: "2026-11-20T10:05:00Z"\nmitigated_at: "2026-11-20T10:30:00Z"\nresolved_at: "2026-11-20T10:40:00Z"\nclosed_at: "2026-11-21T09:00:00Z"\n',
        [['status: investigating', 'status: closed']],
      ),
    ],
    ['two timestamps at the same minute', record('acknowledged_at: "2026-11-20T10:00:00Z"\n')],
    ['a file named with the id and a dot', record(), 'incidents/2026/INC-0042.md'],
    ['a document that is not an incident', record('resolved_at: "2026-11-20T10:40:00Z"\n', [['type: incident', 'type: reference']])],
  ];
  it.each(valid)('valid: %s', async (_name, text, file) => {
    expect(await lint(text, file)).toEqual([]);
  });

  const invalid: [string, string, (string | number)[][], string?][] = [
    [
      'acknowledged before detected',
      record('acknowledged_at: "2026-11-20T09:00:00Z"\n'),
      [
        [
          17,
          18,
          'acknowledged_at (2026-11-20T09:00:00Z) is before detected_at (2026-11-20T10:00:00Z): timestamps must be in the order started_at, detected_at, acknowledged_at, mitigated_at, resolved_at, closed_at',
        ],
      ],
    ],
    ['a timestamp in the future', record('mitigated_at: "2026-11-24T10:00:00Z"\n'), [[17, 15, 'mitigated_at (2026-11-24T10:00:00Z) is in the future']]],
    [
      'resolved without resolved_at',
      record('', [['status: investigating', 'status: resolved']]),
      [[10, 9, 'Status is "resolved" but resolved_at is missing: add the time the impact ended']],
    ],
    [
      'closed without closed_at',
      record('resolved_at: "2026-11-20T10:40:00Z"\n', [['status: investigating', 'status: closed']]),
      [[10, 9, 'Status is "closed" but closed_at is missing']],
    ],
    [
      'resolved_at on an open incident',
      record('resolved_at: "2026-11-20T10:40:00Z"\n'),
      [[17, 14, 'resolved_at is set but the status is "investigating": set status to resolved or remove resolved_at']],
    ],
    [
      'severity history out of order',
      record('', [['{at: "2026-11-20T10:10:00Z", severity: P1}', '{at: "2026-11-20T09:10:00Z", severity: P1}']]),
      [[9, 10, 'severity_history[1] is earlier than the entry before it']],
    ],
    [
      'a severity that disagrees with the history',
      record('', [['severity: P1\n', 'severity: P2\n']]),
      [[6, 11, 'severity is P2 but the last severity_history entry says P1']],
    ],
    [
      'a file name without the id',
      record(),
      [[4, 5, 'The file name must start with the incident id: rename it to INC-0042-<short-name>.md']],
      'incidents/2026/checkout-errors.md',
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, text, expected, file) => {
    expect(await lint(text, file)).toEqual(expected);
  });
});
