import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { listProfiles, renameLevels } from '../../plugins/lib/profiles';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'scripts/handbook.mjs');

describe('renameLevels', () => {
  it('renames all ids at once, so a shift never chains, and leaves longer tokens alone', () => {
    const map = { A0: 'A1', A1: 'A2', A2: 'A2' };
    const r = renameLevels(
      'severity: A0\nseverities: [A0, A1, A2]\nA10 and XA0 stay; <SeverityFact level="A1" /> [see](./escalation.mdx#a0) #severity-a1',
      map,
    );
    expect(r.text).toBe('severity: A1\nseverities: [A1, A2]\nA10 and XA0 stay; <SeverityFact level="A2" /> [see](./escalation.mdx#a1) #severity-a2');
    expect(r.count).toBe(6);
  });
  it('an identity map changes nothing', () => {
    expect(renameLevels('A0 A1', { A0: 'A0', A1: 'A1' })).toEqual({ text: 'A0 A1', count: 0 });
  });
});

describe('every profile in profiles/', () => {
  const profiles = listProfiles(ROOT);
  const current: string[] = parse(readFileSync(path.join(ROOT, 'data/severity.yaml'), 'utf8')).levels.map((l: { id: string }) => l.id);
  const temps: string[] = [];
  afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

  it('profiles exist, each maps every current level to one of its own levels', () => {
    expect(profiles.length).toBeGreaterThan(0);
    for (const p of profiles) {
      for (const l of current) expect(p.levels, `${p.id} maps ${l}`).toContain(p.map[l]);
      const sev = parse(readFileSync(path.join(p.dir, 'severity.yaml'), 'utf8'));
      expect(
        sev.levels.map((l: { id: string }) => l.id),
        p.id,
      ).toEqual(p.levels);
    }
  });

  for (const p of listProfiles(ROOT)) {
    it(`"handbook profile use ${p.id}" in a copy of the handbook lints with no errors`, () => {
      const tmp = mkdtempSync(path.join(tmpdir(), `handbook-profile-${p.id}-`));
      temps.push(tmp);
      for (const part of ['data', 'schemas', 'profiles', 'docs', 'runbooks', 'incidents', 'static', 'monitoring', 'src/pages', 'handbook.config.yaml']) {
        if (existsSync(path.join(ROOT, part))) cpSync(path.join(ROOT, part), path.join(tmp, part), { recursive: true });
      }
      const env = { ...process.env, HANDBOOK_NOW: undefined, NO_COLOR: '1' };
      const use = spawnSync(process.execPath, [CLI, 'profile', 'use', p.id], { cwd: tmp, encoding: 'utf8', env });
      expect(use.stderr).toBe('');
      expect(use.status).toBe(0);
      const sev = parse(readFileSync(path.join(tmp, 'data/severity.yaml'), 'utf8'));
      expect(sev.levels.map((l: { id: string }) => l.id)).toEqual(p.levels);
      // Lint with the real date, like the handbook's own self-lint: the content must be valid today.
      const lint = spawnSync(process.execPath, [CLI, 'lint', '--quiet', '--format', 'json'], { cwd: tmp, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
      const results: { filePath: string; messages: { message: string; severity: number }[] }[] = JSON.parse(lint.stdout);
      const errors = results.flatMap((f) => f.messages.filter((m) => m.severity === 2).map((m) => `${f.filePath}: ${m.message}`));
      expect(errors).toEqual([]);
      expect(lint.status).toBe(0);
    }, 900_000);
  }
});
