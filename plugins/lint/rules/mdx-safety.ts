import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { COMPONENT_NAMES } from '../components';
import { spanOf } from '../outline';
import type { FileContext, FileRule } from '../types';

/** Components a document may use: the component registry (plugins/lint/components.ts) plus config `mdx_components`. */
export const HANDBOOK_COMPONENTS: readonly string[] = COMPONENT_NAMES;
/** Plain HTML that is safe in a document. Anything else (script, iframe, form, meta, object, embed, style...) is refused. */
const SAFE_TAGS = new Set([
  'a', 'abbr', 'b', 'br', 'code', 'dd', 'del', 'details', 'div', 'dl', 'dt', 'em', 'h2', 'h3', 'h4', 'hr', 'i', 'img', 'ins', 'kbd', 'li',
  'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'u', 'ul', 'var',
  'html', 'head', 'body',
]);
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'srcset', 'data', 'background']);
const BAD_URL = /^\s*(javascript|data|vbscript|file):/i;

function checkUrl(ctx: FileContext, value: string, at: ReturnType<typeof spanOf>, where: string) {
  // Browsers ignore control characters and whitespace inside the scheme: strip them before checking.
  const clean = value.replace(/[\u0000-\u0020\u007f]+/g, '');
  if (BAD_URL.test(clean)) ctx.report({ message: `Unsafe URL "${value.slice(0, 40)}" in ${where}: javascript:, data:, vbscript: and file: URLs are not allowed`, at });
}

/** Documents render as code in the site build: only allowlisted components and harmless Markdown and HTML. */
export const mdxSafety: FileRule = {
  meta: {
    id: 'mdx-safety',
    description: 'Only allowlisted components; no import/export, JavaScript expressions, script, iframe, event handlers or javascript:/data: URLs.',
    severity: 'error',
    scope: 'file',
  },
  check(ctx) {
    const allowed = new Set([...HANDBOOK_COMPONENTS, ...((ctx.project.config as any).mdx_components ?? [])]);
    const fm = ctx.frontmatter as Record<string, unknown>;
    if (fm.mdx !== undefined) ctx.report({ message: 'Front matter key "mdx" is not allowed: it can switch a .md file to MDX', path: ['mdx'] });
    const nodes = ctx.outline.nodes ?? {};
    const relevant = ['mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'html', 'link', 'image', 'definition'].flatMap((t) => nodes[t] ?? []);
    for (const node of relevant) {
      const at = spanOf(node);
      switch (node.type) {
        case 'mdxjsEsm':
          ctx.report({ message: 'import and export are not allowed in documents: components are available without importing them', at });
          break;
        case 'mdxFlowExpression':
        case 'mdxTextExpression':
          if (!/^\s*\/\*[\s\S]*\*\/\s*$/.test(node.value)) ctx.report({ message: 'JavaScript expressions {...} are not allowed in documents; write text, or escape the brace as \\{', at });
          break;
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement': {
          const name: string | null = node.name;
          if (name === null) break; // a fragment <>...</>
          const isComponent = /^[A-Z]/.test(name) || name.includes('.');
          if (isComponent ? !allowed.has(name) : !SAFE_TAGS.has(name.toLowerCase())) {
            ctx.report({ message: isComponent ? `Component <${name}> is not allowed: use one of the handbook components (${[...allowed].slice(0, 6).join(', ')}, ...)` : `HTML element <${name}> is not allowed in documents`, at });
          }
          for (const attr of node.attributes ?? []) {
            if (attr.type === 'mdxJsxExpressionAttribute') {
              ctx.report({ message: `Spread attributes {...} are not allowed on <${name}>`, at });
              continue;
            }
            if (/^on/i.test(attr.name)) ctx.report({ message: `Event handler attribute "${attr.name}" is not allowed on <${name}>`, at });
            if (attr.value && typeof attr.value === 'object') ctx.report({ message: `Attribute "${attr.name}" on <${name}> uses a JavaScript expression; give a plain string: ${attr.name}="..."`, at });
            if (typeof attr.value === 'string' && URL_ATTRS.has(attr.name.toLowerCase())) checkUrl(ctx, attr.value, at, `<${name} ${attr.name}>`);
            if (attr.name === 'dangerouslySetInnerHTML' || attr.name === 'style' && typeof attr.value !== 'string') ctx.report({ message: `Attribute "${attr.name}" is not allowed`, at });
          }
          break;
        }
        case 'html': {
          const value: string = node.value;
          if (/^\s*<!--[\s\S]*-->\s*$/.test(value)) break;
          const tree = fromHtml(value, { fragment: true });
          visit(tree as any, 'element', (el: any) => {
            if (!SAFE_TAGS.has(el.tagName)) ctx.report({ message: `HTML element <${el.tagName}> is not allowed in documents`, at });
            for (const [key, v] of Object.entries(el.properties ?? {})) {
              const attr = key.toLowerCase();
              if (attr.startsWith('on')) ctx.report({ message: `Event handler attribute "${key}" is not allowed on <${el.tagName}>`, at });
              if (['href', 'src', 'action', 'formaction', 'poster', 'xlinkhref', 'data'].includes(attr)) checkUrl(ctx, String(v), at, `<${el.tagName} ${key}>`);
            }
          });
          break;
        }
        case 'link':
        case 'image':
        case 'definition':
          checkUrl(ctx, node.url, at, 'a link');
          break;
      }
    }
  },
};
