/** The lint engine: files -> parsed documents -> project index -> rule messages. Shared by the CLI and the remark plugin. */
import path from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { visit } from 'unist-util-visit';
import { frontMatterPosition, parseFrontMatter, type ParsedFrontMatter } from './frontmatter';
import { checkInputLimits, DEFAULT_LIMITS } from './limits';
import { collectAlertRefs, type AlertRef } from './alerts';
import { buildOutline } from './outline';
import { parseMarkdown } from './parse';
import { decodeDocument, readDocument } from './read';
import { placeDocument } from './routes';
import { rules } from './rules/index';
import type {
  FileContext,
  FileResult,
  FileRule,
  Level,
  LintMessage,
  Outline,
  Project,
  ProjectIndex,
  ProjectProblem,
  ProjectRule,
  Report,
  Span,
} from './types';
import type { Root } from 'mdast';

export interface LintOptions {
  now?: Date;
  /** --rule id=level from the command line: wins over the config. */
  ruleLevels?: Record<string, Level>;
}

/** A document after reading and parsing, before rules run. */
export interface ParsedDoc {
  abs: string;
  relPath: string;
  /** Problems that stop checking this file (unreadable, broken front matter, MDX syntax). */
  fatal?: LintMessage;
  /** Problems found while reading that do not stop checking (BOM, CRLF). */
  early: LintMessage[];
  text: string;
  fm?: ParsedFrontMatter;
  tree?: Root;
  outline?: Outline;
}

export const ENGINE_RULE_DOCS: Record<string, string> = {
  'file-read': 'The file could not be read as a UTF-8 text document.',
  'file-encoding': 'Documents are UTF-8 without a byte order mark, with LF line endings.',
  'frontmatter-syntax': 'Front matter is strict YAML between --- lines.',
  'mdx-syntax': 'An .mdx file must parse as MDX.',
  'inline-config': 'handbook-disable comments name existing rules and give a reason.',
  'input-limits': 'A document stays within the deterministic input limits (line length, nesting, headings, table width, front matter keys, inline markers) checked before parsing.',
  'data-schema': 'Every data/*.yaml registry matches its schema in schemas/.',
};

export function ruleUrl(project: Project, id: string): string {
  const base = project.config.docs_url.replace(/\/$/, '');
  return `${base}/${id}`;
}

function message(project: Project, ruleId: string, level: 'error' | 'warn', text: string, at: Span, fatal = false): LintMessage {
  return {
    ruleId,
    severity: level === 'error' ? 2 : 1,
    message: text,
    line: at.start.line,
    column: at.start.column,
    ...(at.end ? { endLine: at.end.line, endColumn: at.end.column } : {}),
    ...(fatal ? { fatal: true } : {}),
    url: ruleUrl(project, ruleId),
  };
}

export function relativePath(project: Project, abs: string): string {
  return path.relative(project.root, abs).split(path.sep).join('/');
}

/** Parses a file already read into memory (by the runner, which hashes it for the cache). */
export async function prepareFromBuffer(project: Project, abs: string, buf: Buffer): Promise<ParsedDoc> {
  return prepareFile(project, abs, undefined, buf);
}

