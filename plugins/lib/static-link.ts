/**
 * Links the site's application treats as static files: a full page load, never a route (Docusaurus's `pathname://`).
 * The site plugin hands archived records and reports over this way; plain functions, part of the client bundle.
 */
const PREFIX = 'pathname://';

export function staticLink(route: string): string {
  return `${PREFIX}${route}`;
}

export function isStaticLink(href: string): boolean {
  return href.startsWith(PREFIX);
}

/** The address in a static page's own links: a route, whether or not the application sees it as a static link. */
export function hrefOf(route: string): string {
  return isStaticLink(route) ? route.slice(PREFIX.length) : route;
}
