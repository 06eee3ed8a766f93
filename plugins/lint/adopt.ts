/**
 * `handbook adopt`: gives an existing document the front matter its type needs, without touching its body.
 * The type comes from the front matter, the caller, the folder names or the headings (in that order); the title from
 * the first heading; keys a person must decide get a placeholder the linter reports. Running it again changes nothing.
 */
import path from 'node:path';
import { Document, type YAMLMap } from 'yaml';
import { parseFrontMatter } from './frontmatter';
import { normaliseTitle } from './rules/required-sections';
import { PLACEHOLDER, scaffoldFor } from './scaffold';
import type { Project } from './types';

export type TypeSource = 'front matter' | 'option' | 'folder' | 'headings' | 'default';

export interface AdoptOptions {
  type?: string;
  owner?: string;
  now?: Date;
}

export interface Adopted {
  text: string;
  changed: boolean;
  type?: string;
  typeSource?: TypeSource;
  /** Keys added to the front matter, in order. */
  added: string[];
  /** Why the file was left alone. */
  problem?: string;
}

/** Folder-name words that say what a document is. Only types the project configures are used. */
const FOLDER_WORDS: [RegExp, string][] = [
  [/^(runbooks?|playbooks?|run-books?|on-?call)$/, 'runbook'],
  [/^(post-?mortems?|retros?|retrospectives?|incident-reviews?|pirs?)$/, 'postmortem'],
  [/^(polic(y|ies)|standards?)$/, 'policy'],
  [/^(procedures?|process(es)?|checklists?|how-?tos?)$/, 'procedure'],
  [/^roles?$/, 'role'],
  [/^templates?$/, 'template'],
  [/^(training|courses?|onboarding)$/, 'training-module'],
  [/^(exercises?|game-?days?|tabletops?|drills?)$/, 'exercise'],
];

/** Headings that mark a type when at least two of them appear. */
const HEADING_WORDS: [string[], string][] = [
  [['root cause', 'root causes', 'contributing factors', 'lessons learned', 'action items', 'what went well', 'what went wrong'], 'postmortem'],
  [['symptoms', 'diagnosis', 'mitigation', 'troubleshooting', 'resolution', 'rollback', 'recovery', 'escalation', 'verification'], 'runbook'],
];

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/** ATX headings outside fenced code, as [depth, plain text]. */
export function headingsOf(body: string): [number, string][] {
  const out: [number, string][] = [];
  let fence: string | undefined;
  const lines = body.split('\n');
  lines.forEach((line, i) => {
    const f = FENCE.exec(line);
    if (f) {
      if (!fence) fence = f[1][0];
      else if (f[1][0] === fence) fence = undefined;
      return;
    }
    if (fence) return;
    const m = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (m && m[2]) out.push([m[1].length, plainText(m[2])]);
    // A setext heading: a line of text underlined with === (h1) or --- (h2).
    const under = /^\s{0,3}(=+|-+)\s*$/.exec(lines[i + 1] ?? '');
    if (!m && under && /\S/.test(line) && !/^\s{0,3}([-*+>]|\d+[.)])\s/.test(line) && !/^\s{0,3}(=+|-+)\s*$/.test(line)) {
      out.push([under[1][0] === '=' ? 1 : 2, plainText(line.trim())]);
    }
  });
  return out;
}

/** Inline Markdown to its text: links, images, emphasis, code and HTML tags. */
export function plainText(s: string): string {
  return s
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+.!<>-])/g, '$1')
    .trim();
}

export function inferType(project: Project, relPath: string, body: string): { type: string; source: TypeSource } {
  const known = project.config.types;
  // A folder's index page lists other pages: a reference page, whatever the folder holds.
  if (/(^|\/)(index|readme)\.mdx?$/i.test(relPath) && known.reference) return { type: 'reference', source: 'folder' };
  const dirs = relPath.split('/').slice(0, -1).reverse();
  for (const dir of dirs) {
    const word = dir.toLowerCase().replace(/^\d+[-_.]/, '');
    for (const [re, type] of FOLDER_WORDS) if (re.test(word) && known[type]) return { type, source: 'folder' };
  }
  const titles = new Set(headingsOf(body).map(([, t]) => normaliseTitle(t)));
  for (const [words, type] of HEADING_WORDS) {
    if (known[type] && words.filter((w) => titles.has(normaliseTitle(w))).length >= 2) return { type, source: 'headings' };
  }
  return { type: known.reference ? 'reference' : Object.keys(known)[0], source: 'default' };
}

function titleFromName(relPath: string): string {
  const base = path.posix
    .basename(relPath)
    .replace(/\.mdx?$/i, '')
    .replace(/^\d+[-_.]\s*/, '');
  const words = base.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Untitled';
}

export function adoptText(project: Project, relPath: string, original: string, opts: AdoptOptions = {}): Adopted {
  const bom = original.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = original.slice(bom.length);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lf = eol === '\n' ? text : text.replace(/\r\n/g, '\n');
  const fm = parseFrontMatter(lf);
  if (fm.problems.length) {
    const p = fm.problems[0];
    return { text: original, changed: false, added: [], problem: `line ${p.at.start.line}: ${p.message}; fix the front matter by hand, then run adopt again` };
  }
  const existing = fm.data;
  let type: string;
  let typeSource: TypeSource;
  if (existing.type !== undefined) {
    if (typeof existing.type !== 'string' || !project.config.types[existing.type]) {
      return {
        text: original,
        changed: false,
        added: [],
        problem: `its type "${String(existing.type)}" is not one of ${Object.keys(project.config.types).join(', ')}; correct it, then run adopt again`,
      };
    }
    type = existing.type;
    typeSource = 'front matter';
  } else if (opts.type) {
    type = opts.type;
    typeSource = 'option';
  } else ({ type, source: typeSource } = inferType(project, relPath, fm.content));

  const scaffold = scaffoldFor(project, type, opts.now)!;
  const add: Record<string, unknown> = {};
  for (const key of scaffold.requiredKeys) {
    if (key in existing) continue;
    if (key === 'title') {
      const heads = headingsOf(fm.content);
      add.title = (heads.find(([d]) => d === 1) ?? heads[0])?.[1] || titleFromName(relPath);
    } else if (key === 'owner') add.owner = opts.owner ?? PLACEHOLDER;
    else if (key === 'last_reviewed')
      add.last_reviewed = PLACEHOLDER; // nobody has reviewed it under this handbook yet
    else add[key] = scaffold.valueFor(key);
  }
  const added = Object.keys(add);
  if (!added.length) return { text: original, changed: false, type, typeSource, added };
  // One line per key; lists in flow style ([TODO]) so the block stays short.
  const lines = Object.entries(add)
    .map(([k, v]) => {
      const doc = new Document({ [k]: v });
      const value = (doc.contents as YAMLMap<unknown, { flow?: boolean }>).items[0].value;
      if (Array.isArray(v) && value) value.flow = true;
      return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
    })
    .join('');
  let out: string;
  if (fm.lineCount > 0) {
    // Append the new keys to the existing block, just before its closing fence; nothing else moves.
    const all = lf.split('\n');
    const closing = fm.lineCount - 1; // 0-based index of the closing fence line
    out = [...all.slice(0, closing), lines.replace(/\n$/, ''), ...all.slice(closing)].join('\n');
  } else {
    out = `---\n${lines}---\n\n${lf}`;
  }
  if (eol !== '\n') out = out.replace(/\n/g, eol);
  return { text: bom + out, changed: true, type, typeSource, added };
}
