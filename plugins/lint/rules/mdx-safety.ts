import { fromHtml } from 'hast-util-from-html';
import type { Nodes } from 'mdast';
import { BIDI_CONTROLS, CONTROL_CHARS, forbiddenCharacter } from '../../lib/escape';
import { COMPONENT_NAMES } from '../components';
import { spanOf } from '../outline';
import { frontMatterCharacterProblems } from '../site-frontmatter';
import type { DocumentContext, DocumentRule, Span } from '../types';
import { checkEmbed, EMBED_MESSAGES, EMBED_TAGS, type EmbedProblem } from '../mdx-embeds';
import { importProblems } from '../mdx-imports';

/** Components a document may use: the component registry (plugins/lint/components.ts) plus the `components` option. */
export const HANDBOOK_COMPONENTS: readonly string[] = COMPONENT_NAMES;
/** Plain HTML that is safe in a document. Anything else (script, form, meta, object, embed, style...) is refused. */
const SAFE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'br',
  'code',
  'dd',
  'del',
  'details',
  'div',
  'dl',
  'dt',
  'em',
  'h2',
  'h3',
  'h4',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
  'var',
  'html',
  'head',
  'body',
]);
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'xlinkhref', 'poster', 'srcset', 'data', 'background']);
const BAD_URL = /^\s*(javascript|data|vbscript|file):/i;

/** Modules an .mdx document may import from by default: the Docusaurus theme components documents commonly use. */
export const DEFAULT_IMPORTS: readonly string[] = ['@theme/Tabs', '@theme/TabItem', '@theme/Admonition', '@theme/CodeBlock', '@theme/Details'];

export interface MdxSafetyOptions {
  /** Extra component names (registered in the site's MDX provider). */
  components: string[];
  /** Modules that `import` statements may name. */
  imports: string[];
  /** Hosts an <iframe> or <video> may load from (exact, or `*.example.com` for subdomains). */
  embed_hosts: string[];
}

const MESSAGES = {
  frontMatterMdx: 'Front matter key "mdx" is not allowed: it can switch a .md file to MDX',
  frontMatterChar: 'Front matter "{{key}}" contains {{what}}: remove it',
  lineChar: 'Line contains {{what}}: remove it (it can make text read differently from what it is)',
  export: 'export is not allowed in documents: a document holds content, not code',
  importModule:
    'import from "{{module}}" is not allowed: documents may import only from {{allowed}} (mdx-safety option "imports"); handbook components need no import',
  importNone: 'import is not allowed in documents: components are available without importing them',
  importShape: 'Only plain import statements are allowed in documents: {{what}}',
  expression: 'JavaScript expressions {...} are not allowed in documents; write text, or escape the brace as \\{',
  component: 'Component <{{name}}> is not allowed: use one of the handbook components ({{some}}, ...)',
  element: 'HTML element <{{name}}> is not allowed in documents',
  spread: 'Spread attributes {...} are not allowed on <{{name}}>',
  eventHandler: 'Event handler attribute "{{attr}}" is not allowed on <{{name}}>',
  expressionAttr: 'Attribute "{{attr}}" on <{{name}}> uses a JavaScript expression; give a plain string: {{attr}}="..."',
  attribute: 'Attribute "{{attr}}" is not allowed',
  unsafeUrl: 'Unsafe URL "{{url}}" in {{where}}: javascript:, data:, vbscript: and file: URLs are not allowed',
  ...EMBED_MESSAGES,
} as const;
type MessageId = keyof typeof MESSAGES;
type Ctx = DocumentContext<MdxSafetyOptions, MessageId>;

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

function checkUrl(ctx: Ctx, value: string, at: Span, where: string) {
  // Browsers ignore control characters and whitespace inside the scheme: strip them before checking.
  const clean = value.replace(/[\u0000-\u0020\u007f]+/g, '');
  if (BAD_URL.test(clean)) ctx.report({ messageId: 'unsafeUrl', data: { url: value.slice(0, 40), where }, at });
}

function reportEmbed(ctx: Ctx, problems: EmbedProblem[], at: Span) {
  for (const p of problems) ctx.report({ messageId: p.id, data: p.data, at });
}

interface JsxAttribute {
  type: 'mdxJsxAttribute' | 'mdxJsxExpressionAttribute';
  name: string;
  value?: string | null | { type: string };
}
interface JsxNode {
  type: string;
  name: string | null;
  attributes?: JsxAttribute[];
  position?: Parameters<typeof spanOf>[0]['position'];
}

function checkJsx(ctx: Ctx, node: JsxNode, allowed: Set<string>, at: Span) {
  const name = node.name;
  if (name === null) return; // a fragment <>...</>
  const isComponent = /^[A-Z]/.test(name) || name.includes('.');
  const attrs = (node.attributes ?? []).filter((a) => a.type === 'mdxJsxAttribute');
  const jsxProps = Object.fromEntries(attrs.map((a) => [a.name, a.value === null || a.value === undefined ? true : a.value]));
  if (!isComponent && name.toLowerCase() === 'input' && inertCheckbox(jsxProps)) return;
  const embed = !isComponent && EMBED_TAGS.has(name.toLowerCase());
  if (embed) {
    const plain = Object.fromEntries(
      attrs.filter((a) => typeof a.value !== 'object' || a.value === null).map((a) => [a.name.toLowerCase(), typeof a.value === 'string' ? a.value : true]),
    );
    reportEmbed(ctx, checkEmbed(name.toLowerCase(), plain, ctx.options.embed_hosts), at);
  } else if (isComponent ? !allowed.has(name) : !SAFE_TAGS.has(name.toLowerCase())) {
    if (isComponent) ctx.report({ messageId: 'component', data: { name, some: [...allowed].slice(0, 6).join(', ') }, at });
    else ctx.report({ messageId: 'element', data: { name }, at });
  }
  for (const attr of node.attributes ?? []) {
    if (attr.type === 'mdxJsxExpressionAttribute') {
      ctx.report({ messageId: 'spread', data: { name }, at });
      continue;
    }
    if (/^on/i.test(attr.name)) ctx.report({ messageId: 'eventHandler', data: { attr: attr.name, name }, at });
    if (attr.value && typeof attr.value === 'object') ctx.report({ messageId: 'expressionAttr', data: { attr: attr.name, name }, at });
    if (typeof attr.value === 'string' && URL_ATTRS.has(attr.name.toLowerCase())) checkUrl(ctx, attr.value, at, `<${name} ${attr.name}>`);
    if (attr.name === 'dangerouslySetInnerHTML' || (attr.name === 'style' && typeof attr.value !== 'string'))
      ctx.report({ messageId: 'attribute', data: { attr: attr.name }, at });
  }
}

