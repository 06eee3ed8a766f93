/**
 * No script reaches a page through front matter: a small Docusaurus site (built in a temp folder with this
 * repository's front matter parser and theme overrides) where every field Docusaurus writes into <head>, a
 * <script> or the sidebar holds a payload; Chromium opens every page and no dialog may open.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser';
import { serveBuild } from './server';

const REPO = path.resolve(__dirname, '../..');
// No quotes in the payloads: JSON would escape them (\") and the injected script would be a syntax error that
// proves nothing. Each field gets its own number.
const FIELDS = ['title', 'label', 'keyword', 'incident', 'category'];
const payload = (tag: string) => `</script><script>alert(${FIELDS.indexOf(tag) + 1})</script><img src=x onerror=alert(${FIELDS.indexOf(tag) + 11})>`;
const yamlString = (s: string) => JSON.stringify(s);

let site: string;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  site = mkdtempSync(path.join(tmpdir(), 'handbook-xss-site-'));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(site, 'node_modules'));
  mkdirSync(path.join(site, 'docs/ops'), { recursive: true });
  writeFileSync(
    path.join(site, 'docs/index.md'),
    `---\ntitle: ${yamlString(payload('title'))}\nsidebar_label: ${yamlString(payload('label'))}\ndescription: ${yamlString('"><script>alert(21)</script>')}\nkeywords: [${yamlString(payload('keyword'))}]\nslug: /\n---\n\np99 < 100 ms is fine.\n`,
  );
  writeFileSync(
    path.join(site, 'docs/ops/incident.md'),
    `---\ntitle: ${yamlString('INC-0001 ' + payload('incident'))}\nsidebar_position: 1\n---\n\nA page in a category.\n`,
  );
  writeFileSync(path.join(site, 'docs/ops/_category_.json'), JSON.stringify({ label: payload('category') }));
  // The repository's own theme override, re-exported (its imports resolve from the repository).
  mkdirSync(path.join(site, 'src/theme/DocBreadcrumbs/StructuredData'), { recursive: true });
  writeFileSync(
    path.join(site, 'src/theme/DocBreadcrumbs/StructuredData/index.tsx'),
    `export { default } from ${JSON.stringify(path.join(REPO, 'src/theme/DocBreadcrumbs/StructuredData/index.tsx'))};\n`,
  );
  cpSync(path.join(REPO, 'handbook.config.yaml'), path.join(site, 'handbook.config.yaml'));
  writeFileSync(
    path.join(site, 'docusaurus.config.ts'),
    `import { docusaurusFrontMatter } from ${JSON.stringify(path.join(REPO, 'plugins/lint/site-frontmatter'))};
export default {
  title: 'Escaping test', url: 'https://example.com', baseUrl: '/', trailingSlash: false,
  future: { v4: true, faster: true },
  markdown: { parseFrontMatter: docusaurusFrontMatter(__dirname) },
  presets: [['classic', { docs: { routeBasePath: '/', sidebarPath: undefined }, blog: false, pages: false, theme: {} }]],
};
`,
  );
  const build = spawnSync(process.execPath, [path.join(REPO, 'node_modules/@docusaurus/core/bin/docusaurus.mjs'), 'build', site, '--no-minify'], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production', DOCUSAURUS_TELEMETRY: '0' },
  });
  if (build.status !== 0) throw new Error(`the test site did not build:\n${build.stdout}\n${build.stderr}`);
  server = await serveBuild(path.join(site, 'build'));
}, 900_000);

afterAll(async () => {
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

describe('front matter in <script>, <head> and the sidebar', () => {
  it('runs no script on any page, and the JSON-LD still carries the real title', async () => {
    const browser = await launch();
    try {
      const page = await (await browser.newContext()).newPage();
      const dialogs: string[] = [];
      page.on('dialog', async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      for (const route of ['/', '/ops/incident']) {
        const res = await page.goto(server.url + route, { waitUntil: 'load' });
        expect(res?.status()).toBe(200);
        await page.waitForTimeout(300); // any injected handler (img onerror) has run by now
      }
      expect(dialogs).toEqual([]);
      const jsonLd = await page.locator('script[type="application/ld+json"]').first().textContent();
      expect(jsonLd).not.toContain('</script');
      expect(JSON.stringify(JSON.parse(jsonLd!))).toContain('INC-0001 </script><script>alert(4)</script>');
    } finally {
      await browser.close();
    }
  });

  it('refuses control characters and bidi overrides in front matter at build time', async () => {
    const { docusaurusFrontMatter } = await import('../../plugins/lint/site-frontmatter');
    const hook = docusaurusFrontMatter(site);
    await expect(hook({ filePath: 'x.md', fileContent: '---\ntitle: "Restart \u202Ethe database"\n---\n\nText.\n' })).rejects.toThrow(
      'x.md: front matter "title" contains the bidirectional control character U+202E: remove it (mdx-safety)',
    );
    await expect(hook({ filePath: 'y.md', fileContent: '---\ntitle: y\n---\n\n' + '1. '.repeat(4000) + 'x\n' })).rejects.toThrow(
      /^y\.md:5:10001 Too many characters on one line/,
    );
  });
});
