/**
 * Writing a training completion record: checked against the module (exists, pass mark) and against
 * schemas/training-record.schema.json, then written atomically to data/training-records/ without ever replacing an
 * existing record. Used by `handbook training record` and the responder's POST /api/training/completions.
 */
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync, fsyncSync } from 'node:fs';
import path from 'node:path';
import Ajv2020Import from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import { stringify } from 'yaml';
import { RECORDS_FOLDER } from './project';
import { percent, type ModuleInfo } from './status';

type AjvClass = typeof Ajv2020Import;
const Ajv2020 = ((Ajv2020Import as unknown as { default?: AjvClass }).default ?? Ajv2020Import) as AjvClass;
const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport) as typeof addFormatsImport;

export interface CompletionInput {
  person: string;
  module: string;
  score: number;
  questions?: number;
  completed_on?: string;
  module_version?: number;
  recorded_by?: string;
}

export interface CompletionRecord {
  person: string;
  module: string;
  module_version: number;
  score: number;
  questions: number;
  completed_on: string;
  recorded_by?: string;
}

export class CompletionError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

function recordValidator(root: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv, ['date']);
  for (const f of ['defs.schema.json', 'training-record.schema.json']) ajv.addSchema(JSON.parse(readFileSync(path.join(root, 'schemas', f), 'utf8')));
  const v = ajv.getSchema('https://incident-handbook.dev/schemas/training-record.schema.json');
  if (!v) throw new Error('schemas/training-record.schema.json has no $id');
  return v;
}

/** The record to write, or a CompletionError listing every problem. */
export function buildCompletion(root: string, input: CompletionInput, modules: Map<string, ModuleInfo>, now: Date): CompletionRecord {
  const problems: string[] = [];
  const m = modules.get(input.module);
  if (!m) problems.push(`unknown training module "${input.module}"${modules.size ? ` (known: ${[...modules.keys()].sort().join(', ')})` : ''}`);
  const record: CompletionRecord = {
    person: input.person,
    module: input.module,
    module_version: input.module_version ?? m?.version ?? 1,
    score: input.score,
    questions: input.questions ?? m?.questions ?? 0,
    completed_on: input.completed_on ?? now.toISOString().slice(0, 10),
    ...(input.recorded_by ? { recorded_by: input.recorded_by } : {}),
  };
  const validate = recordValidator(root);
  if (!validate(record)) {
    for (const e of validate.errors ?? []) problems.push(`${e.instancePath.slice(1) || 'record'} ${e.message ?? 'is invalid'}`);
  }
  if (m && problems.length === 0) {
    if (m.questions && record.questions !== m.questions) problems.push(`${m.id} has ${m.questions} questions, not ${record.questions}`);
    if (record.score > record.questions) problems.push(`score ${record.score} is more than the ${record.questions} questions`);
    else if (percent(record) < m.passMark)
      problems.push(
        `score ${record.score} of ${record.questions} (${percent(record)}%) is below the pass mark of ${m.passMark}%: only a passed module is recorded`,
      );
    if (record.module_version > m.version) problems.push(`${m.id} is at version ${m.version}, not ${record.module_version}`);
    if (record.completed_on > now.toISOString().slice(0, 10)) problems.push(`completed_on ${record.completed_on} is in the future`);
  }
  if (problems.length) throw new CompletionError(problems);
  return record;
}

/** data/training-records/<person>--<module>--<date>[-n].yaml: a new file, never an existing one. */
export function writeCompletion(root: string, record: CompletionRecord): string {
  const dir = path.join(root, 'data', RECORDS_FOLDER);
  mkdirSync(dir, { recursive: true });
  const base = `${record.person.slice(1).toLowerCase()}--${record.module.split('/').pop()}--${record.completed_on}`;
  const text = `# Training completion, reviewed like any change (schema: schemas/training-record.schema.json).\n${stringify(record)}`;
  const tmp = path.join(dir, `.${base}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    for (let n = 1; n < 1000; n++) {
      const name = n === 1 ? `${base}.yaml` : `${base}-${n}.yaml`;
      const target = path.join(dir, name);
      if (existsSync(target)) continue;
      try {
        linkSync(tmp, target); // fails if another writer took the name first: never replaces a record
        return `data/${RECORDS_FOLDER}/${name}`;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    throw new Error(`too many records named ${base}`);
  } finally {
    rmSync(tmp, { force: true });
  }
}
