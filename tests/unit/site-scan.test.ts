import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { routeOf, scanHtml, scanSite } from '../../plugins/lib/site-scan';

const page = (body: string) =>
  `<!doctype html><html><head><title>t</title><script>var x = undefined; // :::note</script></head><body><main id="main">${body}</main></body></html>`;

describe('scanHtml', () => {
  const clean: [string, string][] = [
    ['a rendered admonition', '<div class="theme-admonition"><p>Page the IC.</p></div>'],
    [
      'colons, undefined and NaN inside code',
      '<p>Write <code>:::note[Title]</code>; <code>undefined</code> and <code>NaN</code> are JavaScript.</p><pre>:::tip\nundefined\n:::</pre>',
    ],
    ['an anchor that exists', '<h2 id="first-5-minutes">First 5 minutes</h2><a href="#first-5-minutes">jump</a><a href="#main">skip</a>'],
    ['a percent-encoded anchor', '<h2 id="café">Café</h2><a href="#caf%C3%A9">x</a>'],
    ['words that contain the checked ones', '<p>Undefinedness and NaNs are not it; "unknowns" neither.</p>'],
    ['a hidden element', '<div hidden>undefined</div>'],
  ];
  it.each(clean)('clean: %s', (_name, body) => {
    expect(scanHtml(page(body))).toEqual([]);
  });

  const broken: [string, string, string[]][] = [
    [
      'a raw admonition',
      '<p>:::danger In an incident right now?</p>',
      ['visible text contains a raw ":::" directive (an admonition that did not render): ":::danger In an incident right now?"'],
    ],
    [
      'an unknown severity fragment',
      '<p>Acknowledge within <span>[unknown severity P0]</span>.</p>',
      ['visible text contains an "[unknown ...]" fragment: "[unknown severity P0]"'],
    ],
    [
      'an unknown role',
      '<p>Unknown role subject-matter-expert.</p>',
      ['visible text contains an "Unknown ..." fragment from a component: "Unknown role subject-matter-expert."'],
    ],
    [
      'no escalation policy',
      '<p>No escalation policy found for severity P0.</p>',
      ['visible text contains a "No escalation policy" fragment: "No escalation policy found for severity P0."'],
    ],
    [
      'undefined and NaN',
      '<p>Acknowledge within undefined.</p><td>NaN min</td>',
      ['visible text contains "undefined": "Acknowledge within undefined."', 'visible text contains "NaN": "NaN min"'],
    ],
    ['a dead in-page anchor', '<a href="#escalate">escalate</a>', ['in-page link "#escalate" leads nowhere: no element has id "escalate"']],
    ['an undefined link', '<a href="/roles/undefined">x</a>', ['attribute href="/roles/undefined" on <a> shows "undefined"']],
  ];
  it.each(broken)('finds %s', (_name, body, expected) => {
    expect(scanHtml(page(body))).toEqual(expected);
  });
});

describe('scanSite', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'site-scan-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('scans every page and names the source document from the docs metadata', () => {
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    };
    write('build/index.html', page('<p>Home</p>'));
    write('build/roles/scribe.html', page('<p>Unknown role scribe.</p>'));
    write('build/assets/x.html', page('<p>undefined</p>')); // assets are not pages
    write(
      '.docusaurus/docusaurus-plugin-content-docs/default/site-docs-roles-scribe-mdx-123.json',
      JSON.stringify({ permalink: '/roles/scribe', source: '@site/docs/roles/scribe.mdx' }),
    );
    expect(scanSite(root)).toEqual({
      pages: 2,
      findings: [
        {
          page: 'roles/scribe.html',
          route: '/roles/scribe',
          source: 'docs/roles/scribe.mdx',
          message: 'visible text contains an "Unknown ..." fragment from a component: "Unknown role scribe."',
        },
      ],
    });
  });

  it('maps built files to routes', () => {
    expect(['index.html', 'plan.html', 'runbooks/index.html', 'incidents/2026/INC-0001.html'].map(routeOf)).toEqual([
      '/',
      '/plan',
      '/runbooks',
      '/incidents/2026/INC-0001',
    ]);
  });
});
