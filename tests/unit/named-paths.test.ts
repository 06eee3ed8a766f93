/**
 * Linting named paths does the work those files need: document rules on them, and cross-document and project rules
 * from the other documents' summaries, which are computed once and then read from the summary cache. Checked by
 * what the linter reports it did (stats), never by timing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinter } from '../../plugins/lint/linter';
import { rules } from '../../plugins/lint/rules/index';
import { NOW, OK, projectWith } from './helpers';

const home = mkdtempSync(path.join(tmpdir(), 'handbook-summary-home-'));
process.env.XDG_CACHE_HOME = home;

const OTHERS = 12;
let root: string;
let cleanup: () => void;
const page = (title: string, heading: string, body = 'This page is fine and has no problems at all.') =>
  OK.replace('A fine reference page', title).replace('## Hello', `## ${heading}`).replace('This page is fine and has no problems at all.', body);
const write = (rel: string, text: string) => writeFileSync(path.join(root, rel), text);
const linter = (extra: { summaryCache?: false; cache?: { location: string } } = {}) =>
  createLinter({ root, rules, now: NOW, workers: 0, ruleLevels: { 'data-consistency': 'off' }, ...extra });
const linkErrors = (results: Awaited<ReturnType<ReturnType<typeof linter>['lintFiles']>>, rel: string) =>
  results
    .find((r) => r.relPath === rel)!
    .messages.filter((m) => m.ruleId === 'link-integrity')
    .map((m) => m.message);

beforeAll(() => {
  ({ root, cleanup } = projectWith({}));
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  for (let i = 0; i < OTHERS; i++) write(`docs/other-${i}.md`, page(`Other page ${i}`, `Part ${i}`));
  write('docs/target.md', page('Target page', 'Start', 'See [the other page](./other-3.md#part-3).'));
});
afterAll(() => {
  cleanup?.();
  rmSync(home, { recursive: true, force: true });
});

describe('linting named paths', () => {
  it('parses every document once, then only the named ones; the others come from their summaries', async () => {
    const first = linter();
    const r1 = await first.lintFiles(['docs/target.md']);
    expect(r1.filter((r) => r.relPath.startsWith('docs/')).map((r) => r.relPath)).toEqual(['docs/target.md']);
    expect(linkErrors(r1, 'docs/target.md')).toEqual([]);
    expect(first.stats()).toMatchObject({ parsed: OTHERS + 1, checked: 1, summariesReused: 0 });

    // A new process (a new linter): the other documents are not parsed again.
    const second = linter();
    const r2 = await second.lintFiles(['docs/target.md']);
    expect(linkErrors(r2, 'docs/target.md')).toEqual([]);
    expect(second.stats()).toMatchObject({ parsed: 1, checked: 1, summariesReused: OTHERS });
  });

  it('sees a change in another document: the changed one is parsed again, and the cross-document rule reports on it', async () => {
    write('docs/other-3.md', page('Other page 3', 'A renamed part'));
    const l = linter();
    const r = await l.lintFiles(['docs/target.md']);
    expect(linkErrors(r, 'docs/target.md')).toHaveLength(1);
    expect(linkErrors(r, 'docs/target.md')[0]).toContain('part-3');
    expect(l.stats()).toMatchObject({ parsed: 2, checked: 1, summariesReused: OTHERS - 1 });
    write('docs/other-3.md', page('Other page 3', 'Part 3'));
  });

  it('forgets a deleted document: a link to it is reported', async () => {
    write('docs/other-9.md', page('Other page 9', 'Part 9'));
    write('docs/target.md', page('Target page', 'Start', 'See [nine](./other-9.md).'));
    expect(linkErrors(await linter().lintFiles(['docs/target.md']), 'docs/target.md')).toEqual([]);
    rmSync(path.join(root, 'docs/other-9.md'));
    const l = linter();
    expect(linkErrors(await l.lintFiles(['docs/target.md']), 'docs/target.md')).toHaveLength(1);
    expect(l.stats().parsed).toBe(1);
    write('docs/other-9.md', page('Other page 9', 'Part 9'));
    write('docs/target.md', page('Target page', 'Start', 'See [the other page](./other-3.md#part-3).'));
    await linter().lintFiles(['docs/target.md']); // other-9 is back: its summary is computed once more
  });

  it('gives the same findings with and without the summary cache', async () => {
    write('docs/target.md', page('Target page', 'Start', 'See [missing](./other-3.md#nowhere) and [fine](./other-4.md#part-4).'));
    const cached = linter();
    const plain = linter({ summaryCache: false });
    const a = await cached.lintFiles(['docs/target.md']);
    const b = await plain.lintFiles(['docs/target.md']);
    expect(a).toEqual(b);
    expect(linkErrors(a, 'docs/target.md')).toHaveLength(1);
    expect(plain.stats().parsed).toBe(OTHERS + 1);
    expect(cached.stats().parsed).toBe(1);
  });

  it('the remark plugin path (lintText) reads the summaries too', async () => {
    const l = linter();
    const result = await l.lintText('docs/target.md', page('Target page', 'Start', 'See [x](./other-5.md#part-5).'));
    expect(result.messages.filter((m) => m.ruleId === 'link-integrity')).toEqual([]);
    expect(l.stats()).toMatchObject({ parsed: 1, summariesReused: OTHERS + 1 });
  });

  it('a full run checks every document', async () => {
    const l = linter({ summaryCache: false });
    await l.lintFiles(['docs']);
    expect(l.stats()).toMatchObject({ parsed: OTHERS + 1, checked: OTHERS + 1 });
  });
});
