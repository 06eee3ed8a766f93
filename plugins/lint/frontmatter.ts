/**
 * Strict, YAML-only front matter. Used by the linter and plugged into Docusaurus's
 * `markdown.parseFrontMatter`, so the build and the linter agree on every edge case.
 * gray-matter (and Docusaurus's fork of it) evaluates `---js` front matter; we never do.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Point, Span } from './types';

export interface FrontMatterProblem {
  message: string;
  at: Span;
}

export interface ParsedFrontMatter {
  /** The parsed mapping, or {} when there is none or it is broken. */
  data: Record<string, unknown>;
  /** The Markdown after the closing fence (line numbers are preserved by the callers). */
  content: string;
  /** 1-based line of the first YAML line (the line after the opening ---). */
  startLine: number;
  /** Number of lines the front matter block occupies, fences included. */
  lineCount: number;
  doc?: Document.Parsed;
  lineCounter?: LineCounter;
  problems: FrontMatterProblem[];
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const OPEN = /^---([^\n]*)\n/;

function point(line: number, column = 1): Span {
  return { start: { line, column } };
}

export function parseFrontMatter(text: string): ParsedFrontMatter {
  const empty = { data: {}, content: text, startLine: 2, lineCount: 0, problems: [] as FrontMatterProblem[] };
  const open = OPEN.exec(text);
  if (!open) {
    if (/^---\s*$/.test(text)) {
      empty.problems.push({ message: 'Front matter is not closed: add a line with only --- after the last key', at: point(1) });
    }
    return empty;
  }
  const lang = open[1].trim();
  if (lang !== '' && lang.toLowerCase() !== 'yaml') {
    empty.problems.push({
      message: `Front matter language "${lang}" is not allowed: only YAML front matter is accepted (other engines can run code during the build). Replace "---${open[1]}" with "---"`,
      at: point(1),
    });
    return empty;
  }
  const bodyStart = open[0].length;
  const close = /^(---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(bodyStart);
  const m = close.exec(rest);
  if (!m) {
    empty.problems.push({ message: 'Front matter is not closed: add a line with only --- after the last key', at: point(1) });
    return empty;
  }
  const raw = rest.slice(0, m.index);
  const afterClose = bodyStart + m.index + m[0].length;
  const content = text.slice(afterClose).replace(/^\n/, '');
  const lineCount = raw.split('\n').length + 1; // the raw block ends with \n, so this counts both fences
  const result: ParsedFrontMatter = { data: {}, content, startLine: 2, lineCount, problems: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, {
    lineCounter,
    uniqueKeys: true,
    strict: true,
    schema: 'core',
    merge: false,
    prettyErrors: false,
  });
  result.doc = doc;
  result.lineCounter = lineCounter;
  const toSpan = (offset: number): Span => {
    const p = lineCounter.linePos(offset);
    return { start: { line: p.line + 1, column: p.col } };
  };
  for (const err of doc.errors) {
    const msg =
      err.code === 'DUPLICATE_KEY' ? 'Duplicate front matter key: each key may appear only once' : `Front matter is not valid YAML: ${firstLine(err.message)}`;
    result.problems.push({ message: msg, at: toSpan(err.pos[0]) });
  }
  if (result.problems.length) return result;
  // Keys that could pollute prototypes when front matter is merged with defaults; aliases, which can
  // expand exponentially or refer to themselves, have no use in front matter.
  let bad = false;
  walk(
    doc.contents as Node | null,
    (key, offset) => {
      if (FORBIDDEN_KEYS.has(key)) {
        bad = true;
        result.problems.push({ message: `Front matter key "${key}" is not allowed`, at: toSpan(offset) });
      }
    },
    (offset) => {
      if (!bad) result.problems.push({ message: 'YAML aliases (*name) are not allowed in front matter: write the value out', at: toSpan(offset) });
      bad = true;
    },
  );
  if (bad) return result;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    result.problems.push({ message: `Front matter could not be read: ${firstLine((e as Error).message)}`, at: point(2) });
    return result;
  }
  if (value === null || value === undefined) return result;
  if (typeof value !== 'object' || Array.isArray(value)) {
    result.problems.push({ message: 'Front matter must be a mapping of keys to values (key: value lines)', at: point(2) });
    return result;
  }
  result.data = value as Record<string, unknown>;
  return result;
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function walk(node: Node | null, onKey: (key: string, offset: number) => void, onAlias: (offset: number) => void): void {
  if (!node) return;
  if (isAlias(node)) onAlias(node.range?.[0] ?? 0);
  else if (isMap(node)) {
    for (const pair of node.items) {
      const k = pair.key as Node | null;
      if (k && isScalar(k)) onKey(String(k.value), k.range?.[0] ?? 0);
      else if (k) walk(k, onKey, onAlias);
      walk(pair.value as Node | null, onKey, onAlias);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) walk(item as Node | null, onKey, onAlias);
  }
}

/**
 * The span of a key path inside the front matter: for a key of a mapping, the key itself;
 * for a list item, the item. Falls back to the nearest existing parent, then line 1.
 */
export function frontMatterPosition(fm: ParsedFrontMatter, path: (string | number)[], prefer: 'key' | 'value' = 'value'): Span {
  if (!fm.doc || !fm.lineCounter) return point(1);
  const lc = fm.lineCounter;
  const toPoint = (offset: number): Point => {
    const p = lc.linePos(offset);
    return { line: p.line + fm.startLine - 1, column: p.col };
  };
  let node = fm.doc.contents as Node | null;
  let range: [number, number] | undefined = node?.range ? [node.range[0], node.range[1]] : undefined;
  for (const seg of path) {
    if (node && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const key = pair.key as Node;
      range = key.range ? [key.range[0], key.range[1]] : range;
      node = pair.value as Node | null;
    } else if (node && isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg] as Node;
      range = node.range ? [node.range[0], node.range[1]] : range;
    } else break;
  }
  if (prefer === 'value' && node && isScalar(node) && node.range) range = [node.range[0], node.range[1]];
  if (!range) return { start: { line: 1, column: 1 } };
  return { start: toPoint(range[0]), end: toPoint(range[1]) };
}
