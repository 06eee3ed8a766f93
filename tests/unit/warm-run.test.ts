/**
 * A full `lint --cache` run reuses the last full run's cross-document and project findings (plugins/lint/run-cache.ts)
 * only while nothing they depend on changed. Every case compares the warm run with a cold one over the same files,
 * and checks by the linter's counts (stats) whether findings were reused, never by timing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../plugins/lint/duration';
import { createLinter } from '../../plugins/lint/linter';
import { rules } from '../../plugins/lint/rules/index';
import type { FileResult, Level } from '../../plugins/lint/types';
import { fixtureProject, incidentRecord, INCIDENT_PATH, NOW, OK, projectWith } from './helpers';

const home = mkdtempSync(path.join(tmpdir(), 'handbook-warm-home-'));
process.env.XDG_CACHE_HOME = home;

let root: string;
let cleanup: () => void;
let stamp = Math.floor(Date.now() / 1000);
const LOCATION = path.join(home, 'warm/lint.json');
const file = (rel: string) => path.join(root, rel);
/** Writes a file with a modification time no earlier run saw (the cache trusts size and time, like ESLint). */
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(file(rel)), { recursive: true });
  writeFileSync(file(rel), text);
  stamp += 10;
  utimesSync(file(rel), stamp, stamp);
};
const read = (rel: string) => readFileSync(file(rel), 'utf8');
const page = (title: string, body: string) =>
  OK.replace('A fine reference page', title).replace('## Hello\n\nThis page is fine and has no problems at all.', body);

/** A severity whose postmortem is required, from the fixture's data: the incident below falls due half an hour after NOW. */
interface SeverityLevel {
  id: string;
  postmortem?: { required?: boolean; due_within?: string };
}
const levels = (fixtureProject().project.data.severity.value as { levels: SeverityLevel[] }).levels;
const required = levels.find((l) => l.postmortem?.required && l.postmortem.due_within)!;
const resolvedAt = new Date(NOW.getTime() + 30 * 60_000 - parseDuration(required.postmortem!.due_within!)!).toISOString();
const INCIDENT = incidentRecord(`resolved_at: "${resolvedAt}"\n`)
  .replace('status: investigating', 'status: resolved')
  .replace(/^severity: .*$/m, `severity: ${required.id}`);

const A = page('Page A', '## Hello\n\nSee [part B](./b.md#part-b) and [the manual](/files/manual.pdf).\n\nThe end.');
const B = page('Page B', '## Part B\n\nThis part is described here in enough words.');

beforeAll(() => {
  ({ root, cleanup } = projectWith({}));
  write('docs/a.md', A);
  write('docs/b.md', B);
  for (let i = 0; i < 6; i++) write(`docs/other-${i}.md`, page(`Other page ${i}`, `## Part ${i}\n\nSee [page B](./b.md#part-b).`));
  write(INCIDENT_PATH, INCIDENT);
  write('static/files/manual.pdf', 'a manual');
});
afterAll(() => {
  cleanup?.();
  rmSync(home, { recursive: true, force: true });
});

/** A warm run (the shared cache) and a cold one (no cache), which must agree byte for byte. */
async function warmAndCold(opts: { now?: Date; ruleLevels?: Record<string, Level> } = {}) {
  const settings = { root, rules, now: opts.now ?? NOW, workers: 0, ruleLevels: opts.ruleLevels, summaryCache: false as const };
  const linter = createLinter({ ...settings, cache: { location: LOCATION } });
  const warm = await linter.lintFiles();
  const cold = await createLinter(settings).lintFiles();
  expect(JSON.stringify(warm, null, 1)).toBe(JSON.stringify(cold, null, 1));
  const documents = warm.filter((r) => /\.mdx?$/.test(r.relPath)).length;
  return { warm, stats: linter.stats(), documents };
}
const messagesOf = (results: FileResult[], rel: string, ruleId: string) =>
  (results.find((r) => r.relPath === rel)?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);

