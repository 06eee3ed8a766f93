/**
 * `handbook rename <kind> <old> <new>`: the plan for renaming a severity, role, team or service id everywhere a
 * reader or a program sees it. Pure: it receives file texts and returns new texts, moves and redirects; the command
 * does the writing (and `git mv`).
 *
 * Where an id is found:
 * - the registry entry itself (`id:` in data/severity.yaml, roles.yaml, teams.yaml, services.yaml);
 * - values of keys that hold ids of the kind, in data files, alert rule files and front matter. The keys come from
 *   the schemas (`x-ref`, see reference-keys.ts) plus the data fields the data-consistency rule checks;
 * - properties of handbook components (`<RoleField role="...">`), by the same keys;
 * - documents named after the id that refer to it (a role's page `roles/<id>.md`): moved, with every relative link
 *   and site path to them rewritten, every reference to their doc id (`training_module: training/<id>`) updated,
 *   and a redirect from the old address.
 * Prose and code blocks are not touched: they are words, not references.
 */
import path from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { parseFrontMatter } from './frontmatter';
import { parseMarkdown } from './parse';
import { addRedirect, type Redirect } from './redirects';
import type { ReferenceKeys } from './reference-keys';
import { normaliseRoute, placeDocument } from './routes';
import type { HandbookConfig, Project } from './types';

export const RENAME_KINDS = ['severity', 'role', 'team', 'service'] as const;
export type RenameKind = (typeof RENAME_KINDS)[number];

/** A request that cannot be carried out (unknown kind, missing or taken id, a file in the way): exit 2. */
export class RenameError extends Error {}

/** Where each registry lives: data/<file>.yaml, list <list>, each entry's `id`. */
const REGISTRY: Record<RenameKind, { file: string; list: string }> = {
  severity: { file: 'data/severity.yaml', list: 'levels' },
  role: { file: 'data/roles.yaml', list: 'roles' },
  team: { file: 'data/teams.yaml', list: 'teams' },
  service: { file: 'data/services.yaml', list: 'services' },
};

/** Data fields that hold ids but carry no `x-ref` in their schema (data-consistency checks them). */
const DATA_KEYS: Record<RenameKind, string[]> = {
  severity: ['severity', 'default_severity'],
  role: ['role'],
  team: ['team', 'owner', 'lead_team'],
  service: ['service', 'default_service', 'dependencies'],
};

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const LOWER_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface TextFile {
  /** Path relative to the project root, with forward slashes. */
  path: string;
  text: string;
}

export interface FileChange {
  path: string;
  before: string;
  after: string;
  /** 1-based lines changed, in order. */
  lines: number[];
}

export interface Move {
  from: string;
  to: string;
  fromRoute: string;
  toRoute: string;
}

export interface RenamePlan {
  kind: RenameKind;
  from: string;
  to: string;
  /** Files whose text changes (documents at their old path; they move afterwards). */
  changes: FileChange[];
  moves: Move[];
  /** The complete redirect list after the rename (when a page moved), and the entries added. */
  redirects?: { list: Redirect[]; added: Redirect[] };
  /** Links that point at a moved page but could not be rewritten safely: the user fixes these. */
  manual: { path: string; line: number; url: string }[];
}

export interface RenameInput {
  project: Project;
  kind: string;
  from: string;
  to: string;
  /** Every document under the content roots. */
  documents: TextFile[];
  /** data/**\/*.yaml and the alert rule files. */
  dataFiles: TextFile[];
  redirects: Redirect[];
  referenceKeys: Map<string, ReferenceKeys>;
  /** Whether a path (relative to the root) exists, for refusing moves onto existing files. */
  exists: (relPath: string) => boolean;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): { text: string; lines: number[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start).filter((e, i, all) => i === 0 || e.start >= all[i - 1].end);
  let out = '';
  let at = 0;
  const lines: number[] = [];
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
    const line = text.slice(0, e.start).split('\n').length;
    if (!lines.includes(line)) lines.push(line);
  }
  return { text: out + text.slice(at), lines };
}

