/** mdast -> outline: the sections tree, heading anchors and links that rules and schemas look at. */
import GithubSlugger from 'github-slugger';
import type { Heading, Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Link, Outline, Section, Span } from './types';

const CUSTOM_ID = /\s*\{#([A-Za-z0-9_-]+)\}\s*$/;
const BLOCK_TYPES = new Set(['code', 'table', 'mdxJsxFlowElement', 'image', 'html', 'math']);

export function spanOf(node: { position?: { start: { line: number; column: number }; end: { line: number; column: number } } }): Span {
  const p = node.position;
  if (!p) return { start: { line: 1, column: 1 } };
  return { start: { line: p.start.line, column: p.start.column }, end: { line: p.end.line, column: p.end.column } };
}

export function countWords(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(w)) n++;
  return n;
}

function substance(node: RootContent): { words: number; blocks: number } {
  if (node.type === 'yaml') return { words: 0, blocks: 0 };
  let blocks = 0;
  let words = 0;
  visit(node as Nodes, (child) => {
    if (BLOCK_TYPES.has(child.type)) blocks++;
    if (child.type === 'code' || child.type === 'html') return 'skip';
    if (child.type === 'text' || child.type === 'inlineCode') words += countWords((child as { value: string }).value);
    return undefined;
  });
  return { words, blocks };
}

export function headingTitle(node: Heading): { title: string; customId?: string } {
  const raw = toString(node);
  const m = CUSTOM_ID.exec(raw);
  if (m) return { title: raw.slice(0, m.index).trim(), customId: m[1] };
  return { title: raw.trim() };
}

export function buildOutline(tree: Root, relPath: string, frontmatter: Record<string, unknown>): Outline {
  const slugger = new GithubSlugger();
  const roots: Section[] = [];
  const headings: Section[] = [];
  const stack: Section[] = [];
  const anchors = new Set<string>();
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const { title, customId } = headingTitle(node);
      const id = customId ?? slugger.slug(title);
      anchors.add(id);
      const section: Section = { depth: node.depth, title, id, words: 0, blocks: 0, position: spanOf(node), children: [] };
      headings.push(section);
      while (stack.length && stack[stack.length - 1].depth >= node.depth) stack.pop();
      if (stack.length) stack[stack.length - 1].children.push(section);
      else roots.push(section);
      stack.push(section);
      continue;
    }
    const { words, blocks } = substance(node);
    for (const s of stack) {
      s.words += words;
      s.blocks += blocks;
    }
  }
  const links: Link[] = [];
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'definition') links.push({ url: node.url, position: spanOf(node) });
    // Explicit anchors such as <a id="x"></a> in MDX.
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.attributes) {
      for (const a of node.attributes) if (a.type === 'mdxJsxAttribute' && a.name === 'id' && typeof a.value === 'string') anchors.add(a.value);
    }
  });
  // The sections a document type requires are its level-2 sections; deeper headings are their children.
  const sections = flattenToDepth(roots, 2);
  return {
    path: relPath,
    type: typeof frontmatter.type === 'string' ? frontmatter.type : undefined,
    frontmatter,
    title: typeof frontmatter.title === 'string' ? frontmatter.title : undefined,
    sections,
    headings,
    anchors,
    links,
  };
}

/** Level-2 sections, wherever they sit (an h1 in the body would otherwise hide them). */
function flattenToDepth(sections: Section[], depth: number): Section[] {
  const out: Section[] = [];
  for (const s of sections) {
    if (s.depth === depth) out.push(s);
    else if (s.depth < depth) out.push(...flattenToDepth(s.children, depth));
  }
  return out;
}
