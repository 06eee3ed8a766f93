/** Loads a project: handbook.config.yaml, the JSON Schemas and the data registries, each validated. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020Import from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import type { AnySchemaObject, ErrorObject } from 'ajv';
import type { SchemaValidateFunction } from 'ajv/dist/types';
import { isCollection, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { migrateConfig } from './config-migrate';
import { DOC_TYPES } from './doc-types';
import { ConfigError } from './errors';
import { DEFAULT_LIMITS, resolveLimits } from './limits';
import { regexProblem } from './linear-regex';
import { toProblems, pathLabel } from './schema-errors';
import type { DataFile, HandbookConfig, Project, ProjectProblem, RequiredSection, SchemaProblem, Span } from './types';
import { entriesOf, frameworkFiles, objectOf } from './registries';
import { interopDefault } from './interop';
import { ProjectMemo } from './load-memo';

const Ajv2020 = interopDefault(Ajv2020Import);
const addFormats = interopDefault(addFormatsImport);

export { ConfigError };

const DEFAULTS: Omit<HandbookConfig, 'roots' | 'types'> = {
  rules: {},
  overrides: [],
  placeholders: [],
  docs_url: '/linter/rules',
  max_file_size: 1024 * 1024,
  // A last resort only: the deterministic `limits` decide what is too complex, the same on every machine.
  time_budget_ms: 60_000,
  limits: DEFAULT_LIMITS,
  required_frameworks: [],
  routes: [],
  secrets_allowlist: [],
  personal_data: {},
  mdx_components: [],
  alert_rules: [],
};

export const CONFIG_FILE = 'handbook.config.yaml';

/**
 * The default schemas shipped with the package (dist/schemas next to the compiled code). In this repository the
 * code runs from source and the project's own schemas/ is the only one.
 */
export function packageSchemasDir(): string | undefined {
  try {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schemas');
    return existsSync(path.join(dir, 'handbook-config.schema.json')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Finds the project root: the nearest folder upwards holding handbook.config.yaml. */
export function findRoot(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, CONFIG_FILE))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

interface YamlRead {
  value: unknown;
  doc: DataFile['doc'];
  text: string;
  lineCounter: LineCounter;
}

const YAML_OPTIONS = { uniqueKeys: true, strict: true, schema: 'core', merge: false } as const;

function readYaml(abs: string, rel: string, known?: string): YamlRead {
  let text: string;
  try {
    text = known ?? readFileSync(abs, 'utf8');
  } catch (e) {
    throw new ConfigError(`Cannot read ${rel}: ${(e as NodeJS.ErrnoException).code ?? e}`, rel);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, ...YAML_OPTIONS });
  if (doc.errors.length) {
    const err = doc.errors[0];
    const line = lineCounter.linePos(err.pos[0]).line;
    throw new ConfigError(`${rel}:${line}: not valid YAML: ${err.message.split('\n')[0]}`, rel, line);
  }
  return { value: doc.toJS({ maxAliasCount: 50 }) ?? {}, doc, text, lineCounter };
}

export function yamlPosition(read: { doc: DataFile['doc']; lineCounter?: LineCounter; text: string }, p: (string | number)[]): Span {
  const lc = read.lineCounter ?? lineCounterFor(read.text);
  let node: unknown = read.doc.contents;
  let range: readonly number[] | undefined = (isNode(node) ? node.range : undefined) ?? undefined;
  for (const seg of p) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(seg));
      if (!pair) break;
      range = (isNode(pair.key) ? pair.key.range : undefined) ?? range;
      node = pair.value;
      if (isNode(node) && node.range && !isCollection(node)) range = node.range;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg];
      range = (isNode(node) ? node.range : undefined) ?? range;
    } else break;
  }
  if (!range) return { start: { line: 1, column: 1 } };
  const a = lc.linePos(range[0]);
  const b = lc.linePos(range[1]);
  return { start: { line: a.line, column: a.col }, end: { line: b.line, column: b.col } };
}

const counters = new WeakMap<object, LineCounter>();
function lineCounterFor(text: string): LineCounter {
  const lc = new LineCounter();
  let offset = 0;
  for (const line of text.split('\n')) {
    lc.addNewLine(offset);
    offset += line.length + 1;
  }
  return lc;
}

/** Folders of data/ that hold one record per file, and the schema every file in the folder follows. */
export const DATA_FOLDERS: Record<string, string> = {
  frameworks: 'schemas/framework.schema.json',
  'training-records': 'schemas/training-record.schema.json',
};

/**
 * `validateSchema: false` only for schemas that passed the meta-schema checks in an earlier load of the same files
 * (load-memo.ts): checking them again, and compiling the meta-schemas to do it, is most of creating Ajv.
 */
