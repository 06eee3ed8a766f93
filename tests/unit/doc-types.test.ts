/**
 * Document types: the package's list (plugins/lint/doc-types.ts), its schemas and this repository's
 * handbook.config.yaml `types` must name the same types, so a type added in one place is added everywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DOC_TYPES } from '../../plugins/lint/doc-types';

const REPO = path.resolve(__dirname, '../..');
const config = parse(readFileSync(path.join(REPO, 'handbook.config.yaml'), 'utf8')) as { types?: Record<string, string> };

describe('document types', () => {
  it('every type the package ships has its schema', () => {
    expect(DOC_TYPES.filter((t) => !existsSync(path.join(REPO, `schemas/${t}.schema.json`)))).toEqual([]);
  });

  it("the handbook's config declares every package type, with the package's schema", () => {
    const types = config.types ?? {};
    expect(DOC_TYPES.filter((t) => types[t] !== `schemas/${t}.schema.json`)).toEqual([]);
  });
});
