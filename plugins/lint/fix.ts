/**
 * `handbook lint --fix`: mechanical fixes that need no judgement, applied to the text of one document.
 *
 * - front matter: the keys its type requires (title from the first heading, a TODO placeholder for what a person
 *   must decide), as `handbook adopt` writes them;
 * - headings: a leading h1 that repeats the front matter title is removed; other extra h1s are demoted; skipped
 *   levels are closed up (h1 -> h3 becomes h1 -> h2, with the subheadings moving along);
 * - required sections: each missing one is scaffolded with a placeholder paragraph, in the order the type wants;
 * - links: a relative link to a file that does not exist is pointed at the one document it can mean (the same
 *   file name, or the same path with one "../" more or less); a file link into another content root becomes a
 *   site path.
 *
 * Every fix only inserts text, changes heading markers or rewrites a link destination; a guard refuses a result
 * that lost any word of the original. Pure: the caller reads, parses and writes.
 */
import path from 'node:path';
import type { Heading, Root } from 'mdast';
import { adoptText, plainText } from './adopt';
import { headingTitle } from './outline';
import { normaliseTitle } from './rules/required-sections';
import { sectionText } from './scaffold';
import type { Project, ProjectIndex } from './types';

export type FixKind = 'encoding' | 'front matter' | 'headings' | 'sections' | 'links';
export type FixCounts = Record<FixKind, number>;

export const noFixes = (): FixCounts => ({ encoding: 0, 'front matter': 0, headings: 0, sections: 0, links: 0 });

