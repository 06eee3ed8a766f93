import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORTS } from '../../../plugins/lint/rules/mdx-safety';
import type { RuleSetting } from '../../../plugins/lint/types';
import { brief, fixtureWithRule, lintDocs } from '../helpers';

const RULE = 'mdx-safety';
const fm = '---\ntitle: Safety test page\ntype: reference\n---\n\n';
const mdx = (body: string) => lintDocs({ 'docs/p.mdx': fm + body + '\n' }, 'docs/p.mdx', { rule: RULE }).then(brief);
const md = (body: string) => lintDocs({ 'docs/p.md': fm + body + '\n' }, 'docs/p.md', { rule: RULE }).then(brief);

describe(RULE, () => {
  const valid: [string, () => Promise<unknown>][] = [
    ['handbook components with string props', () => mdx('<SeverityMatrix />\n\n<EscalationTimeline severity="P1" />')],
    ['comment expressions in MDX', () => mdx('{/* handbook-disable-next-line no-placeholders -- example */}\n\nText.')],
    ['safe HTML in Markdown', () => md('<details><summary>More</summary>\n\nHidden text.\n\n</details>\n\n<kbd>Ctrl</kbd>')],
    ['ordinary links', () => md('[runbooks](/runbooks/) and [docs](https://example.com)')],
  ];
  it.each(valid)('valid: %s', async (_n, run) => expect(await run()).toEqual([]));

  const invalid: [string, () => Promise<unknown>, (string | number)[][]][] = [
    [
      'import statement',
      () => mdx("import X from './x';\n\n<X />"),
      [
        [
          6,
          1,
          `import from "./x" is not allowed: documents may import only from ${DEFAULT_IMPORTS.map((m) => `"${m}"`).join(', ')} (mdx-safety option "imports"); handbook components need no import`,
        ],
        [
          8,
          1,
          'Component <X> is not allowed: use one of the handbook components (AdoptionChecklist, AlertRouting, CommTemplate, ContactFact, DueAt, EscalationStep, ...)',
        ],
      ],
    ],
    [
      'JavaScript expression',
      () => mdx('Total: {1 + 1}'),
      [[6, 8, 'JavaScript expressions {...} are not allowed in documents; write text, or escape the brace as \\{']],
    ],
    [
      'expression attribute',
      () => mdx('<SeverityFact level={"P1"} field="name" />'),
      [[6, 1, 'Attribute "level" on <SeverityFact> uses a JavaScript expression; give a plain string: level="..."']],
    ],
    [
      'event handler on a component',
      () => mdx('<SeverityMatrix onClick="alert(1)" />'),
      [[6, 1, 'Event handler attribute "onClick" is not allowed on <SeverityMatrix>']],
    ],
    ['script in Markdown', () => md('<script>alert(1)</script>'), [[6, 1, 'HTML element <script> is not allowed in documents']]],
    [
      'iframe with inline content in Markdown',
      () => md('<iframe srcdoc="x"></iframe>'),
      [[6, 1, '<iframe srcdoc> is not allowed: it writes a whole page into the document; embed a URL from an allowed host instead']],
    ],
    ['export statement', () => mdx('export const x = 1;\n\nText.'), [[6, 1, 'export is not allowed in documents: a document holds content, not code']]],
    ['img onerror without quotes', () => md('<img src=x onerror=alert(1)>'), [[6, 1, 'Event handler attribute "onError" is not allowed on <img>']]],
    [
      'javascript: link',
      () => md('[click](javascript:alert(1))'),
      [[6, 1, 'Unsafe URL "javascript:alert(1)" in a link: javascript:, data:, vbscript: and file: URLs are not allowed']],
    ],
    [
      'data: URL in HTML',
      () => md('<a href="data:text/html,hi">x</a>'),
      [[6, 1, 'Unsafe URL "data:text/html,hi" in <a href>: javascript:, data:, vbscript: and file: URLs are not allowed']],
    ],
    [
      'mdx switch in front matter',
      () => lintDocs({ 'docs/p.md': '---\ntitle: Switch page\ntype: reference\nmdx: {format: mdx}\n---\n\nText.\n' }, 'docs/p.md', { rule: RULE }).then(brief),
      [[4, 1, 'Front matter key "mdx" is not allowed: it can switch a .md file to MDX']],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_n, run, expected) => expect(await run()).toEqual(expected));

  describe('imports (option "imports")', () => {
    const TABS =
      'import Tabs from \'@theme/Tabs\';\nimport TabItem from \'@theme/TabItem\';\n\n<Tabs>\n<TabItem value="a" label="Linux">\n\nText.\n\n</TabItem>\n</Tabs>';
    const withImports = (imports: string[]) => fixtureWithRule(RULE, ['error', { imports }] as RuleSetting);
    const mdxIn = (body: string, imports: string[]) =>
      lintDocs({ 'docs/p.mdx': fm + body + '\n' }, 'docs/p.mdx', { rule: RULE, project: withImports(imports) }).then(brief);

    it('accepts the Docusaurus theme components by default, and the names they import', async () => {
      expect(await mdx(TABS)).toEqual([]);
      expect(
        await mdx(
          "import Admonition from '@theme/Admonition';\nimport CodeBlock from '@theme/CodeBlock';\nimport Details from '@theme/Details';\n\n<Details><summary>More</summary>\n\nText.\n\n</Details>",
        ),
      ).toEqual([]);
    });

    it('a name imported from an allowed module is allowed; one from elsewhere is not', async () => {
      expect(await mdx("import { Chart } from './chart';\nimport Tabs from '@theme/Tabs';\n\n<Tabs />\n\n<Chart />")).toEqual([
        [
          6,
          1,
          `import from "./chart" is not allowed: documents may import only from ${DEFAULT_IMPORTS.map((m) => `"${m}"`).join(', ')} (mdx-safety option "imports"); handbook components need no import`,
        ],
        [
          11,
          1,
          'Component <Chart> is not allowed: use one of the handbook components (AdoptionChecklist, AlertRouting, CommTemplate, ContactFact, DueAt, EscalationStep, ...)',
        ],
      ]);
    });

    it('the option replaces the list: an empty list allows no import at all', async () => {
      expect(await mdxIn(TABS, [])).toEqual([
        [6, 1, 'import is not allowed in documents: components are available without importing them'],
        [7, 1, 'import is not allowed in documents: components are available without importing them'],
        [9, 1, expect.stringMatching(/^Component <Tabs> is not allowed/)],
        [10, 1, expect.stringMatching(/^Component <TabItem> is not allowed/)],
      ]);
      expect(await mdxIn("import Chart from '@acme/charts';\n\n<Chart />", ['@acme/charts'])).toEqual([]);
      expect(await mdxIn("import Tabs from '@theme/Tabs';", ['@acme/charts'])).toEqual([
        [
          6,
          1,
          'import from "@theme/Tabs" is not allowed: documents may import only from "@acme/charts" (mdx-safety option "imports"); handbook components need no import',
        ],
      ]);
    });

    it('only plain imports: no export next to them, no namespace import, no import attributes', async () => {
      expect(await mdx("import Tabs from '@theme/Tabs';\nexport const steal = 1;")).toEqual([
        [7, 1, 'export is not allowed in documents: a document holds content, not code'],
      ]);
      expect(await mdx("import * as T from '@theme/Tabs';")).toEqual([
        [6, 1, 'Only plain import statements are allowed in documents: import * from "@theme/Tabs"; import the components by name'],
      ]);
      expect(await mdx("import Tabs from '@theme/Tabs?raw';")).toEqual([[6, 1, expect.stringMatching(/^import from "@theme\/Tabs\?raw" is not allowed/)]]);
    });

    it('an allowed import does not let expressions or event handlers through', async () => {
      expect(await mdx('import Tabs from \'@theme/Tabs\';\n\n<Tabs values={[1]} onClick="x()" />')).toEqual([
        [8, 1, 'Attribute "values" on <Tabs> uses a JavaScript expression; give a plain string: values="..."'],
        [8, 1, 'Event handler attribute "onClick" is not allowed on <Tabs>'],
      ]);
    });

    it('a malformed option is a configuration error naming the rule', async () => {
      await expect(
        lintDocs({ 'docs/p.mdx': fm + 'Text.\n' }, 'docs/p.mdx', { project: fixtureWithRule(RULE, ['error', { imports: ['has space'] }] as RuleSetting) }),
      ).rejects.toThrow(/options of rule "mdx-safety"/);
    });
  });

  describe('embeds (option "embed_hosts") and checkbox lists', () => {
    const HOSTS = ['grafana.example.com', '*.recordings.example.net'];
    const withHosts = fixtureWithRule(RULE, ['error', { embed_hosts: HOSTS }] as RuleSetting);
    const mdH = (body: string) => lintDocs({ 'docs/p.md': fm + body + '\n' }, 'docs/p.md', { rule: RULE, project: withHosts }).then(brief);
    const mdxH = (body: string) => lintDocs({ 'docs/p.mdx': fm + body + '\n' }, 'docs/p.mdx', { rule: RULE, project: withHosts }).then(brief);
    const DASH = '<iframe src="https://grafana.example.com/d-solo/abc?panelId=2" width="800" height="300" title="Error rate"></iframe>';
    const VIDEO = '<video controls src="https://eu.recordings.example.net/drill-2025.mp4"></video>';

    it('no embed host is allowed by default', async () => {
      expect(await md(DASH)).toEqual([
        [
          6,
          1,
          '<iframe> from "grafana.example.com" is not allowed: no embed hosts are configured; if the host is trusted, list it under the mdx-safety option "embed_hosts" in handbook.config.yaml',
        ],
      ]);
      expect(await md(VIDEO)).toEqual([
        [
          6,
          1,
          '<video> from "eu.recordings.example.net" is not allowed: no embed hosts are configured; if the host is trusted, list it under the mdx-safety option "embed_hosts" in handbook.config.yaml',
        ],
      ]);
    });

    it('dashboards and recordings from listed hosts are fine, in Markdown and in MDX', async () => {
      expect(await mdH(DASH)).toEqual([]);
      expect(await mdH(VIDEO)).toEqual([]);
      expect(await mdH('<video controls>\n<source src="https://eu.recordings.example.net/a.webm" type="video/webm">\n</video>')).toEqual([]);
      expect(await mdxH('<iframe src="https://grafana.example.com/d-solo/abc" title="Errors" allowFullScreen />')).toEqual([]);
      // A video file of the site itself needs no host.
      expect(await md('<video controls src="/recordings/drill.mp4"></video>')).toEqual([]);
    });

    it('other hosts, plain http, relative frames and inline pages are refused', async () => {
      const hosts = '"grafana.example.com", "*.recordings.example.net"';
      expect(await mdH('<iframe src="https://evil.example.org/x"></iframe>')).toEqual([
        [6, 1, `<iframe> from "evil.example.org" is not allowed: embed hosts are ${hosts} (mdx-safety option "embed_hosts")`],
      ]);
      // The wildcard covers subdomains only, and the host must match exactly (no suffix tricks).
      expect(await mdH('<video src="https://recordings.example.net/a.mp4"></video>')).toEqual([
        [6, 1, `<video> from "recordings.example.net" is not allowed: embed hosts are ${hosts} (mdx-safety option "embed_hosts")`],
      ]);
      expect(await mdH('<iframe src="https://grafana.example.com.evil.org/x"></iframe>')).toEqual([
        [6, 1, `<iframe> from "grafana.example.com.evil.org" is not allowed: embed hosts are ${hosts} (mdx-safety option "embed_hosts")`],
      ]);
      expect(await mdH('<iframe src="http://grafana.example.com/d"></iframe>')).toEqual([
        [
          6,
          1,
          '<iframe src="http://grafana.example.com/d"> is not allowed: embeds load only over https:// from a host listed in the mdx-safety option "embed_hosts"',
        ],
      ]);
      expect(await mdH('<iframe src="/break-glass"></iframe>')).toEqual([
        [6, 1, '<iframe src="/break-glass"> is not allowed: embeds load only over https:// from a host listed in the mdx-safety option "embed_hosts"'],
      ]);
      expect(await mdH('<iframe src="https://grafana.example.com/d" srcdoc="<script>x()</script>"></iframe>')).toEqual([
        [6, 1, '<iframe srcdoc> is not allowed: it writes a whole page into the document; embed a URL from an allowed host instead'],
      ]);
      expect(await mdH('<iframe title="x"></iframe>')).toEqual([
        [6, 1, '<iframe> needs a src: an https:// URL of a host listed in the mdx-safety option "embed_hosts"'],
      ]);
    });

    it('javascript: and data: sources are refused whatever the hosts, and handlers still count', async () => {
      expect(await mdH('<iframe src="javascript:alert(1)"></iframe>')).toEqual([
        [6, 1, 'Unsafe URL "javascript:alert(1)" in <iframe src>: javascript:, data:, vbscript: and file: URLs are not allowed'],
      ]);
      expect(await mdH('<video src=" data:video/mp4;base64,AAAA"></video>')).toEqual([
        [6, 1, 'Unsafe URL " data:video/mp4;base64,AAAA" in <video src>: javascript:, data:, vbscript: and file: URLs are not allowed'],
      ]);
      expect(await mdxH('<iframe src="java\tscript:alert(1)" />')).toEqual([
        [6, 1, 'Unsafe URL "java\tscript:alert(1)" in <iframe src>: javascript:, data:, vbscript: and file: URLs are not allowed'],
      ]);
      expect(await mdH('<video src="https://eu.recordings.example.net/a.mp4" onplay="x()"></video>')).toEqual([
        [6, 1, 'Event handler attribute "onPlay" is not allowed on <video>'],
      ]);
    });

    it('a malformed host is a configuration error', async () => {
      await expect(
        lintDocs({ 'docs/p.md': fm + 'Text.\n' }, 'docs/p.md', {
          project: fixtureWithRule(RULE, ['error', { embed_hosts: ['https://grafana.example.com/'] }] as RuleSetting),
        }),
      ).rejects.toThrow(/options of rule "mdx-safety"/);
    });

    it('checkbox lists raise nothing, as Markdown task lists or as inert HTML, in .md and .mdx', async () => {
      const list = '- [ ] Page the database owner\n- [x] Freeze deploys\n    - [ ] Tell the release channel';
      expect(await md(list)).toEqual([]);
      expect(await mdx(list)).toEqual([]);
      expect(
        await mdx('<ul>\n<li><input type="checkbox" disabled /> step one</li>\n<li><input type="checkbox" checked disabled /> step two</li>\n</ul>'),
      ).toEqual([]);
    });
  });

  describe('hostile input', () => {
    it('a raw HTML block that starts and ends with a comment is not a comment', async () => {
      expect(await md('<!-- a --><script>alert(1)</script><!-- b -->')).toEqual([[6, 1, 'HTML element <script> is not allowed in documents']]);
      expect(await md('<!-- a -->\n<img src=x onerror=alert(1)>\n<!-- b -->')).toEqual([[7, 1, 'Event handler attribute "onError" is not allowed on <img>']]);
    });

    it('a block of comments only is fine', async () => {
      expect(await md('<!-- one -->\n<!-- two -->')).toEqual([]);
    });

    it('inert GFM checkboxes are fine, live inputs are not', async () => {
      expect(await md('<ul><li><input type="checkbox" disabled> step one</li><li><input type="checkbox" checked disabled /> done</li></ul>')).toEqual([]);
      expect(await md('- [ ] open item\n- [x] done item')).toEqual([]);
      expect(await md('<input type="text" name="q">')).toEqual([[6, 1, 'HTML element <input> is not allowed in documents']]);
      expect(await md('<input type="checkbox" onclick="x()" disabled>')).toEqual([
        [6, 1, 'HTML element <input> is not allowed in documents'],
        [6, 1, 'Event handler attribute "onClick" is not allowed on <input>'],
      ]);
    });

    it('flags bidirectional overrides and control characters in headings, text and front matter', async () => {
      expect(await md('## Restart \u202Eevil\n\nText.')).toEqual([
        [6, 12, 'Line contains the bidirectional control character U+202E: remove it (it can make text read differently from what it is)'],
      ]);
      expect(await md('Bell \u0007 here.')).toEqual([
        [6, 6, 'Line contains the control character U+0007: remove it (it can make text read differently from what it is)'],
      ]);
      const titled = await lintDocs({ 'docs/p.md': '---\ntitle: "Restart \u2066the\u2069 database"\ntype: reference\n---\n\nText.\n' }, 'docs/p.md', {
        rule: RULE,
      }).then(brief);
      expect(titled).toEqual([[2, 8, 'Front matter "title" contains the bidirectional control character U+2066: remove it']]);
    });

    it('"p99 < 100 ms" stays a valid title (escaped where it is written, not refused)', async () => {
      expect(
        await lintDocs({ 'docs/p.md': '---\ntitle: "p99 < 100 ms </script>"\ntype: reference\n---\n\nText.\n' }, 'docs/p.md', { rule: RULE }).then(brief),
      ).toEqual([]);
    });

    it('cannot be disabled by a comment in the document', async () => {
      const all = await lintDocs({ 'docs/p.md': fm + '<!-- handbook-disable-next-line mdx-safety -- trust me -->\n<script>alert(1)</script>\n' }, 'docs/p.md');
      expect(brief(all)).toEqual([
        [6, 1, 'Security rule "mdx-safety" cannot be disabled by a comment: fix the finding, or add a reviewed allowlist entry to handbook.config.yaml'],
        [7, 1, 'HTML element <script> is not allowed in documents'],
      ]);
      // A comment followed by markup in the same block is not a disable comment at all.
      const smuggled = await lintDocs({ 'docs/p.md': fm + '<!-- handbook-disable-next-line no-placeholders -- x --><b>TODO</b>\n' }, 'docs/p.md', {
        rule: 'no-placeholders',
      });
      expect(brief(smuggled)).toEqual([[6, 60, 'Placeholder "TODO" left in the document: replace it with the real content']]);
    });
  });
});
