import { describe, expect, it } from 'vitest';
import { brief, lintDocs, runbook, RUNBOOK_BODY } from '../helpers';

const RULE = 'link-integrity';
const TARGET = 'runbooks/db.md';
/** The runbook under test with `md` appended: its first line is line 48. */
const withLinks = (md: string) => runbook({ body: `${RUNBOOK_BODY}\n${md}\n` });
const ref = (title: string, body: string) => `---\ntitle: ${title}\ntype: reference\n---\n\n${body}`;
/** The other documents of the handbook, for the index: another runbook, a page with a custom heading id, folder index pages. */
const OTHERS: Record<string, string> = {
  'runbooks/cache.md': runbook({ fm: 'title: Cache failure\ntype: runbook\nowner: platform\nlast_reviewed: 2026-10-01\nreview_every: 90d\nservices: [cache]\nseverities: [P2]\nalerts: []' }),
  'runbooks/database/replica-lag.md': runbook({ fm: 'title: Replica lag\ntype: runbook\nowner: data-platform\nlast_reviewed: 2026-10-01\nreview_every: 90d\nservices: [orders-db]\nseverities: [P2]\nalerts: []' }),
  'docs/index.md': ref('Incident handbook', '## Start here\n\nRead this first.\n'),
  'docs/plan.md': ref('Response plan', '## Declare\n\nText.\n\n## Escalate {#escalation}\n\nMore text.\n'),
  'docs/guide/index.md': ref('Guide', '## Start\n\nText.\n'),
};
const lint = (md: string) => lintDocs({ [TARGET]: withLinks(md), ...OTHERS }, TARGET, { rule: RULE }).then(brief);
const CACHE_ANCHORS = '#first-5-minutes, #overview, #symptoms, #impact, #diagnosis, #mitigation, #rollback-and-recovery, #escalation';

describe(RULE, () => {
  const valid: [string, string][] = [
    ['relative file links in the same root', '[cache](./cache.md), [again](cache.md) and [lag](database/replica-lag.md)'],
    ['a relative file link with an anchor', '[cache](./cache.md#rollback-and-recovery)'],
    ['a relative link up and back into the same root', '[cache](../runbooks/cache.md)'],
    ['same-page anchors', '[symptoms](#symptoms) and [rollback](#rollback-and-recovery)'],
    ['site paths of documents', '[home](/), [plan](/plan), [cache](/runbooks/cache), [lag](/runbooks/database/replica-lag), [guide](/guide/)'],
    ['a site path with a custom heading id', '[escalate](/plan#escalation)'],
    ['extra routes from the config', '[classifier](/classifier), [alert](/runbooks/alert/HighErrorRate), [coverage](/compliance), [dashboard](/incidents/dashboard)'],
    ['external links', '[site](https://example.com/x), [mail](mailto:sre@example.com), [cdn](//cdn.example.com/a.js)'],
    ['a relative page address resolved against this page', '[cache](cache) and [lag](database/replica-lag)'],
    ['a reference definition', '[cache][c]\n\n[c]: ./cache.md#overview'],
  ];
  it.each(valid)('valid: %s', async (_name, md) => {
    expect(await lint(md)).toEqual([]);
  });

  const invalid: [string, string, (string | number)[][]][] = [
    ['a missing file', 'See [the runbook](./missing.md) now.', [[52, 5, 'Broken link "./missing.md": runbooks/missing.md does not exist']]],
    ['an anchor missing in another file', '[cache](./cache.md#nope)', [[52, 1, `Broken anchor in "./cache.md#nope": runbooks/cache.md has no heading "#nope"; it has ${CACHE_ANCHORS}`]]],
    ['a site path nothing is published at', 'Go to [nowhere](/nowhere).', [[52, 7, 'Broken link "/nowhere": no page of this handbook is published at /nowhere']]],
    ['a site path outside the configured routes', '[x](/compliance-report)', [[52, 1, 'Broken link "/compliance-report": no page of this handbook is published at /compliance-report']]],
    ['an anchor missing on a site path', '[plan](/plan#escalate)', [[52, 1, 'Broken anchor in "/plan#escalate": docs/plan.md has no heading "#escalate"; it has #declare, #escalation']]],
    [
      'a file link across content roots',
      '[plan](../docs/plan.md)',
      [[52, 1, 'Link "../docs/plan.md" crosses content roots: Docusaurus only resolves file links inside one root; link to the site path /plan instead']],
    ],
    [
      'a same-page anchor that does not exist',
      'Back to [top](#top).',
      [[52, 9, `Broken anchor "#top": no heading with that id in this document; it has ${CACHE_ANCHORS}`]],
    ],
    ['a relative page address that does not exist', '[x](cachez)', [[52, 1, 'Broken link "cachez": no file runbooks/cachez and no page at that address; link to the .md/.mdx file']]],
    ['a broken reference definition', '[cache][c]\n\n[c]: ./gone.md', [[54, 1, 'Broken link "./gone.md": runbooks/gone.md does not exist']]],
    [
      'two broken links on one line, in order',
      '[a](./a.md) and [b](/b)',
      [
        [52, 1, 'Broken link "./a.md": runbooks/a.md does not exist'],
        [52, 17, 'Broken link "/b": no page of this handbook is published at /b'],
      ],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, md, expected) => {
    expect(await lint(md)).toEqual(expected);
  });

  describe('hostile links', () => {
    it('refuses a link that resolves outside every content root (the build would publish the file)', async () => {
      expect(await lint('[x](../../outside-secret.json) and [y](../package.json)')).toEqual([
        [52, 1, 'Link "../../outside-secret.json" resolves outside the content roots (../outside-secret.json): only files under docs, runbooks, incidents, static may be linked; the build would publish it'],
        [52, 36, 'Link "../package.json" resolves outside the content roots (package.json): only files under docs, runbooks, incidents, static may be linked; the build would publish it'],
      ]);
    });

    it('reports a malformed % escape and still checks the other links of the file', async () => {
      expect(await lint('[bad](./cache%zz.md) [bad anchor](#a%E0%A4%A) [gone](./missing.md)')).toEqual([
        [52, 1, 'Malformed percent escape in link "./cache%zz.md": a % must be followed by two hexadecimal digits (write %25 for a literal %)'],
        [52, 22, 'Malformed percent escape in link "#a%E0%A4%A": a % must be followed by two hexadecimal digits (write %25 for a literal %)'],
        [52, 47, 'Broken link "./missing.md": runbooks/missing.md does not exist'],
      ]);
    });
  });
});

