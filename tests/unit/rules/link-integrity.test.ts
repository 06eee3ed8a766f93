import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject, type LoadedProject } from '../../../plugins/lint/load';
import type { RuleSetting } from '../../../plugins/lint/types';
import { brief, lintDocs, projectWith, runbook, RUNBOOK_BODY } from '../helpers';

const RULE = 'link-integrity';
const TARGET = 'runbooks/db.md';
/** The runbook under test with `md` appended: its first line is line 48. */
const withLinks = (md: string) => runbook({ body: `${RUNBOOK_BODY}\n${md}\n` });
const ref = (title: string, body: string) => `---\ntitle: ${title}\ntype: reference\n---\n\n${body}`;
/** The other documents of the handbook, for the index: another runbook, a page with a custom heading id, folder index pages. */
const OTHERS: Record<string, string> = {
  'runbooks/cache.md': runbook({
    fm: 'title: Cache failure\ntype: runbook\nowner: platform\nlast_reviewed: 2026-10-01\nreview_every: 90d\nservices: [cache]\nseverities: [P2]\nalerts: []',
  }),
  'runbooks/database/replica-lag.md': runbook({
    fm: 'title: Replica lag\ntype: runbook\nowner: data-platform\nlast_reviewed: 2026-10-01\nreview_every: 90d\nservices: [orders-db]\nseverities: [P2]\nalerts: []',
  }),
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
    [
      'extra routes from the config',
      '[classifier](/classifier), [alert](/runbooks/alert/HighErrorRate), [coverage](/compliance), [dashboard](/incidents/dashboard)',
    ],
    ['external links', '[site](https://example.com/x), [mail](mailto:sre@example.com), [cdn](//cdn.example.com/a.js)'],
    ['a relative page address resolved against this page', '[cache](cache) and [lag](database/replica-lag)'],
    ['a reference definition', '[cache][c]\n\n[c]: ./cache.md#overview'],
  ];
  it.each(valid)('valid: %s', async (_name, md) => {
    expect(await lint(md)).toEqual([]);
  });

  const invalid: [string, string, (string | number)[][]][] = [
    ['a missing file', 'See [the runbook](./missing.md) now.', [[52, 5, 'Broken link "./missing.md": runbooks/missing.md does not exist']]],
    [
      'an anchor missing in another file',
      '[cache](./cache.md#nope)',
      [[52, 1, `Broken anchor in "./cache.md#nope": runbooks/cache.md has no heading "#nope"; it has ${CACHE_ANCHORS}`]],
    ],
    [
      'a site path nothing is published at',
      'Go to [nowhere](/nowhere).',
      [[52, 7, 'Broken link "/nowhere": no page of this handbook is published at /nowhere']],
    ],
    [
      'a site path outside the configured routes',
      '[x](/compliance-report)',
      [[52, 1, 'Broken link "/compliance-report": no page of this handbook is published at /compliance-report']],
    ],
    [
      'an anchor missing on a site path',
      '[plan](/plan#escalate)',
      [[52, 1, 'Broken anchor in "/plan#escalate": docs/plan.md has no heading "#escalate"; it has #declare, #escalation']],
    ],
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
    [
      'a relative page address that does not exist',
      '[x](cachez)',
      [[52, 1, 'Broken link "cachez": no file runbooks/cachez and no page at that address; link to the .md/.mdx file']],
    ],
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
        [
          52,
          1,
          'Link "../../outside-secret.json" resolves outside the content roots (../outside-secret.json): only files under docs, runbooks, incidents, static may be linked; the build would publish it',
        ],
        [
          52,
          36,
          'Link "../package.json" resolves outside the content roots (package.json): only files under docs, runbooks, incidents, static may be linked; the build would publish it',
        ],
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

  describe('what the rest of the site publishes', () => {
    let root: string;
    let cleanup: () => void;
    /** The project in a temp folder with a static folder, React and Markdown pages, and another docs instance. */
    const SITE_FILES = [
      'static/img/diagram.png',
      'static/files/escalation.pdf',
      'src/pages/status.tsx',
      'src/pages/oncall/index.md',
      'src/pages/_helpers.tsx',
      'api-docs/intro.md',
      'api-docs/auth/tokens.mdx',
      'api-docs/img/flow.png',
      'private/notes.txt',
    ];
    const at = (setting?: RuleSetting): LoadedProject => {
      const loaded = loadProject(root);
      if (!setting) return loaded;
      const config = { ...loaded.project.config, rules: { ...loaded.project.config.rules, [RULE]: setting } };
      return { ...loaded, project: { ...loaded.project, config } };
    };
    const lintIn = (md: string, setting?: RuleSetting) =>
      lintDocs({ [TARGET]: withLinks(md), ...OTHERS }, TARGET, { rule: RULE, project: at(setting) }).then(brief);
    const API = ['error', { site_roots: [{ path: 'api-docs', route: '/api' }] }] as RuleSetting;

    beforeAll(() => {
      ({ root, cleanup } = projectWith({}));
      for (const f of SITE_FILES) {
        mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
        writeFileSync(path.join(root, f), 'x\n');
      }
    });
    afterAll(() => cleanup?.());

    it('static files, by site path or relative path, and pages of the pages plugin are valid', async () => {
      expect(
        await lintIn('[d](/img/diagram.png), [pdf](/files/escalation.pdf), [d2](../static/img/diagram.png), [status](/status), [on call](/oncall/)'),
      ).toEqual([]);
    });

    it('a static file or page that does not exist is still broken; "_" files are not pages', async () => {
      expect(await lintIn('[a](/img/gone.png) [b](../static/img/gone.png) [c](/_helpers)')).toEqual([
        [52, 1, 'Broken link "/img/gone.png": no page of this handbook is published at /img/gone.png'],
        [52, 20, 'Broken link "../static/img/gone.png": static/img/gone.png does not exist'],
        [52, 48, 'Broken link "/_helpers": no page of this handbook is published at /_helpers'],
      ]);
    });

    it('a page file linked by path points at its address instead', async () => {
      expect(await lintIn('[status](../src/pages/status.tsx)')).toEqual([
        [
          52,
          1,
          'Link "../src/pages/status.tsx" crosses content roots: Docusaurus only resolves file links inside one root; link to the site path /status instead',
        ],
      ]);
    });

    it('another docs instance named in site_roots: its site paths and assets are valid; file links point at its address', async () => {
      expect(await lintIn('[api](/api/intro) [tokens](/api/auth/tokens) [flow](../api-docs/img/flow.png)', API)).toEqual([]);
      expect(await lintIn('[api](../api-docs/intro.md)', API)).toEqual([
        [
          52,
          1,
          'Link "../api-docs/intro.md" crosses content roots: Docusaurus only resolves file links inside one root; link to the site path /api/intro instead',
        ],
      ]);
      expect(await lintIn('[gone](../api-docs/img/gone.png)', API)).toEqual([
        [52, 1, 'Broken link "../api-docs/img/gone.png": api-docs/img/gone.png does not exist'],
      ]);
      // Without the option the folder is outside the handbook.
      expect(await lintIn('[flow](../api-docs/img/flow.png)')).toEqual([
        [
          52,
          1,
          'Link "../api-docs/img/flow.png" resolves outside the content roots (api-docs/img/flow.png): only files under docs, runbooks, incidents, static may be linked; the build would publish it',
        ],
      ]);
    });

    it('files elsewhere in the repository and outside it stay errors, whatever the options', async () => {
      const opts = ['error', { static_dirs: ['static'], pages_dirs: ['src/pages'], site_roots: [{ path: 'api-docs', route: '/api' }] }] as RuleSetting;
      expect(await lintIn('[n](../private/notes.txt) [s](../../outside-secret.json) [p](../src/pages/_helpers.css)', opts)).toEqual([
        [
          52,
          1,
          'Link "../private/notes.txt" resolves outside the content roots (private/notes.txt): only files under docs, runbooks, incidents, static, api-docs may be linked; the build would publish it',
        ],
        [
          52,
          27,
          'Link "../../outside-secret.json" resolves outside the content roots (../outside-secret.json): only files under docs, runbooks, incidents, static, api-docs may be linked; the build would publish it',
        ],
        [
          52,
          58,
          'Link "../src/pages/_helpers.css" resolves outside the content roots (src/pages/_helpers.css): only files under docs, runbooks, incidents, static, api-docs may be linked; the build would publish it',
        ],
      ]);
    });

    it('folders in the options must stay inside the project', async () => {
      for (const bad of [
        { static_dirs: ['../elsewhere'] },
        { pages_dirs: ['/etc'] },
        { site_roots: [{ path: 'a/../..', route: '/x' }] },
        { static_dirs: ['.'] },
      ]) {
        await expect(lintIn('[x](/x)', ['error', bad] as RuleSetting)).rejects.toThrow(/options of rule "link-integrity"/);
      }
    });
  });
});
