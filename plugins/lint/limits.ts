/**
 * Deterministic input limits, checked on the raw text BEFORE any parser runs.
 *
 * Markdown parsers (micromark, YAML) slow down super-linearly or recurse deeply on some small inputs: thousands of
 * nested list or quote markers, very long lines full of brackets or emphasis markers, tens of thousands of
 * headings, table rows thousands of cells wide, front matter with thousands of keys. A wall-clock budget gives a
 * verdict that depends on the machine's load; these limits give the same verdict everywhere. One linear scan, no
 * regular expression that can backtrack, no recursion.
 */

export interface InputLimits {
  /** Longest line, in characters. */
  max_line_length: number;
  /** Block containers (block quotes and list items) open on one line, indentation included. */
  max_nesting_depth: number;
  /** Headings (# lines) in the body. */
  max_headings: number;
  /** Cells in one table row (| separated). */
  max_table_columns: number;
  /** Keys (mapping entries at any depth) in the front matter. */
  max_frontmatter_keys: number;
  /** Nested lists and mappings in the front matter (indented blocks, `- ` items and `[`/`{` flow collections). */
  max_frontmatter_depth: number;
  /** Inline markers (* _ ~ [ ] < > `) in one paragraph (lines between blank lines), outside code blocks. */
  max_inline_markers: number;
}

export const DEFAULT_LIMITS: InputLimits = {
  max_line_length: 10_000,
  max_nesting_depth: 16,
  max_headings: 1_000,
  max_table_columns: 64,
  max_frontmatter_keys: 500,
  max_frontmatter_depth: 32,
  max_inline_markers: 5_000,
};

export const LIMIT_DESCRIPTIONS: Record<keyof InputLimits, string> = {
  max_line_length: 'characters on one line',
  max_nesting_depth: 'nested block quotes and list items on one line',
  max_headings: 'headings in one document',
  max_table_columns: 'cells in one table row',
  max_frontmatter_keys: 'keys in the front matter',
  max_frontmatter_depth: 'levels of nested lists and mappings in the front matter',
  max_inline_markers: 'emphasis, bracket, angle-bracket and backtick markers in one paragraph',
};

export interface LimitProblem {
  limit: keyof InputLimits;
  value: number;
  max: number;
  line: number;
  column: number;
  message: string;
}

function problem(limit: keyof InputLimits, value: number, max: number, line: number, column = 1): LimitProblem {
  return {
    limit,
    value,
    max,
    line,
    column,
    message:
      `Too many ${LIMIT_DESCRIPTIONS[limit]} (${value}, the limit is ${max}): the file is not parsed, so no other check ran on it. ` +
      `Simplify or split the document, or raise "limits: {${limit}: …}" in handbook.config.yaml`,
  };
}

/** Merges a partial config section with the defaults. */
export function resolveLimits(partial: Partial<InputLimits> | undefined): InputLimits {
  return { ...DEFAULT_LIMITS, ...(partial ?? {}) };
}

const SPACE = 32;
const TAB = 9;

