/**
 * What a document type needs, written out: the front matter keys its schema requires (with a placeholder where a
 * person must decide) and its required sections (with a placeholder paragraph). Used by `handbook new`, `handbook
 * adopt` and `--fix`, so the three agree on what an unfinished part looks like.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Project, RequiredSection } from './types';

export const PLACEHOLDER = 'TODO';

const HINTS: Record<string, string> = {
  overview: 'Say what this covers, which failure it answers and when a responder should open it.',
  symptoms: 'List what people see: alerts, error messages, graphs, customer reports.',
  impact: 'Say who is affected and how badly, and how that maps to a severity level.',
  diagnosis: 'Give numbered steps with the exact commands to confirm the cause, and what their output means.',
  mitigation: 'Give numbered steps that stop the impact, with decision points and what not to do.',
  'rollback/recovery': 'Say how to undo the mitigation and how to return to normal service.',
  escalation: 'Say when and whom to escalate to, and link the escalation procedure.',
  communication: 'Say which templates to use and who must hear about this.',
  references: 'Link related runbooks, dashboards and documents.',
};
const FILLER = 'Replace this paragraph with specific, tested content that a responder under pressure can follow without asking anyone.';

type Json = Record<string, unknown>;

/** The JSON Schema keywords a scaffold reads (the schemas in schemas/, which Ajv compiled when the project loaded). */
export interface SchemaNode {
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
  const?: unknown;
  enum?: unknown[];
  format?: string;
  description?: string;
  type?: string | string[];
  minItems?: number;
  minimum?: number;
  items?: SchemaNode;
  contains?: SchemaNode;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  allOf?: SchemaNode[];
  'x-required-sections'?: RequiredSection[];
}

/** The node a JSON pointer ("/$defs/id") names inside a schema document. */
function atPointer(doc: SchemaNode | undefined, pointer: string): SchemaNode | undefined {
  let node: unknown = doc;
  for (const k of pointer.split('/').filter(Boolean)) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined;
  return node && typeof node === 'object' ? (node as SchemaNode) : undefined;
}

/** A minimal value that satisfies a JSON Schema, with TODO where a person must decide. */
export function example(schema: SchemaNode | undefined, root: SchemaNode | undefined, schemas: Map<string, SchemaNode>, key = '', now = new Date()): unknown {
  if (!schema || typeof schema !== 'object') return PLACEHOLDER;
  if (schema.$ref) {
    const [file, pointer] = String(schema.$ref).split('#');
    const doc = file ? schemas.get(file) : root;
    return example(atPointer(doc, pointer ?? ''), doc, schemas, key, now);
  }
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.format === 'date') return now.toISOString().slice(0, 10);
  if (schema.format === 'date-time') return now.toISOString().replace(/\.\d+Z$/, 'Z');
  if (/duration/i.test(schema.description ?? '') || key === 'review_every' || key === 'duration' || key === 'after' || key === 'at')
    return key === 'review_every' ? '90d' : '15m';
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'array') {
    const n = Math.max(schema.minItems ?? 1, 1);
    const out = Array.from({ length: n }, () => example(schema.items, root, schemas, key, now));
    if (schema.contains && out.length && typeof out[0] === 'object') (out[0] as Json).correct = true;
    return out;
  }
  if (type === 'object' || schema.properties) {
    const o: Json = {};
    for (const req of schema.required ?? []) o[req] = example(schema.properties?.[req], root, schemas, req, now);
    return o;
  }
  if (type === 'boolean') return false;
  if (type === 'integer' || type === 'number') return schema.minimum ?? 0;
  return PLACEHOLDER;
}

export interface TypeScaffold {
  /** Required front matter keys, in the schema's order (title and type first). */
  requiredKeys: string[];
  /** A placeholder value per key. */
  valueFor(key: string): unknown;
  sections: RequiredSection[];
}

/** The schemas of the configured types plus defs.schema.json, by file name, as `$ref`s name them. */
function loadSchemas(project: Project): Map<string, SchemaNode> {
  const schemas = new Map<string, SchemaNode>();
  for (const rel of Object.values(project.config.types).concat('schemas/defs.schema.json')) {
    try {
      schemas.set(path.basename(rel), JSON.parse(readFileSync(path.join(project.root, rel), 'utf8')) as SchemaNode);
    } catch {
      // a missing defs file: keys from it get the plain placeholder
    }
  }
  return schemas;
}

const cache = new WeakMap<Project, Map<string, TypeScaffold>>();

/** What a document of `type` must have. `now` fixes generated dates (new documents are reviewed today). */
export function scaffoldFor(project: Project, type: string, now = new Date()): TypeScaffold | undefined {
  const rel = project.config.types[type];
  if (!rel) return undefined;
  let byType = cache.get(project);
  if (!byType) cache.set(project, (byType = new Map()));
  const key = `${type}@${now.toISOString().slice(0, 10)}`;
  const hit = byType.get(key);
  if (hit) return hit;
  const schemas = loadSchemas(project);
  const schema = schemas.get(path.basename(rel));
  const fmSchema: SchemaNode = schema?.properties?.frontmatter ?? {};
  const required = new Set<string>(['title', 'type', ...(fmSchema.required ?? [])]);
  for (const part of fmSchema.allOf ?? []) {
    if (part.$ref?.endsWith('/reviewed')) ['owner', 'last_reviewed', 'review_every'].forEach((k) => required.add(k));
  }
  const defs = schemas.get('defs.schema.json');
  const made: TypeScaffold = {
    requiredKeys: [...required],
    valueFor(k) {
      if (k === 'type') return type;
      const own = fmSchema.properties?.[k];
      if (own) return example(own, schema, schemas, k, now);
      const common = defs?.$defs?.commonFrontmatter?.properties?.[k];
      return common ? example(common, defs, schemas, k, now) : PLACEHOLDER;
    },
    sections: schema?.properties?.sections?.['x-required-sections'] ?? [],
  };
  byType.set(key, made);
  return made;
}

/** A required section with a placeholder paragraph long enough for its minimum, so only no-placeholders objects. */
export function sectionText(section: RequiredSection, type: string): string {
  const hint = HINTS[section.title.toLowerCase()] ?? `Write the ${section.title.toLowerCase()} of this ${type}.`;
  let text = `${PLACEHOLDER}: ${hint} ${FILLER}`;
  while (text.split(/\s+/).length < (section.minWords ?? 0)) text += ` ${FILLER}`;
  return `## ${section.title}\n\n${text}\n`;
}
