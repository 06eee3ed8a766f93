/**
 * The rules a linter runs, with their settings: each rule's level and options per file (config, overrides and
 * --rule), validated once.
 */
import Ajv2020Import from 'ajv/dist/2020.js';
import picomatch from 'picomatch';
import { ConfigError } from './errors';
import { toProblems, pathLabel } from './schema-errors';
import { closest } from './suggest';
import type { Level, LintRule, Project, RuleInput, RuleSetting, Span } from './types';

// ajv ships CommonJS with a default export; under some loaders the class is on `.default`.
const Ajv2020 = ((Ajv2020Import as unknown as { default?: typeof Ajv2020Import }).default ?? Ajv2020Import) as typeof Ajv2020Import;

/** Problems the engine itself reports (reading, parsing, configuration): they have docs pages like rules. */
export const ENGINE_RULES: Record<string, { description: string; security?: boolean; level?: Level }> = {
  'file-read': { description: 'The file could not be read as a UTF-8 text document.' },
  'file-encoding': { description: 'Documents are UTF-8 without a byte order mark, with LF line endings.' },
  'frontmatter-syntax': { description: 'Front matter is strict YAML between --- lines.' },
  'mdx-syntax': { description: 'An .mdx file must parse as MDX.' },
  'inline-config': { description: 'handbook-disable comments name existing rules and give a reason.' },
  'input-limits': {
    description:
      'A document stays within the deterministic input limits (line length, nesting, headings, table width, front matter keys, inline markers) checked before parsing.',
  },
  'data-schema': { description: 'Every data/*.yaml registry matches its schema in schemas/.' },
  'config-deprecated': { description: 'handbook.config.yaml uses a setting that moved; the message names the new place.', level: 'warn' },
};

/** @deprecated kept for hosts written before ENGINE_RULES. */
export const ENGINE_RULE_DOCS: Record<string, string> = Object.fromEntries(Object.entries(ENGINE_RULES).map(([id, r]) => [id, r.description]));

export function ruleUrl(project: Project, id: string): string {
  const base = project.config.docs_url.replace(/\/$/, '');
  // A site path (the default /linter/rules) is published under site_url when the handbook's address is set.
  const site = base.startsWith('/') ? project.config.site_url?.replace(/\/+$/, '') : undefined;
  return `${site ?? ''}${base}/${id}`;
}

/** Fills `{{name}}` placeholders of a message template. Inserted values are not scanned again. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

const BUILTIN = Symbol.for('incident-handbook.builtin-rules');

/** Marks the package's rule list: worker threads load the same list, so a linter given it may use workers. */
export function builtinRules<T extends readonly RuleInput[]>(list: T): T {
  Object.defineProperty(list, BUILTIN, { value: true });
  return list;
}

export function isBuiltinRules(list: readonly RuleInput[]): boolean {
  return (list as unknown as Record<symbol, unknown>)[BUILTIN] === true;
}

/** Security rules: never disabled by a comment in a document. */
export const SECURITY_RULES = new Set(['no-secrets', 'mdx-safety', 'no-personal-data']);

export interface RuleSettings {
  level: Level;
  options: Record<string, unknown>;
}

type Validate = ((data: unknown) => boolean) & { errors?: Parameters<typeof toProblems>[0] };

/**
 * The rules of one linter and their settings. Unknown rule ids and invalid options are configuration errors
 * (exit 2), found when the linter is created, not halfway through a run.
 */
export class RuleSet {
  readonly rules: LintRule[];
  readonly byId = new Map<string, LintRule>();
  private overrideMatchers: ((p: string) => boolean)[];
  private groupOf = new Map<string, string>();
  private perGroup = new Map<string, Map<string, RuleSettings>>();
  /** The package's own rules, whose option schemas their tests check. */
  private builtin: boolean;

  constructor(
    private project: Project,
    inputs: readonly RuleInput[],
    private cliLevels: Record<string, Level> = {},
  ) {
    this.rules = [...inputs];
    this.builtin = isBuiltinRules(inputs);
    for (const r of this.rules) {
      if (this.byId.has(r.meta.id)) throw new ConfigError(`two rules have the id "${r.meta.id}"`);
      this.byId.set(r.meta.id, r);
    }
    this.overrideMatchers = project.config.overrides.map((o) => picomatch(o.files, { dot: true }));
    this.validate();
  }

  /** Every id a setting or a disable comment may name: the rules and the engine's own checks. */
  get knownIds(): string[] {
    return [...this.byId.keys(), ...Object.keys(ENGINE_RULES)];
  }

  isSecurity(id: string): boolean {
    return Boolean(this.byId.get(id)?.meta.security) || SECURITY_RULES.has(id);
  }

