/**
 * Which keys hold ids of which registry, read from the JSON Schemas: a property whose schema carries `x-ref: <kind>`
 * (directly, through a `$ref` to a definition that does, or in its `items`) holds ids of that kind; a property whose
 * `propertyNames` do is a map keyed by such ids. `handbook rename` uses this to find every reference, in front
 * matter, component properties and data files, without a list of field names in code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

type Schema = Record<string, unknown>;

export interface ReferenceKeys {
  /** Keys whose value (a string, or a list of strings) is an id of the kind. */
  values: Set<string>;
  /** Keys whose value is a mapping keyed by ids of the kind. */
  mapKeys: Set<string>;
}

function schemaFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const p = path.join(dir, n);
    try {
      if (statSync(p).isDirectory()) return schemaFiles(p);
    } catch {
      return [];
    }
    return n.endsWith('.schema.json') ? [p] : [];
  });
}

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reference keys per kind, from every schema under `schemasDir`. */
export function referenceKeys(schemasDir: string): Map<string, ReferenceKeys> {
  const files = schemaFiles(schemasDir);
  const parsed = new Map<string, Schema>();
  for (const f of files) {
    try {
      const s: unknown = JSON.parse(readFileSync(f, 'utf8'));
      if (isObject(s)) parsed.set(path.basename(f), s);
    } catch {
      // a broken schema is reported by the linter; it holds no keys here
    }
  }
  const out = new Map<string, ReferenceKeys>();
  const add = (kind: string, key: string, map: boolean) => {
    let k = out.get(kind);
    if (!k) out.set(kind, (k = { values: new Set(), mapKeys: new Set() }));
    (map ? k.mapKeys : k.values).add(key);
  };
  const resolve = (ref: string, home: Schema): Schema | undefined => {
    const [file, pointer] = ref.split('#');
    const doc = file ? parsed.get(path.basename(file)) : home;
    if (!doc) return undefined;
    let node: unknown = doc;
    for (const part of (pointer ?? '').split('/').filter(Boolean)) node = isObject(node) ? node[part] : undefined;
    return isObject(node) ? node : undefined;
  };
  const kindOf = (s: unknown, home: Schema, depth = 0): string | undefined => {
    if (!isObject(s) || depth > 8) return undefined;
    if (typeof s['x-ref'] === 'string') return s['x-ref'];
    if (typeof s.$ref === 'string') {
      const target = resolve(s.$ref, home);
      const targetHome = s.$ref.split('#')[0] ? (parsed.get(path.basename(s.$ref.split('#')[0])) ?? home) : home;
      const k = kindOf(target, targetHome, depth + 1);
      if (k) return k;
    }
    if (s.items) return kindOf(s.items, home, depth + 1);
    for (const alt of ['anyOf', 'oneOf', 'allOf'] as const) {
      const list = s[alt];
      if (Array.isArray(list))
        for (const a of list) {
          const k = kindOf(a, home, depth + 1);
          if (k) return k;
        }
    }
    return undefined;
  };
  for (const schema of parsed.values()) {
    const stack: unknown[] = [schema];
    while (stack.length) {
      const node = stack.pop();
      if (Array.isArray(node)) {
        stack.push(...node);
        continue;
      }
      if (!isObject(node)) continue;
      if (isObject(node.properties)) {
        for (const [key, sub] of Object.entries(node.properties)) {
          const k = kindOf(sub, schema);
          if (k) add(k, key, false);
          if (isObject(sub)) {
            const names = kindOf(sub.propertyNames, schema);
            if (names) add(names, key, true);
          }
        }
      }
      for (const v of Object.values(node)) if (typeof v === 'object' && v !== null) stack.push(v);
    }
  }
  return out;
}