/** Reads and parses one file. Never throws: every failure becomes a fatal message. */
export async function prepareFile(project: Project, abs: string, textOverride?: string, buffer?: Buffer): Promise<ParsedDoc> {
  const relPath = relativePath(project, abs);
  const doc: ParsedDoc = { abs, relPath, early: [], text: '' };
  const at1 = { start: { line: 1, column: 1 } };
  let text: string;
  if (textOverride !== undefined) {
    text = textOverride.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  } else {
    const read = buffer ? decodeDocument(buffer) : await readDocument(abs, project.config.max_file_size);
    if (!read.ok) {
      doc.fatal = message(project, 'file-read', 'error', read.message, { start: { line: read.line ?? 1, column: read.column ?? 1 } }, true);
      return doc;
    }
    text = read.text;
    if (read.bom) doc.early.push(message(project, 'file-encoding', 'error', 'File starts with a byte order mark (BOM): save it as UTF-8 without BOM', at1));
    if (read.crlf) doc.early.push(message(project, 'file-encoding', 'error', 'File uses CRLF line endings: convert it to LF (git config core.autocrlf input)', at1));
  }
  doc.text = text;
  if (text.trim() === '') {
    doc.fatal = message(project, 'file-read', 'error', 'File is empty: add front matter with a title and a type, or delete it', at1, true);
    return doc;
  }
  // Deterministic limits before any parser runs: the same verdict on every machine, and no input that drives a
  // parser into super-linear time or deep recursion reaches one.
  const over = checkInputLimits(text, project.config.limits ?? DEFAULT_LIMITS);
  if (over) {
    doc.fatal = message(project, 'input-limits', 'error', over.message, { start: { line: over.line, column: over.column } }, true);
    return doc;
  }
  const fm = parseFrontMatter(text);
  doc.fm = fm;
  if (fm.problems.length) {
    const p = fm.problems[0];
    doc.fatal = message(project, 'frontmatter-syntax', 'error', p.message, p.at, true);
    return doc;
  }
  const parsed = parseMarkdown(text, relPath);
  if (!parsed.ok) {
    doc.fatal = message(project, 'mdx-syntax', 'error', parsed.message, { start: { line: parsed.line, column: parsed.column } }, true);
    return doc;
  }
  doc.tree = parsed.tree;
  doc.outline = buildOutline(parsed.tree, relPath, fm.data);
  return doc;
}

/** What the project index and the index-dependent rules need from a document, without its syntax tree. */
export interface DocSummary {
  abs: string;
  relPath: string;
  type?: string;
  frontmatter: Record<string, unknown>;
  anchors: string[];
  links: Outline['links'];
  /** Alert names the document mentions (rule examples, runbook links, alert tables), for alert-runbook. */
  alertRefs?: AlertRef[];
  /** Positions of top-level front matter keys (and their values), for messages from index rules. */
  keyPositions: Record<string, Span>;
  disables: Disable[];
  fatal: boolean;
}

const INDEX_RULE_KEYS = ['id', 'incident', 'severity', 'status', 'resolved_at', 'title', 'type'];

export function summarize(doc: ParsedDoc, disables: Disable[] = []): DocSummary {
  const keyPositions: Record<string, Span> = {};
  // Only the keys index rules report on: the summary is cached for every file, so it stays small.
  if (doc.fm && !doc.fatal) for (const k of INDEX_RULE_KEYS) if (k in doc.fm.data) keyPositions[k] = frontMatterPosition(doc.fm, [k]);
  return {
    abs: doc.abs,
    relPath: doc.relPath,
    type: doc.outline?.type,
    frontmatter: doc.fatal ? {} : (doc.fm?.data ?? {}),
    anchors: doc.outline ? [...doc.outline.anchors] : [],
    links: doc.outline?.links ?? [],
    alertRefs: doc.tree && doc.outline && !doc.fatal ? collectAlertRefs(doc.tree, doc.text, doc.outline.nodes ?? {}) : [],
    keyPositions,
    disables,
    fatal: Boolean(doc.fatal),
  };
}

/** Every document's route and anchors, built in one pass for link checks and project rules. */
export function buildIndex(project: Project, docs: (ParsedDoc | DocSummary)[]): ProjectIndex {
  const index: ProjectIndex = { byPath: new Map(), byRoute: new Map() };
  for (const d of docs) {
    const sum = 'early' in d ? summarize(d) : d;
    const place = placeDocument(sum.relPath, project.config, sum.frontmatter);
    const entry = {
      relPath: sum.relPath,
      route: place?.route ?? '',
      docId: place?.docId ?? sum.relPath,
      anchors: new Set(sum.anchors),
      type: sum.type,
      frontmatter: sum.frontmatter,
      alertRefs: sum.alertRefs ?? [],
    };
    index.byPath.set(sum.relPath, entry);
    if (place) index.byRoute.set(place.route, entry);
  }
  return index;
}

// Override globs are compiled once per project, not once per rule and file.
const overrideMatchers = new WeakMap<Project, ((p: string) => boolean)[]>();

