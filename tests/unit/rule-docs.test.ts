/**
 * Each rule page's examples are checked against the rule itself (one source, as remark-lint does): a ```markdown
 * block holding a whole document, followed by a ```text block of `line:column  level  message  rule-id` lines, must be
 * exactly what the linter reports for that rule on that document. A block followed by prose instead is an example
 * that must pass the rule. Examples that are fragments (an incident's timestamps, a data file's entry) get the
 * project context they need from CONTEXT below: the document around them, other documents, changed data.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../plugins/lint/linter';
import { loadProject, type LoadedProject } from '../../plugins/lint/load';
import { rules } from '../../plugins/lint/rules/index';
import { FIXTURE } from './helpers';

const REPO = path.resolve(__dirname, '../..');
const DIR = path.join(REPO, 'docs/linter/rules');
const NOW = new Date('2026-11-23T12:00:00Z');
const loaded = loadProject(REPO);
const ids = new Set(rules.map((r) => r.meta.id));
const kindOf = new Map(rules.map((r) => [r.meta.id, r.meta.kind]));

interface Example {
  page: string;
  rule: string;
  /** Its place among the page's examples, from 0. */
  n: number;
  lang: string;
  /** The block as written. */
  body: string;
  /** The block as a document to lint; none for a ```text block that stands alone (it needs a CONTEXT entry). */
  doc?: string;
  /** Expected messages of the rule, in order; positions and levels are compared when the docs give them. */
  expected: string[];
}

/**
 * The "## Examples" section of a page: up to the next second-level heading outside a code block (an example
 * document has headings of its own).
 */
function examplesSection(text: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf('## Examples');
  if (start < 0) return '';
  let fence: string | undefined;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(lines[i])?.[1];
    if (fence) {
      if (open && open[0] === fence[0] && open.length >= fence.length && lines[i].trim() === open) fence = undefined;
    } else if (open) fence = open;
    else if (lines[i].startsWith('## ')) {
      end = i;
      break;
    }
  }
  return `${lines.slice(start, end).join('\n')}\n`;
}

/** A data registry (`roles:` followed by its entries), not front matter (`roles: [scribe]`). */
const REGISTRY = /^(levels|roles|teams|services|types|rotations|policies|controls):\s*$/m;
const BODY = '\n## Overview\n\nText.\n';

/**
 * A ```markdown (```mdx, ```jsx, ```html) block is a document (with front matter) or a body (wrapped in a reference page); a ```yaml
 * block is front matter (wrapped in a runbook unless it gives its title and type, or its own --- lines). The ```text
 * block right after it lists what the rule reports; an example followed by no text block is one the rule accepts.
 */
