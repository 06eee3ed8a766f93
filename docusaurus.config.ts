import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';
import { themes as prismThemes } from 'prism-react-renderer';
import { withSource } from './plugins/lint/docusaurus-front-matter';
import { createLinter } from './plugins/lint/linter';
import { readRedirects } from './plugins/lint/redirects';
import { rules } from './plugins/lint/rules/index';
import { docusaurusFrontMatter } from './plugins/lint/site-frontmatter';
import rehypeAccessible from './plugins/rehype-accessible/index';
import remarkHandbook from './plugins/remark-handbook/index';
import remarkRulesTable from './plugins/remark-rules-table/index';
import { SITE_URL_PLACEHOLDER, siteLocation } from './plugins/lib/site-url';
import lazyPrism from './plugins/docusaurus-plugin-handbook/lazy-prism';
import { ArchivedPages } from './plugins/docusaurus-plugin-handbook/archive';

// One linter for the whole build: the remark plugin lints each document, the site plugin reads the index and the
// data problems from it. It reuses what `handbook lint --cache` (the first step of `npm test`) stored.
const root = __dirname;
const linter = createLinter({ root, rules, cache: true });
// Where the handbook is published: site_url in handbook.config.yaml, or HANDBOOK_SITE_URL for this build. Unset: the
// pages carry no absolute self-links, exports link relative to the site and no sitemap is written (the plugin says so).
const site = siteLocation(linter.project.config.site_url);
// Each content root runs the handbook rules on its documents during the build.
// HANDBOOK_LINT=off leaves the rules out of the build (the benchmark measures the difference).
const remarkPlugins = process.env.HANDBOOK_LINT === 'off' ? [] : [[remarkHandbook, { linter }]];
// The archived records and reports of this build (the handbook plugin fills it), for the sitemap.
const archived = new ArchivedPages();
// Pages that moved (handbook rename appends to data/redirects.yaml): each old address gets a page sending the reader on.
const redirects = readRedirects(root);
const common = {
  // Before Docusaurus's own plugins, so a broken link is reported by our rule with file, line and rule id. The rules
  // tables of the linter's overview page are generated before Docusaurus resolves their links.
  beforeDefaultRemarkPlugins: [...remarkPlugins, [remarkRulesTable, { linter }]],
  rehypePlugins: [rehypeAccessible],
  showLastUpdateTime: false,
  editUrl: undefined,
};