describe('a warm full run', () => {
  it('reuses every finding when nothing changed, and checks no document', async () => {
    await warmAndCold();
    const { stats, documents } = await warmAndCold();
    expect(stats.checked).toBe(0);
    expect(stats.indexedReused).toBe(documents);
  });

  it('checks only a document whose body text changed, and reuses every cross-document finding', async () => {
    write('docs/a.md', A.replace('The end.', 'The end, for now.'));
    const snapshot = statSync(`${LOCATION}.run`).ino;
    const { stats, documents } = await warmAndCold();
    expect(stats.checked).toBe(1);
    expect(stats.indexedReused).toBe(documents);
    // Only the changed document's entry is written (the delta file), not the whole snapshot again.
    expect(statSync(`${LOCATION}.run`).ino).toBe(snapshot);
    write('docs/a.md', A.replace('The end.', 'The end, for now, really.'));
    expect((await warmAndCold()).stats.indexedReused).toBe(documents);
  });

  it('runs the cross-document rules again for a document whose links moved', async () => {
    write('docs/a.md', read('docs/a.md').replace('## Hello\n', '## Hello\n\nA new first paragraph.\n\nAnd a second one.\n'));
    write('docs/b.md', B.replace('## Part B', '## Part B\n\nSee [a missing part](./a.md#no-such-part).\n'));
    const { warm, stats, documents } = await warmAndCold();
    expect(stats.checked).toBe(2);
    expect(stats.indexedReused).toBe(documents - 2);
    expect(messagesOf(warm, 'docs/b.md', 'link-integrity')).toHaveLength(1);
    write('docs/b.md', B);
    await warmAndCold();
  });

  it('sees a heading renamed that other documents link to', async () => {
    write('docs/b.md', B.replace('## Part B', '## Part Bee'));
    const { warm } = await warmAndCold();
    expect(messagesOf(warm, 'docs/other-0.md', 'link-integrity')).toHaveLength(1);
    write('docs/b.md', B);
    const again = await warmAndCold();
    expect(messagesOf(again.warm, 'docs/other-0.md', 'link-integrity')).toEqual([]);
  });

  it('sees an incident id duplicated in another record', async () => {
    const other = 'incidents/2026/INC-0043-other.md';
    write(other, incidentRecord().replace('id: INC-0042', 'id: INC-0043'));
    expect(messagesOf((await warmAndCold()).warm, INCIDENT_PATH, 'duplicate-incident-id')).toEqual([]);
    write(other, incidentRecord());
    expect(messagesOf((await warmAndCold()).warm, INCIDENT_PATH, 'duplicate-incident-id')).toHaveLength(1);
    unlinkSync(file(other));
    expect(messagesOf((await warmAndCold()).warm, INCIDENT_PATH, 'duplicate-incident-id')).toEqual([]);
  });

  it('sees a document deleted and added again', async () => {
    unlinkSync(file('docs/b.md'));
    expect(messagesOf((await warmAndCold()).warm, 'docs/a.md', 'link-integrity')).toHaveLength(1);
    write('docs/b.md', B);
    expect(messagesOf((await warmAndCold()).warm, 'docs/a.md', 'link-integrity')).toEqual([]);
  });

  it('sees a data file changed', async () => {
    const services = read('data/services.yaml');
    write('data/services.yaml', `${services}\n# a comment\n`);
    const { stats } = await warmAndCold();
    expect(stats.indexedReused).toBe(0);
    write('data/services.yaml', services.replace(/^services:\s*\n/m, 'services:\n  - nonsense\n'));
    await warmAndCold();
    write('data/services.yaml', services);
    await warmAndCold();
  });

  it('sees a rule level changed on the command line or in the config', async () => {
    const off = await warmAndCold({ ruleLevels: { 'link-integrity': 'off', 'postmortem-due': 'warn' } });
    expect(off.stats.indexedReused).toBe(0);
    const config = read('handbook.config.yaml');
    write('handbook.config.yaml', config.replace('rules:\n', 'rules:\n  link-integrity: warn\n'));
    await warmAndCold();
    write('handbook.config.yaml', config);
    await warmAndCold();
  });

  it('sees a linked static file deleted (what link-integrity looked up outside the documents)', async () => {
    unlinkSync(file('static/files/manual.pdf'));
    const { warm, stats } = await warmAndCold();
    expect(stats.indexedReused).toBe(0);
    expect(messagesOf(warm, 'docs/a.md', 'link-integrity')).toHaveLength(1);
    write('static/files/manual.pdf', 'a manual');
    expect(messagesOf((await warmAndCold()).warm, 'docs/a.md', 'link-integrity')).toEqual([]);
  });

  it('runs again the rules that read the time when the time moved within the day', async () => {
    await warmAndCold();
    expect(messagesOf((await warmAndCold()).warm, INCIDENT_PATH, 'postmortem-due')).toEqual([]);
    const later = await warmAndCold({ now: new Date(NOW.getTime() + 60 * 60_000) });
    expect(messagesOf(later.warm, INCIDENT_PATH, 'postmortem-due')).toHaveLength(1);
    expect(later.stats.checked).toBe(0);
    expect(later.stats.indexedReused).toBeGreaterThan(0);
    expect(later.stats.indexedReused).toBeLessThan(later.documents);
  });
});