/** Block containers opened at the start of a line: `>` markers, list markers, and indentation (two columns a level). */
function containerDepth(line: string): { depth: number; rest: number } {
  let i = 0;
  let depth = 0;
  let indent = 0;
  const n = line.length;
  for (;;) {
    // Indentation: every two columns could be one more list level.
    let spaces = 0;
    while (i < n && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) {
      spaces += line.charCodeAt(i) === TAB ? 4 : 1;
      i++;
    }
    indent += spaces;
    if (i >= n) break;
    const c = line.charCodeAt(i);
    if (c === 62 /* > */) {
      depth++;
      i += i + 1 < n && line.charCodeAt(i + 1) === SPACE ? 2 : 1;
      continue;
    }
    if ((c === 45 /* - */ || c === 43 /* + */ || c === 42) /* * */ && (i + 1 >= n || line.charCodeAt(i + 1) === SPACE || line.charCodeAt(i + 1) === TAB)) {
      depth++;
      i += 2; // the marker and the space that belongs to it
      continue;
    }
    // Ordered list marker: up to 9 digits then . or )
    let j = i;
    while (j < n && j - i < 10 && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
    if (
      j > i &&
      j - i <= 9 &&
      j < n &&
      (line.charCodeAt(j) === 46 || line.charCodeAt(j) === 41) &&
      (j + 1 >= n || line.charCodeAt(j + 1) === SPACE || line.charCodeAt(j + 1) === TAB)
    ) {
      depth++;
      i = j + 2;
      continue;
    }
    break;
  }
  return { depth: depth + Math.floor(indent / 4), rest: i };
}

/** A fence line (``` or ~~~, at least three) after container markers: its character and length, or undefined. */
function fenceOf(line: string, from: number): { ch: number; len: number } | undefined {
  const ch = line.charCodeAt(from);
  if (ch !== 96 && ch !== 126) return undefined;
  let j = from;
  while (j < line.length && line.charCodeAt(j) === ch) j++;
  return j - from >= 3 ? { ch, len: j - from } : undefined;
}

/** Number of YAML keys in a front matter block: lines (at any indentation, after "- ") that start with `key:`. */
function countYamlKeys(lines: string[], from: number, to: number): { count: number; lastLine: number } {
  let count = 0;
  let lastLine = from;
  for (let l = from; l < to; l++) {
    const line = lines[l];
    let i = 0;
    while (i < line.length && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === 45) /* - */) i++;
    if (i >= line.length || line.charCodeAt(i) === 35 /* # */) continue;
    // Flow mappings ({a: 1, b: 2}) count each key.
    let inQuote = 0;
    for (let k = i; k < line.length; k++) {
      const c = line.charCodeAt(k);
      if (inQuote) {
        if (c === inQuote) inQuote = 0;
        continue;
      }
      if (c === 34 || c === 39) inQuote = c;
      else if (c === 58 /* : */ && (k + 1 >= line.length || line.charCodeAt(k + 1) === SPACE)) {
        count++;
        lastLine = l;
      }
    }
  }
  return { count, lastLine };
}

/**
 * How deep the front matter's values nest, without parsing it: open indented blocks, `- ` items at the start of a
 * line, and `[` / `{` flow collections (which YAML parses recursively, so `x: [[[[…]]]]` on one line can overflow
 * the stack). Quoted strings, comments and block scalars (`|`, `>`) are skipped; a bracket inside plain text
 * (`see [docs]`) opens nothing. Returns the first place the depth passes `max`, or undefined. Linear.
 */
function frontMatterDepth(lines: string[], from: number, to: number, max: number): { depth: number; line: number; column: number } | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = 0; // the quote character of a quoted string still open at the end of a line
  let blockScalar = -1; // indentation of the line that opened a | or > block scalar
  for (let l = from; l < to; l++) {
    const line = lines[l];
    let i = 0;
    while (i < line.length && line.charCodeAt(i) === SPACE) i++;
    if (!quote && (i >= line.length || line.charCodeAt(i) === 35) /* # */) continue;
    if (blockScalar >= 0) {
      if (i > blockScalar) continue;
      blockScalar = -1;
    }
    if (!flow && !quote) {
      while (indents.length && indents[indents.length - 1] > i) indents.pop();
      if (!indents.length || indents[indents.length - 1] < i) indents.push(i);
    }
    let depth = indents.length;
    if (depth > max) return { depth, line: l + 1, column: i + 1 };
    let valueStart = true;
    for (let k = i; k < line.length; k++) {
      const c = line.charCodeAt(k);
      if (quote) {
        if (c === 92 /* \ */ && quote === 34) k++;
        else if (c === quote) {
          if (quote === 39 && line.charCodeAt(k + 1) === 39) k++;
          else {
            quote = 0;
            valueStart = false;
          }
        }
        continue;
      }
      const next = k + 1 < line.length ? line.charCodeAt(k + 1) : SPACE;
      if (c === SPACE || c === TAB) continue;
      if (c === 35 /* # */ && (k === 0 || line.charCodeAt(k - 1) === SPACE)) break;
      if (valueStart && (c === 34 || c === 39)) quote = c;
      else if ((c === 91 || c === 123) /* [ { */ && (flow || valueStart)) {
        flow++;
        if (depth + flow > max) return { depth: depth + flow, line: l + 1, column: k + 1 };
        valueStart = true;
      } else if ((c === 93 || c === 125) /* ] } */ && flow) {
        flow--;
        valueStart = false;
      } else if (c === 44 /* , */ && flow) valueStart = true;
      else if (c === 58 /* : */ && (next === SPACE || next === TAB || flow)) valueStart = true;
      else if ((c === 45 || c === 63) /* - ? */ && valueStart && !flow && (next === SPACE || next === TAB)) {
        depth++;
        if (depth > max) return { depth, line: l + 1, column: k + 1 };
      } else if ((c === 124 || c === 62) /* | > */ && valueStart && !flow) {
        blockScalar = i;
        break;
      } else valueStart = false;
    }
  }
  return undefined;
}