const config: Config = {
  title: 'Incident Handbook',
  tagline: 'How we detect, respond to and learn from incidents',
  favicon: 'img/favicon.svg',
  url: site.origin ?? SITE_URL_PLACEHOLDER,
  baseUrl: site.basePath,
  organizationName: 'example',
  projectName: 'incident-handbook',
  customFields: {
    // Where a learner's completion record is proposed as a pull request (GitHub's "new file" page); empty: download only.
    handbookRepository: process.env.HANDBOOK_REPOSITORY_URL ?? '',
    handbookBranch: process.env.HANDBOOK_REPOSITORY_BRANCH ?? 'main',
    // The published address ('' when not set), for the site plugin's exports.
    siteUrl: site.url ?? '',
  },
  // HANDBOOK_LINT=warn (local debugging only) turns every check into a warning, Docusaurus's link checks included.
  onBrokenLinks: process.env.HANDBOOK_LINT === 'warn' ? 'warn' : 'throw',
  onBrokenAnchors: process.env.HANDBOOK_LINT === 'warn' ? 'warn' : 'throw',
  onDuplicateRoutes: 'throw',
  trailingSlash: false,
  future: { v4: true, faster: true },
  i18n: { defaultLocale: 'en', locales: ['en'] },
  markdown: {
    format: 'detect',
    mermaid: true,
    hooks: { onBrokenMarkdownLinks: process.env.HANDBOOK_LINT === 'warn' ? 'warn' : 'throw' },
    // YAML only (Docusaurus's default parser would run `---js` front matter as code), within the deterministic input
    // limits, and without control or bidirectional characters.
    // The text read is kept on the result, so the remark plugin lints exactly what the build compiles.
    parseFrontMatter: withSource(docusaurusFrontMatter(root)),
  },
  themes: ['@docusaurus/theme-mermaid'],
  presets: [
    [
      'classic',
      {
        docs: { ...common, path: 'docs', routeBasePath: '/', sidebarPath: './sidebars.ts' },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
        // A sitemap needs absolute addresses: written only when the site's address is known. It lists the routes
        // and the archived records and reports (static pages the handbook plugin writes, not routes).
        sitemap: site.url
          ? {
              createSitemapItems: async ({ defaultCreateSitemapItems, ...params }) => {
                const items = await defaultCreateSitemapItems(params);
                return [...items, ...archived.sitemapItems(params.siteConfig, items[0])];
              },
            }
          : false,
      } satisfies Preset.Options,
    ],
  ],
  plugins: [
    // liveRecords: the newest closed incidents that keep a page of the application; older ones are archived as static
    // pages at the same address (default 25; the sample organisation archives a few to show it).
    ['./plugins/docusaurus-plugin-handbook/index.ts', { linter, liveRecords: 16, archive: archived }],
    // Prism only on pages that show code (src/theme/CodeBlock loads it).
    lazyPrism,
    ...(redirects.length ? [['@docusaurus/plugin-client-redirects', { redirects }] as [string, Record<string, unknown>]] : []),
    [
      '@docusaurus/plugin-pwa',
      {
        // 'always': serve from the cache whenever the network fails, so runbooks stay readable in an outage.
        offlineModeActivationStrategies: ['always'],
        // The search index (about 2.6 MB, 0.7 MB compressed) is precached too, so search works offline. Workbox's
        // default limit of 2 MB per file would leave it out. The service worker registers after the page's load
        // event, so this background download never delays the first render.
        injectManifestConfig: { maximumFileSizeToCacheInBytes: 8 * 1024 * 1024 },
        // Answers clean URLs (/runbooks/x, /search?q=…) from the cached x.html when the network is down.
        swCustom: require.resolve('./src/sw.js'),
        pwaHead: [
          { tagName: 'link', rel: 'icon', href: '/img/favicon.svg' },
          { tagName: 'link', rel: 'manifest', href: '/manifest.json' },
          { tagName: 'meta', name: 'theme-color', content: '#1d4f91' },
        ],
      },
    ],
    ['@docusaurus/plugin-content-docs', { ...common, id: 'runbooks', path: 'runbooks', routeBasePath: 'runbooks', sidebarPath: './sidebars.runbooks.ts' }],
    // incidents/ is not a docs instance: the handbook plugin renders its records (one light page each, no MDX,
    // linted with the same engine) and the index at /incidents, so thousands of records stay cheap to build.
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexDocs: true,
        indexBlog: false,
        indexPages: true,
        docsRouteBasePath: ['/', '/runbooks', '/incidents'],
        docsDir: ['docs', 'runbooks', 'incidents'],
        // The index is precached for offline use, so it holds what a responder or a trainee searches for. The linter
        // reference (a fifth of the index, read by people editing the handbook in its repository) is left out.
        ignoreFiles: [/^linter(\/|$)/],
        language: ['en'],
        highlightSearchTermsOnTargetPage: true,
        explicitSearchResultPath: true,
        searchResultLimits: 10,
      },
    ],
  ],
  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    navbar: {
      title: 'Incident Handbook',
      logo: { alt: 'Incident Handbook', src: 'img/favicon.svg' },
      items: [
        { type: 'docSidebar', sidebarId: 'handbook', position: 'left', label: 'Handbook' },
        { type: 'docSidebar', sidebarId: 'runbooks', docsPluginId: 'runbooks', position: 'left', label: 'Runbooks' },
        { to: '/incidents', label: 'Incidents', position: 'left' },
        { to: '/on-call-now', label: 'On call now', position: 'left' },
        { to: '/classification', label: 'Severity', position: 'left' },
        { to: '/training/', label: 'Training', position: 'left' },
        {
          type: 'dropdown',
          label: 'Tools',
          position: 'left',
          items: [
            { to: '/classifier', label: 'Severity classifier' },
            { to: '/templates', label: 'Message template filler' },
            { to: '/break-glass', label: 'Break-glass: first steps' },
            { to: '/training/progress', label: 'My training progress' },
            { to: '/incidents/dashboard', label: 'Incident metrics' },
            { to: '/compliance', label: 'Compliance coverage' },
          ],
        },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Respond',
          items: [
            { label: 'Runbooks', to: '/runbooks/' },
            { label: 'Severity classifier', to: '/classifier' },
            { label: 'Who is on call now', to: '/on-call-now' },
            { label: 'Escalation', to: '/escalation' },
            { label: 'Break-glass page', to: '/break-glass' },
          ],
        },
        {
          title: 'Learn',
          items: [
            { label: 'Training', to: '/training/' },
            { label: 'Exercises', to: '/exercises/' },
            { label: 'Incident metrics', to: '/incidents/dashboard' },
          ],
        },
        {
          title: 'Govern',
          items: [
            { label: 'Incident response plan', to: '/plan' },
            { label: 'Compliance coverage', to: '/compliance' },
            { label: 'The handbook linter', to: '/linter/' },
          ],
        },
      ],
      copyright: 'Incident Handbook. Every procedure here is versioned in git and checked by the handbook linter.',
    },
    prism: { theme: prismThemes.github, darkTheme: prismThemes.dracula, additionalLanguages: ['bash', 'sql', 'yaml', 'json', 'promql'] },
    mermaid: { theme: { light: 'neutral', dark: 'dark' } },
  } satisfies Preset.ThemeConfig,
};

export default config;
