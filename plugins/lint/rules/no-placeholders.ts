import { LinearRegExp } from '../linear-regex';
import type { DocumentRule, Span } from '../types';

/** What marks unfinished text unless the config says otherwise (rules: {no-placeholders: [error, {patterns: [...]}]}). */
export const DEFAULT_PLACEHOLDERS = ['\\bTODO\\b', '\\bTBD\\b', '\\bFIXME\\b', '<fill in>', 'YYYY-MM-DD', '(?i)lorem ipsum'];

const cache = new Map<string, RegExp>();

/** Config patterns are regular expressions; a leading (?i) makes one case-insensitive. */
export function placeholderPattern(patterns: string[]): RegExp {
  const key = patterns.join('\u0000');
  let re = cache.get(key);
  if (!re) {
    const parts = patterns.map((p) => (p.startsWith('(?i)') ? toCaseless(p.slice(4)) : p));
    // No patterns (placeholders: []) matches nothing; an empty alternation would match everywhere.
    // RE2 (linear time): a configured pattern cannot make a run hang. [^\s\S] matches nothing. Patterns without
    // any quantifier (the defaults) cannot backtrack, so they run on JavaScript's engine, several times faster.
    const source = parts.length ? parts.map((p) => `(?:${p})`).join('|') : '[^\\s\\S]';
    re = parts.every(quantifierFree) ? new RegExp(source, 'g') : new LinearRegExp(source, 'g');
    cache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

/** True when a pattern has no quantifier (*, +, ?, {n}) outside escapes: such a pattern matches in linear time. */
function quantifierFree(p: string): boolean {
  return !/[*+?{]/.test(p.replace(/\\./g, ''));
}

function toCaseless(p: string): string {
  // Escapes such as \b and \d keep their meaning; only literal letters match either case.
  return p.replace(/\\.|[a-z]/gi, (c) => (c.length === 2 ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`));
}

export interface Positioned {
  position?: { start?: { line: number; column: number; offset?: number }; end?: { offset?: number } };
}

function spanIn(node: Positioned, value: string, index: number, length: number): Span {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const before = value.slice(0, index);
  const nl = before.lastIndexOf('\n');
  const line = start.line + (before.match(/\n/g)?.length ?? 0);
  const column = nl === -1 ? start.column + index : index - nl;
  return { start: { line, column }, end: { line, column: column + length } };
}

/**
 * The span of a match in the source. A node's value drops list indentation and block quote markers and decodes
 * escapes and character references, so an offset in the value is not one in the source: find the word itself in
 * the node's source text, after the previous match, and fall back to the value's offsets when it is not there
 * verbatim (a placeholder written with a character reference).
 */
export function sourceSpan(text: string, node: Positioned, value: string, index: number, word: string, cursor: { at: number }): Span {
  const start = node.position?.start?.offset;
  const end = node.position?.end?.offset;
  if (typeof start === 'number' && typeof end === 'number' && text) {
    const i = text.slice(0, end).indexOf(word, Math.max(start, cursor.at));
    if (i !== -1) {
      cursor.at = i + word.length;
      let line = 1;
      let lineStart = 0;
      for (let j = text.indexOf('\n'); j !== -1 && j < i; j = text.indexOf('\n', j + 1)) {
        line++;
        lineStart = j + 1;
      }
      const column = i - lineStart + 1;
      return { start: { line, column }, end: { line, column: column + word.length } };
    }
  }
  return spanIn(node, value, index, word.length);
}

function scan(re: RegExp, value: string, report: (m: string, index: number) => void) {
  re.lastIndex = 0;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    report(m[0], m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
}

interface Options {
  patterns: string[];
}

/** Unfinished text (TODO, TBD, <fill in>, YYYY-MM-DD, lorem ipsum) in prose or front matter. Code is ignored. */
export const noPlaceholders: DocumentRule<Options, 'placeholder'> = {
  meta: {
    id: 'no-placeholders',
    kind: 'document',
    description: 'No placeholder text (`TODO`, `TBD`, `FIXME`, `<fill in>`, `YYYY-MM-DD`, `lorem ipsum`) is left in a published document.',
    severity: 'error',
    messages: { placeholder: 'Placeholder "{{word}}" left in the document: replace it with the real content' },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { patterns: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 } } },
    },
    defaultOptions: { patterns: DEFAULT_PLACEHOLDERS },
    // owner: TODO is this rule's finding; frontmatter-schema and the *-ref rules leave it alone while this rule is on.
    claimsValue: (value, options) => placeholderPattern((options.patterns as string[] | undefined) ?? DEFAULT_PLACEHOLDERS).test(value),
  },
  check(ctx) {
    const re = placeholderPattern(ctx.options.patterns);
    const nodes = ctx.outline.nodes ?? {};
    for (const node of [...(nodes.text ?? []), ...(nodes.html ?? [])] as (Positioned & { value: string })[]) {
      const cursor = { at: 0 };
      scan(re, node.value, (word, index) =>
        ctx.report({ messageId: 'placeholder', data: { word }, at: sourceSpan(ctx.text, node, node.value, index, word, cursor) }),
      );
    }
    for (const node of [...(nodes.mdxJsxFlowElement ?? []), ...(nodes.mdxJsxTextElement ?? [])] as (Positioned & { name?: string | null })[]) {
      scan(re, `<${node.name ?? ''}>`, (word) => ctx.report({ messageId: 'placeholder', data: { word }, at: spanIn(node, '', 0, word.length) }));
    }
    const walk = (value: unknown, path: (string | number)[]) => {
      if (typeof value === 'string') {
        scan(re, value, (word) => ctx.report({ messageId: 'placeholder', data: { word }, path }));
      } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    walk(ctx.frontmatter, []);
  },
};
