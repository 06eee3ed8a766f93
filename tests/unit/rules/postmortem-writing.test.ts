import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocs, NOW, withSeverity } from '../helpers';

const RULE = 'postmortem-writing';
const PM = 'incidents/2026/INC-0042-checkout-errors-postmortem.md';
/** A postmortem whose Timeline entries start at line 18 and whose Root causes text is on line 24. */
function postmortem(o: { entries?: string[]; cause?: string; type?: string } = {}) {
  const entries = o.entries ?? [
    '- **2026-11-20 10:00 UTC** Alert fires (detection).',
    '- **2026-11-20 10:04 UTC** Acknowledged; declared P1.',
    '- **2026-11-20 10:40 UTC** Rolled back (mitigated).',
  ];
  return `---
title: "Postmortem: Checkout errors"
type: ${o.type ?? 'postmortem'}
incident: INC-0042
severity: P1
status: draft
action_items: []
---

## Summary

The checkout API returned errors for forty minutes after a release.

## Timeline

All times UTC.

${entries.join('\n')}

## Root causes

${o.cause ?? 'The release changed a connection setting that no test exercised under load.'}
`;
}
const lint = (text: string) => lintDocs({ [PM]: text }, PM, { rule: RULE, now: NOW }).then(withSeverity);

describe(RULE, () => {
  const valid: [string, string][] = [
    ['a timeline in time order with UTC times, and neutral words', postmortem()],
    [
      'two entries at the same minute',
      postmortem({ entries: ['- **2026-11-20 10:00 UTC** Alert fires.', '- **2026-11-20 10:00 UTC** Page sent.', '- **2026-11-20 10:05 UTC** Acknowledged.'] }),
    ],
    ['words that contain a listed word', postmortem({ cause: 'The adjustment was justified; the forgotten-password page stayed up.' })],
    ['hindsight words in code', postmortem({ cause: 'The alert text `should have fired` is a quote from the tool.' })],
    ['bold labels outside the Timeline section', postmortem({ cause: '- **Trigger:** a setting changed.\n- **Latent weakness:** no load test.' })],
    ['a document that is not a postmortem', postmortem({ type: 'reference', cause: 'Someone forgot a step.' })],
  ];
  it.each(valid)('valid: %s', async (_name, text) => {
    expect(await lint(text)).toEqual([]);
  });

  const HINT = 'describe what people knew and saw at the time, and what made the step easy to miss (blameless language)';
  const invalid: [string, string, (string | number)[][]][] = [
    [
      'a hindsight word',
      postmortem({ cause: 'The engineer forgot to run the migration check.' }),
      [[24, 14, 'error', `Hindsight word "forgot" in a postmortem: ${HINT}`]],
    ],
    [
      'two words, one spanning a line break',
      postmortem({ cause: 'The reviewer should\nhave seen it; it was simply missed.' }),
      [
        [24, 14, 'error', `Hindsight word "should have" in a postmortem: ${HINT}`],
        [25, 22, 'error', `Hindsight word "simply" in a postmortem: ${HINT}`],
      ],
    ],
    ['any letter case', postmortem({ cause: 'Obviously the cache key was wrong.' }), [[24, 1, 'error', `Hindsight word "Obviously" in a postmortem: ${HINT}`]]],
    [
      'an entry without a UTC time',
      postmortem({ entries: ['- **2026-11-20 10:00 UTC** Alert fires.', '- **10:04** Acknowledged.', '- **2026-11-20 10:40 UTC** Rolled back.'] }),
      [[19, 3, 'error', 'Timeline entry "10:04" does not start with a UTC time: write it as **2026-03-03 08:45 UTC** followed by what happened']],
    ],
    [
      'an entry out of order',
      postmortem({
        entries: ['- **2026-11-20 10:00 UTC** Alert fires.', '- **2026-11-20 10:40 UTC** Rolled back.', '- **2026-11-20 10:04 UTC** Acknowledged.'],
      }),
      [[20, 3, 'error', 'Timeline entry at 2026-11-20 10:04 UTC comes before the entry above it (2026-11-20 10:40 UTC): keep the timeline in time order']],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, text, expected) => {
    expect(await lint(text)).toEqual(expected);
  });
});

// The rule page's examples hold whole postmortems (with "## " headings, which the shared docs-example test cuts at):
// check them here, so the page shows what the rule really reports.
describe(`${RULE} documentation`, () => {
  const page = readFileSync(path.resolve(__dirname, `../../../docs/linter/rules/${RULE}.md`), 'utf8');
  const blocks = [...page.matchAll(/^```(markdown|text)\n([\s\S]*?)^```\n/gm)].map((m) => ({ lang: m[1], body: m[2] }));
  it('has a failing example with its messages and a fixed example', async () => {
    expect(blocks.map((b) => b.lang)).toEqual(['markdown', 'text', 'markdown']);
    const report = async (doc: string) =>
      (await lintDocs({ [PM]: doc }, PM, { rule: RULE, now: NOW })).map(
        (m) => `${m.line}:${m.column}  ${m.severity === 2 ? 'error' : 'warning'}  ${m.message}  ${RULE}`,
      );
    expect(await report(blocks[0].body)).toEqual(blocks[1].body.trim().split('\n'));
    expect(await report(blocks[2].body)).toEqual([]);
  });
});
