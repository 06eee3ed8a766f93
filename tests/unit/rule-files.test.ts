/**
 * Adding a rule touches its file, its test and its docs page only: the rule list is generated from the folder, and
 * this test checks that the list is current and that every rule has the other two files and the typed meta.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../plugins/lint/rules/index';
import { ENGINE_RULES } from '../../plugins/lint/ruleset';

const REPO = path.resolve(__dirname, '../..');

describe('rule files', async () => {
  const gen = (await import(path.join(REPO, 'plugins/lint/rules-index.mjs'))) as {
    indexSource: () => string;
    ruleFiles: () => [string, string][];
    INDEX: string;
  };

  it('the rule list is generated from the folder and current (run "npm run rules:index" when this fails)', () => {
    expect(readFileSync(gen.INDEX, 'utf8')).toBe(gen.indexSource());
  });

  it('has rules', () => {
    expect(rules.length).toBe(gen.ruleFiles().length);
    expect(rules.length).toBeGreaterThan(10);
  });

  it.each(rules.map((r) => [r.meta.id, r] as const))('%s: named after its file, typed meta, a test table and a docs page', (id, rule) => {
    expect(gen.ruleFiles().map(([f]) => f)).toContain(id);
    expect(id in ENGINE_RULES).toBe(false);
    expect(existsSync(path.join(REPO, 'tests/unit/rules', `${id}.test.ts`))).toBe(true);
    expect(existsSync(path.join(REPO, 'docs/linter/rules', `${id}.md`))).toBe(true);
    const meta = rule.meta as unknown as Record<string, unknown>;
    expect(['document', 'cross-document', 'project']).toContain(meta.kind);
    expect(meta.scope).toBeUndefined();
    const messages = meta.messages as Record<string, string>;
    expect(Object.keys(messages).length).toBeGreaterThan(0);
    expect(Object.keys(messages)).not.toContain('legacy');
  });

  it('every engine check has a docs page', () => {
    expect(Object.keys(ENGINE_RULES).filter((id) => !existsSync(path.join(REPO, 'docs/linter/rules', `${id}.md`)))).toEqual([]);
  });
});