function asDocument(lang: string, body: string): string | undefined {
  if (/^(markdown|md|mdx|jsx|html)$/.test(lang)) return body.startsWith('---\n') ? body : `---\ntitle: Example page\ntype: reference\n---\n\n${body}`;
  if (lang !== 'yaml' || REGISTRY.test(body)) return undefined;
  if (body.startsWith('---\n')) return `${body}${BODY}`;
  return `---\n${/^title:/m.test(body) ? '' : 'title: Example page\n'}${/^type:/m.test(body) ? '' : 'type: runbook\n'}${body}---\n${BODY}`;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const name of readdirSync(DIR)
    .filter((n) => n.endsWith('.md'))
    .sort()) {
    const rule = name.replace(/\.md$/, '');
    if (!ids.has(rule)) continue;
    const section = examplesSection(readFileSync(path.join(DIR, name), 'utf8'));
    const blocks = [...section.matchAll(/^(`{3,4})(\w*)\n([\s\S]*?)^\1\n/gm)].map((m) => ({
      lang: m[2],
      body: m[3],
      start: m.index,
      end: m.index + m[0].length,
    }));
    const adjacent = (a: (typeof blocks)[number] | undefined, b: (typeof blocks)[number] | undefined) =>
      Boolean(a && b && section.slice(a.end, b.start).trim() === '');
    let n = 0;
    blocks.forEach((b, i) => {
      const lines = (text: string) => text.trim().split('\n');
      if (b.lang === 'text') {
        const prev = blocks[i - 1];
        if (!(adjacent(prev, b) && asDocument(prev.lang, prev.body)))
          out.push({ page: name, rule, n: n++, lang: b.lang, body: b.body, expected: lines(b.body) });
        return;
      }
      const doc = asDocument(b.lang, b.body);
      if (!doc) return;
      const next = blocks[i + 1];
      const expected = next?.lang === 'text' && adjacent(b, next) ? lines(next.body) : [];
      out.push({ page: name, rule, n: n++, lang: b.lang, body: b.body, doc, expected });
    });
  }
  return out;
}

const all = examples();
const pathFor = (e: Example) => {
  const ext = /^(mdx|jsx)$/.test(e.lang) ? 'mdx' : 'md';
  if (/^type: (incident|postmortem)$/m.test(e.doc ?? '')) return `incidents/2026/INC-0999-example.${ext}`;
  return /^type: runbook$/m.test(e.doc ?? '') ? `runbooks/example.${ext}` : `docs/example.${ext}`;
};

interface Expected {
  file?: string;
  at?: string;
  level?: string;
  message: string;
}

/**
 * Parses "6:1  error  message  rule-id", "warning  message  rule-id" or just "message"; a line holding only a path
 * (as the stylish output prints it) names the file of the messages below it.
 */
function parse(lines: string[], rule: string): Expected[] {
  let file: string | undefined;
  const out: Expected[] = [];
  for (const line of lines) {
    if (/^[\w./-]+\.(ya?ml|mdx?)$/.test(line)) {
      file = line;
      continue;
    }
    let rest = line.trim();
    const at = /^(\d+:\d+)\s+/.exec(rest)?.[1];
    if (at) rest = rest.slice(at.length).trim();
    const level = /^(error|warning|warn)\s{2,}/.exec(rest)?.[1];
    if (level) rest = rest.slice(level.length).trim();
    if (rest.endsWith(`  ${rule}`)) rest = rest.slice(0, -rule.length).trim();
    out.push({ file, at, level: level === 'warn' ? 'warning' : level, message: rest });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------------
// Context for examples that are fragments.

interface Setup {
  /** The document to lint and its path (default: the example as a document, at pathFor). */
  doc?: string;
  path?: string;
  /** Other in-memory documents. */
  files?: Record<string, string>;
  /** Use the project's documents on disk (the repository's, or the copy's) instead of in-memory ones only. */
  diskDocs?: boolean;
  project?: LoadedProject;
  now?: Date;
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A copy of the repository's content (or of the test fixture project) with some files changed, loaded. */
function projectCopy(base: 'repo' | 'fixture', changes: Record<string, string | ((text: string) => string)>): LoadedProject {
  const root = mkdtempSync(path.join(tmpdir(), 'handbook-docs-'));
  temps.push(root);
  if (base === 'fixture') cpSync(FIXTURE, root, { recursive: true, dereference: true });
  else
    for (const entry of ['handbook.config.yaml', 'schemas', 'data', 'docs', 'runbooks', 'incidents', 'monitoring', 'src/pages'])
      cpSync(path.join(REPO, entry), path.join(root, entry), { recursive: true });
  for (const [rel, change] of Object.entries(changes)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof change === 'string' ? change : change(readFileSync(file, 'utf8')));
  }
  return loadProject(root);
}

/** The repository's project with one rule's options taken away (its level kept). */
function withoutOptions(id: string): LoadedProject {
  const config = { ...loaded.project.config, rules: { ...loaded.project.config.rules, [id]: 'error' as const } };
  return { ...loaded, project: { ...loaded.project, config } };
}

const incident = (yaml: string) => `---\ntitle: Example incident\ntype: incident\n${yaml}---\n\n## Summary\n\nText.\n`;
const idOf = (yaml: string) => /^id: (\S+)/m.exec(yaml)?.[1] ?? 'INC-0999';

/** A fix written as the lines that change: its keys replace those of `base` (with their indented lines). */
function merged(base: string, fix: string): string {
  const keys = new Set([...fix.matchAll(/^([\w-]+):/gm)].map((m) => m[1]));
  let dropping = false;
  const kept = base.split('\n').filter((line) => {
    const key = /^([\w-]+):/.exec(line)?.[1];
    if (key !== undefined) dropping = keys.has(key);
    else if (!/^\s/.test(line)) dropping = false;
    return !dropping;
  });
  return `${kept.join('\n').replace(/\n*$/, '\n')}${fix}`;
}

/** Replaces the value of the first `key:` line after the line matching `after`. */
function setAfter(text: string, after: RegExp, key: string, value: string): string {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => after.test(l));
  const i = lines.findIndex((l, j) => j > from && new RegExp(`^\\s*${key}:`).test(l));
  expect(from >= 0 && i > from, `${after} then ${key}:`).toBe(true);
  lines[i] = lines[i].replace(new RegExp(`(${key}:\\s*)\\S.*$`), `$1${value}`);
  return lines.join('\n');
}

type Context = (e: Example, page: Example[]) => Setup | undefined;

/** The scenario of training-readiness.md: one required module, a weekly rotation of three, no record for @cid. */
function trainingProject(extra: Record<string, string> = {}): Setup {
  const record = (person: string) => `person: "@${person}"\nmodule: training/pager\nmodule_version: 1\nscore: 5\nquestions: 5\ncompleted_on: 2026-06-01\n`;
  const project = projectCopy('fixture', {
    'data/training.yaml': 'pass_mark: 80\nwarn_before: 14d\nrequirements:\n  - role: oncall-primary\n    modules: [training/pager]\n    renew_every: 365d\n',
    'data/oncall.yaml': `rotations:\n  - id: rota\n    name: Rota\n    team: sre\n    role: oncall-primary\n    length: 1w\n    start: "2026-01-05T09:00:00Z"\n    timezone: Europe/London\n    handoff: Monday 09:00\n    members: ["@ann", "@bob", "@cid"]\n`,
    'data/training-records/ann--pager--2026-06-01.yaml': record('ann'),
    'data/training-records/bob--pager--2026-06-01.yaml': record('bob'),
    ...extra,
  });
  return { project, files: { 'docs/training/pager.mdx': '---\ntitle: Pager\ntype: training-module\n---\n' } };
}

/**
 * What the fragments on these pages stand for. A page's examples are numbered from 0 in order (text blocks that stand
 * alone count); an example a function returns nothing for is a list of messages, not a scenario, and is not run.
 */
const CONTEXT: Record<string, Context> = {
  'action-items-overdue.md': (e) => ({
    doc: `---\ntitle: "Postmortem: Example"\ntype: postmortem\n${e.body.startsWith('action_items:') ? '' : 'action_items:\n'}${e.body}---\n${BODY}`,
    path: 'incidents/2026/INC-0903-example-postmortem.md',
  }),
  'incident-timeline.md': (e, page) => {
    if (!e.doc) return undefined;
    const yaml = e.n === 0 ? e.body : merged(page[0].body, e.body);
    return { doc: incident(yaml), path: `incidents/2026/${idOf(yaml)}-example.md` };
  },
  'postmortem-due.md': (e, page) => {
    const record = { doc: incident(page[0].body), path: `incidents/2026/${idOf(page[0].body)}-checkout-errors.md` };
    const postmortem = `incidents/2026/${idOf(page[0].body)}-checkout-errors-postmortem.md`;
    const fixed = page.find((x) => x.n > 0 && x.doc)?.doc ?? '';
    if (e.n === 0) return record;
    if (e.doc) return { ...record, files: { [postmortem]: e.doc } };
    return { ...record, files: { [postmortem]: fixed.replace(/^status: published$/m, 'status: draft') } };
  },
  'postmortem-review.md': (e, page) => {
    const base = page[0].doc ?? '';
    const id = /^incident: (\S+)/m.exec(base)?.[1] ?? '';
    const own = `incidents/2026/${id}-checkout-errors-postmortem.md`;
    const recordPath = `incidents/2026/${id}-checkout-errors.md`;
    const record = (fm: string) => ({ [recordPath]: incident(`id: ${id}\nstatus: closed\n${fm}`) });
    if (e.n === 0) return { path: own };
    if (e.n === 1) return { doc: base, path: own, files: record('severity: P1\nresolved_at: 2026-11-20T11:00:00Z\n') };
    const severity = /^severity: (\S+)/m.exec(base)?.[1] ?? '';
    return {
      doc: base.replace(/^review_meeting: .*$/m, 'review_meeting: 2026-11-24T09:00:00Z'),
      path: own,
      files: record(`severity: ${severity}\nresolved_at: 2026-11-20T11:00:00Z\npostmortem: ${path.posix.basename(own)}\n`),
    };
  },
  'link-integrity.md': (e) => {
    if (e.doc) return { path: 'runbooks/example.md', diskDocs: true };
    return {
      doc: '---\ntitle: Escalation\ntype: reference\n---\n\n## Start here\n\nSee [below](#start-her), [Redis](/runbooks/redis-failover) and [the rota](./on-call-rota).\n\n## Review\n\nText.\n',
      path: 'docs/escalation.mdx',
      diskDocs: true,
    };
  },
  // Exercise ids are the repository's exercise documents.
  'exercise-ref.md': () => ({ diskDocs: true }),
  // The page's sample values are on the repository's allowlist (so the page passes its own linter): without it.
  'no-personal-data.md': () => ({ project: withoutOptions('no-personal-data') }),
  'data-consistency.md': (e) => {
    if (e.n === 0) {
      const id = /id: (\S+)/.exec(e.body)?.[1] ?? '';
      const [, key, value] = /(\w+): (\S+)\s*$/.exec(e.body) ?? [];
      return { project: projectCopy('repo', { 'data/severity.yaml': (t) => setAfter(t, new RegExp(`^\\s*- id: ${id}$`), key, value) }), diskDocs: true };
    }
    const rotation = /Unknown rotation "([^"]+)"/.exec(e.body)?.[1];
    if (!rotation) return undefined;
    return { project: projectCopy('repo', { 'data/teams.yaml': (t) => setAfter(t, /^teams:$/, 'oncall_rotation', rotation) }), diskDocs: true };
  },
  'training-readiness.md': (e) => {
    if (e.n === 0) return { ...trainingProject(), now: new Date('2026-11-25T12:00:00Z') };
    if (e.n === 1) return { ...trainingProject(), now: new Date('2026-12-01T12:00:00Z') };
    const file = /^data\/training-records\/\S+\.yaml$/m.exec(e.expected.join('\n'))?.[0];
    return file ? { ...trainingProject({ [file]: e.body }), doc: undefined } : undefined;
  },
};

/**
 * ```text blocks that stand alone (after prose, a shell command or a data registry, not after a document) and that no
 * CONTEXT entry turns into a scenario: lists of a rule's other messages. Not checked; the list is kept exact.
 */
const UNCHECKED = [
  'control-coverage.md #0',
  'control-coverage.md #1',
  'control-coverage.md #2',
  'control-coverage.md #3',
  'data-consistency.md #2',
  'duplicate-incident-id.md #0',
  'freshness.md #1',
  'incident-timeline.md #2',
  'no-secrets.md #0',
  'required-sections.md #1',
];

interface Got {
  file: string;
  line: number;
  column: number;
  severity: number;
  message: string;
}

async function run(e: Example, setup: Setup): Promise<{ file: string; got: Got[] }> {
  const doc = 'doc' in setup ? setup.doc : e.doc;
  const file = setup.path ?? pathFor(e);
  const files = setup.diskDocs ? undefined : { ...(doc ? { [file]: doc } : {}), ...setup.files };
  const linter = createLinter({ project: setup.project ?? loaded, rules, files, now: setup.now ?? NOW, workers: 0, cache: false, summaryCache: false });
  const got: Got[] = [];
  const keep = (relPath: string, ms: { ruleId?: string; line: number; column: number; severity: number; message: string }[]) => {
    for (const m of ms) if (m.ruleId === e.rule) got.push({ file: relPath, line: m.line, column: m.column, severity: m.severity, message: m.message });
  };
  if (doc) keep(file, (await linter.lintText(file, doc)).messages);
  if (kindOf.get(e.rule) === 'project') for (const r of await linter.projectResults()) keep(r.relPath, r.messages);
  return { file, got };
}

describe('rule documentation examples', () => {
  it('finds examples on the rule pages', () => {
    expect(all.length).toBeGreaterThan(10);
  });
  const cases = all.map((e) => [`${e.page} #${e.n}`, e] as const);
  it('lists only standalone text blocks as unchecked', () => {
    expect(UNCHECKED.filter((id) => !all.some((e) => `${e.page} #${e.n}` === id && !e.doc))).toEqual([]);
  });
  it.each(cases)('%s', async (_name, e) => {
    const setup = CONTEXT[e.page]
      ? CONTEXT[e.page](
          e,
          all.filter((x) => x.page === e.page),
        )
      : e.doc
        ? {}
        : undefined;
    if (!setup) {
      expect(UNCHECKED).toContain(`${e.page} #${e.n}`);
      return;
    }
    const want = parse(e.expected, e.rule);
    const { file, got } = await run(e, setup);
    // Messages in the files the example names (stylish file lines), else in the linted document.
    const named = new Set(want.map((w) => w.file ?? file));
    const shown = got.filter((m) => named.has(m.file) || (!named.size && m.file === file));
    expect(
      shown.map((m, i) => ({
        ...(want[i]?.file ? { file: m.file } : {}),
        ...(want[i]?.at ? { at: `${m.line}:${m.column}` } : {}),
        ...(want[i]?.level ? { level: m.severity === 2 ? 'error' : 'warning' } : {}),
        message: m.message,
      })),
    ).toEqual(
      want.map((w) => ({ ...(w.file ? { file: w.file } : {}), ...(w.at ? { at: w.at } : {}), ...(w.level ? { level: w.level } : {}), message: w.message })),
    );
  });
});