/**
 * Checks the limits on a document's text (LF line endings, no BOM). Returns the first limit exceeded, with the
 * line where it happens, or undefined. Linear in the length of the text.
 */
export function checkInputLimits(text: string, limits: InputLimits = DEFAULT_LIMITS): LimitProblem | undefined {
  const lines = text.split('\n');
  let start = 0;
  // Front matter: counted as keys, not as Markdown.
  if (lines[0] !== undefined && /^---/.test(lines[0])) {
    let end = -1;
    for (let l = 1; l < lines.length; l++) {
      if (lines[l].length > limits.max_line_length)
        return problem('max_line_length', lines[l].length, limits.max_line_length, l + 1, limits.max_line_length + 1);
      if (/^(---|\.\.\.)[ \t]*$/.test(lines[l])) {
        end = l;
        break;
      }
    }
    const to = end === -1 ? lines.length : end;
    const { count, lastLine } = countYamlKeys(lines, 1, to);
    if (count > limits.max_frontmatter_keys) return problem('max_frontmatter_keys', count, limits.max_frontmatter_keys, lastLine + 1);
    const deep = frontMatterDepth(lines, 1, to, limits.max_frontmatter_depth);
    if (deep) return problem('max_frontmatter_depth', deep.depth, limits.max_frontmatter_depth, deep.line, deep.column);
    start = end === -1 ? lines.length : end + 1;
  }
  let headings = 0;
  let fence: { ch: number; len: number } | undefined;
  let markers = 0;
  let paragraphLine = start + 1;
  for (let l = start; l < lines.length; l++) {
    const line = lines[l];
    const lineNo = l + 1;
    if (line.length > limits.max_line_length) return problem('max_line_length', line.length, limits.max_line_length, lineNo, limits.max_line_length + 1);
    const { depth, rest } = containerDepth(line);
    const f = fenceOf(line, rest);
    if (fence) {
      if (f && f.ch === fence.ch && f.len >= fence.len && line.slice(rest + f.len).trim() === '') fence = undefined;
      continue; // code: not Markdown, only the line length counts
    }
    if (depth > limits.max_nesting_depth) return problem('max_nesting_depth', depth, limits.max_nesting_depth, lineNo);
    if (f) {
      fence = f;
      markers = 0;
      continue;
    }
    if (rest >= line.length) {
      // A blank line (after container markers) ends a paragraph.
      markers = 0;
      paragraphLine = lineNo + 1;
      continue;
    }
    if (line.charCodeAt(rest) === 35 /* # */) headings++;
    if (headings > limits.max_headings) return problem('max_headings', headings, limits.max_headings, lineNo);
    let pipes = 0;
    for (let i = rest; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 92 /* \ */) {
        i++;
        continue;
      }
      if (c === 124 /* | */) pipes++;
      else if (c === 42 || c === 95 || c === 126 || c === 91 || c === 93 || c === 60 || c === 62 || c === 96) markers++;
    }
    if (pipes - 1 > limits.max_table_columns) return problem('max_table_columns', pipes - 1, limits.max_table_columns, lineNo);
    if (markers > limits.max_inline_markers) return problem('max_inline_markers', markers, limits.max_inline_markers, paragraphLine);
  }
  return undefined;
}
