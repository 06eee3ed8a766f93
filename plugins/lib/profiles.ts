/**
 * Severity scale profiles: ready registries (severity, escalation, classifier...) in profiles/<name>/, outside data/,
 * with a `profile.yaml` that names the scale and maps the current level ids to the profile's. Switching copies the
 * registries into data/ and renames level references everywhere else (data/, content roots) in one pass, so that
 * P0 -> P1 and P1 -> P2 never chain.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface Profile {
  id: string;
  dir: string;
  name: string;
  description: string;
  /** Level ids of the profile, most severe first. */
  levels: string[];
  /** Current level id -> the profile's level id, for every level of the shipped default scale. */
  map: Record<string, string>;
  /** Registry files the profile provides, copied into data/. */
  files: string[];
}

export class ProfileError extends Error {}

export function listProfiles(root: string): Profile[] {
  const base = path.join(root, 'profiles');
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((n) => existsSync(path.join(base, n, 'profile.yaml')))
    .sort()
    .map((id) => readProfile(root, id));
}

export function readProfile(root: string, id: string): Profile {
  if (!/^[a-z0-9][a-z0-9-]{0,40}$/.test(id)) throw new ProfileError(`"${id}" is not a profile name (lower case letters, digits and dashes)`);
  const dir = path.join(root, 'profiles', id);
  const file = path.join(dir, 'profile.yaml');
  if (!existsSync(file)) throw new ProfileError(`no profile "${id}": profiles/${id}/profile.yaml does not exist`);
  const v = parse(readFileSync(file, 'utf8')) ?? {};
  const where = `profiles/${id}/profile.yaml`;
  if (typeof v.name !== 'string' || !Array.isArray(v.levels) || typeof v.map !== 'object' || v.map === null) {
    throw new ProfileError(`${where}: needs name, levels (list of level ids) and map (current id -> profile id)`);
  }
  for (const [from, to] of Object.entries(v.map)) {
    if (!v.levels.includes(to)) throw new ProfileError(`${where}: map sends ${from} to "${String(to)}", which is not one of levels ${v.levels.join(', ')}`);
  }
  const files = readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n) && n !== 'profile.yaml')
    .sort();
  return { id, dir, name: v.name, description: String(v.description ?? ''), levels: v.levels, map: v.map, files };
}

/** Renames level ids in a text: tokens such as P0 and anchors such as #p0 / #severity-p0, all at once. */
export function renameLevels(text: string, map: Record<string, string>): { text: string; count: number } {
  const ids = Object.keys(map).filter((k) => map[k] !== k);
  if (!ids.length) return { text, count: 0 };
  const alt = ids.map((i) => i.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  let count = 0;
  const token = new RegExp(`(?<![A-Za-z0-9_])(${alt})(?![A-Za-z0-9_])`, 'g');
  let out = text.replace(token, (m: string) => {
    count++;
    return map[m];
  });
  const lower = Object.fromEntries(ids.map((i) => [i.toLowerCase(), map[i].toLowerCase()]));
  const anchor = new RegExp(`(#(?:severity-)?)(${ids.map((i) => i.toLowerCase()).join('|')})(?![a-z0-9_])`, 'g');
  out = out.replace(anchor, (_m, pre: string, id: string) => {
    count++;
    return pre + lower[id];
  });
  // Two levels that became one: drop the repeat in front-matter lists such as `severities: [P3, P4, P4]`.
  out = out.replace(/^(\s*severities:\s*)\[([^\]\n]*)\]/gm, (_m, pre: string, items: string) => {
    const list = items
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    return `${pre}[${[...new Set(list)].join(', ')}]`;
  });
  return { text: out, count };
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') walk(p, out);
    else if (e.isFile() && /\.(md|mdx|ya?ml)$/.test(e.name)) out.push(p);
  }
  return out;
}

export interface SwitchResult {
  copied: string[];
  renamed: { file: string; count: number }[];
}

/** Copies the profile's registries into data/ and renames level references in the other data files and content roots. */
export function applyProfile(root: string, profile: Profile, contentRoots: string[], opts: { dryRun?: boolean } = {}): SwitchResult {
  const copied: string[] = [];
  const renamed: { file: string; count: number }[] = [];
  const provided = new Set(profile.files.map((f) => path.join(root, 'data', f)));
  for (const f of profile.files) {
    copied.push(`data/${f}`);
    if (!opts.dryRun) writeFileSync(path.join(root, 'data', f), readFileSync(path.join(profile.dir, f)));
  }
  const targets = [...walk(path.join(root, 'data')).filter((p) => !provided.has(p)), ...contentRoots.flatMap((r) => walk(path.join(root, r)))];
  for (const file of targets) {
    if (!statSync(file).isFile()) continue;
    const before = readFileSync(file, 'utf8');
    const { text, count } = renameLevels(before, profile.map);
    if (!count) continue;
    renamed.push({ file: path.relative(root, file).split(path.sep).join('/'), count });
    if (!opts.dryRun) writeFileSync(file, text);
  }
  return { copied, renamed };
}
