/** One parse per file: remark with front matter and GFM (without autolink literals), plus MDX for .mdx files. */
import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import type { Point } from 'unist';

/**
 * GFM tables, strikethrough, task lists and footnotes. Autolink literals (bare URLs) are left out: no rule
 * needs them and they cost about a tenth of the parse time.
 */
function gfmStructure(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmStrikethrough(), gfmTaskListItem(), gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTaskListItemFromMarkdown(), gfmFootnoteFromMarkdown());
}

const md = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmStructure).freeze();
const mdx = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmStructure).use(remarkMdx).freeze();

export function isMdx(path: string): boolean {
  return path.endsWith('.mdx');
}

export type ParseResult = { ok: true; tree: Root } | { ok: false; message: string; line: number; column: number };

/** Docusaurus allows `## Title {#id}` in MDX too; MDX would read the braces as an expression, so escape them. */
const HEADING_ID = /^(#{1,6}[ \t].*?)\{#([A-Za-z0-9_-]+)\}[ \t]*$/gm;

export function parseMarkdown(text: string, path: string): ParseResult {
  try {
    if (isMdx(path)) return { ok: true, tree: mdx.parse(text.replace(HEADING_ID, '$1\\{#$2\\}')) as Root };
    return { ok: true, tree: md.parse(text) as Root };
  } catch (e) {
    const err = e as { reason?: string; message?: string; line?: number; column?: number; place?: Partial<Point> & { start?: Point } };
    const place = err.place?.start ?? err.place;
    return {
      ok: false,
      message: `MDX syntax error: ${err.reason ?? err.message}`,
      line: place?.line ?? err.line ?? 1,
      column: place?.column ?? err.column ?? 1,
    };
  }
}