/** What a fixer needs: the current text, parsed. */
export interface ParsedText {
  text: string;
  tree: Root;
  frontmatter: Record<string, unknown>;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const offsetOf = (node: { position?: { start: { offset?: number } } }) => node.position?.start.offset;
const endOf = (node: { position?: { end: { offset?: number } } }) => node.position?.end.offset;

/** The missing front matter keys of a typed document. Untyped documents are `handbook adopt`'s job. */
export function fixFrontMatter(project: Project, relPath: string, doc: ParsedText, now: Date): { text: string; count: number } {
  const type = doc.frontmatter.type;
  if (typeof type !== 'string' || !project.config.types[type]) return { text: doc.text, count: 0 };
  const r = adoptText(project, relPath, doc.text, { now });
  return r.changed ? { text: r.text, count: r.added.length } : { text: doc.text, count: 0 };
}

/** Heading levels: one h1 at most (none when the front matter has a title), no skipped levels. */
export function fixHeadings(doc: ParsedText): { text: string; count: number; removed: string[] } {
  const title = typeof doc.frontmatter.title === 'string' ? doc.frontmatter.title.trim() : '';
  const headings = doc.tree.children.filter((n): n is Heading => n.type === 'heading');
  const edits: Edit[] = [];
  const removed: string[] = [];
  // (original depth -> new depth) of the open headings. The page title is the h1, so sections start at h2; each
  // heading sits one level below the heading it belongs to.
  const stack: { orig: number; depth: number }[] = [{ orig: 0, depth: 1 }];
  let first = true;
  let titleH1 = Boolean(title);
  for (const h of headings) {
    const start = offsetOf(h);
    const end = endOf(h);
    if (start === undefined || end === undefined) continue;
    const source = doc.text.slice(start, end);
    const atx = /^#{1,6}(?=[ \t]|$)/.exec(source);
    if (h.depth === 1 && title && first && normaliseTitle(headingTitle(h).title) === normaliseTitle(title)) {
      // The title again: the front matter already says it. Remove the line and the blank line after it.
      const after = /^[ \t]*\n(?:[ \t]*\n)?/.exec(doc.text.slice(end))?.[0].length ?? 0;
      edits.push({ start, end: end + after, text: '' });
      removed.push(source);
      first = false;
      continue;
    }
    first = false;
    while (stack.length > 1 && stack[stack.length - 1].orig >= h.depth) stack.pop();
    let depth: number;
    if (h.depth === 1 && !titleH1) {
      // Without a front matter title, the first h1 is the page title.
      titleH1 = true;
      depth = 1;
    } else depth = Math.min(6, stack[stack.length - 1].depth + 1);
    stack.push({ orig: h.depth, depth });
    if (depth === h.depth) continue;
    if (atx) edits.push({ start, end: start + atx[0].length, text: '#'.repeat(depth) });
    else {
      // A setext heading (underlined): rewrite it as an ATX heading with the same text.
      const lines = source.split('\n');
      edits.push({
        start,
        end,
        text: `${'#'.repeat(depth)} ${lines
          .slice(0, -1)
          .map((l) => l.trim())
          .join(' ')}`,
      });
    }
  }
  return { text: edits.length ? applyEdits(doc.text, edits) : doc.text, count: edits.length, removed };
}

/** Each missing required section, with a placeholder, before the next required section that is present. */
export function fixSections(project: Project, doc: ParsedText): { text: string; count: number } {
  const type = doc.frontmatter.type;
  if (typeof type !== 'string') return { text: doc.text, count: 0 };
  const required = project.requiredSections.get(type) ?? [];
  if (!required.length) return { text: doc.text, count: 0 };
  const h2 = doc.tree.children.filter((n): n is Heading => n.type === 'heading' && n.depth === 2);
  const names = (i: number) => [required[i].title, ...(required[i].aliases ?? [])].map(normaliseTitle);
  const present = required.map((_, i) => h2.find((h) => names(i).includes(normaliseTitle(headingTitle(h).title))));
  const inserts = new Map<number, string[]>();
  required.forEach((req, i) => {
    if (present[i]) return;
    // A section that must open the document goes before the first level-2 heading, whatever it is.
    const next = req.first ? h2[0] : present.slice(i + 1).find(Boolean);
    const at = next ? offsetOf(next)! : doc.text.length;
    inserts.set(at, [...(inserts.get(at) ?? []), sectionText(req, type)]);
  });
  if (!inserts.size) return { text: doc.text, count: 0 };
  const edits: Edit[] = [...inserts].map(([at, texts]) => {
    if (at < doc.text.length) return { start: at, end: at, text: texts.join('\n') + '\n' };
    const lead = doc.text.endsWith('\n\n') ? '' : doc.text.endsWith('\n') ? '\n' : '\n\n';
    return { start: at, end: at, text: lead + texts.join('\n') };
  });
  return { text: applyEdits(doc.text, edits), count: [...inserts.values()].reduce((n, l) => n + l.length, 0) };
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:|^\/\//i;

/** The one document a broken relative link can mean, or undefined when there are none or several. */
export function linkTarget(project: Project, index: ProjectIndex, from: string, url: string, exists: (rel: string) => boolean): string | undefined {
  const hashAt = url.indexOf('#');
  const target = (hashAt === -1 ? url : url.slice(0, hashAt)).split('?')[0];
  const anchor = hashAt === -1 ? '' : url.slice(hashAt);
  if (!target || target.startsWith('/') || EXTERNAL.test(target) || !/\.mdx?$/i.test(target)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURI(target);
  } catch {
    return undefined;
  }
  const dir = path.posix.dirname(from);
  const resolved = path.posix.normalize(path.posix.join(dir, decoded));
  const rootOf = (rel: string) => project.config.roots.find((r) => rel.startsWith(r.path + '/'));
  const own = rootOf(from);
  const doc = index.byPath.get(resolved);
  if (doc) {
    // Another content root: Docusaurus resolves file links inside one root only; use the page's address.
    const other = rootOf(resolved);
    if (own && other && other !== own && doc.route) return doc.route + anchor;
    return undefined;
  }
  if (exists(resolved)) return undefined;
  const candidates = new Set<string>();
  // One "../" too many or too few.
  for (const variant of [decoded.replace(/^\.\.\//, ''), `../${decoded}`]) {
    const p = path.posix.normalize(path.posix.join(dir, variant));
    if (variant !== decoded && index.byPath.has(p) && rootOf(p) === own) candidates.add(p);
  }
  // The same file name somewhere else in the same root.
  const base = path.posix.basename(resolved);
  const sameName = [...index.byPath.keys()].filter((p) => path.posix.basename(p) === base && rootOf(p) === own);
  if (!candidates.size) sameName.forEach((p) => candidates.add(p));
  if (candidates.size !== 1) return undefined;
  const [only] = candidates;
  // A sibling stays "x.md", as mkdocs and Docusaurus both accept it.
  return encodeURI(path.posix.relative(dir, only)) + anchor;
}

/** Broken relative links with exactly one obvious target, rewritten in place. */
export function fixLinks(
  project: Project,
  index: ProjectIndex,
  relPath: string,
  doc: ParsedText,
  exists: (rel: string) => boolean,
): { text: string; count: number } {
  const edits: Edit[] = [];
  const nodes: { url: string; position?: { start: { offset?: number }; end: { offset?: number } } }[] = [];
  const visitAll = (n: { type: string; children?: unknown[] }) => {
    if (n.type === 'link' || n.type === 'definition') nodes.push(n as unknown as (typeof nodes)[number]);
    for (const c of (n.children ?? []) as { type: string }[]) visitAll(c);
  };
  visitAll(doc.tree);
  for (const n of nodes) {
    const next = linkTarget(project, index, relPath, n.url.trim(), exists);
    const start = offsetOf(n);
    const end = endOf(n);
    if (!next || start === undefined || end === undefined) continue;
    const source = doc.text.slice(start, end);
    // The destination as written: after "](" for a link, after "]:" for a definition.
    const at = source.lastIndexOf(n.url);
    if (at === -1 || !/(\]\(\s*<?|\]:\s*<?)$/.test(source.slice(0, at))) continue;
    edits.push({ start: start + at, end: start + at + n.url.length, text: next });
  }
  return { text: edits.length ? applyEdits(doc.text, edits) : doc.text, count: edits.length };
}

/** Words of a text outside heading markers and link destinations: a fix may add words, never drop one. */
function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const stripped = text.replace(/\]\([^)\n]*\)/g, ']').replace(/^(\[[^\]\n]+\]:)\s*\S+/gm, '$1');
  for (const w of stripped.match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** True when `after` has every word of `before` at least as often, apart from the `removed` texts. */
export function keepsContent(before: string, after: string, removed: string[] = []): boolean {
  const b = words(before);
  for (const r of removed) for (const [w, n] of words(r)) b.set(w, (b.get(w) ?? 0) - n);
  const a = words(after);
  for (const [w, n] of b) if ((a.get(w) ?? 0) < n) return false;
  return true;
}

export interface FixResult {
  text: string;
  counts: FixCounts;
  /** Set when the fixes were dropped: the text could not be parsed, or a fix would have lost content. */
  refused?: string;
}

/**
 * All fixes of one document, one kind after the other, re-parsing in between so each sees the previous result.
 * `parse` returns undefined when the text does not parse (nothing is fixed then).
 */
export async function fixText(
  project: Project,
  index: ProjectIndex,
  relPath: string,
  original: string,
  parse: (text: string) => Promise<ParsedText | undefined>,
  opts: { now: Date; exists: (rel: string) => boolean },
): Promise<FixResult> {
  const counts = noFixes();
  // UTF-8 without a byte order mark, LF line endings (file-encoding): positions below refer to this text.
  const normal = original.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let doc = await parse(normal);
  if (!doc) return { text: original, counts };
  if (normal !== original) counts.encoding = 1;
  const removed: string[] = [];
  const steps: [FixKind, (d: ParsedText) => { text: string; count: number; removed?: string[] }][] = [
    ['front matter', (d) => fixFrontMatter(project, relPath, d, opts.now)],
    ['headings', (d) => fixHeadings(d)],
    ['sections', (d) => fixSections(project, d)],
    ['links', (d) => fixLinks(project, index, relPath, d, opts.exists)],
  ];
  for (const [kind, step] of steps) {
    const r = step(doc);
    if (!r.count) continue;
    const next = await parse(r.text);
    if (!next) return { text: original, counts: noFixes(), refused: `the ${kind} fix produced text that does not parse` };
    counts[kind] += r.count;
    removed.push(...(r.removed ?? []));
    doc = next;
  }
  if (doc.text !== original && !keepsContent(normal, doc.text, removed)) {
    return { text: original, counts: noFixes(), refused: 'a fix would have removed text; fix this file by hand' };
  }
  return { text: doc.text, counts };
}

export { plainText };
