/** Extracts each runbook's "First 5 minutes" section as HTML, for the printable break-glass page. */
import type { Root, RootContent } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { defaultSchema, sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { headingTitle } from '../lint/outline';
import type { ParsedDoc } from '../lint/engine';
import type { ProjectIndex } from '../lint/types';
import path from 'node:path';

export interface BreakGlassEntry {
  title: string;
  route: string;
  alerts: string[];
  html: string;
}

const FIRST_STEPS = /^(first (5|five|ten|10|15) minutes|first steps|immediate actions)$/i;

export function firstStepsHtml(doc: ParsedDoc, index: ProjectIndex): string | undefined {
  const tree = doc.tree;
  if (!tree) return undefined;
  const start = tree.children.findIndex((n) => n.type === 'heading' && n.depth === 2 && FIRST_STEPS.test(headingTitle(n).title));
  if (start === -1) return undefined;
  const nodes: RootContent[] = [];
  for (const n of tree.children.slice(start + 1)) {
    if (n.type === 'heading' && n.depth <= 2) break;
    nodes.push(structuredClone(n));
  }
  const root: Root = { type: 'root', children: nodes };
  // Links in the section point at files; on the break-glass page they must point at routes.
  visit(root, 'link', (link) => {
    if (/^[a-z]+:|^\/|^#/i.test(link.url)) return;
    const [file, anchor] = link.url.split('#');
    const target = index.byPath.get(path.posix.normalize(path.posix.join(path.posix.dirname(doc.relPath), file)));
    if (target) link.url = `${target.route}${anchor ? `#${anchor}` : ''}`;
  });
  // Raw HTML and MDX nodes are dropped: only Markdown reaches the page. The result goes into the page as HTML
  // (dangerouslySetInnerHTML), so it is also sanitised with a maintained sanitiser (GitHub's rules): no script, no
  // event handler, no javascript:/data: URL survives even if a document slipped past mdx-safety.
  const hast = sanitize(toHast(root, { allowDangerousHtml: false }) as any, defaultSchema) as any;
  // Code blocks scroll sideways: make them reachable with the keyboard.
  visit(hast, 'element', (el: any) => {
    if (el.tagName === 'pre' || el.tagName === 'table') el.properties = { ...el.properties, tabIndex: 0 };
  });
  return toHtml(hast);
}
