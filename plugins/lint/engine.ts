/** The lint engine: files -> parsed documents -> project index -> rule messages. Shared by the CLI and the remark plugin. */
import path from 'node:path';
import { glob } from 'tinyglobby';
import { frontMatterPosition, parseFrontMatter, type ParsedFrontMatter } from './frontmatter';
import { checkInputLimits, DEFAULT_LIMITS } from './limits';
import { collectAlertRefs, type AlertRef } from './alerts';
import { collectDocRefs, isDocRefKind, type DocRef } from './doc-refs';
import { buildOutline } from './outline';
import { parseMarkdown } from './parse';
import { decodeDocument, readDocument } from './read';
import { placeDocument } from './routes';
import { ENGINE_RULE_DOCS, formatMessage, ruleUrl, RuleSet, SECURITY_RULES } from './ruleset';
import type {
  CrossDocumentContext,
  CrossDocumentRule,
  DocumentContext,
  DocumentRule,
  FileResult,
  Level,
  LintMessage,
  LintRule,
  Outline,
  Point,
  Project,
  ProjectContext,
  ProjectIndex,
  ProjectProblem,
  ReportDescriptor,
  SchemaProblem,
  Span,
  WholeProjectRule,
} from './types';
import type { Root } from 'mdast';

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

export { ENGINE_RULE_DOCS, ruleUrl };

/** What the engine's functions share during one run: the project, the rules with their settings, and today. */
export interface Env {
  project: Project;
  rules: RuleSet;
  now: Date;
}

function message(project: Project, ruleId: string, level: 'error' | 'warn', text: string, at: Span, fatal = false, messageId?: string): LintMessage {
  return {
    ruleId,
    ...(messageId ? { messageId } : {}),
    severity: level === 'error' ? 2 : 1,
    message: text,
    line: at.start.line,
    column: at.start.column,
    ...(at.end ? { endLine: at.end.line, endColumn: at.end.column } : {}),
    ...(fatal ? { fatal: true } : {}),
    url: ruleUrl(project, ruleId),
  };
}

/** Builds the report() a rule calls: message template, level (a warn rule never reports errors), place and url. */
function reporter(project: Project, rule: LintRule, level: Level, positionOf: (p: (string | number)[]) => Span, push: (m: LintMessage) => void) {
  return (d: ReportDescriptor) => {
    const template = (rule.meta.messages as Record<string, string>)[d.messageId];
    if (template === undefined) throw new Error(`rule ${rule.meta.id} reported the unknown messageId "${d.messageId}"`);
    const eff = level === 'warn' ? 'warn' : (d.level ?? 'error');
    const at = RuleSet.place(d.at, d.path, positionOf);
    push(message(project, rule.meta.id, eff, formatMessage(template, d.data), at, false, d.messageId === 'legacy' ? undefined : d.messageId));
  };
}

const UNUSUAL_SEGMENT = /[\\/]\.{0,2}(?:[\\/]|$)/;

export function relativePath(project: Project, abs: string): string {
  // Inside the root and already normal (as discovered files are): the rest of the path, without path.relative's work.
  const { root } = project;
  if (abs.startsWith(root) && abs[root.length] === path.sep && !UNUSUAL_SEGMENT.test(abs)) {
    const rest = abs.slice(root.length + 1);
    return path.sep === '/' ? rest : rest.split(path.sep).join('/');
  }
  return path.relative(project.root, abs).split(path.sep).join('/');
}

/** Parses a file already read into memory (by the runner, which hashes it for the cache). */
export async function prepareFromBuffer(project: Project, abs: string, buf: Buffer): Promise<ParsedDoc> {
  return prepareFile(project, abs, undefined, buf);
}

/** What to prepare besides the syntax tree: the front matter (parsed YAML) and the outline. Default: everything. */
export interface PrepareOptions {
  /**
   * `false`: the syntax tree only (the front matter stays a node of the tree, unparsed), for a host that renders a
   * body whose verdict it takes from the linter. Saves the YAML parse and the outline.
   */
  frontMatter?: boolean;
}

