/**
 * The built-in rules' option schemas are valid JSON Schemas: the linter compiles them without checking them against
 * the meta-schema (ruleset.ts), so this test is where they are checked.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { rules } from '../../plugins/lint/rules/index';

describe('built-in rule option schemas', () => {
  const ajv = new Ajv2020({ strict: false });
  for (const rule of rules) {
    const schema = (rule as { meta: { schema?: Record<string, unknown> } }).meta.schema;
    if (!schema) continue;
    it(`${rule.meta.id}: valid against the JSON Schema 2020-12 meta-schema`, () => {
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    });
  }
});
