/** One parse per file: remark with front matter and GFM, plus MDX for .mdx files. */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const md = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();
const mdx = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkMdx).freeze();

export function isMdx(path: string): boolean {
  return path.endsWith('.mdx');
}

export type ParseResult = { ok: true; tree: Root } | { ok: false; message: string; line: number; column: number };

export function parseMarkdown(text: string, path: string): ParseResult {
  try {
    return { ok: true, tree: (isMdx(path) ? mdx : md).parse(text) as Root };
  } catch (e) {
    const err = e as { reason?: string; message?: string; line?: number; column?: number; place?: any };
    const place = err.place?.start ?? err.place;
    return {
      ok: false,
      message: `MDX syntax error: ${err.reason ?? err.message}`,
      line: place?.line ?? err.line ?? 1,
      column: place?.column ?? err.column ?? 1,
    };
  }
}