/** Reads and parses one file. Never throws: every failure becomes a fatal message. */
export async function prepareFile(project: Project, abs: string, textOverride?: string, buffer?: Buffer, options: PrepareOptions = {}): Promise<ParsedDoc> {
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
    if (read.crlf)
      doc.early.push(message(project, 'file-encoding', 'error', 'File uses CRLF line endings: convert it to LF (git config core.autocrlf input)', at1));
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
  const fm = options.frontMatter === false ? undefined : parseFrontMatter(text);
  doc.fm = fm;
  if (fm?.problems.length) {
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
  if (fm) doc.outline = buildOutline(parsed.tree, relPath, fm.data);
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
  /** References to other documents (exercise ids), checked against the index by cross-document rules. */
  refs?: DocRef[];
  /** Positions of top-level front matter keys (and their values), for messages from index rules. */
  keyPositions: Record<string, Span>;
  disables: Disable[];
  fatal: boolean;
}

const INDEX_RULE_KEYS = ['id', 'incident', 'severity', 'status', 'resolved_at', 'title', 'type', 'date', 'review_meeting'];

export function summarize(doc: ParsedDoc, disables: Disable[] = [], refs: DocRef[] = []): DocSummary {
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
    refs,
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

export interface Disable {
  line: number; // the line the comment applies to
  rules: string[];
}

/** Rules that no comment in a document can switch off (DECISIONS: security rules are never silenced by a committed file). */
export { SECURITY_RULES };

const DISABLE = /^\s*handbook-disable-next-line\s+([a-z0-9 ,-]+?)\s*(?:--\s*(.*?))?\s*$/;

/** `handbook-disable-next-line <ids> -- <reason>` comments. Security rules cannot be disabled this way. */
function collectDisables(outline: Outline, env: Env, push: (m: LintMessage) => void): Disable[] {
  const { project } = env;
  const out: Disable[] = [];
  const known = new Set(env.rules.knownIds);
  const n = outline.nodes ?? {};
  for (const node of [...(n.html ?? []), ...(n.mdxFlowExpression ?? []), ...(n.mdxTextExpression ?? [])] as {
    type: string;
    value: string;
    position: { start: Point; end: Point };
  }[]) {
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
    for (const id of ids.filter((i) => env.rules.isSecurity(i))) {
      push(
        message(
          project,
          'inline-config',
          'error',
          `Security rule "${id}" cannot be disabled by a comment: fix the finding, or add a reviewed allowlist entry to handbook.config.yaml`,
          at,
        ),
      );
    }
    const allowedIds = ids.filter((i) => !env.rules.isSecurity(i));
    if (allowedIds.length) out.push({ line: node.position.end.line + 1, rules: allowedIds });
  }
  return out;
}

function applyDisables(messages: LintMessage[], disables: Disable[]): LintMessage[] {
  if (!disables.length) return messages;
  return messages.filter((m) => SECURITY_RULES.has(m.ruleId) || !disables.some((d) => d.line === m.line && d.rules.includes(m.ruleId)));
}

const crashed = (project: Project, id: string, e: unknown) =>
  message(project, id, 'error', `Rule crashed on this file: ${(e as Error).message}. Please report it.`, { start: { line: 1, column: 1 } });

function valueAt(data: unknown, p: (string | number)[]): unknown {
  let v: unknown = data;
  for (const k of p) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

/**
 * Schema problems minus the values an enabled rule reports itself (a placeholder such as `owner: TODO` is
 * no-placeholders' finding while that rule is on; with it off, owner-ref and frontmatter-schema report it).
 */
function unclaimed(env: Env, relPath: string, frontmatter: Record<string, unknown>, problems: SchemaProblem[]): SchemaProblem[] {
  const claims = env.rules.rules
    .filter((r) => r.meta.claimsValue && env.rules.level(r.meta.id, relPath) !== 'off')
    .map((r) => (v: string) => r.meta.claimsValue!(v, env.rules.settings(r.meta.id, relPath).options));
  if (!claims.length) return problems;
  return problems.filter((p) => {
    const v = p.keyword === 'x-ref' ? p.value : valueAt(frontmatter, p.path);
    return !(typeof v === 'string' && claims.some((c) => c(v)));
  });
}

/**
 * Phase 1, per file and independent of other files (so it can run in a worker and be cached): the document rules.
 */
export async function checkLocal(env: Env, doc: ParsedDoc): Promise<{ messages: LintMessage[]; summary: DocSummary }> {
  const { project } = env;
  const messages: LintMessage[] = [...doc.early];
  if (doc.fatal) messages.push(doc.fatal);
  let disables: Disable[] = [];
  let refs: DocRef[] = [];
  if (!doc.fatal && doc.tree && doc.outline && doc.fm) {
    const fm = doc.fm;
    const tree = doc.tree;
    const outline = doc.outline;
    const type = outline.type;
    const validator = type ? project.validators.get(type) : undefined;
    const problems = unclaimed(env, doc.relPath, fm.data, validator ? validator({ frontmatter: fm.data, sections: outline.sections.map(plainSection) }) : []);
    disables = collectDisables(outline, env, (m) => messages.push(m));
    const positionOf = (p: (string | number)[]) => frontMatterPosition(fm, p);
    // References to documents (exercise ids) wait for the index: cross-document rules check them.
    refs = collectDocRefs(project, outline, problems, positionOf);
    const schemaErrors = problems.filter((p) => !(p.keyword === 'x-ref' && isDocRefKind(p.refKind)));
    for (const rule of env.rules.rules) {
      if (rule.meta.kind !== 'document') continue;
      const { level, options } = env.rules.settings(rule.meta.id, doc.relPath);
      if (level === 'off') continue;
      const ctx: DocumentContext<unknown> = {
        relPath: doc.relPath,
        text: doc.text,
        tree,
        outline,
        frontmatter: fm.data,
        positionOf,
        schemaErrors,
        project,
        now: env.now,
        options,
        report: reporter(project, rule, level, positionOf, (m) => messages.push(m)),
      };
      try {
        await (rule as DocumentRule<unknown>).check(ctx);
      } catch (e) {
        messages.push(crashed(project, rule.meta.id, e));
      }
    }
  }
  return { messages: applyDisables(messages, disables), summary: summarize(doc, disables, refs) };
}

/** Set when a rule reads the time: findings that never did stay valid at another time of the same day. */
export interface TimeUse {
  now: boolean;
}

/** Phase 2: the cross-document rules (links, postmortems), from the document's summary and the index only. */
export async function checkIndexed(env: Env, sum: DocSummary, index: ProjectIndex, time?: TimeUse): Promise<LintMessage[]> {
  const { project } = env;
  if (sum.fatal) return [];
  const messages: LintMessage[] = [];
  const doc = { type: sum.type, frontmatter: sum.frontmatter, anchors: new Set(sum.anchors), links: sum.links, refs: sum.refs ?? [] };
  const positionOf = (p: (string | number)[]): Span => sum.keyPositions[String(p[0])] ?? { start: { line: 1, column: 1 } };
  for (const rule of env.rules.rules) {
    if (rule.meta.kind !== 'cross-document') continue;
    const { level, options } = env.rules.settings(rule.meta.id, sum.relPath);
    if (level === 'off') continue;
    const ctx: CrossDocumentContext<unknown> = {
      relPath: sum.relPath,
      doc,
      index,
      positionOf,
      project,
      get now() {
        if (time) time.now = true;
        return env.now;
      },
      options,
      report: reporter(project, rule, level, positionOf, (m) => messages.push(m)),
    };
    try {
      await (rule as CrossDocumentRule<unknown>).check(ctx);
    } catch (e) {
      messages.push(crashed(project, rule.meta.id, e));
    }
  }
  return applyDisables(messages, sum.disables);
}

/** Runs every document and cross-document rule on one parsed document (both phases). */
export async function checkDocument(env: Env, doc: ParsedDoc, index: ProjectIndex): Promise<FileResult> {
  const local = await checkLocal(env, doc);
  const indexed = await checkIndexed(env, local.summary, index);
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

/** Problems in data/ and handbook.config.yaml found while loading, as messages (written once, here). */
export function dataMessages(project: Project, problems: ProjectProblem[]): Map<string, LintMessage[]> {
  const byFile = new Map<string, LintMessage[]>();
  for (const p of problems) {
    const list = byFile.get(p.file) ?? [];
    list.push(message(project, p.ruleId ?? 'data-schema', p.level ?? 'error', p.message, p.at));
    byFile.set(p.file, list);
  }
  return byFile;
}

/** Project-wide rules (data consistency and friends), as messages grouped by file. */
export function checkProject(env: Env, index: ProjectIndex, time?: TimeUse): Map<string, LintMessage[]> {
  const { project } = env;
  const byFile = new Map<string, LintMessage[]>();
  for (const rule of env.rules.rules) {
    // Document rules may also check the data files (no-secrets, no-personal-data scan data/ too).
    const dataCheck = rule.meta.kind === 'document' ? (rule as DocumentRule<unknown>).checkData : undefined;
    if (rule.meta.kind !== 'project' && !dataCheck) continue;
    const { options } = env.rules.settings(rule.meta.id, '');
    const ctx: ProjectContext<unknown> = {
      project,
      index,
      get now() {
        if (time) time.now = true;
        return env.now;
      },
      options,
      report(d) {
        const level = env.rules.level(rule.meta.id, d.file);
        if (level === 'off') return;
        const list = byFile.get(d.file) ?? [];
        reporter(
          project,
          rule,
          level,
          () => ({ start: { line: 1, column: 1 } }),
          (m) => list.push(m),
        )(d);
        byFile.set(d.file, list);
      },
    };
    try {
      if (dataCheck) dataCheck(ctx);
      else (rule as WholeProjectRule<unknown>).check(ctx);
    } catch (e) {
      const list = byFile.get('handbook.config.yaml') ?? [];
      list.push(crashed(project, rule.meta.id, e));
      byFile.set('handbook.config.yaml', list);
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
