/** Turns Ajv's raw errors into plain sentences that name the key and say what to do. */
import type { ErrorObject } from 'ajv';
import type { SchemaProblem } from './types';

export function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function pathLabel(path: (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

/** Ajv reports a failed `if`/`contains` alongside its cause; keep the errors a person can act on. */
export function toProblems(errors: ErrorObject[] | null | undefined, stripPrefix: string[] = []): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let path = pointerToPath(e.instancePath);
    // A key checked by `propertyNames` (an unknown role as a key of `roles:`) is reported at that key, not at its object.
    if (typeof e.propertyName === 'string') path = [...path, e.propertyName];
    if (stripPrefix.length && stripPrefix.every((p, i) => path[i] === p)) path = path.slice(stripPrefix.length);
    const problem = describe(e, path);
    if (!problem) continue;
    const key = `${problem.keyword}|${pathLabel(problem.path)}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problem);
  }
  return out;
}

/** The `params` ajv gives the keywords described here (and `kind` for the project's x-ref keyword). */
interface ErrorParams {
  kind?: string;
  missingProperty?: string;
  unevaluatedProperty?: string;
  additionalProperty?: string;
  allowedValue?: unknown;
  allowedValues?: unknown[];
  type?: string | string[];
  format?: string;
  limit?: number;
  i?: number;
  j?: number;
}

function describe(e: ErrorObject, path: (string | number)[]): SchemaProblem | undefined {
  const params: ErrorParams = e.params;
  const where = pathLabel(path);
  const subject = where ? `"${where}"` : 'Front matter';
  const desc = (e.parentSchema as { description?: string } | undefined)?.description;
  const hint = desc ? ` (${desc.replace(/\.$/, '')})` : '';
  switch (e.keyword) {
    case 'x-ref':
      return { keyword: 'x-ref', path, message: e.message ?? 'unknown reference', refKind: params.kind, value: e.data };
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      const full = [...path, missing];
      // Required by one branch of a oneOf/anyOf: one of several alternatives, reported with the combinator's problem.
      const alternative = /\/(oneOf|anyOf)\/\d+\/required$/.test(e.schemaPath) ? true : undefined;
      return {
        keyword: 'required',
        path,
        message: where ? `"${where}" is missing "${missing}"` : `Missing required front matter key "${pathLabel(full)}"`,
        ...(alternative ? { alternative } : {}),
      };
    }
    case 'unevaluatedProperties':
    case 'additionalProperties': {
      const prop = params.unevaluatedProperty ?? params.additionalProperty ?? '';
      const full = [...path, prop];
      return { keyword: e.keyword, path: full, message: `Unknown front matter key "${pathLabel(full)}": remove it or check its spelling` };
    }
    case 'const':
      if (path.length === 1 && path[0] === 'type') return undefined; // type mismatch is decided before validation
      return { keyword: 'const', path, message: `${subject} must be ${show(params.allowedValue)}, got ${show(e.data)}` };
    case 'enum':
      return { keyword: 'enum', path, message: `${subject} must be one of: ${(params.allowedValues ?? []).join(', ')}; got ${show(e.data)}` };
    case 'type':
      return { keyword: 'type', path, message: `${subject} must be ${article(params.type ?? '')}, got ${typeName(e.data)}` };
    case 'format':
      return {
        keyword: 'format',
        path,
        message: `${subject} must be a valid ${formatName(params.format ?? '')}, got ${show(e.data)}`,
      };
    case 'pattern':
      return { keyword: 'pattern', path, message: `${subject} has an invalid value ${show(e.data)}${hint}` };
    case 'minItems':
      return { keyword: 'minItems', path, message: `${subject} needs at least ${params.limit} item${params.limit === 1 ? '' : 's'}` };
    case 'maxItems':
      return { keyword: 'maxItems', path, message: `${subject} may have at most ${params.limit} items` };
    case 'minLength':
      return { keyword: 'minLength', path, message: `${subject} is too short (at least ${params.limit} characters)` };
    case 'maxLength':
      return { keyword: 'maxLength', path, message: `${subject} is too long (at most ${params.limit} characters)` };
    case 'uniqueItems':
      return { keyword: 'uniqueItems', path, message: `${subject} lists the same value twice (items ${params.j} and ${params.i})` };
    case 'minContains':
    case 'maxContains':
    case 'contains':
      return { keyword: e.keyword, path, message: `${subject}: ${desc ?? e.message}` };
    case 'minimum':
    case 'maximum':
      return { keyword: e.keyword, path, message: `${subject} ${e.message}` };
    case 'propertyNames':
      return undefined; // reported with the failing name's own error (a pattern, an unknown role), which Ajv gives too
    case 'anyOf':
    case 'oneOf': {
      // Branches that each require one property (`oneOf: [{required: [a]}, {required: [b]}]`): alternatives to name.
      const branches = (e.schema as { required?: unknown }[] | undefined) ?? [];
      const names = branches.flatMap((b) =>
        Array.isArray(b?.required) && b.required.length === 1 && typeof b.required[0] === 'string' ? [b.required[0]] : [],
      );
      const alternatives = names.length === branches.length && names.length > 0 ? names : undefined;
      return { keyword: e.keyword, path, message: `${subject} ${e.message}${hint}`, ...(alternatives ? { alternatives } : {}) };
    }
    case 'if':
    case 'allOf':
    case 'not':
      return { keyword: e.keyword, path, message: `${subject} ${e.message}${hint}` };
    default:
      return { keyword: e.keyword, path, message: `${subject} ${e.message ?? 'is invalid'}` };
  }
}

function article(t: string | string[]): string {
  const name = Array.isArray(t) ? t.join(' or ') : t;
  if (name === 'array') return 'a list';
  if (name === 'object') return 'a mapping (key: value)';
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function typeName(v: unknown): string {
  if (v === null) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${show(v)}`;
}

function formatName(f: string): string {
  if (f === 'date') return 'date (YYYY-MM-DD)';
  if (f === 'date-time') return 'timestamp with time zone (2026-03-04T10:15:00Z)';
  return f;
}