function createAjv(registries: Map<string, string[]>, validateSchema = true) {
  // No optimisation pass over the generated code: it cost about a quarter of compiling the schemas, once per run, for
  // validators that each check a few small objects per file.
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    code: { optimize: false },
    validateSchema,
  });
  addFormats(ajv, ['date', 'date-time', 'email', 'uri']);
  // x-ref: the value must be an id in a registry (severity, role, team, ...). One validation pass
  // finds both shape errors and dangling references; the *-ref rules report the latter.
  ajv.addKeyword({
    keyword: 'x-ref',
    schemaType: 'string',
    metaSchema: { type: 'string', enum: REF_KINDS },
    errors: true,
    validate: function check(kind: string, data: unknown, _schema: unknown, cxt?: { parentData?: unknown; parentDataProperty?: string | number }): boolean {
      if (typeof data !== 'string') return true;
      const known = registries.get(kind) ?? [];
      if (known.includes(data)) return true;
      // Under `propertyNames` the checked string is a key of the object at the instance path, not a value in it.
      const parent = cxt?.parentData as Record<string | number, unknown> | undefined;
      const isKey = parent !== undefined && cxt?.parentDataProperty !== undefined && parent[cxt.parentDataProperty] !== data;
      (check as SchemaValidateFunction).errors = [
        { keyword: 'x-ref', message: `Unknown ${kind} "${data}"`, params: { kind }, ...(isKey ? { propertyName: data } : {}) } as Partial<ErrorObject>,
      ];
      return false;
    },
  });
  // x-public: the field may be published on the public status page (handbook status build, /status). Annotation only.
  ajv.addKeyword({ keyword: 'x-public', schemaType: 'boolean', metaSchema: { type: 'boolean' } });
  ajv.addKeyword({
    keyword: 'x-required-sections',
    schemaType: 'array',
    metaSchema: {
      type: 'array',
      items: {
        type: 'object',
        required: ['title'],
        additionalProperties: false,
        properties: {
          title: { type: 'string', minLength: 1 },
          aliases: { type: 'array', items: { type: 'string' } },
          minWords: { type: 'integer', minimum: 0 },
          first: { type: 'boolean' },
        },
      },
    },
  });
  return ajv;
}

/** The registries an `x-ref` keyword may name (front matter and component props alike). */
export const REF_KINDS = ['severity', 'role', 'team', 'service', 'incident-type', 'control', 'template', 'policy', 'exercise'];

export interface LoadedProject {
  project: Project;
  /** Problems in data/ files, to report before any document. */
  dataProblems: ProjectProblem[];
}

export interface LoadOptions {
  /**
   * A file (in the user's cache folder) where a load keeps what it computed from the config, schemas and data files,
   * so the next load of the same files skips parsing and validating them (load-memo.ts).
   */
  memo?: string;
}

/** The data files: top-level YAML files of data/, then those of the record folders, as keys like `frameworks/soc2`. */
function dataFileNames(dataDir: string): string[] {
  const names = (existsSync(dataDir) ? readdirSync(dataDir).sort() : []).filter((n) => /\.ya?ml$/.test(n));
  // Record folders: one file per record, all sharing one schema (frameworks, training completions).
  for (const folder of Object.keys(DATA_FOLDERS)) {
    const dir = path.join(dataDir, folder);
    if (existsSync(dir)) for (const n of readdirSync(dir).sort()) if (/\.ya?ml$/.test(n)) names.push(`${folder}/${n}`);
  }
  return names;
}

/** A data file whose value came from the memo: its YAML document (for positions) is parsed when first asked for. */
function memoDataFile(relPath: string, text: string, value: unknown): DataFile {
  let doc: DataFile['doc'] | undefined;
  return {
    relPath,
    text,
    value,
    get doc() {
      if (!doc) {
        const lineCounter = new LineCounter();
        doc = parseDocument(text, { lineCounter, ...YAML_OPTIONS });
        counters.set(doc, lineCounter);
      }
      return doc;
    },
  };
}

