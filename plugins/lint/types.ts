import type { Root } from 'mdast';
import type { Document } from 'yaml';

export type Level = 'error' | 'warn' | 'off';

/** A position in a file, 1-based like every editor. */
export interface Point {
  line: number;
  column: number;
}

export interface Span {
  start: Point;
  end?: Point;
}

/** One problem found in one file. Shaped like an ESLint message so JSON output is ESLint-compatible. */
export interface LintMessage {
  ruleId: string;
  /** The id of the rule's message template (absent for the engine's own and adapted old-style rules). */
  messageId?: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  url?: string;
}

export interface FileResult {
  filePath: string; // absolute
  relPath: string; // relative to the project root, with forward slashes
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
}

export interface Section {
  depth: number;
  title: string;
  id: string;
  words: number;
  /** Non-text content such as code, tables or components, counted as substance. */
  blocks: number;
  position: Span;
  children: Section[];
}

export interface Link {
  url: string;
  position: Span;
}

export interface Outline {
  path: string; // relative path
  type?: string;
  frontmatter: Record<string, unknown>;
  title?: string;
  sections: Section[];
  /** Every heading in the body (all depths), in order. */
  headings: Section[];
  anchors: Set<string>;
  links: Link[];
  /** Nodes of the types rules inspect (text, code, html, links, MDX), collected in the outline's one traversal. */
  nodes?: Partial<import('./outline').NodeIndex>;
}

export interface ProjectProblem {
  file: string; // relative path
  message: string;
  at: Span;
  /** For problems found while loading: data-schema (default) or config-deprecated. */
  ruleId?: string;
  /** A rule enabled as error may report some findings as warnings only (training readiness ahead of a shift). */
  level?: 'error' | 'warn';
}

export interface SchemaProblem {
  keyword: string;
  path: (string | number)[];
  message: string;
  refKind?: string;
  value?: unknown;
  /** oneOf/anyOf whose branches each require one property: those properties. */
  alternatives?: string[];
  /** A required property of one oneOf/anyOf branch (reported with the combinator, not on its own). */
  alternative?: boolean;
}

export interface Root_ {
  path: string;
  route: string;
}

/** A rule's setting in handbook.config.yaml: a level, or [level, options]. */
export type RuleSetting = Level | [Level] | [Level, unknown];

export interface HandbookConfig {
  roots: Root_[];
  types: Record<string, string>;
  rules: Record<string, RuleSetting>;
  overrides: { files: string[]; rules: Record<string, RuleSetting> }[];
  placeholders: string[];
  docs_url: string;
  /** Where the handbook is published (plugins/lib/site-url.ts); unset: exports use links relative to the site. */
  site_url?: string;
  /** The responder the site reads open incidents from, live (src/components/LiveIncidents.tsx). */
  responder_url?: string;
  max_file_size: number;
  /** Last-resort wall-clock limit per file in a worker thread; the deterministic `limits` decide verdicts. */
  time_budget_ms: number;
  /** Deterministic input limits checked before parsing (plugins/lint/limits.ts). */
  limits: import('./limits').InputLimits;
  required_frameworks: string[];
  /** Site routes that are not documents (generated or React pages), as globs. */
  routes: string[];
  /** Regular expressions of strings no-secrets accepts (documented example keys). */
  secrets_allowlist: string[];
  personal_data: { allow_emails?: string[]; allow_phones?: string[] };
  /** `handbook notify`: hosts allowed even though they are link-local or cloud metadata addresses. */
  notify?: { allow_hosts?: string[] };
  /** Extra component names mdx-safety accepts. */
  mdx_components: string[];
  /** Options of rules set as `[level, options]` under `rules:`. */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** Prometheus rule files (globs) whose alerts must have runbooks. */
  alert_rules: string[];
}

/** A YAML file from data/: its parsed value and its document, for positions. */
export interface DataFile {
  relPath: string;
  text: string;
  value: unknown;
  doc: Document.Parsed;
}

export interface Project {
  root: string;
  config: HandbookConfig;
  data: Record<string, DataFile>;
  /** Known ids per reference kind: severity, role, team, service, incident-type, control. */
  registries: Map<string, string[]>;
  /** Ajv validator per document type. */
  validators: Map<string, (outline: unknown) => SchemaProblem[]>;
  /** The x-required-sections list per document type. */
  requiredSections: Map<string, RequiredSection[]>;
  /** Position of a setting in handbook.config.yaml (for configuration errors). */
  configPositionOf?: (path: (string | number)[]) => Span | undefined;
  /** Props validator per MDX component (schemas/components/<Name>.schema.json). */
  components?: Map<string, (props: unknown) => SchemaProblem[]>;
}

export interface RequiredSection {
  title: string;
  aliases?: string[];
  minWords?: number;
  /** The section must be the document's first level-2 section. */
  first?: boolean;
}

