/**
 * Where the handbook is published: one setting (`site_url` in handbook.config.yaml, or HANDBOOK_SITE_URL for a build)
 * read by the site configuration, the /api and compliance exports, the calendar feeds, the status page and the
 * Alertmanager export. When an organisation has not set it, links in exports are relative to the site (`/runbooks/x`),
 * calendar feeds carry no URL, no sitemap is written, and the build says so once.
 */

export const SITE_URL_ENV = 'HANDBOOK_SITE_URL';

export interface SiteLocation {
  /** The published address without a trailing slash (`https://handbook.acme.internal`, `https://acme.internal/handbook`); undefined when not set. */
  url?: string;
  /** Where it came from, for messages. */
  source?: 'HANDBOOK_SITE_URL' | 'site_url';
  /** For Docusaurus: the origin (scheme, host, port) and the path the site lives under (ends with "/"). */
  origin?: string;
  basePath: string;
}

/**
 * What Docusaurus is given when the address is not set (it requires one): a reserved, never-resolving name (RFC 2606
 * `.invalid`), removed from the built pages by the site plugin so no page points at an address that does not exist.
 */
export const SITE_URL_PLACEHOLDER = 'http://site-url-not-set.invalid';

export class SiteUrlError extends Error {}

/** Checks a site address: absolute http(s), no query, fragment or credentials. Returns it without a trailing slash. */
export function normaliseSiteUrl(value: string, where: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new SiteUrlError(`${where}: "${value}" is not an absolute URL; write it like https://handbook.your-company.internal`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new SiteUrlError(`${where}: "${value}" must start with https:// (or http://)`);
  if (u.username || u.password) throw new SiteUrlError(`${where}: "${value}" must not contain a user name or password`);
  if (u.search || u.hash) throw new SiteUrlError(`${where}: "${value}" must not have a query (?…) or fragment (#…)`);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** The site location from the config value and the environment (the environment wins: one build, another address). */
export function siteLocation(configured: unknown, env: Record<string, string | undefined> = process.env): SiteLocation {
  const fromEnv = env[SITE_URL_ENV]?.trim();
  let url: string | undefined;
  let source: SiteLocation['source'];
  if (fromEnv) {
    url = normaliseSiteUrl(fromEnv, SITE_URL_ENV);
    source = 'HANDBOOK_SITE_URL';
  } else if (typeof configured === 'string' && configured.trim()) {
    url = normaliseSiteUrl(configured.trim(), 'handbook.config.yaml site_url');
    source = 'site_url';
  }
  if (!url) return { basePath: '/' };
  const u = new URL(url);
  return { url, source, origin: u.origin, basePath: `${u.pathname.replace(/\/+$/, '')}/` };
}

/** A route as a link for an export: absolute when the site address is known, relative to the site otherwise. */
export function siteLink(siteUrl: string | undefined, route: string): string {
  const r = route.startsWith('/') ? route : `/${route}`;
  return siteUrl ? `${siteUrl.replace(/\/+$/, '')}${r}` : r;
}

/** The one line a build or command prints when the address is not set. */
export const SITE_URL_UNSET =
  `site_url is not set (handbook.config.yaml, or ${SITE_URL_ENV} for one build): links in exports are relative to the site, ` +
  'calendar feeds carry no link, and no sitemap is written. Set it to the address people open the handbook at.';
