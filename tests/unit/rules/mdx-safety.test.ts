import { describe, expect, it } from 'vitest';
import { brief, lintDocs } from '../helpers';

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
    ['import statement', () => mdx("import X from './x';\n\n<X />"), [
      [6, 1, 'import and export are not allowed in documents: components are available without importing them'],
      [8, 1, 'Component <X> is not allowed: use one of the handbook components (AdoptionChecklist, AlertRouting, CommTemplate, ContactFact, DueAt, EscalationStep, ...)'],
    ]],
    ['JavaScript expression', () => mdx('Total: {1 + 1}'), [[6, 8, 'JavaScript expressions {...} are not allowed in documents; write text, or escape the brace as \\{']]],
    ['expression attribute', () => mdx('<SeverityFact level={"P1"} field="name" />'), [[6, 1, 'Attribute "level" on <SeverityFact> uses a JavaScript expression; give a plain string: level="..."']]],
    ['event handler on a component', () => mdx('<SeverityMatrix onClick="alert(1)" />'), [[6, 1, 'Event handler attribute "onClick" is not allowed on <SeverityMatrix>']]],
    ['script in Markdown', () => md('<script>alert(1)</script>'), [[6, 1, 'HTML element <script> is not allowed in documents']]],
    ['iframe in Markdown', () => md('<iframe srcdoc="x"></iframe>'), [[6, 1, 'HTML element <iframe> is not allowed in documents']]],
    ['img onerror without quotes', () => md('<img src=x onerror=alert(1)>'), [[6, 1, 'Event handler attribute "onError" is not allowed on <img>']]],
    ['javascript: link', () => md('[click](javascript:alert(1))'), [[6, 1, 'Unsafe URL "javascript:alert(1)" in a link: javascript:, data:, vbscript: and file: URLs are not allowed']]],
    ['data: URL in HTML', () => md('<a href="data:text/html,hi">x</a>'), [[6, 1, 'Unsafe URL "data:text/html,hi" in <a href>: javascript:, data:, vbscript: and file: URLs are not allowed']]],
    ['mdx switch in front matter', () => lintDocs({ 'docs/p.md': '---\ntitle: Switch page\ntype: reference\nmdx: {format: mdx}\n---\n\nText.\n' }, 'docs/p.md', { rule: RULE }).then(brief), [[4, 1, 'Front matter key "mdx" is not allowed: it can switch a .md file to MDX']]],
  ];
  it.each(invalid)('invalid: %s', async (_n, run, expected) => expect(await run()).toEqual(expected));

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
      expect(await md('## Restart \u202Eevil\n\nText.')).toEqual([[6, 12, 'Line contains the bidirectional control character U+202E: remove it (it can make text read differently from what it is)']]);
      expect(await md('Bell \u0007 here.')).toEqual([[6, 6, 'Line contains the control character U+0007: remove it (it can make text read differently from what it is)']]);
      const titled = await lintDocs({ 'docs/p.md': '---\ntitle: "Restart \u2066the\u2069 database"\ntype: reference\n---\n\nText.\n' }, 'docs/p.md', { rule: RULE }).then(brief);
      expect(titled).toEqual([[2, 8, 'Front matter "title" contains the bidirectional control character U+2066: remove it']]);
    });

    it('"p99 < 100 ms" stays a valid title (escaped where it is written, not refused)', async () => {
      expect(await lintDocs({ 'docs/p.md': '---\ntitle: "p99 < 100 ms </script>"\ntype: reference\n---\n\nText.\n' }, 'docs/p.md', { rule: RULE }).then(brief)).toEqual([]);
    });

    it('cannot be disabled by a comment in the document', async () => {
      const all = await lintDocs({ 'docs/p.md': fm + '<!-- handbook-disable-next-line mdx-safety -- trust me -->\n<script>alert(1)</script>\n' }, 'docs/p.md');
      expect(brief(all)).toEqual([
        [6, 1, 'Security rule "mdx-safety" cannot be disabled by a comment: fix the finding, or add a reviewed allowlist entry to handbook.config.yaml'],
        [7, 1, 'HTML element <script> is not allowed in documents'],
      ]);
      // A comment followed by markup in the same block is not a disable comment at all.
      const smuggled = await lintDocs({ 'docs/p.md': fm + '<!-- handbook-disable-next-line no-placeholders -- x --><b>TODO</b>\n' }, 'docs/p.md', { rule: 'no-placeholders' });
      expect(brief(smuggled)).toEqual([[6, 60, 'Placeholder "TODO" left in the document: replace it with the real content']]);
    });
  });
});

