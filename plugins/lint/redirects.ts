/**
 * data/redirects.yaml: old site paths that now live elsewhere (written by `handbook rename`, editable by hand),
 * published by @docusaurus/plugin-client-redirects as small pages that send the reader on. Shape:
 * schemas/redirects.schema.json. No Node APIs beyond reading the file, so docusaurus.config.ts can use it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const REDIRECTS_FILE = 'data/redirects.yaml';

export interface Redirect {
  from: string;
  to: string;
}

const ROUTE = /^\/[A-Za-z0-9/._~%-]*$/;

/** The redirects of a project (none when the file does not exist). A malformed file is an error naming it. */
export function readRedirects(root: string): Redirect[] {
  const file = path.join(root, REDIRECTS_FILE);
  if (!existsSync(file)) return [];
  const value: unknown = parse(readFileSync(file, 'utf8'));
  const list = value && typeof value === 'object' && 'redirects' in value ? (value as { redirects: unknown }).redirects : undefined;
  if (value === null || value === undefined || list === null || list === undefined) return [];
  if (!Array.isArray(list)) throw new Error(`${REDIRECTS_FILE}: "redirects" must be a list of {from, to} entries`);
  return list.map((r: unknown, i) => {
    const e = r as Partial<Redirect> | null;
    if (!e || typeof e.from !== 'string' || typeof e.to !== 'string' || !ROUTE.test(e.from) || !ROUTE.test(e.to)) {
      throw new Error(`${REDIRECTS_FILE}: entry ${i + 1} needs "from" and "to" site paths starting with / (see schemas/redirects.schema.json)`);
    }
    return { from: e.from, to: e.to };
  });
}

/**
 * The redirects after `from` moved to `to`: earlier entries that pointed at `from` now point at `to` (no chains),
 * an entry from `to` is dropped (the page is back there), and `from -> to` is added once.
 */
export function addRedirect(list: readonly Redirect[], from: string, to: string): Redirect[] {
  const out: Redirect[] = [];
  for (const r of list) {
    if (r.from === to) continue;
    const next = r.to === from ? { from: r.from, to } : r;
    if (next.from === next.to) continue;
    if (!out.some((o) => o.from === next.from)) out.push(next);
  }
  if (from !== to && !out.some((o) => o.from === from)) out.push({ from, to });
  return out;
}

const HEADER = `# Old site paths that moved, and where they went. \`handbook rename\` adds an entry for every page it moves;
# the site publishes each one as a page that sends the reader to the new address (plugin-client-redirects).
# Shape: schemas/redirects.schema.json.
`;

/** The file's text for a list of redirects, keeping the comment lines at the top of the current text. */
export function formatRedirects(list: readonly Redirect[], current?: string): string {
  const head = current ? (current.match(/^(?:#[^\n]*\n|\s*\n)*/)?.[0] ?? '') : HEADER;
  const body = list.length ? `redirects:\n${list.map((r) => `  - {from: ${r.from}, to: ${r.to}}\n`).join('')}` : 'redirects: []\n';
  return `${head || HEADER}${body}`;
}
