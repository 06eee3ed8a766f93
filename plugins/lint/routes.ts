/** Where Docusaurus publishes a document: its route and doc id, from its path and front matter. */
import path from 'node:path';
import type { HandbookConfig } from './types';

export interface Placement {
  root: string;
  routeBase: string;
  docId: string;
  route: string;
}

// Like Docusaurus: "01-intro" -> "intro", but date-like names such as "2026-09-tabletop" keep their digits.
const DATE_LIKE = /^\d{1,4}[-_.]\d{1,2}(?:[-_.]\d{1,2})?(?:[-_.]|$)/;
const stripNumberPrefix = (s: string) => (DATE_LIKE.test(s) ? s : s.replace(/^\d+[-_.]\s*(?=.)/, ''));

export function placeDocument(relPath: string, config: HandbookConfig, frontmatter: Record<string, unknown> = {}): Placement | undefined {
  const root = config.roots.find((r) => relPath.startsWith(r.path + '/'));
  if (!root) return undefined;
  const inRoot = relPath.slice(root.path.length + 1).replace(/\.mdx?$/, '');
  const dir = path.posix.dirname(inRoot) === '.' ? '' : path.posix.dirname(inRoot);
  const base = path.posix.basename(inRoot);
  const fmId = typeof frontmatter.id === 'string' ? frontmatter.id : undefined;
  const docId = fmId ? (dir ? `${dir}/${fmId}` : fmId) : inRoot;
  const routeBase = root.route === '/' ? '' : root.route.replace(/\/$/, '');
  const cleanDir = dir.split('/').filter(Boolean).map(stripNumberPrefix).join('/');
  let route: string;
  const slug = typeof frontmatter.slug === 'string' ? frontmatter.slug : undefined;
  if (slug) {
    route = slug.startsWith('/') ? `${routeBase}${slug}` : `${routeBase}/${cleanDir ? cleanDir + '/' : ''}${slug}`;
  } else {
    const isIndex = /^(index|readme)$/i.test(base) || base === path.posix.basename(dir);
    const last = isIndex ? '' : stripNumberPrefix(fmId ?? base);
    route = `${routeBase}/${[cleanDir, last].filter(Boolean).join('/')}`;
  }
  return { root: root.path, routeBase: root.route, docId, route: normaliseRoute(route) };
}

/**
 * `/runbooks/alert/<AlertName>`: the stable address an alert rule's runbook_url carries. The site answers it by
 * forwarding to the runbook that lists the alert; alert-runbook accepts it; exports write it.
 */
export const ALERT_ROUTE_BASE = '/runbooks/alert/';
export const alertRoute = (alertName: string) => `${ALERT_ROUTE_BASE}${alertName}`;

export function normaliseRoute(route: string): string {
  const r = route.replace(/\/+/g, '/').replace(/\/$/, '');
  return r === '' ? '/' : r;
}