export interface IndexedDoc {
  relPath: string;
  route: string;
  docId: string;
  anchors: Set<string>;
  type?: string;
  frontmatter: Record<string, unknown>;
  /** Alert names the document mentions, with positions (see plugins/lint/alerts.ts). */
  alertRefs?: { name: string; line: number; column: number; source: 'rule' | 'link' | 'table' }[];
}

/** What project rules and link checks need to know about every document. */
export interface ProjectIndex {
  byPath: Map<string, IndexedDoc>;
  byRoute: Map<string, IndexedDoc>;
}

// ---------------------------------------------------------------------------------------------------------------
// The rule API. A rule is one of three kinds, says which in `meta.kind`, and reports by message id.

export type RuleKind = 'document' | 'cross-document' | 'project';

/** What a rule says about itself. The docs URL is derived from the id (`<docs_url>/<id>`). */
export interface RuleMetaOf<K extends RuleKind, M extends string = string> {
  id: string;
  kind: K;
  description: string;
  /** The level when the config says nothing: error, warn or off. */
  severity: Level;
  /** Message templates by id; `{{name}}` is replaced by `data.name`. */
  messages: Record<M, string>;
  /** JSON Schema of the options (the second item of `rules: { id: [level, options] }`). */
  schema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
  /** Security rules cannot be disabled by a comment in a document (DECISIONS.md). */
  security?: boolean;
  /**
   * Values this rule reports itself (no-placeholders: `owner: TODO`). While the rule is on for a file, the engine
   * drops schema problems on such values, so each finding is reported once; when it is off, they are reported.
   */
  claimsValue?: (value: string, options: Record<string, unknown>) => boolean;
}

export interface ReportDescriptor<M extends string = string> {
  messageId: M;
  data?: Record<string, string | number>;
  /** Where: an explicit span, or a front-matter key path, or nothing (line 1). */
  at?: Span;
  path?: (string | number)[];
  /** A rule enabled as error may report some findings as warnings only (freshness). */
  level?: 'error' | 'warn';
}

interface ContextBase<O, M extends string> {
  relPath: string;
  project: Project;
  now: Date;
  options: O;
  report(descriptor: ReportDescriptor<M>): void;
}

/** A document rule sees one parsed document: text, tree, outline, front matter and its schema problems. */
export interface DocumentContext<O = Record<string, unknown>, M extends string = string> extends ContextBase<O, M> {
  text: string;
  tree: Root;
  outline: Outline;
  frontmatter: Record<string, unknown>;
  positionOf(path: (string | number)[]): Span;
  /** Schema problems of the front matter, minus values another enabled rule claims (placeholders). */
  schemaErrors: SchemaProblem[];
}

/** What a cross-document rule knows about its document: a summary (no tree), read from the cache when unchanged. */
export interface DocumentSummaryView {
  type?: string;
  frontmatter: Record<string, unknown>;
  anchors: Set<string>;
  links: Link[];
  /** References to other documents (exercise ids) in front matter and component properties, with positions. */
  refs?: import('./doc-refs').DocRef[];
}

/** A cross-document rule sees one document's summary and the index of every document. */
export interface CrossDocumentContext<O = Record<string, unknown>, M extends string = string> extends ContextBase<O, M> {
  doc: DocumentSummaryView;
  index: ProjectIndex;
  positionOf(path: (string | number)[]): Span;
}

export interface ProjectReportDescriptor<M extends string = string> extends ReportDescriptor<M> {
  /** The file the problem is in, relative to the root (a data file or handbook.config.yaml). */
  file: string;
}

/** A project rule sees the data registries and the index; it reports on any file. */
export interface ProjectContext<O = Record<string, unknown>, M extends string = string> {
  project: Project;
  index: ProjectIndex;
  now: Date;
  options: O;
  report(descriptor: ProjectReportDescriptor<M>): void;
}

export interface DocumentRule<O = Record<string, unknown>, M extends string = string> {
  meta: RuleMetaOf<'document', M>;
  check(ctx: DocumentContext<O, M>): void | Promise<void>;
  /** Optional: the same check on the data files (reported like a project rule's findings). */
  checkData?(ctx: ProjectContext<O, M>): void;
}

export interface CrossDocumentRule<O = Record<string, unknown>, M extends string = string> {
  meta: RuleMetaOf<'cross-document', M>;
  check(ctx: CrossDocumentContext<O, M>): void | Promise<void>;
}

export interface WholeProjectRule<O = Record<string, unknown>, M extends string = string> {
  meta: RuleMetaOf<'project', M>;
  check(ctx: ProjectContext<O, M>): void;
}

/** A rule in the current API. */
export type LintRule = DocumentRule<unknown> | CrossDocumentRule<unknown> | WholeProjectRule<unknown>;

/** What hosts pass to createLinter. */
export type RuleInput = LintRule;