export function loadProject(root: string, options: LoadOptions = {}): LoadedProject {
  // All schemas are added first so $refs between them resolve. The package's default schemas come first; a file of
  // the same name in the project's schemas/ replaces one.
  const schemaDir = path.join(root, 'schemas');
  const schemaFiles = new Map<string, string>();
  for (const dir of [packageSchemasDir(), schemaDir]) {
    if (!dir || !existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (name.endsWith('.json')) schemaFiles.set(name, path.join(dir, name));
  }
  // Component props schemas (schemas/components/<Name>.schema.json), one per entry of the component registry; the
  // package's defaults first, the project's replace them by name.
  const componentFiles = new Map<string, string>();
  const packageDir = packageSchemasDir();
  for (const dir of [packageDir && path.join(packageDir, 'components'), path.join(schemaDir, 'components')]) {
    if (!dir || !existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (name.endsWith('.schema.json')) componentFiles.set(name, path.join(dir, name));
  }
  const dataDir = path.join(root, 'data');
  const dataFiles = dataFileNames(dataDir);
  const configFile = path.join(root, CONFIG_FILE);
  const hasConfig = existsSync(configFile);
  const memo = options.memo
    ? new ProjectMemo(options.memo, root, [
        ...(hasConfig ? [configFile] : []),
        ...[...schemaFiles.keys()].sort().map((n) => schemaFiles.get(n)!),
        ...[...componentFiles.keys()].sort().map((n) => componentFiles.get(n)!),
        ...dataFiles.map((n) => path.join(dataDir, n)),
      ])
    : undefined;
  const known = memo?.read();
  const textOf = (abs: string) => memo?.texts.get(abs);

  const configRead = hasConfig ? readYaml(configFile, CONFIG_FILE, textOf(configFile)) : undefined;
  const registries = new Map<string, string[]>();
  const ajv = createAjv(registries, !known);
  const schemasById = new Map<string, string>();
  const parsedSchemas = new Map<string, AnySchemaObject>();
  /** Parses one schema file and adds it to Ajv; a broken schema is a configuration error naming the file. */
  const addSchemaFile = (file: string, rel: string): void => {
    let schema: AnySchemaObject;
    try {
      schema = JSON.parse(textOf(file) ?? readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`${rel}: not valid JSON: ${(e as Error).message}`, rel);
    }
    if (typeof schema.$id !== 'string') throw new ConfigError(`${rel}: the schema needs an "$id"`, rel);
    try {
      ajv.addSchema(schema);
    } catch (e) {
      throw new ConfigError(`${rel}: ${(e as Error).message}`, rel);
    }
    schemasById.set(rel, schema.$id);
    parsedSchemas.set(rel, schema);
  };
  for (const name of [...schemaFiles.keys()].sort()) addSchemaFile(schemaFiles.get(name) as string, `schemas/${name}`);
  const componentSchemas = new Map<string, string>();
  for (const name of [...componentFiles.keys()].sort()) {
    const rel = `schemas/components/${name}`;
    addSchemaFile(componentFiles.get(name) as string, rel);
    componentSchemas.set(name.replace(/\.schema\.json$/, ''), rel);
  }
  // A $ref may only point inside schemas/: a remote URL would be fetched by nobody (and fail late, as an internal
  // error), a path outside the folder would read files the project does not own.
  const knownIds = new Set(schemasById.values());
  if (!known) for (const [rel, schema] of parsedSchemas) checkRefs(rel, schema, knownIds);
  const compile = (rel: string) => {
    const id = schemasById.get(rel);
    if (!id) throw new ConfigError(`${rel}: schema file not found`, rel);
    try {
      const v = ajv.getSchema(id);
      if (!v) throw new Error('could not compile');
      return v;
    } catch (e) {
      throw new ConfigError(`${rel}: invalid schema: ${(e as Error).message}`, rel);
    }
  };

  // The config itself.
  // Checked against handbook-config.schema.json just below; a config with problems is reported, not used.
  const configValue = objectOf(configRead?.value) as Partial<HandbookConfig>;
  // The built-in document types (those whose schema the package or the project has) are always known; a config's
  // `types` adds its own and may point a built-in type at another schema.
  const builtinTypes: Record<string, string> = {};
  for (const t of DOC_TYPES) if (schemasById.has(`schemas/${t}.schema.json`)) builtinTypes[t] = `schemas/${t}.schema.json`;
  const config: HandbookConfig = { ...DEFAULTS, roots: [], ...configValue, types: { ...builtinTypes, ...configValue.types } };
  const configProblems: ProjectProblem[] = [];
  config.limits = resolveLimits(configValue.limits);
  if (configRead) {
    // A memo exists only for files that passed these checks.
    if (!known) {
      const v = compile('schemas/handbook-config.schema.json');
      if (!v(configRead.value)) {
        const p = toProblems(v.errors)[0];
        const at = yamlPosition({ ...configRead }, p.path);
        throw new ConfigError(`${CONFIG_FILE}:${at.start.line}: ${p.message.replace('front matter key', 'setting')}`, CONFIG_FILE, at.start.line);
      }
      checkConfigRegexes(configRead);
    }
    configProblems.push(...migrateConfig(config, (configRead.value ?? {}) as Record<string, unknown>, (p) => yamlPosition({ ...configRead }, p)));
  } else {
    config.roots = [
      { path: 'docs', route: '/' },
      { path: 'runbooks', route: '/runbooks' },
      { path: 'incidents', route: '/incidents' },
    ];
  }
  const configPositionOf = (p: (string | number)[]) => (configRead ? yamlPosition({ ...configRead }, p) : undefined);

  // Data registries: parsed first, so cross-file references (x-ref) can be checked, then each
  // validated by schemas/<name>.schema.json.
  const data: Record<string, DataFile> = {};
  const dataProblems: ProjectProblem[] = [...configProblems];
  const reads = new Map<string, YamlRead>();
  for (const name of dataFiles) {
    const key = name.replace(/\.ya?ml$/, '');
    const rel = `data/${name}`;
    if (known) {
      if (Object.hasOwn(known.data, key)) data[key] = memoDataFile(rel, textOf(path.join(dataDir, name))!, known.data[key]);
      continue;
    }
    try {
      const read = readYaml(path.join(dataDir, name), rel);
      reads.set(key, read);
      data[key] = { relPath: rel, text: read.text, value: read.value, doc: read.doc };
      counters.set(read.doc, read.lineCounter);
    } catch (e) {
      const err = e as ConfigError;
      dataProblems.push({ file: rel, message: err.message.replace(/^[^:]+:\d+: /, ''), at: { start: { line: err.line ?? 1, column: 1 } } });
    }
  }

  const ids = (file: string, key: string) => entriesOf(data[file]?.value, key).map((x) => x.id);
  registries.set('severity', ids('severity', 'levels'));
  registries.set('role', ids('roles', 'roles'));
  registries.set('team', ids('teams', 'teams'));
  registries.set('service', ids('services', 'services'));
  registries.set('incident-type', ids('incident-types', 'types'));
  registries.set('template', ids('templates', 'templates'));
  registries.set('policy', ids('escalation', 'policies'));
  registries.set(
    'control',
    frameworkFiles(data).flatMap((f) => f.value.controls.map((c) => `${f.value.id}:${c.id}`)),
  );

  if (known) dataProblems.push(...known.problems);
  for (const [key, read] of reads) {
    const rel = data[key].relPath;
    const folder = key.includes('/') ? key.split('/')[0] : undefined;
    const schemaRel = folder && Object.hasOwn(DATA_FOLDERS, folder) ? DATA_FOLDERS[folder] : `schemas/${key}.schema.json`;
    if (!schemasById.has(schemaRel)) {
      dataProblems.push({ file: rel, message: `No schema for this data file: add ${schemaRel}`, at: { start: { line: 1, column: 1 } } });
      continue;
    }
    const v = compile(schemaRel);
    if (!v(read.value)) {
      for (const p of toProblems(v.errors)) {
        const msg = p.message.replace(/^Missing required front matter key/, 'Missing required key').replace(/front matter key/, 'key');
        dataProblems.push({ file: rel, message: msg, at: yamlPosition(read, p.path) });
      }
    }
  }

  // Document schemas compile on first use: a warm run whose files all come from the cache compiles none.
  const validators = new LazyMap<string, (outline: unknown) => SchemaProblem[]>(Object.keys(config.types), (type) => {
    const v = compile(config.types[type]);
    return (outline) => (v(outline) ? [] : toProblems(v.errors, ['frontmatter']));
  });
  const requiredSections = new LazyMap<string, RequiredSection[]>(Object.keys(config.types), (type) => {
    const rel = config.types[type];
    const file =
      rel.startsWith('schemas/') && schemaFiles.has(rel.slice('schemas/'.length)) ? schemaFiles.get(rel.slice('schemas/'.length))! : path.join(root, rel);
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    return schema?.properties?.sections?.['x-required-sections'] ?? [];
  });
  const components = new LazyMap<string, (props: unknown) => SchemaProblem[]>([...componentSchemas.keys()], (name) => {
    const v = compile(componentSchemas.get(name)!);
    return (props) => (v(props) ? [] : toProblems(v.errors));
  });
  // A broken document schema is a configuration error: find it now, not halfway through a run.
  for (const [type, rel] of Object.entries(config.types))
    if (!schemasById.has(rel)) throw new ConfigError(`${CONFIG_FILE}: type "${type}" names ${rel}, which does not exist`, CONFIG_FILE);
  if (memo && !known) {
    memo.write({ data: Object.fromEntries([...reads.keys()].map((key) => [key, data[key].value])), problems: dataProblems.slice(configProblems.length) });
  }

  return { project: { root, config, data, registries, validators, requiredSections, components, configPositionOf }, dataProblems };
}

/** Every `$ref` of a schema resolves to a schema in schemas/ (or inside the same schema). */
function checkRefs(rel: string, schema: AnySchemaObject, knownIds: Set<string>): void {
  const stack: unknown[] = [schema];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === '$ref' || k === '$dynamicRef') && typeof v === 'string') {
          const base = v.split('#')[0];
          if (base === '') continue;
          let target: string | undefined;
          try {
            target = new URL(base, typeof schema.$id === 'string' ? schema.$id : 'file:///schemas/').href;
          } catch {
            target = undefined;
          }
          if (!target || !knownIds.has(target)) {
            throw new ConfigError(
              `${rel}: "${k}": "${v.slice(0, 200)}" points outside the schemas folder: a reference must name a schema in schemas/ (by its file name or $id)`,
              rel,
            );
          }
        } else stack.push(v);
      }
    }
  }
}

