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

/** The route of a file link (relative to `relPath`) to a document of the index; other links as they are. */
export function routeLink(url: string, relPath: string, index: ProjectIndex): string {
  if (/^[a-z]+:|^\/|^#/i.test(url)) return url;
  const [file, anchor] = url.split('#');
  let name = file;
  try {
    name = decodeURI(file); // the HTML tree's addresses are percent-encoded ("my%20notes.md")
  } catch {
    // not valid percent-encoding: looked up as written
  }
  const target = index.byPath.get(path.posix.normalize(path.posix.join(path.posix.dirname(relPath), name)));
  return target ? `${target.route}${anchor ? `#${anchor}` : ''}` : url;
}

/** Renders the body of a document (front matter left out) as HTML. The tree is not changed. */
export function bodyHtml(tree: Root, relPath: string, index: ProjectIndex): string {
  const root: Root = { type: 'root', children: tree.children.filter((n) => n.type !== 'yaml') as RootContent[] };
  const hast = toHast(root, { allowDangerousHtml: false });
  visit(hast, 'element', (el: Element) => {
    // Links to files become links to their routes.
    if (el.tagName === 'a' && typeof el.properties.href === 'string') el.properties.href = routeLink(el.properties.href, relPath, index);
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
