/**
 * Document types: the package's list (plugins/lint/doc-types.ts) is the one list of built-in types. Each has its
 * schema, and every project knows them whether or not its config names them; a config's `types` only adds.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DOC_TYPES } from '../../plugins/lint/doc-types';
import { loadProject } from '../../plugins/lint/load';
import { projectWith } from './helpers';

const REPO = path.resolve(__dirname, '../..');

const ROOTS = 'roots:\n  - {path: docs, route: /}\n  - {path: runbooks, route: /runbooks}\n  - {path: incidents, route: /incidents}\n';

/** The fixture project with this config and these extra schemas. */
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function projectWithConfig(config: string, schemas: Record<string, string> = {}): string {
  const { root, cleanup } = projectWith({ 'handbook.config.yaml': config });
  cleanups.push(cleanup);
  for (const [name, text] of Object.entries(schemas)) writeFileSync(path.join(root, 'schemas', name), text);
  return root;
}

describe('document types', () => {
  it('every type the package ships has its schema', () => {
    expect(DOC_TYPES.filter((t) => !existsSync(path.join(REPO, `schemas/${t}.schema.json`)))).toEqual([]);
  });

  it("the handbook's own project knows every built-in type with the package's schema", () => {
    const { types } = loadProject(REPO).project.config;
    expect(DOC_TYPES.filter((t) => types[t] !== `schemas/${t}.schema.json`)).toEqual([]);
  });

  it('a config without `types` knows the built-in types', () => {
    const root = projectWithConfig(ROOTS);
    expect(Object.keys(loadProject(root).project.config.types).sort()).toEqual([...DOC_TYPES].sort());
  });

  it("a config's `types` adds a type and keeps the built-in ones", () => {
    const schema = JSON.stringify({ $id: 'https://example.org/vendor-contact.schema.json', type: 'object' });
    const root = projectWithConfig(ROOTS + 'types:\n  vendor-contact: schemas/vendor-contact.schema.json\n', {
      'vendor-contact.schema.json': schema,
    });
    const { types } = loadProject(root).project.config;
    expect(types['vendor-contact']).toBe('schemas/vendor-contact.schema.json');
    expect(DOC_TYPES.filter((t) => types[t] !== `schemas/${t}.schema.json`)).toEqual([]);
  });

  it('a config may point a built-in type at another schema', () => {
    const schema = JSON.stringify({ $id: 'https://example.org/our-runbook.schema.json', type: 'object' });
    const root = projectWithConfig(ROOTS + 'types:\n  runbook: schemas/our-runbook.schema.json\n', {
      'our-runbook.schema.json': schema,
    });
    expect(loadProject(root).project.config.types.runbook).toBe('schemas/our-runbook.schema.json');
  });
});