/** A setting's path as written in messages: rules.no-secrets[1].allowlist[0], overrides[0].rules.... */
function settingLabel(keyPath: (string | number)[]): string {
  return keyPath.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${k}` : k)).join('');
}

/** Patterns in the config run on RE2: refuse the ones that do not compile, naming the setting and its line. */
function checkConfigRegexes(read: YamlRead): void {
  const cfg = objectOf(read.value);
  const personalData = objectOf(cfg.personal_data);
  const lists: [(string | number)[], unknown, string][] = [
    [['placeholders'], cfg.placeholders, ''],
    [['secrets_allowlist'], cfg.secrets_allowlist, ''],
    [['personal_data', 'allow_emails'], personalData.allow_emails, 'i'],
    [['personal_data', 'allow_phones'], personalData.allow_phones, ''],
  ];
  // The same lists in their new place, under the rules, and under the rules of each override.
  const ruleLists = (base: (string | number)[], rules: unknown) => {
    const option = (id: string, key: string): unknown => {
      const setting = rules && typeof rules === 'object' ? (rules as Record<string, unknown>)[id] : undefined;
      const options: unknown = Array.isArray(setting) ? setting[1] : undefined;
      return options && typeof options === 'object' ? (options as Record<string, unknown>)[key] : undefined;
    };
    lists.push(
      [[...base, 'no-placeholders', 1, 'patterns'], option('no-placeholders', 'patterns'), ''],
      [[...base, 'no-secrets', 1, 'allowlist'], option('no-secrets', 'allowlist'), ''],
      [[...base, 'no-personal-data', 1, 'allow_emails'], option('no-personal-data', 'allow_emails'), 'i'],
      [[...base, 'no-personal-data', 1, 'allow_phones'], option('no-personal-data', 'allow_phones'), ''],
    );
  };
  ruleLists(['rules'], cfg.rules);
  const overrides: unknown = cfg.overrides;
  if (Array.isArray(overrides))
    overrides.forEach((o: unknown, i: number) =>
      ruleLists(['overrides', i, 'rules'], o && typeof o === 'object' ? (o as { rules?: unknown }).rules : undefined),
    );
  for (const [keyPath, list, flags] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((p: unknown, i: number) => {
      if (typeof p !== 'string') return;
      const placeholders = keyPath[0] === 'placeholders' || keyPath.includes('no-placeholders');
      const pattern = placeholders && p.startsWith('(?i)') ? p.slice(4) : p;
      const why = regexProblem(pattern, placeholders && p.startsWith('(?i)') ? 'i' : flags);
      if (!why) return;
      const at = yamlPosition(read, [...keyPath, i]);
      throw new ConfigError(
        `${CONFIG_FILE}:${at.start.line}: ${settingLabel([...keyPath, i])} ${JSON.stringify(p.slice(0, 80))} is not a usable regular expression: ${why}`,
        CONFIG_FILE,
        at.start.line,
      );
    });
  }
}

/** A Map whose values are created on first access, for a fixed set of keys. */
class LazyMap<K, V> extends Map<K, V> {
  constructor(
    private keysAllowed: K[],
    private make: (key: K) => V,
  ) {
    super();
  }
  override has(key: K): boolean {
    return this.keysAllowed.includes(key);
  }
  override get(key: K): V | undefined {
    if (!this.keysAllowed.includes(key)) return undefined;
    if (!super.has(key)) super.set(key, this.make(key));
    return super.get(key);
  }
}

/** Position of a key path in a data file, for project rules. */
export function dataPosition(file: DataFile, p: (string | number)[]): Span {
  return yamlPosition({ doc: file.doc, text: file.text, lineCounter: counters.get(file.doc) }, p);
}

export { pathLabel };
