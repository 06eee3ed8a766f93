import { describe, expect, it } from 'vitest';
import { meetingDeadline } from '../../../plugins/lint/rules/postmortem-review';
import { INCIDENT_PATH, incidentRecord, lintDocs, NOW, withSeverity } from '../helpers';

const RULE = 'postmortem-review';
const PM = 'incidents/2026/INC-0042-checkout-errors-postmortem.md';
const PM_NAME = 'INC-0042-checkout-errors-postmortem.md';
// The fixture record (P1, detected 2026-11-20 10:00 UTC, a Friday), resolved at 11:00 and linking to PM unless told.
const record = (postmortem: string | undefined = PM_NAME) =>
  incidentRecord(`resolved_at: "2026-11-20T11:00:00Z"\n${postmortem ? `postmortem: ${postmortem}\n` : ''}`).replace(
    'status: investigating',
    'status: resolved',
  );

/** A postmortem: incident on line 4, severity 5, status 6, date 7, review_meeting 8. */
function postmortem(o: { incident?: string; severity?: string; status?: string; date?: string; meeting?: string; type?: string } = {}) {
  return `---
title: "Postmortem: Checkout errors"
type: ${o.type ?? 'postmortem'}
incident: ${o.incident ?? 'INC-0042'}
severity: ${o.severity ?? 'P1'}
status: ${o.status ?? 'published'}
date: ${o.date ?? '2026-11-22'}
review_meeting: "${o.meeting ?? '2026-11-21T10:00:00Z'}"
owner: payments
authors: ["@grace"]
action_items: []
---

## Summary

Text.
`;
}

const lint = (pm: string, rec = record()) => lintDocs({ [INCIDENT_PATH]: rec, [PM]: pm }, PM, { rule: RULE, now: NOW }).then(withSeverity);

describe(RULE, () => {
  const valid: [string, string, string?][] = [
    ['a published postmortem, linked, reviewed the next day, published in time', postmortem()],
    ['a meeting on the Monday after a 48-hour window that ends on a Sunday', postmortem({ meeting: '2026-11-23T20:00:00Z' })],
    ['published on the due day', postmortem({ date: '2026-11-25' })],
    ['a draft: no link back, no meeting yet', postmortem({ status: 'draft' }), record(null as unknown as undefined)],
    ['the record links with a path from the repository root', postmortem(), record(PM)],
    ['a document that is not a postmortem', postmortem({ type: 'reference', incident: 'INC-0999' })],
  ];
  it.each(valid)('valid: %s', async (_name, pm, rec) => {
    expect(await lint(pm, rec ?? record())).toEqual([]);
  });

  const invalid: [string, string, string, (string | number)[][]][] = [
    [
      'an incident id with no record',
      postmortem({ incident: 'INC-0043' }),
      record(),
      [[4, 11, 'error', 'No incident record has id INC-0043: "incident" must name the record this postmortem reviews']],
    ],
    [
      'a severity that is not the final one',
      postmortem({ severity: 'P2' }),
      record(),
      [
        [
          5,
          11,
          'error',
          `Severity P2 is not the final severity of INC-0042, which is P1 in ${INCIDENT_PATH}: a postmortem reviews the incident at its final severity`,
        ],
      ],
    ],
    [
      'a published postmortem the record does not link to',
      postmortem(),
      record(null as unknown as undefined),
      [[4, 11, 'error', `${INCIDENT_PATH} does not link back to this postmortem: add "postmortem: ${PM_NAME}" to its front matter`]],
    ],
    [
      'a record linking to another document',
      postmortem(),
      record('INC-0042-old-postmortem.md'),
      [[4, 11, 'error', `${INCIDENT_PATH} links to INC-0042-old-postmortem.md, not to this postmortem: point its "postmortem" at ${PM_NAME}`]],
    ],
    [
      'a review meeting before the resolution',
      postmortem({ meeting: '2026-11-20T10:30:00Z' }),
      record(),
      [[8, 17, 'error', 'The review meeting (2026-11-20 10:30 UTC) is before INC-0042 was resolved (2026-11-20 11:00 UTC): it reviews a resolved incident']],
    ],
    [
      'a review meeting after the window',
      postmortem({ meeting: '2026-11-24T09:00:00Z' }),
      record(),
      [
        [
          8,
          17,
          'warn',
          'The review meeting (2026-11-24 09:00 UTC) was held after 2026-11-23 23:59 UTC, the latest the review policy allows (48h after resolution at 2026-11-20 11:00 UTC, or the next working day): name the delay and its reason in the postmortem',
        ],
      ],
    ],
    [
      'published after the due time',
      postmortem({ date: '2026-11-26' }),
      record(),
      [
        [
          7,
          7,
          'warn',
          'Published on 2026-11-26, after the P1 due time (2026-11-25 11:00 UTC, 5d after resolution): name the delay and its reason in the postmortem',
        ],
      ],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, pm, rec, expected) => {
    expect(await lint(pm, rec)).toEqual(expected);
  });
});

describe('meetingDeadline', () => {
  const H48 = 48 * 3_600_000;
  it('is 48 hours after resolution on a weekday', () => {
    expect(new Date(meetingDeadline(Date.parse('2026-11-17T09:00:00Z'), H48)).toISOString()).toBe('2026-11-19T09:00:00.000Z');
  });
  it('moves to the end of Monday when the window ends on a Saturday or a Sunday', () => {
    expect(new Date(meetingDeadline(Date.parse('2026-11-19T09:00:00Z'), H48)).toISOString()).toBe('2026-11-23T23:59:00.000Z');
    expect(new Date(meetingDeadline(Date.parse('2026-11-20T09:00:00Z'), H48)).toISOString()).toBe('2026-11-23T23:59:00.000Z');
  });
});
