import { fromHtml } from 'hast-util-from-html';
import { BIDI_CONTROLS, CONTROL_CHARS, forbiddenCharacter } from '../../lib/escape';
import { COMPONENT_NAMES } from '../components';
import { spanOf } from '../outline';
import { frontMatterCharacterProblems } from '../site-frontmatter';
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

/** A GFM task-list checkbox as HTML: `<input type="checkbox" disabled>` (checked or not) is inert. */
function inertCheckbox(props: Record<string, unknown>): boolean {
  const keys = Object.keys(props).map((k) => k.toLowerCase());
  const type = String(props.type ?? '').toLowerCase();
  const disabled = props.disabled === true || props.disabled === '' || props.disabled === 'disabled';
  return type === 'checkbox' && disabled && keys.every((k) => ['type', 'disabled', 'checked', 'id', 'classname', 'class'].includes(k));
}

interface HastLike {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastLike[];
  content?: HastLike;
}

/** Every element of a hast tree, including <template> contents, without recursion. */
function elementsOf(tree: HastLike): HastLike[] {
  const out: HastLike[] = [];
  const stack: HastLike[] = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'element') out.push(n);
    if (n.content) stack.push(n.content);
    if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

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
    // Characters that can never be legitimate: control characters and bidirectional overrides (they make a title,
    // heading or command read differently from what it is). Escaping handles < and >; these are refused.
    for (const p of frontMatterCharacterProblems(fm)) {
      ctx.report({ message: `Front matter "${p.path.join('.')}" contains ${p.what}: remove it`, path: p.path });
    }
    const bodyStart = ctx.text.startsWith('---') ? ctx.text.indexOf('\n---', 3) : -1;
    if (CONTROL_CHARS.test(ctx.text) || BIDI_CONTROLS.test(ctx.text)) {
      const lines = ctx.text.split('\n');
      let offset = 0;
      for (let i = 0; i < lines.length; offset += lines[i].length + 1, i++) {
        if (offset <= bodyStart) continue; // front matter: reported above with its key
        const what = forbiddenCharacter(lines[i]);
        if (!what) continue;
        const column = lines[i].search(new RegExp(`${CONTROL_CHARS.source}|${BIDI_CONTROLS.source}`)) + 1;
        ctx.report({ message: `Line contains ${what}: remove it (it can make text read differently from what it is)`, at: { start: { line: i + 1, column } } });
      }
    }
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
          const jsxProps = Object.fromEntries((node.attributes ?? []).filter((a: any) => a.type === 'mdxJsxAttribute').map((a: any) => [a.name, a.value === null ? true : a.value]));
          if (!isComponent && name.toLowerCase() === 'input' && inertCheckbox(jsxProps)) break;
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
          // Parsed with a real HTML parser, comments included: a block is harmless only when nothing in it but
          // comments and text becomes an element (`<!-- a --><script>…</script><!-- b -->` is not a comment).
          const tree = fromHtml(node.value as string, { fragment: true }) as unknown as HastLike;
          for (const el of elementsOf(tree)) {
            const props = el.properties ?? {};
            if (el.tagName === 'input' && inertCheckbox(props)) continue;
            if (!SAFE_TAGS.has(el.tagName!)) ctx.report({ message: `HTML element <${el.tagName}> is not allowed in documents`, at });
            for (const [key, v] of Object.entries(props)) {
              const attr = key.toLowerCase();
              if (attr.startsWith('on')) ctx.report({ message: `Event handler attribute "${key}" is not allowed on <${el.tagName}>`, at });
              if (['href', 'src', 'action', 'formaction', 'poster', 'xlinkhref', 'data'].includes(attr)) checkUrl(ctx, String(v), at, `<${el.tagName} ${key}>`);
            }
          }
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