export function levelFor(project: Project, ruleId: string, defaultLevel: Level, relPath: string, cli?: Record<string, Level>): Level {
  let level = project.config.rules[ruleId] ?? defaultLevel;
  let matchers = overrideMatchers.get(project);
  if (!matchers) {
    matchers = project.config.overrides.map((o) => picomatch(o.files, { dot: true }));
    overrideMatchers.set(project, matchers);
  }
  project.config.overrides.forEach((o, i) => {
    if (o.rules[ruleId] && matchers![i](relPath)) level = o.rules[ruleId];
  });
  return cli?.[ruleId] ?? level;
}

export interface Disable {
  line: number; // the line the comment applies to
  rules: string[];
}

/** Rules that no comment in a document can switch off (DECISIONS: security rules are never silenced by a committed file). */
export const SECURITY_RULES: ReadonlySet<string> = new Set(['no-secrets', 'mdx-safety', 'no-personal-data']);

const DISABLE = /^\s*handbook-disable-next-line\s+([a-z0-9 ,-]+?)\s*(?:--\s*(.*?))?\s*$/;

function collectDisables(outline: Outline, project: Project, push: (m: LintMessage) => void): Disable[] {
  const out: Disable[] = [];
  const known = new Set([...rules.map((r) => r.meta.id), ...Object.keys(ENGINE_RULE_DOCS)]);
  const n = outline.nodes ?? {};
  for (const node of [...(n.html ?? []), ...(n.mdxFlowExpression ?? []), ...(n.mdxTextExpression ?? [])]) {
    let body: string | undefined;
    // One comment and nothing else: `<!-- disable … --><script>` is not a disable comment.
    if (node.type === 'html') body = /^<!--((?:(?!-->)[\s\S])*)-->$/.exec(node.value.trim())?.[1];
    else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') body = /^\s*\/\*([\s\S]*)\*\/\s*$/.exec(node.value)?.[1];
    if (body === undefined || !body.includes('handbook-disable')) continue;
    const m = DISABLE.exec(body.replace(/\s+/g, ' '));
    const at = { start: { line: node.position.start.line, column: node.position.start.column } };
    if (!m) {
      push(message(project, 'inline-config', 'error', 'Malformed disable comment: write "handbook-disable-next-line <rule-id> -- <reason>"', at));
      continue;
    }
    const ids = m[1].split(/[ ,]+/).filter(Boolean);
    for (const id of ids) if (!known.has(id)) push(message(project, 'inline-config', 'error', `Unknown rule "${id}" in disable comment`, at));
    if (!m[2]) {
      push(message(project, 'inline-config', 'error', 'Disable comment needs a reason after "--", e.g. "-- example placeholder in a template"', at));
      continue;
    }
    // Security rules are configured only in handbook.config.yaml (reviewed like code), never by a comment in a document.
    for (const id of ids.filter((i) => SECURITY_RULES.has(i))) {
      push(message(project, 'inline-config', 'error', `Security rule "${id}" cannot be disabled by a comment: fix the finding, or add a reviewed allowlist entry to handbook.config.yaml`, at));
    }
    const allowedIds = ids.filter((i) => !SECURITY_RULES.has(i));
    if (allowedIds.length) out.push({ line: node.position.end.line + 1, rules: allowedIds });
  }
  return out;
}

const EMPTY_INDEX: ProjectIndex = { byPath: new Map(), byRoute: new Map() };
const EMPTY_TREE: Root = { type: 'root', children: [] };

function applyDisables(messages: LintMessage[], disables: Disable[]): LintMessage[] {
  if (!disables.length) return messages;
  return messages.filter((m) => SECURITY_RULES.has(m.ruleId) || !disables.some((d) => d.line === m.line && d.rules.includes(m.ruleId)));
}

/**
 * Phase 1, per file and independent of other files (so it can run in a worker and be cached): every file rule
 * that does not need the project index.
 */
