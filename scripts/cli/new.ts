/** `handbook new <type> <name>`: a document that passes every rule except no-placeholders on the parts a person must write. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { stringify } from 'yaml';
import { checkText, folderInside } from './args';
import { UsageError } from './errors';
import { openProject } from './project';

const FOLDERS: Record<string, [string, string]> = {
  runbook: ['runbooks', '.md'],
  postmortem: [`incidents/${new Date().getUTCFullYear()}`, '.md'],
  incident: ['incidents', '.md'],
  'training-module': ['docs/training', '.mdx'],
  exercise: ['docs/exercises', '.mdx'],
  role: ['docs/roles', '.mdx'],
  evidence: ['docs/evidence', '.md'],
};

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

/** A minimal value that satisfies a JSON Schema, with TODO where a person must decide. */
function example(schema: any, root: any, ajvSchemas: Map<string, any>, key = ''): unknown {
  if (!schema || typeof schema !== 'object') return 'TODO';
  if (schema.$ref) {
    const [file, pointer] = String(schema.$ref).split('#');
    const doc = file ? ajvSchemas.get(file) : root;
    const target = (pointer ?? '').split('/').filter(Boolean).reduce((o: any, k: string) => o?.[k], doc);
    return example(target, doc, ajvSchemas, key);
  }
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
  if (schema.format === 'date-time') return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  if (/duration/i.test(schema.description ?? '') || key === 'review_every' || key === 'duration' || key === 'after' || key === 'at') return key === 'review_every' ? '90d' : '15m';
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'array') {
    const n = Math.max(schema.minItems ?? 1, 1);
    const item = schema.items;
    const out = Array.from({ length: n }, () => example(item, root, ajvSchemas, key));
    if (schema.contains && out.length && typeof out[0] === 'object') (out[0] as any).correct = true;
    return out;
  }
  if (type === 'object' || schema.properties) {
    const o: Record<string, unknown> = {};
    for (const req of schema.required ?? []) o[req] = example(schema.properties?.[req], root, ajvSchemas, req);
    return o;
  }
  if (type === 'boolean') return false;
  if (type === 'integer' || type === 'number') return schema.minimum ?? 0;
  return 'TODO';
}

export async function newCommand(type: string, name: string, opts: { dir?: string }): Promise<number> {
  const { project } = openProject();
  name = checkText(name, 'the document name', 120);
  if (type === 'incident') throw new UsageError('incident records get their id and timestamps from "handbook incident open --title ... --severity ... --type ... --services ..."');
  const schemaRel = project.config.types[type];
  if (!schemaRel) throw new UsageError(`unknown document type "${type}": use one of ${Object.keys(project.config.types).join(', ')}`);
  const schemas = new Map<string, any>();
  for (const rel of Object.values(project.config.types).concat('schemas/defs.schema.json')) {
    schemas.set(path.basename(rel), JSON.parse(readFileSync(path.join(project.root, rel), 'utf8')));
  }
  const schema = schemas.get(path.basename(schemaRel));
  const fmSchema = schema.properties.frontmatter;
  const fm: Record<string, unknown> = { title: name.trim(), type };
  const required = new Set<string>([...(fmSchema.required ?? [])]);
  for (const part of fmSchema.allOf ?? []) if (part.$ref?.endsWith('/reviewed')) ['owner', 'last_reviewed', 'review_every'].forEach((k) => required.add(k));
  for (const key of required) {
    if (key in fm) continue;
    // A key from the shared definitions resolves its local $refs (#/$defs/date) against defs.schema.json.
    const defs = schemas.get('defs.schema.json');
    const own = fmSchema.properties?.[key];
    fm[key] = own ? example(own, schema, schemas, key) : example(defs.$defs.commonFrontmatter.properties[key], defs, schemas, key);
  }
  const sections: { title: string; minWords?: number }[] = schema.properties.sections['x-required-sections'] ?? [];
  const body = sections
    .map((s) => {
      const hint = HINTS[s.title.toLowerCase()] ?? `Write the ${s.title.toLowerCase()} of this ${type}.`;
      let text = `TODO: ${hint} ${FILLER}`;
      // Long enough for the section's minimum, so only no-placeholders objects to the generated text.
      while (text.split(/\s+/).length < (s.minWords ?? 0)) text += ` ${FILLER}`;
      return `## ${s.title}\n\n${text}\n`;
    })
    .join('\n');
  const [folder, ext] = FOLDERS[type] ?? ['docs', '.md'];
  const dir = folderInside(project.root, opts.dir ?? folder, opts.dir !== undefined ? '--dir' : 'the folder');
  const slug = new GithubSlugger().slug(name) || 'untitled';
  const file = path.join(dir, `${slug}${ext}`);
  if (existsSync(file)) throw new UsageError(`${path.relative(process.cwd(), file)} already exists: choose another name or edit that file`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `---\n${stringify(fm, { lineWidth: 0 })}---\n\n${body || 'TODO: write this document.\n'}`, { flag: 'wx' });
  process.stdout.write(`Wrote ${path.relative(process.cwd(), file)}\nFill in every TODO, then run: npx handbook lint ${path.relative(project.root, file)}\n`);
  return 0;
}
