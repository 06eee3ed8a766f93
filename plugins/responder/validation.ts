/** One Ajv for the responder's request bodies, loaded with every schema in schemas/ so $refs into defs resolve. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020Import from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';

const Ajv2020 = ((Ajv2020Import as unknown as { default?: typeof Ajv2020Import }).default ?? Ajv2020Import) as typeof Ajv2020Import;
const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport) as typeof addFormatsImport;

import type { ValidateFunction } from 'ajv';
export type Validator = ValidateFunction;

export function schemaCompiler(root: string, registries: Map<string, string[]>) {
  const ajv = new Ajv2020({ allErrors: false, strict: false, coerceTypes: false, removeAdditional: false, useDefaults: false });
  addFormats(ajv, ['date', 'date-time', 'email', 'uri']);
  ajv.addKeyword({
    keyword: 'x-ref',
    schemaType: 'string',
    errors: true,
    validate: function check(kind: string, data: unknown): boolean {
      if (typeof data !== 'string') return true;
      const known = registries.get(kind) ?? [];
      if (known.includes(data)) return true;
      (check as unknown as Validator).errors = [
        {
          keyword: 'x-ref',
          instancePath: '',
          schemaPath: '',
          params: { kind },
          message: `unknown ${kind} "${data}": use one of ${known.slice(0, 20).join(', ')}`,
        },
      ];
      return false;
    },
  });
  ajv.addKeyword({ keyword: 'x-public' });
  ajv.addKeyword({ keyword: 'x-required-sections' });
  const dir = path.join(root, 'schemas');
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.schema.json'))
    .sort()) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
  }
  return (schema: object): Validator => ajv.compile(schema);
}

export const API_SCHEMA = 'https://incident-handbook.dev/schemas/api-responder.schema.json';
export const ref = (def: string) => ({ $ref: `${API_SCHEMA}#/$defs/${def}` });
