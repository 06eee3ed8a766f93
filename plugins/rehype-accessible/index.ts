/**
 * Small accessibility fixes on the HTML of every document: GFM task-list checkboxes get a label (their item's text),
 * and Markdown tables, which Infima makes scrollable, can be reached with the keyboard.
 */
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

export default function rehypeAccessible() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'li' && String(node.properties?.className ?? '').includes('task-list-item')) {
        const label = toString(node).trim().slice(0, 120);
        visit(node, 'element', (child: Element) => {
          if (child.tagName === 'input' && child.properties?.type === 'checkbox') child.properties.ariaLabel = label;
        });
      }
      if (node.tagName === 'table') {
        node.properties = { ...node.properties, tabIndex: 0 };
      }
    });
  };
}
