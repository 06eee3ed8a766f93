/** Extracts each runbook's "First 5 minutes" section as HTML, for the printable break-glass page. */
import type { Root, RootContent } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { defaultSchema, sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { headingTitle } from '../lint/outline';
import type { ParsedDoc } from '../lint/engine';
import type { ProjectIndex } from '../lint/types';
import path from 'node:path';
import type { Element } from 'hast';

export interface BreakGlassEntry {
  title: string;
  route: string;
  alerts: string[];
  html: string;
  /** The section's steps cut to their first sentence: what fits on the one printed sheet. */
  steps: string[];
}

const FIRST_STEPS = /^(first (5|five|ten|10|15) minutes|first steps|immediate actions)$/i;

function firstStepsNodes(doc: ParsedDoc): RootContent[] | undefined {
  const tree = doc.tree;
  if (!tree) return undefined;
  const start = tree.children.findIndex((n) => n.type === 'heading' && n.depth === 2 && FIRST_STEPS.test(headingTitle(n).title));
  if (start === -1) return undefined;
  const nodes: RootContent[] = [];
  for (const n of tree.children.slice(start + 1)) {
    if (n.type === 'heading' && n.depth <= 2) break;
    nodes.push(structuredClone(n));
  }
  return nodes;
}

/** The first sentence of each top-level step of the "First 5 minutes" section (commands and sub-steps left out). */
export function firstStepsSummary(doc: ParsedDoc): string[] {
  const nodes = firstStepsNodes(doc) ?? [];
  const steps: string[] = [];
  for (const n of nodes) {
    if (n.type !== 'list') continue;
    for (const item of n.children) {
      const para = item.children.find((c) => c.type === 'paragraph');
      if (!para) continue;
      const text = toString(para).replace(/\s+/g, ' ').trim();
      const first = /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
      steps.push(first.replace(/:$/, '.'));
    }
  }
  return steps;
}

export function firstStepsHtml(doc: ParsedDoc, index: ProjectIndex): string | undefined {
  const nodes = firstStepsNodes(doc);
  if (!nodes) return undefined;
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
  const hast = sanitize(toHast(root, { allowDangerousHtml: false }), defaultSchema);
  // Code blocks scroll sideways: make them reachable with the keyboard.
  visit(hast, 'element', (el: Element) => {
    if (el.tagName === 'pre' || el.tagName === 'table') el.properties = { ...el.properties, tabIndex: 0 };
  });
  return toHtml(hast);
}
