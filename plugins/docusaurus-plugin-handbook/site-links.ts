/**
 * When the site's address is not set, Docusaurus still writes absolute self-links (canonical, og:url, hreflang
 * alternates) from the placeholder it was given. This removes exactly those tags from the built pages, so no page
 * points at an address that does not exist; relative links are untouched.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(p));
    else if (e.isFile() && e.name.endsWith('.html')) out.push(p);
  }
  return out;
}

/**
 * Removes every `<link>` and `<meta>` tag whose attributes name `placeholder`, and makes any other use of it (breadcrumb
 * structured data) relative to the site; returns how many files changed.
 */
export function removePlaceholderLinks(outDir: string, placeholder: string): number {
  const escaped = placeholder.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const tag = new RegExp(`<(?:link|meta)\\b[^>]*${escaped}[^>]*>`, 'g');
  let changed = 0;
  for (const file of htmlFiles(outDir)) {
    const html = readFileSync(file, 'utf8');
    if (!html.includes(placeholder)) continue;
    // The tags go; what remains (breadcrumb structured data) becomes a link relative to the site.
    writeFileSync(file, html.replace(tag, '').split(placeholder).join(''));
    changed++;
  }
  return changed;
}