export async function checkLocal(project: Project, doc: ParsedDoc, opts: LintOptions = {}): Promise<{ messages: LintMessage[]; summary: DocSummary }> {
  const messages: LintMessage[] = [...doc.early];
  if (doc.fatal) messages.push(doc.fatal);
  let disables: Disable[] = [];
  if (!doc.fatal && doc.tree && doc.outline && doc.fm) {
    const fm = doc.fm;
    const tree = doc.tree;
    const outline = doc.outline;
    const type = outline.type;
    const validator = type ? project.validators.get(type) : undefined;
    const schemaErrors = validator ? validator({ frontmatter: fm.data, sections: outline.sections.map(plainSection) }) : [];
    disables = collectDisables(outline, project, (m) => messages.push(m));
    for (const rule of rules) {
      if (rule.meta.scope !== 'file' || rule.meta.needsIndex) continue;
      const level = levelFor(project, rule.meta.id, rule.meta.severity, doc.relPath, opts.ruleLevels);
      if (level === 'off') continue;
      const ctx: FileContext = {
        relPath: doc.relPath,
        text: doc.text,
        tree,
        outline,
        frontmatter: fm.data,
        frontmatterStart: { line: 1, column: 1 },
        positionOf: (p) => frontMatterPosition(fm, p),
        schemaErrors,
        project,
        index: EMPTY_INDEX,
        now: opts.now ?? new Date(),
        report: (r: Report) => {
          const at = r.at ?? (r.path ? frontMatterPosition(fm, r.path) : { start: { line: 1, column: 1 } });
          const eff = level === 'warn' ? 'warn' : (r.level ?? 'error');
          messages.push(message(project, rule.meta.id, eff, r.message, at));
        },
      };
      try {
        await (rule as FileRule).check(ctx);
      } catch (e) {
        messages.push(message(project, rule.meta.id, 'error', `Rule crashed on this file: ${(e as Error).message}. Please report it.`, { start: { line: 1, column: 1 } }));
      }
    }
  }
  return { messages: applyDisables(messages, disables), summary: summarize(doc, disables) };
}

/** Phase 2: the rules that look across documents (links, postmortems), from summaries and the index only. */
export async function checkIndexed(project: Project, sum: DocSummary, index: ProjectIndex, opts: LintOptions = {}): Promise<LintMessage[]> {
  if (sum.fatal) return [];
  const messages: LintMessage[] = [];
  const anchors = new Set(sum.anchors);
  const outline: Outline = { path: sum.relPath, type: sum.type, frontmatter: sum.frontmatter, sections: [], headings: [], anchors, links: sum.links };
  const positionOf = (p: (string | number)[]): Span => sum.keyPositions[String(p[0])] ?? { start: { line: 1, column: 1 } };
  for (const rule of rules) {
    if (rule.meta.scope !== 'file' || !rule.meta.needsIndex) continue;
    const level = levelFor(project, rule.meta.id, rule.meta.severity, sum.relPath, opts.ruleLevels);
    if (level === 'off') continue;
    const ctx: FileContext = {
      relPath: sum.relPath,
      text: '',
      tree: EMPTY_TREE,
      outline,
      frontmatter: sum.frontmatter,
      frontmatterStart: { line: 1, column: 1 },
      positionOf,
      schemaErrors: [],
      project,
      index,
      now: opts.now ?? new Date(),
      report: (r: Report) => {
        const at = r.at ?? (r.path ? positionOf(r.path) : { start: { line: 1, column: 1 } });
        messages.push(message(project, rule.meta.id, level === 'warn' ? 'warn' : (r.level ?? 'error'), r.message, at));
      },
    };
    try {
      await (rule as FileRule).check(ctx);
    } catch (e) {
      messages.push(message(project, rule.meta.id, 'error', `Rule crashed on this file: ${(e as Error).message}. Please report it.`, { start: { line: 1, column: 1 } }));
    }
  }
  return applyDisables(messages, sum.disables);
}

/** Runs every file rule on one parsed document (both phases). */
export async function checkDocument(project: Project, doc: ParsedDoc, index: ProjectIndex, opts: LintOptions = {}): Promise<FileResult> {
  const local = await checkLocal(project, doc, opts);
  const indexed = await checkIndexed(project, local.summary, index, opts);
  return finish(doc.abs, doc.relPath, [...local.messages, ...indexed]);
}

function plainSection(s: Outline['sections'][number]): unknown {
  return { title: s.title, depth: s.depth, id: s.id, words: s.words, blocks: s.blocks };
}

