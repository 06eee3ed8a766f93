/**
 * One list of site routes: link-integrity accepts a link to a page that is not a document when handbook.config.yaml's
 * `routes` names it, and finds React pages from src/pages itself. These tests fail when the pages the site plugin
 * generates and that list drift apart, in either direction.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PAGE_ROUTES } from '../../plugins/docusaurus-plugin-handbook/page-routes';
import { alertRoute } from '../../plugins/lint/routes';

const REPO = path.resolve(__dirname, '../..');
const config = parse(readFileSync(path.join(REPO, 'handbook.config.yaml'), 'utf8')) as { routes?: string[] };
const routes = config.routes ?? [];
const listed = picomatch(routes);

/** Routes of the React pages in src/pages (what link-integrity's pages_dirs resolves from the files). */
function pageRoutes(dir = path.join(REPO, 'src/pages'), base = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return pageRoutes(path.join(dir, e.name), `${base}/${e.name}`);
    if (!/\.(tsx|jsx|js|ts|mdx?)$/.test(e.name) || e.name.startsWith('_')) return [];
    const name = e.name.replace(/\.[^.]+$/, '');
    return [name === 'index' ? base || '/' : `${base}/${name}`];
  });
}

// What the site plugin adds besides documents: its pages, one report (kind/period), one alert forwarding page.
const generated = [...Object.values(PAGE_ROUTES), `${PAGE_ROUTES.reports}/month/2026-01`, alertRoute('SomeAlert')];
// The local search plugin in docusaurus.config.ts serves /search.
const theme = ['/search'];

describe('site routes', () => {
  it('lists every page the site plugin generates', () => {
    expect(generated.filter((r) => !listed(r))).toEqual([]);
  });

  it('lists nothing that no page answers', () => {
    const known = [...generated, ...theme, ...pageRoutes()];
    expect(routes.filter((glob) => !known.some((r) => picomatch(glob)(r)))).toEqual([]);
  });

  it('does not list React pages again: link-integrity finds them in src/pages', () => {
    const pages = pageRoutes();
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.filter((r) => listed(r))).toEqual([]);
  });

  it('serves the search page it lists', () => {
    expect(readFileSync(path.join(REPO, 'docusaurus.config.ts'), 'utf8')).toContain('docusaurus-search-local');
  });
});
