/** mdast -> outline: the sections tree, heading anchors and links that rules and schemas look at. */
import GithubSlugger from 'github-slugger';
import type { Heading, Nodes, Root, RootContent } from 'mdast';
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

/** Node types rules look at; the outline collects them in its single traversal so no rule walks the tree again. */
export const INDEXED_TYPES = [
  'text',
  'inlineCode',
  'code',
  'html',
  'link',
  'image',
  'definition',
  'mdxJsxFlowElement',
  'mdxJsxTextElement',
  'mdxjsEsm',
  'mdxFlowExpression',
  'mdxTextExpression',
] as const;
export type IndexedType = (typeof INDEXED_TYPES)[number];
/** The indexed nodes by type (the MDX node types come from remark-mdx's additions to mdast). */
export type NodeIndex = { [K in IndexedType]: Extract<Nodes, { type: K }>[] };

const INDEXED = new Set<string>(INDEXED_TYPES);
const isIndexed = (type: string): type is IndexedType => INDEXED.has(type);

function emptyNodeIndex(): NodeIndex {
  return Object.fromEntries(INDEXED_TYPES.map((t) => [t, []])) as unknown as NodeIndex;
}

/** Words and blocks of one top-level node, while indexing the nodes inside it. */
function walkTopLevel(node: RootContent, nodes: NodeIndex): { words: number; blocks: number } {
  let blocks = 0;
  let words = 0;
  if (node.type === 'yaml') return { words, blocks };
  // An explicit stack, in document order: a document must not be able to drive recursion deep.
  const stack: Nodes[] = [node as Nodes];
  while (stack.length) {
    const child = stack.pop()!;
    if (isIndexed(child.type)) (nodes[child.type] as Nodes[]).push(child);
    if (BLOCK_TYPES.has(child.type)) blocks++;
    if (child.type === 'text' || child.type === 'inlineCode') words += countWords((child as { value: string }).value);
    const kids = (child as { children?: Nodes[] }).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return { words, blocks };
}

/** The text of a node, as mdast-util-to-string gives it (values, image alts), without recursion. */
export function plainText(node: Nodes): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    const v = n as { value?: unknown; alt?: unknown; children?: Nodes[] };
    if (typeof v.value === 'string') out += v.value;
    else if (typeof v.alt === 'string') out += v.alt;
    else if (v.children) for (let i = v.children.length - 1; i >= 0; i--) stack.push(v.children[i]);
  }
  return out;
}

export function headingTitle(node: Heading): { title: string; customId?: string } {
  const raw = plainText(node);
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
  const nodes = emptyNodeIndex();
  for (const node of tree.children) {
    if (node.type === 'heading') {
      walkTopLevel(node, nodes);
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
    const { words, blocks } = walkTopLevel(node, nodes);
    for (const s of stack) {
      s.words += words;
      s.blocks += blocks;
    }
  }
  const links: Link[] = [...nodes.link, ...nodes.definition].map((n) => ({ url: n.url, position: spanOf(n) }));
  links.sort((a, b) => a.position.start.line - b.position.start.line || a.position.start.column - b.position.start.column);
  // Explicit anchors such as <a id="x"></a> in MDX.
  for (const n of [...nodes.mdxJsxFlowElement, ...nodes.mdxJsxTextElement]) {
    for (const a of n.attributes ?? []) if (a.type === 'mdxJsxAttribute' && a.name === 'id' && typeof a.value === 'string') anchors.add(a.value);
  }
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
    nodes,
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