export function finish(abs: string, relPath: string, messages: LintMessage[]): FileResult {
  messages.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return {
    filePath: abs,
    relPath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
  };
}

/** Project-wide rules (data consistency and friends), as messages grouped by file. */
export function checkProject(project: Project, index: ProjectIndex, opts: LintOptions = {}): Map<string, LintMessage[]> {
  const byFile = new Map<string, LintMessage[]>();
  for (const rule of rules) {
    const dataCheck = rule.meta.scope === 'file' ? (rule as FileRule).checkData : undefined;
    if (rule.meta.scope !== 'project' && !dataCheck) continue;
    const problems: ProjectProblem[] = dataCheck ? dataCheck(project) : (rule as ProjectRule).check(project, index, { now: opts.now ?? new Date() });
    for (const p of problems) {
      const configured = levelFor(project, rule.meta.id, rule.meta.severity, p.file, opts.ruleLevels);
      if (configured === 'off') continue;
      const level = p.level === 'warn' ? 'warn' : configured;
      const list = byFile.get(p.file) ?? [];
      list.push(message(project, rule.meta.id, level, p.message, p.at));
      byFile.set(p.file, list);
    }
  }
  return byFile;
}

/** The documents under the configured roots (or under the given paths). Symlinks are not followed. */
export async function discoverFiles(project: Project, paths?: string[]): Promise<string[]> {
  const patterns: string[] = [];
  const explicit: string[] = [];
  const targets = paths?.length ? paths : project.config.roots.map((r) => r.path);
  const { statSync } = await import('node:fs');
  for (const t of targets) {
    const abs = path.resolve(project.root, t);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      if (paths?.length) explicit.push(abs); // a path the user named is reported as unreadable; a missing root is just empty
      continue;
    }
    if (isDir && !/\.mdx?$/.test(abs)) patterns.push(path.relative(project.root, abs).split(path.sep).join('/') || '.');
    else explicit.push(abs);
  }
  const found = patterns.length
    ? await glob(
        patterns.map((p) => (p === '.' ? '**/*.{md,mdx}' : `${p}/**/*.{md,mdx}`)),
        { cwd: project.root, absolute: true, onlyFiles: false, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/_*', '**/_*/**'], dot: false },
      )
    : [];
  // Symbolic links are not followed, but they are reported: Docusaurus would publish what they point at.
  const links: string[] = [];
  const { readdirSync } = await import('node:fs');
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isSymbolicLink()) links.push(p);
      else if (e.isDirectory()) walk(p);
    }
  };
  for (const pat of patterns) walk(path.resolve(project.root, pat));
  return [...new Set([...explicit, ...found, ...links].map((p) => path.resolve(p)))].sort();
}

export interface LintRun {
  results: FileResult[];
}

/** Lints files (default: every document) plus the project rules, and returns per-file results. */
export async function lintProject(project: Project, dataProblems: ProjectProblem[], paths: string[] | undefined, opts: LintOptions = {}): Promise<LintRun> {
  const files = await discoverFiles(project, paths);
  const all = paths?.length ? await discoverFiles(project) : files;
  const wanted = new Set(files);
  const parsed = new Map<string, ParsedDoc>();
  for (const f of new Set([...all, ...files])) parsed.set(f, await prepareFile(project, f));
  const index = buildIndex(project, [...parsed.values()]);
  const results: FileResult[] = [];
  // Data problems come first: documents are checked against the registries they describe.
  const dataByFile = new Map<string, LintMessage[]>();
  for (const p of dataProblems) {
    const list = dataByFile.get(p.file) ?? [];
    list.push(message(project, 'data-schema', 'error', p.message, p.at));
    dataByFile.set(p.file, list);
  }
  const projectMessages = checkProject(project, index, opts);
  for (const [file, list] of projectMessages) {
    const merged = dataByFile.get(file) ?? [];
    merged.push(...list);
    dataByFile.set(file, merged);
  }
  for (const [file, list] of dataByFile) results.push(finish(path.join(project.root, file), file, list));
  for (const f of files) {
    if (!wanted.has(f)) continue;
    results.push(await checkDocument(project, parsed.get(f)!, index, opts));
  }
  return { results };
}
