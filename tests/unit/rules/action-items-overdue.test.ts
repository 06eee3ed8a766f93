import { describe, expect, it } from 'vitest';
import { lintDocs, NOW, withSeverity } from '../helpers';

const RULE = 'action-items-overdue';
const FILE = 'incidents/2026/INC-0042-checkout-errors-postmortem.md';
// NOW is 2026-11-23: due dates before it are overdue.
const item = (fields: string) => `  - {id: INC-0042-1, title: Add a canary stage, owner: payments, ${fields}}`;
/** A postmortem whose action items start at line 6. */
const postmortem = (items: string[], type = 'postmortem') => `---
title: Checkout errors postmortem
type: ${type}
incident: INC-0042
action_items:
${items.join('\n')}
---

## Summary

Text.
`;
const lint = (text: string) => lintDocs({ [FILE]: text }, FILE, { rule: RULE, now: NOW }).then(withSeverity);

describe(RULE, () => {
  const valid: [string, string][] = [
    ['an open item due in the future', postmortem([item('status: open, due: 2026-12-01')])],
    ['an open item due today', postmortem([item('status: open, due: 2026-11-23')])],
    ['a done item past its date', postmortem([item('status: done, due: 2026-01-01')])],
    ['a cancelled item past its date', postmortem([item('status: cancelled, due: 2026-01-01')])],
    ['an item without a due date', postmortem([item('status: open')])],
    ['a document that is not a postmortem', postmortem([item('status: open, due: 2026-01-01')], 'reference')],
    ['no action items', postmortem([]).replace('action_items:\n', 'action_items: []')],
  ];
  it.each(valid)('valid: %s', async (_name, text) => {
    expect(await lint(text)).toEqual([]);
  });

  const invalid: [string, string, (string | number)[][]][] = [
    [
      'an open item past its date',
      postmortem([item('status: open, due: 2026-11-22')]),
      [[6, 85, 'warn', 'Action item INC-0042-1 "Add a canary stage" (owner payments) was due 2026-11-22 and is still open']],
    ],
    [
      'an item in progress past its date, after one that is done',
      postmortem([item('status: done, due: 2026-01-01'), item('status: in-progress, due: 2026-10-01').replace('INC-0042-1', 'INC-0042-2')]),
      [[7, 92, 'warn', 'Action item INC-0042-2 "Add a canary stage" (owner payments) was due 2026-10-01 and is still in-progress']],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, text, expected) => {
    expect(await lint(text)).toEqual(expected);
  });

  it('follows its configured level: set to error, an overdue item is an error', async () => {
    const ms = await lintDocs({ [FILE]: postmortem([item('status: open, due: 2026-11-22')]) }, FILE, { rule: RULE, now: NOW, ruleLevels: { [RULE]: 'error' } });
    expect(ms.map((m) => m.severity)).toEqual([2]);
  });
});
