/**
 * The load memo (load-memo.ts): a second load of the same config, schemas and data gives the same project and data
 * problems without parsing and validating them again; any changed file is parsed and validated again.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPosition, loadProject, type LoadedProject } from '../../plugins/lint/load';
import { projectWith } from './helpers';

const home = mkdtempSync(path.join(tmpdir(), 'handbook-memo-home-'));
process.env.XDG_CACHE_HOME = home;

let root: string;
let cleanup: () => void;
const memo = path.join(home, 'memo/project.json');
beforeAll(() => {
  ({ root, cleanup } = projectWith({}));
});
afterAll(() => {
  cleanup?.();
  rmSync(home, { recursive: true, force: true });
});

/** What a load decides, as plain data: config, data values, registries, data problems, and positions in data files. */
function outcome({ project, dataProblems }: LoadedProject) {
  return JSON.stringify({
    config: project.config,
    data: Object.entries(project.data).map(([k, f]) => [k, f.relPath, f.text, f.value, dataPosition(f, [Object.keys(f.value as object)[0]])]),
    registries: [...project.registries],
    dataProblems,
  });
}
/** The memo file's identity: a load that writes it replaces the file (a new inode). */
const memoFile = () => statSync(memo).ino;

describe('the load memo', () => {
  it('gives the same project as a load without it, and is used by the next load', () => {
    const plain = outcome(loadProject(root));
    expect(outcome(loadProject(root, { memo }))).toBe(plain);
    const written = memoFile();
    expect(outcome(loadProject(root, { memo }))).toBe(plain);
    expect(memoFile()).toBe(written);
  });

  it('sees a data file changed: the new problems, the new values', () => {
    const file = path.join(root, 'data/services.yaml');
    const services = readFileSync(file, 'utf8');
    try {
      loadProject(root, { memo });
      writeFileSync(file, services.replace(/^services:\s*\n/m, 'services:\n  - nonsense\n'));
      const changed = loadProject(root, { memo });
      expect(changed.dataProblems.some((p) => p.file === 'data/services.yaml')).toBe(true);
      expect(outcome(changed)).toBe(outcome(loadProject(root)));
      writeFileSync(file, `${services}\nbroken: [\n`);
      expect(outcome(loadProject(root, { memo }))).toBe(outcome(loadProject(root)));
    } finally {
      writeFileSync(file, services);
    }
    expect(outcome(loadProject(root, { memo }))).toBe(outcome(loadProject(root)));
  });

  it('still refuses a config with an error after a good load was kept', () => {
    const file = path.join(root, 'handbook.config.yaml');
    const config = readFileSync(file, 'utf8');
    try {
      loadProject(root, { memo });
      writeFileSync(file, `${config}\nno_such_setting: 1\n`);
      expect(() => loadProject(root, { memo })).toThrow(/no_such_setting/);
    } finally {
      writeFileSync(file, config);
    }
  });
});
