/**
 * Scans the built site the way a reader sees it: visible text with a raw ::: directive or an "unknown" fragment
 * left by a component, "undefined"/"NaN" from a broken expression, and in-page #anchors that lead nowhere. The HTML is
 * parsed with a real parser (hast-util-from-html); code and preformatted text are not prose and are skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';

export interface SiteFinding {
  /** Built file, relative to the build folder. */
  page: string;
  route: string;
  /** The document the page was built from, when known. */
  source?: string;
  message: string;
}

/** Elements whose text is not prose a reader reads as such. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'code', 'pre', 'kbd', 'samp', 'textarea', 'svg', 'math']);

const TEXT_CHECKS: { test: RegExp; what: string }[] = [
  { test: /(^|\s)::: ?[a-z]*/, what: 'a raw ":::" directive (an admonition that did not render)' },
  { test: /\[unknown\b/i, what: 'an "[unknown ...]" fragment' },
  { test: /\bUnknown (role|severity|template|field|policy)\b/, what: 'an "Unknown ..." fragment from a component' },
  { test: /\bNo escalation policy\b/, what: 'a "No escalation policy" fragment' },
  { test: /\bundefined\b/, what: '"undefined"' },
  { test: /\bNaN\b/, what: '"NaN"' },
];
const ATTR_CHECKS = ['href', 'src', 'title', 'ariaLabel', 'alt'];

function context(text: string, index: number): string {
  const s = text.replace(/\s+/g, ' ');
  const i = Math.max(0, Math.min(index, s.length) - 30);
  return s.slice(i, i + 80).trim();
}

/** Problems in one page's HTML. */
export function scanHtml(html: string): string[] {
  const tree = fromHtml(html) as Root;
  const ids = new Set<string>();
  const hrefs: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (m: string) => {
    if (!seen.has(m)) problems.push(m);
    seen.add(m);
  };
  const walk = (node: Nodes, visible: boolean) => {
    if (node.type === 'element') {
      const el = node as Element;
      const p = el.properties ?? {};
      if (typeof p.id === 'string' && p.id) ids.add(p.id);
      if (el.tagName === 'a' && typeof p.name === 'string') ids.add(p.name);
      if (el.tagName === 'a' && typeof p.href === 'string') hrefs.push(p.href);
      for (const attr of ATTR_CHECKS) {
        const v = p[attr];
        if (typeof v === 'string' && /^(undefined|NaN)$|\/undefined(\/|$)|\bNaN\b/.test(v))
          add(`attribute ${attr}="${v}" on <${el.tagName}> shows "${/NaN/.test(v) ? 'NaN' : 'undefined'}"`);
      }
      const hidden = SKIP.has(el.tagName) || (p.hidden !== undefined && p.hidden !== false);
      for (const c of el.children) walk(c as Nodes, visible && !hidden);
      return;
    }
    if (node.type === 'text') {
      if (!visible) return;
      for (const { test, what } of TEXT_CHECKS) {
        const m = test.exec(node.value);
        if (m) add(`visible text contains ${what}: "${context(node.value, m.index)}"`);
      }
      return;
    }
    if ('children' in node) for (const c of node.children) walk(c as Nodes, visible);
  };
  walk(tree, true);
  for (const href of hrefs) {
    if (!href.startsWith('#') || href === '#') continue;
    let id = href.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // keep the raw id
    }
    if (!ids.has(id)) add(`in-page link "${href}" leads nowhere: no element has id "${id}"`);
  }
  return problems;
}

/** The route a built file serves: index.html -> /, a/b.html -> /a/b, a/index.html -> /a. */
export function routeOf(page: string): string {
  const p = page
    .split(path.sep)
    .join('/')
    .replace(/\.html$/, '');
  if (p === 'index') return '/';
  return `/${p.replace(/\/index$/, '')}`;
}

/** Permalink -> source file, from the docs plugins' metadata in .docusaurus/. */
export function sourceMap(siteDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const base = path.join(siteDir, '.docusaurus', 'docusaurus-plugin-content-docs');
  if (!existsSync(base)) return out;
  for (const instance of readdirSync(base)) {
    const dir = path.join(base, instance);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.startsWith('site-') || !name.endsWith('.json')) continue;
      try {
        const meta = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { permalink?: string; source?: string };
        if (meta.permalink && meta.source) out.set(meta.permalink.replace(/\/$/, '') || '/', meta.source.replace(/^@site\//, ''));
      } catch {
        // not a document's metadata
      }
    }
  }
  return out;
}

function htmlFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (e.name !== 'assets') out.push(...htmlFiles(dir, r));
    } else if (e.isFile() && e.name.endsWith('.html')) out.push(r);
  }
  return out.sort();
}

/** Scans every page of a build. */
export function scanSite(siteDir: string, buildDir = path.join(siteDir, 'build')): { pages: number; findings: SiteFinding[] } {
  const sources = sourceMap(siteDir);
  const pages = htmlFiles(buildDir);
  const findings: SiteFinding[] = [];
  for (const page of pages) {
    const route = routeOf(page);
    const pageSource = sources.get(route) ?? guessPageSource(siteDir, route);
    for (const message of scanHtml(readFileSync(path.join(buildDir, page), 'utf8'))) findings.push({ page, route, source: pageSource, message });
  }
  return { pages: pages.length, findings };
}

function guessPageSource(siteDir: string, route: string): string | undefined {
  for (const ext of ['.tsx', '.ts', '.jsx', '.js', '.md', '.mdx']) {
    for (const rel of [`src/pages${route === '/' ? '/index' : route}${ext}`, `src/pages${route}/index${ext}`])
      if (existsSync(path.join(siteDir, rel))) return rel;
  }
  return undefined;
}
