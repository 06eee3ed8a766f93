import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex, prepareFile } from '../../plugins/lint/engine';
import { createLinter } from '../../plugins/lint/linter';
import { rules } from '../../plugins/lint/rules/index';
import { fixHeadings, fixText, keepsContent, linkTarget, type ParsedText } from '../../plugins/lint/fix';
import { fixtureProject, NOW, runbook } from './helpers';

const project = () => fixtureProject().project;

async function parsed(rel: string, text: string): Promise<ParsedText> {
  const d = await prepareFile(project(), path.join(project().root, rel), text);
  return { text, tree: d.tree!, frontmatter: d.fm!.data };
}

/** Fixes `target` among `files`, then lints the result with the same files. */
async function fixAndLint(files: Record<string, string>, target: string) {
  const p = project();
  const docs = await Promise.all(Object.entries(files).map(([rel, text]) => prepareFile(p, path.join(p.root, rel), text)));
  const index = buildIndex(p, docs);
  const parse = async (text: string) => {
    const d = await prepareFile(p, path.join(p.root, target), text);
    return d.fatal || !d.tree ? undefined : { text, tree: d.tree, frontmatter: d.fm!.data };
  };
  const fixed = await fixText(p, index, target, files[target], parse, { now: NOW, exists: () => false });
  const doc = await prepareFile(p, path.join(p.root, target), fixed.text);
  void doc;
  const after = await createLinter({
    project: { project: p, dataProblems: [] },
    rules,
    files: { ...files, [target]: fixed.text },
    now: NOW,
    workers: 0,
  }).lintText(target, fixed.text);
  return { fixed, messages: after.messages };
}

describe('--fix', () => {
  it('removes an h1 that repeats the title and closes up skipped levels, moving subheadings along', async () => {
    const text = '---\ntitle: Disk full\ntype: reference\n---\n\n# Disk full\n\nIntro.\n\n### Check\n\n##### Detail\n\n### Act\n';
    const r = fixHeadings(await parsed('docs/disk.md', text));
    expect(r.text).toBe('---\ntitle: Disk full\ntype: reference\n---\n\nIntro.\n\n## Check\n\n### Detail\n\n## Act\n');
    expect(r.count).toBe(4);
  });

  it('demotes other h1s, and rewrites a setext heading it must change', async () => {
    const text = '---\ntitle: Disk full\ntype: reference\n---\n\nIntro.\n\n# Appendix\n\n## Notes\n\nMore\n====\n';
    expect(fixHeadings(await parsed('docs/disk.md', text)).text).toBe(
      '---\ntitle: Disk full\ntype: reference\n---\n\nIntro.\n\n## Appendix\n\n### Notes\n\n## More\n',
    );
  });

  it('adds missing front matter keys and scaffolds missing sections in order; only placeholders remain', async () => {
    const body = runbook().split('---\n\n')[1];
    const partial = body.replace(/## Impact\n\n[^\n]+\n\n/, '').replace(/## References\n\n[^\n]+\n/, '');
    const text = `---\ntitle: Database connection failure\ntype: runbook\nservices: [orders-db]\nseverities: [P1]\nalerts: [DbConnectionsExhausted]\n---\n\n${partial}`;
    const { fixed, messages } = await fixAndLint({ 'runbooks/db.md': text }, 'runbooks/db.md');
    expect(fixed.counts).toMatchObject({ 'front matter': 3, sections: expect.any(Number) });
    expect(fixed.counts.sections).toBeGreaterThanOrEqual(2);
    expect(fixed.text).toMatch(/\n## Symptoms\n[\s\S]*\n## Impact\n\nTODO: [\s\S]*\n## Diagnosis\n/);
    expect(fixed.text).toMatch(/\n## References\n\nTODO: .*\n$/);
    expect([...new Set(messages.map((m) => m.ruleId))]).toEqual(['no-placeholders']);
    expect(keepsContent(text, fixed.text)).toBe(true);
  });

  it('points a broken link at the one document it can mean; leaves ambiguous and missing ones alone', () => {
    const p = project();
    const docs = [
      'runbooks/legacy/procedures/db-failover.md',
      'runbooks/legacy/database/replica-lag.md',
      'runbooks/a/notes.md',
      'runbooks/b/notes.md',
      'docs/guide.md',
    ];
    const index = buildIndex(
      p,
      docs.map((relPath) => ({ abs: '', relPath, frontmatter: {}, anchors: [], links: [], keyPositions: {}, disables: [], fatal: false })),
    );
    const from = 'runbooks/legacy/database/connection-storm.md';
    const t = (url: string) => linkTarget(p, index, from, url, () => false);
    expect(t('db-failover.md')).toBe('../procedures/db-failover.md');
    expect(t('../../procedures/db-failover.md#before-you-start')).toBe('../procedures/db-failover.md#before-you-start');
    expect(t('replica-lag.md')).toBeUndefined(); // it exists: nothing to fix
    expect(t('notes.md')).toBeUndefined(); // two candidates
    expect(t('escalation.md')).toBeUndefined(); // none
    expect(t('../../../docs/guide.md')).toBe('/guide'); // another content root: its site path
    expect(t('https://example.com/x.md')).toBeUndefined();
  });

  it('refuses a result that would lose words', () => {
    expect(keepsContent('one two two three', 'one two three')).toBe(false);
    expect(keepsContent('see [x](a.md) now', 'see [x](../b/a.md) now, added')).toBe(true);
  });
});