  private schemaOf(id: string): Record<string, unknown> | undefined {
    return this.byId.get(id)?.meta.schema;
  }

  private validate(): void {
    // The built-in rules' option schemas are checked against the meta-schema by their tests (rule-schemas.test.ts);
    // compiling the meta-schema to check them again costs about a tenth of a second per run.
    const ajv = new Ajv2020({ allErrors: false, strict: false, validateSchema: !this.builtin });
    const where = (p: (string | number)[]) => {
      const at = this.project.configPositionOf?.(p);
      return at ? `:${at.start.line}` : '';
    };
    const engineCheck = (id: string) =>
      `"${id}" is an engine check, not a rule: it cannot be turned off or changed; fix what it reports (see "handbook rules")`;
    const check = (rules: Record<string, RuleSetting>, base: (string | number)[]) => {
      for (const [id, setting] of Object.entries(rules)) {
        if (id in ENGINE_RULES) throw new ConfigError(`handbook.config.yaml${where([...base, id])}: ${engineCheck(id)}`, 'handbook.config.yaml');
        if (!this.byId.has(id)) {
          const near = closest(id, this.knownIds);
          throw new ConfigError(
            `handbook.config.yaml${where([...base, id])}: unknown rule "${id}" in ${pathLabel(base)}${near ? `: did you mean "${near}"?` : ''} (see "handbook rules")`,
            'handbook.config.yaml',
          );
        }
        if (!Array.isArray(setting) || setting.length < 2) continue;
        const schema = this.schemaOf(id);
        if (!schema)
          throw new ConfigError(
            `handbook.config.yaml${where([...base, id, 1])}: rule "${id}" takes no options; write ${id}: ${setting[0]}`,
            'handbook.config.yaml',
          );
        const v = ajv.compile(schema) as Validate;
        if (!v(setting[1])) {
          const p = toProblems(v.errors)[0];
          throw new ConfigError(
            `handbook.config.yaml${where([...base, id, 1, ...(p?.path ?? [])])}: options of rule "${id}": ${p?.message ?? 'invalid'}`,
            'handbook.config.yaml',
          );
        }
      }
    };
    check(this.project.config.rules, ['rules']);
    this.project.config.overrides.forEach((o, i) => check(o.rules, ['overrides', i, 'rules']));
    for (const id of Object.keys(this.cliLevels)) {
      if (id in ENGINE_RULES) throw new ConfigError(`--rule: ${engineCheck(id)}`);
      if (!this.byId.has(id)) {
        const near = closest(id, this.knownIds);
        throw new ConfigError(`--rule: unknown rule "${id}"${near ? `: did you mean "${near}"?` : ''} (see "handbook rules")`);
      }
    }
  }

  /** The level and options of a rule for one file: config, then matching overrides, then --rule. */
  settings(id: string, relPath: string): RuleSettings {
    // Files that match the same overrides share their settings: the matchers run once per file, not once per rule.
    let group = this.groupOf.get(relPath);
    if (group === undefined) {
      group = this.overrideMatchers.map((m) => (m(relPath) ? '1' : '0')).join('');
      this.groupOf.set(relPath, group);
    }
    let cache = this.perGroup.get(group);
    if (!cache) {
      cache = new Map();
      this.perGroup.set(group, cache);
    }
    const hit = cache.get(id);
    if (hit) return hit;
    const rule = this.byId.get(id);
    let level: Level = rule?.meta.severity ?? 'error';
    let options: Record<string, unknown> = { ...(rule?.meta.defaultOptions ?? {}) };
    const apply = (s: RuleSetting | undefined) => {
      if (s === undefined) return;
      if (typeof s === 'string') level = s;
      else {
        level = s[0];
        if (s.length > 1 && s[1] && typeof s[1] === 'object') options = { ...(rule?.meta.defaultOptions ?? {}), ...(s[1] as Record<string, unknown>) };
      }
    };
    apply(this.project.config.rules[id]);
    this.project.config.overrides.forEach((o, i) => {
      if (o.rules[id] !== undefined && group[i] === '1') apply(o.rules[id]);
    });
    if (this.cliLevels[id]) level = this.cliLevels[id];
    const out = { level, options };
    cache.set(id, out);
    return out;
  }

  level(id: string, relPath: string): Level {
    return this.settings(id, relPath).level;
  }

  /** A span for the location of a rule's report, given explicitly, as a front-matter path, or line 1. */
  static place(at: Span | undefined, path: (string | number)[] | undefined, positionOf: (p: (string | number)[]) => Span): Span {
    return at ?? (path ? positionOf(path) : { start: { line: 1, column: 1 } });
  }
}
