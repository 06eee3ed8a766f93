/** The linter object: configuration checks, rule settings, placeholder decisions, named paths and shards. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../plugins/lint/errors';
import { createLinter } from '../../plugins/lint/linter';
import { rules } from '../../plugins/lint/rules/index';
import type { DocumentRule, FileResult } from '../../plugins/lint/types';
import { brief, lintDocs, NOW, OK, projectWith, runbook } from './helpers';

let root: string;
let cleanup: () => void;
const config = () => readFileSync(path.join(root, 'handbook.config.yaml'), 'utf8');
/** A copy of the fixture whose config gets `extra` lines: under `rules:` when they start with two spaces, else at the end. */
const withConfig = (extra: string) => {
  const p = projectWith({});
  const file = path.join(p.root, 'handbook.config.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, extra.startsWith('  ') ? text.replace(/^rules:\n/m, `rules:\n${extra}\n`) : `${text}\n${extra}\n`);
  return p;
};

beforeAll(() => {
  ({ root, cleanup } = projectWith({}));
  mkdirSync(path.join(root, 'runbooks'), { recursive: true });
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  for (let i = 0; i < 5; i++) writeFileSync(path.join(root, `docs/page-${i}.md`), i === 3 ? `${OK}\nOwner: TODO.\n` : OK);
  writeFileSync(path.join(root, 'runbooks/db.md'), runbook({ body: `${runbook().split('---\n\n')[1]}\n[broken](../docs/none.md)\n` }));
});
afterAll(() => cleanup?.());

describe('configuration', () => {
  it('refuses an unknown rule id, suggesting the nearest one', () => {
    expect(config()).not.toContain('no-placeholder:');
    const p = withConfig('  no-placeholder: warn');
    try {
      expect(() => createLinter({ root: p.root, rules })).toThrow(ConfigError);
      expect(() => createLinter({ root: p.root, rules })).toThrow(
        /handbook\.config\.yaml:\d+: unknown rule "no-placeholder" in rules: did you mean "no-placeholders"\?/,
      );
    } finally {
      p.cleanup();
    }
  });

  it('refuses an unknown rule id in --rule and in overrides', () => {
    expect(() => createLinter({ root, rules, ruleLevels: { freshnes: 'off' } })).toThrow('--rule: unknown rule "freshnes": did you mean "freshness"?');
    const p = withConfig('  freshness: warn');
    try {
      expect(() => createLinter({ root: p.root, rules })).not.toThrow();
    } finally {
      p.cleanup();
    }
  });

  it("checks a rule's options against its schema, and refuses options for a rule that takes none", () => {
    const bad = withConfig('  no-secrets: [error, {allow: ["x"]}]');
    const none = withConfig('  owner-ref: [warn, {depth: 3}]');
    try {
      expect(() => createLinter({ root: bad.root, rules })).toThrow(/options of rule "no-secrets": .*allow/);
      expect(() => createLinter({ root: none.root, rules })).toThrow('rule "owner-ref" takes no options; write owner-ref: warn');
    } finally {
      bad.cleanup();
      none.cleanup();
    }
  });

  it('reports a moved top-level setting as deprecated, naming the new place, and still applies it', async () => {
    const p = withConfig('placeholders: ["\\\\bWIP\\\\b"]');
    try {
      mkdirSync(path.join(p.root, 'docs'), { recursive: true });
      writeFileSync(path.join(p.root, 'docs/wip.md'), OK.replace('This page', 'WIP this page'));
      const results = await createLinter({ root: p.root, rules, now: NOW, workers: 0, ruleLevels: { 'data-consistency': 'off' } }).lintFiles(['docs/wip.md']);
      const cfg = results.find((r) => r.relPath === 'handbook.config.yaml')!;
      expect(cfg.messages.map((m) => [m.ruleId, m.severity, m.message])).toEqual([
        ['config-deprecated', 1, '"placeholders" is deprecated: move it under its rule, rules: {no-placeholders: [error, {patterns: [...]}]}'],
      ]);
      expect(brief(results.find((r) => r.relPath === 'docs/wip.md')!.messages)).toEqual([
        [8, 1, 'Placeholder "WIP" left in the document: replace it with the real content'],
      ]);
    } finally {
      p.cleanup();
    }
  });
});

describe('placeholders are decided once, by the engine', () => {
  const text = runbook().replace('owner: data-platform', 'owner: TODO');
  it('with no-placeholders on, `owner: TODO` is its finding only', async () => {
    const ms = await lintDocs({ 'runbooks/x.md': text }, 'runbooks/x.md');
    expect(ms.map((m) => m.ruleId)).toEqual(['no-placeholders']);
  });
  it('with no-placeholders off, owner-ref still reports it', async () => {
    const ms = await lintDocs({ 'runbooks/x.md': text }, 'runbooks/x.md', { ruleLevels: { 'no-placeholders': 'off' } });
    expect(ms.map((m) => [m.ruleId, m.line, m.message])).toEqual([['owner-ref', 4, expect.stringMatching(/^Unknown team "TODO" in "owner": known: /)]]);
  });
});

describe('inline disables', () => {
  it('cannot silence a security rule', async () => {
    const body = `${runbook().split('---\n\n')[1]}\n<!-- handbook-disable-next-line no-secrets -- an example -->\nexport GITHUB_TOKEN=ghp_${'A1b2C3d4'.repeat(5)}\n`;
    const ms = await lintDocs({ 'runbooks/x.md': runbook({ body }) }, 'runbooks/x.md');
    expect(ms.map((m) => m.ruleId)).toEqual(['inline-config', 'no-secrets']);
    expect(ms[0].message).toBe(
      'Security rule "no-secrets" cannot be disabled by a comment: fix the finding, or add a reviewed allowlist entry to handbook.config.yaml',
    );
  });
});

describe('rules passed in', () => {
  const shout: DocumentRule<{ word: string }, 'found'> = {
    meta: {
      id: 'no-shouting',
      kind: 'document',
      description: 'No shouting.',
      severity: 'warn',
      messages: { found: 'Shouting "{{word}}"' },
      schema: { type: 'object', properties: { word: { type: 'string' } }, additionalProperties: false },
      defaultOptions: { word: 'HELLO' },
    },
    check(ctx) {
      const i = ctx.text.indexOf(ctx.options.word);
      if (i !== -1)
        ctx.report({ messageId: 'found', data: { word: ctx.options.word }, at: { start: { line: ctx.text.slice(0, i).split('\n').length, column: 1 } } });
    },
  };
  it('runs only the rules it is given, with message ids, data, level and url', async () => {
    const ms = await lintDocs({ 'docs/x.md': `${OK}\nHELLO\n` }, 'docs/x.md', { rules: [...rules, shout], rule: 'no-shouting' });
    expect(ms).toEqual([
      { ruleId: 'no-shouting', messageId: 'found', severity: 1, message: 'Shouting "HELLO"', line: 10, column: 1, url: '/linter/rules/no-shouting' },
    ]);
  });
});

describe('lintFiles', () => {
  const ids = (rs: FileResult[]) => rs.map((r) => r.relPath).sort();
  it('checks only the named files, while cross-document rules still see every document', async () => {
    const linter = createLinter({ root, rules, now: NOW, workers: 0, ruleLevels: { 'data-consistency': 'off' } });
    const results = await linter.lintFiles(['runbooks/db.md']);
    expect(ids(results).filter((p) => p.endsWith('.md'))).toEqual(['runbooks/db.md']);
    const db = results.find((r) => r.relPath === 'runbooks/db.md')!;
    expect(db.messages.map((m) => m.ruleId)).toEqual(['link-integrity']);
  });

  it('splits files across shards: together they check every file once, and project findings come from shard 1 only', async () => {
    const linter = createLinter({ root, rules, now: NOW, workers: 0 });
    const all = await linter.lintFiles();
    const shards = [];
    for (let i = 1; i <= 3; i++) shards.push(await linter.lintFiles(undefined, { shard: { index: i, count: 3 } }));
    const docs = (rs: FileResult[]) => ids(rs).filter((p) => /\.mdx?$/.test(p));
    expect(shards.flatMap(docs).sort()).toEqual(docs(all));
    expect(new Set(shards.flatMap(docs)).size).toBe(docs(all).length);
    const nonDocs = (rs: FileResult[]) => ids(rs).filter((p) => !/\.mdx?$/.test(p));
    expect(nonDocs(shards[0])).toEqual(nonDocs(all));
    expect([...nonDocs(shards[1]), ...nonDocs(shards[2])]).toEqual([]);
    const messages = (rs: FileResult[]) => rs.flatMap((r) => r.messages.map((m) => `${r.relPath}:${m.line}:${m.ruleId}`)).sort();
    expect(shards.flatMap(messages).sort()).toEqual(messages(all));
  });
});