/** An edit replacing the scalar's id `from` by `to`, keeping its quotes. */
function scalarEdit(text: string, offset: number, node: Node, from: string, to: string): Edit | undefined {
  const range = node.range;
  if (!range) return undefined;
  const raw = text.slice(offset + range[0], offset + range[1]);
  const i = raw.indexOf(from);
  if (i === -1) return undefined;
  return {
    start: offset + range[0] + i,
    end: offset + range[0] + i + from.length,
    text: to,
  };
}

interface YamlScan {
  values: Set<string>;
  mapKeys: Set<string>;
  from: string;
  to: string;
  /** `[list, i, 'id']` of the registry file, when this is it. */
  registryList?: string;
  /** Doc ids of moved documents: old -> new (any scalar equal to an old doc id is rewritten). */
  docIds: Map<string, string>;
}

/** Edits for one YAML document (a data file or a front matter block starting at `offset` in `text`). */
function yamlEdits(text: string, yamlText: string, offset: number, scan: YamlScan): { edits: Edit[]; refs: number } {
  const doc = parseDocument(yamlText, {
    strict: false,
    uniqueKeys: false,
    keepSourceTokens: false,
  });
  const edits: Edit[] = [];
  let refs = 0;
  const isId = (n: unknown): n is Node => isScalar(n) && n.value === scan.from;
  /** A value naming a renamed document (a map value or a list item) gets the document's new id. */
  const renameDocRef = (node: unknown) => {
    if (!isScalar(node) || typeof node.value !== 'string') return;
    const to = scan.docIds.get(node.value);
    if (to === undefined) return;
    const e = scalarEdit(text, offset, node, node.value, to);
    if (e) edits.push(e);
  };
  const visit = (node: unknown, depth: number, top: string | undefined) => {
    if (depth > 64) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        const value = pair.value;
        if (key !== undefined && scan.values.has(key)) {
          if (isId(value)) {
            const e = scalarEdit(text, offset, value, scan.from, scan.to);
            if (e) {
              edits.push(e);
              refs++;
            }
          } else if (isSeq(value)) {
            for (const item of value.items) {
              if (!isId(item)) continue;
              const e = scalarEdit(text, offset, item, scan.from, scan.to);
              if (e) {
                edits.push(e);
                refs++;
              }
            }
          }
        }
        if (key !== undefined && scan.mapKeys.has(key) && isMap(value)) {
          for (const inner of value.items) {
            if (!isPair(inner) || !isId(inner.key) || isMap(inner.value) || isSeq(inner.value)) continue;
            const e = scalarEdit(text, offset, inner.key, scan.from, scan.to);
            if (e) {
              edits.push(e);
              refs++;
            }
          }
        }
        if (key === 'id' && depth === 2 && top === scan.registryList && isId(value)) {
          const e = scalarEdit(text, offset, value, scan.from, scan.to);
          if (e) {
            edits.push(e);
            refs++;
          }
        }
        renameDocRef(value);
        visit(value, depth + 1, depth === 0 ? key : top);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        renameDocRef(item);
        visit(item, depth + 1, top);
      }
    }
  };
  visit(doc.contents, 0, undefined);
  return { edits, refs };
}

const OPEN = /^---[^\n]*\n/;

/** The front matter block of a document: its YAML text and where it starts, or undefined. */
function frontMatterBlock(text: string): { yaml: string; offset: number } | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const rest = text.slice(open[0].length);
  const close = /^(---|\.\.\.)[ \t]*$/m.exec(rest);
  if (!close) return undefined;
  return { yaml: rest.slice(0, close.index), offset: open[0].length };
}

interface MdNode {
  type: string;
  url?: string;
  name?: string | null;
  attributes?: {
    type: string;
    name?: string;
    value?: unknown;
    position?: Place;
  }[];
  children?: MdNode[];
  position?: Place;
}