function checkHtml(ctx: Ctx, value: string, at: Span) {
  // Parsed with a real HTML parser, comments included: a block is harmless only when nothing in it but
  // comments and text becomes an element (`<!-- a --><script>…</script><!-- b -->` is not a comment).
  const tree = fromHtml(value, { fragment: true }) as unknown as HastLike;
  for (const el of elementsOf(tree)) {
    const props = el.properties ?? {};
    const tag = el.tagName!;
    if (tag === 'input' && inertCheckbox(props)) continue;
    if (EMBED_TAGS.has(tag)) {
      const plain = Object.fromEntries(
        Object.entries(props).map(([k, v]) => [k.toLowerCase(), v === true ? true : Array.isArray(v) ? v.join(' ') : String(v)]),
      );
      reportEmbed(ctx, checkEmbed(tag, plain, ctx.options.embed_hosts), at);
    } else if (!SAFE_TAGS.has(tag)) ctx.report({ messageId: 'element', data: { name: tag }, at });
    for (const [key, v] of Object.entries(props)) {
      const attr = key.toLowerCase();
      if (attr.startsWith('on')) ctx.report({ messageId: 'eventHandler', data: { attr: key, name: tag }, at });
      if (URL_ATTRS.has(attr)) checkUrl(ctx, String(v), at, `<${tag} ${key}>`);
    }
  }
}

/** Documents render as code in the site build: only allowlisted components, imports and embeds, and harmless Markdown and HTML. */
export const mdxSafety: DocumentRule<MdxSafetyOptions, MessageId> = {
  meta: {
    id: 'mdx-safety',
    kind: 'document',
    description: 'Only allowlisted components, imports and embeds; no export, JavaScript expressions, script, event handlers or javascript:/data: URLs.',
    severity: 'error',
    security: true,
    messages: MESSAGES,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        components: { type: 'array', items: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$', maxLength: 100 } },
        imports: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\s\'"`]+$' } },
        embed_hosts: {
          type: 'array',
          items: { type: 'string', maxLength: 253, pattern: '^(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$' },
        },
      },
    },
    defaultOptions: { components: [], imports: [...DEFAULT_IMPORTS], embed_hosts: [] },
  },
  check(ctx) {
    const allowed = new Set([...HANDBOOK_COMPONENTS, ...ctx.options.components]);
    const fm = ctx.frontmatter;
    if (fm.mdx !== undefined) ctx.report({ messageId: 'frontMatterMdx', path: ['mdx'] });
    // Characters that can never be legitimate: control characters and bidirectional overrides (they make a title,
    // heading or command read differently from what it is). Escaping handles < and >; these are refused.
    for (const p of frontMatterCharacterProblems(fm)) {
      ctx.report({ messageId: 'frontMatterChar', data: { key: p.path.join('.'), what: p.what }, path: p.path });
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
        ctx.report({ messageId: 'lineChar', data: { what }, at: { start: { line: i + 1, column } } });
      }
    }
    const nodes = ctx.outline.nodes ?? {};
    // Imports first: a name imported from an allowed module is a component the document may use.
    for (const node of nodes.mdxjsEsm ?? []) {
      const nodeAt = spanOf(node);
      const r = importProblems(node, ctx.options.imports);
      for (const name of r.names) allowed.add(name);
      for (const p of r.problems) {
        const at = p.at ? { start: p.at } : nodeAt;
        if (p.kind === 'export') ctx.report({ messageId: 'export', at });
        else if (p.kind === 'module') {
          if (ctx.options.imports.length)
            ctx.report({ messageId: 'importModule', data: { module: p.module, allowed: ctx.options.imports.map((m) => `"${m}"`).join(', ') }, at });
          else ctx.report({ messageId: 'importNone', at });
        } else ctx.report({ messageId: 'importShape', data: { what: p.what }, at });
      }
    }
    const relevant = (
      ['mdxFlowExpression', 'mdxTextExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'html', 'link', 'image', 'definition'] as const
    ).flatMap((t): Nodes[] => nodes[t] ?? []);
    for (const node of relevant) {
      const at = spanOf(node);
      switch (node.type) {
        case 'mdxFlowExpression':
        case 'mdxTextExpression':
          if (!/^\s*\/\*[\s\S]*\*\/\s*$/.test(node.value)) ctx.report({ messageId: 'expression', at });
          break;
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement':
          checkJsx(ctx, node as JsxNode, allowed, at);
          break;
        case 'html':
          checkHtml(ctx, node.value as string, at);
          break;
        case 'link':
        case 'image':
        case 'definition':
          checkUrl(ctx, node.url, at, 'a link');
          break;
      }
    }
  },
};
