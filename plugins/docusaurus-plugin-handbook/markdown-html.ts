/**
 * Markdown (an already parsed tree) to HTML for pages the site plugin renders itself, without MDX or webpack:
 * incident records and the incidents index. Raw HTML and MDX nodes are dropped (only Markdown reaches the page),
 * links to files become links to their routes, and `:::kind[Title]` admonition paragraphs become notes.
 */
import path from 'node:path';
import type { Root, RootContent } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import type { ProjectIndex } from '../lint/types';
import type { Element } from 'hast';

/** Rewrites a file link (relative to `relPath`) to the route of the document it names; other links are kept. */
export function routeLinks(tree: Root, relPath: string, index: ProjectIndex): void {
  visit(tree, 'link', (link) => {
    if (/^[a-z]+:|^\/|^#/i.test(link.url)) return;
    const [file, anchor] = link.url.split('#');
    const target = index.byPath.get(path.posix.normalize(path.posix.join(path.posix.dirname(relPath), file)));
    if (target) link.url = `${target.route}${anchor ? `#${anchor}` : ''}`;
  });
}

/** Renders the body of a document (front matter left out) as HTML. */
export function bodyHtml(tree: Root, relPath: string, index: ProjectIndex): string {
  const children = tree.children.filter((n) => n.type !== 'yaml').map((n) => structuredClone(n)) as RootContent[];
  const root: Root = { type: 'root', children };
  routeLinks(root, relPath, index);
  const hast = toHast(root, { allowDangerousHtml: false });
  visit(hast, 'element', (el: Element) => {
    // Code blocks and tables scroll sideways inside their own box: make them reachable with the keyboard.
    if (el.tagName === 'pre' || el.tagName === 'table') el.properties = { ...el.properties, tabIndex: 0 };
  });
  let html = toHtml(hast);
  // `:::note[Title]` ... `:::` paragraphs (Docusaurus admonitions) as a plain, labelled aside.
  html = html.replace(
    /<p>:::(note|tip|info|warning|danger|caution)(?:\[([^\]<]*)\])?\n?([\s\S]*?)\n?:::<\/p>/g,
    (_m, kind, title, inner) =>
      `<aside class="admonition admonition-${kind} alert alert--${kind === 'danger' || kind === 'caution' ? 'danger' : kind === 'warning' ? 'warning' : kind === 'tip' ? 'success' : 'info'}"><p><strong>${title || kind[0].toUpperCase() + kind.slice(1)}</strong></p><p>${inner}</p></aside>`,
  );
  return html;
}