interface Place {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/**
 * Offsets in the original text of a node's place, from lines and columns (the MDX parser reads a copy in which
 * `{#id}` heading ids are escaped, so its offsets can drift; its lines and columns before the id do not).
 */
function offsets(lineStarts: number[], place: Place | undefined): [number, number] | undefined {
  if (!place) return undefined;
  const at = (p: { line: number; column: number }) => (lineStarts[p.line - 1] ?? 0) + p.column - 1;
  return [at(place.start), at(place.end)];
}

function lineStartsOf(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function nodesOf(tree: MdNode): MdNode[] {
  const out: MdNode[] = [];
  const stack: MdNode[] = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

function rootOf(config: HandbookConfig, rel: string): string | undefined {
  return config.roots.find((r) => rel.startsWith(`${r.path.replace(/\/$/, '')}/`))?.path;
}

/** Whether `text` names the kind's id `from` in a reference position of its front matter. */
function frontMatterRefers(text: string, scan: YamlScan): boolean {
  const block = frontMatterBlock(text);
  return block ? yamlEdits(text, block.yaml, block.offset, { ...scan, docIds: new Map() }).refs > 0 : false;
}

function checkRequest(input: RenameInput): RenameKind {
  const { project, kind, from, to } = input;
  if (!(RENAME_KINDS as readonly string[]).includes(kind)) throw new RenameError(`unknown kind "${kind}": rename one of ${RENAME_KINDS.join(', ')}`);
  const k = kind as RenameKind;
  const ids = project.registries.get(k) ?? [];
  const file = REGISTRY[k].file;
  if (!ids.includes(from)) throw new RenameError(`there is no ${k} "${from}" in ${file}${ids.length ? `: the ${k} ids are ${ids.join(', ')}` : ''}`);
  if (from === to) throw new RenameError(`the old and the new ${k} id are the same ("${from}")`);
  if (ids.includes(to)) throw new RenameError(`a ${k} "${to}" already exists in ${file}: choose another id, or merge the two by hand`);
  const pattern = k === 'severity' ? ID : LOWER_ID;
  if (!pattern.test(to)) {
    throw new RenameError(
      `"${to}" is not a valid ${k} id: use ${k === 'severity' ? 'letters, digits, "-" and "_"' : 'lowercase letters, digits and "-"'}, starting with a letter or digit, at most 64 characters`,
    );
  }
  return k;
}

/** The changes `handbook rename` makes, without writing anything. Throws RenameError for a request it refuses. */
export function planRename(input: RenameInput): RenamePlan {
  const kind = checkRequest(input);
  const { project, from, to } = input;
  const config = project.config;
  const derived = input.referenceKeys.get(kind);
  const values = new Set([...(derived?.values ?? []), ...DATA_KEYS[kind]]);
  const mapKeys = new Set(derived?.mapKeys ?? []);
  const scan: YamlScan = { values, mapKeys, from, to, docIds: new Map() };

  // 1. Documents named after the id that refer to it move: roles/<id>.md -> roles/<new>.md.
  const moves: Move[] = [];
  const docIds = new Map<string, string>();
  for (const doc of input.documents) {
    const base = path.posix.basename(doc.path).replace(/\.mdx?$/, '');
    if (base !== from || !rootOf(config, doc.path) || !frontMatterRefers(doc.text, scan)) continue;
    const target = `${path.posix.dirname(doc.path)}/${to}${path.posix.extname(doc.path)}`;
    if (input.exists(target)) throw new RenameError(`${doc.path} would move to ${target}, which already exists: move or remove it first`);
    const fm = parseFrontMatter(doc.text).data;
    const before = placeDocument(doc.path, config, fm);
    const after = placeDocument(target, config, fm);
    if (!before || !after) continue;
    moves.push({
      from: doc.path,
      to: target,
      fromRoute: before.route,
      toRoute: after.route,
    });
    if (before.docId !== after.docId) docIds.set(before.docId, after.docId);
  }
  scan.docIds = docIds;
  const movedByPath = new Map(moves.map((m) => [m.from, m]));
  const movedByRoute = new Map(moves.filter((m) => m.fromRoute !== m.toRoute).map((m) => [m.fromRoute, m]));

  const changes: FileChange[] = [];
  const manual: RenamePlan['manual'] = [];
  const record = (file: TextFile, edits: Edit[]) => {
    if (!edits.length) return;
    const r = applyEdits(file.text, edits);
    if (r.text !== file.text)
      changes.push({
        path: file.path,
        before: file.text,
        after: r.text,
        lines: r.lines,
      });
  };

  // 2. Data files and alert rule files.
  for (const file of input.dataFiles) {
    const registry = file.path === REGISTRY[kind].file ? REGISTRY[kind].list : undefined;
    record(file, yamlEdits(file.text, file.text, 0, { ...scan, registryList: registry }).edits);
  }

  // 3. Documents: front matter, component properties, links to moved pages.
  for (const doc of input.documents) {
    const edits: Edit[] = [];
    const block = frontMatterBlock(doc.text);
    if (block) edits.push(...yamlEdits(doc.text, block.yaml, block.offset, scan).edits);
    const parsed = parseMarkdown(doc.text, doc.path);
    const lineStarts = lineStartsOf(doc.text);
    if (parsed.ok) {
      for (const node of nodesOf(parsed.tree as unknown as MdNode)) {
        if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name && project.components?.has(node.name)) {
          for (const a of node.attributes ?? []) {
            if (a.type !== 'mdxJsxAttribute' || !a.name || a.value !== from || !values.has(a.name)) continue;
            const span = offsets(lineStarts, a.position);
            if (!span) continue;
            const [s, e] = span;
            const raw = doc.text.slice(s, e);
            const i = raw.lastIndexOf(from);
            if (i !== -1) edits.push({ start: s + i, end: s + i + from.length, text: to });
          }
        }
        if ((node.type === 'link' || node.type === 'definition') && node.url && moves.length) {
          const edit = linkEdit(doc, node, movedByPath, movedByRoute, config, lineStarts);
          if (edit === 'manual')
            manual.push({
              path: doc.path,
              line: node.position?.start.line ?? 1,
              url: node.url,
            });
          else if (edit) edits.push(edit);
        }
      }
    }
    record(doc, edits);
  }

  let redirects: RenamePlan['redirects'];
  const moved = moves.filter((m) => m.fromRoute !== m.toRoute);
  if (moved.length) {
    let list = [...input.redirects];
    for (const m of moved) list = addRedirect(list, m.fromRoute, m.toRoute);
    redirects = {
      list,
      added: moved.map((m) => ({ from: m.fromRoute, to: m.toRoute })),
    };
  }
  return { kind, from, to, changes, moves, redirects, manual };
}

/** The edit that points a link at a moved page's new file or address; 'manual' when the URL cannot be found verbatim. */
function linkEdit(
  doc: TextFile,
  node: MdNode,
  byPath: Map<string, Move>,
  byRoute: Map<string, Move>,
  config: HandbookConfig,
  lineStarts: number[],
): Edit | 'manual' | undefined {
  const url = node.url!;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined;
  const hash = url.indexOf('#');
  const target = (hash === -1 ? url : url.slice(0, hash)).split('?')[0];
  if (!target) return undefined;
  let decoded: string;
  try {
    decoded = decodeURI(target);
  } catch {
    return undefined;
  }
  let replacement: string | undefined;
  if (target.startsWith('/')) {
    const m = byRoute.get(normaliseRoute(decoded));
    if (!m) return undefined;
    replacement = (target.endsWith('/') && m.toRoute !== '/' ? `${m.toRoute}/` : m.toRoute) + url.slice(target.length);
  } else {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(doc.path), decoded));
    const m = byPath.get(resolved);
    if (!m) {
      // A relative page address without extension (`../roles/scribe`): resolve it like a route.
      const self = placeDocument(doc.path, config, parseFrontMatter(doc.text).data);
      if (!self || /\.mdx?$/.test(decoded)) return undefined;
      const isIndex = /(^|\/)(index|readme)\.mdx?$/i.test(doc.path);
      const route = normaliseRoute(path.posix.join(isIndex ? self.route : path.posix.dirname(self.route), decoded));
      const byR = byRoute.get(route);
      if (!byR) return undefined;
      const last = path.posix.basename(target.replace(/\/$/, ''));
      replacement =
        target.replace(new RegExp(`${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/?)$`), `${path.posix.basename(byR.toRoute)}$1`) + url.slice(target.length);
    } else {
      const oldName = path.posix.basename(m.from);
      const newName = path.posix.basename(m.to);
      if (!target.endsWith(oldName)) return 'manual';
      replacement = target.slice(0, target.length - oldName.length) + newName + url.slice(target.length);
    }
  }
  const span = offsets(lineStarts, node.position);
  if (!span) return 'manual';
  const [s, e] = span;
  const raw = doc.text.slice(s, e);
  const i = raw.lastIndexOf(url);
  if (i === -1) return 'manual';
  return { start: s + i, end: s + i + url.length, text: replacement };
}
