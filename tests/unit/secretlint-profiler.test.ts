/**
 * secretlint's profiler must stay off: while it is on, every file adds performance marks that the profiler keeps and
 * re-scans on each new mark, so the cost of one file grows with the number of files already checked in the process.
 * This test counts that work instead of timing it: after checking many files in one process, no performance mark
 * was recorded and the profiler holds no entries, exactly as after one file.
 */
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { secretLintProfiler } from '@secretlint/profiler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretlintProfilerEnabled } from '../../plugins/lint/secretlint';
import { lintDocs } from './helpers';

// Each document contains words that pass the rule's prefilter, so secretlint really runs on every one.
const doc = (i: number) => `---\ntitle: Rotation note ${i}\ntype: reference\n---\n\nRotate the api token and the password for service ${i} in the vault.\n`;

describe('secretlint profiler', () => {
  let observed = 0;
  const observer = new PerformanceObserver((list) => {
    observed += list.getEntries().length;
  });
  beforeAll(() => observer.observe({ entryTypes: ['mark', 'measure'] }));
  afterAll(() => observer.disconnect());

  const marks = () => performance.getEntriesByType('mark').length;
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0)); // let the observer callback run

  async function checkFiles(n: number) {
    for (let i = 0; i < n; i++) {
      const rel = `docs/note-${i}.md`;
      await lintDocs({ [rel]: doc(i) }, rel, { rule: 'no-secrets' });
    }
    await flush();
  }

  it('is switched off as soon as the rule is loaded', () => {
    expect(secretlintProfilerEnabled()).toBe(false);
  });

  it('records no work per file, after 1 file as after 60 files', async () => {
    const marksBefore = marks();
    const observedBefore = observed;
    await checkFiles(1);
    const afterOne = { marks: marks() - marksBefore, observed: observed - observedBefore, kept: (await secretLintProfiler.getEntries()).length };
    await checkFiles(60);
    const afterMany = { marks: marks() - marksBefore, observed: observed - observedBefore, kept: (await secretLintProfiler.getEntries()).length };
    expect(afterOne).toEqual({ marks: 0, observed: 0, kept: 0 });
    expect(afterMany).toEqual(afterOne);
    expect((await secretLintProfiler.getMeasures()).length).toBe(0);
  });

  it('would record marks if it were on (the counting above can see them)', async () => {
    secretLintProfiler.setEnabled(true);
    try {
      const before = marks();
      await checkFiles(3);
      expect(marks() - before).toBeGreaterThan(0);
    } finally {
      secretLintProfiler.setEnabled(false);
    }
    expect((await secretLintProfiler.getEntries()).length).toBe(0);
  });
});
