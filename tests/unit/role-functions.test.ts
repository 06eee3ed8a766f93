import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roleWithFunction, rolesWithFunction } from '../../plugins/lib/roles';
import { fixtureProject, projectWith } from './helpers';
import { roleEntries } from '../../plugins/lint/registries';

const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');

describe('roles by function', () => {
  it('finds roles by what they do, from data', () => {
    const { project } = fixtureProject();
    const roles = project.data.roles.value;
    const command = roleEntries(project)
      .filter((r) => r.function === 'command')
      .map((r) => r.id);
    expect(command.length).toBeGreaterThan(0);
    expect(roleWithFunction(roles, 'command')).toBe(command[0]);
    expect(rolesWithFunction({ roles: [{ id: 'a', function: 'scribe' }, { id: 'b', function: 'scribe' }, { id: 'c' }] }, 'scribe')).toEqual(['a', 'b']);
    expect(roleWithFunction({ roles: [{ id: 'c' }] }, 'command')).toBeUndefined();
    expect(roleWithFunction(undefined, 'command')).toBeUndefined();
  });

  it('handbook incident open --commander records the command role under its id, whatever the id is', () => {
    const { root, cleanup } = projectWith({});
    try {
      const rolesFile = path.join(root, 'data/roles.yaml');
      const roles = fixtureProject().project.data.roles.value;
      const old = roleWithFunction(roles, 'command')!;
      // Renamed in data only: no code knows the new id.
      writeFileSync(rolesFile, readFileSync(rolesFile, 'utf8').replace(`id: ${old}\n`, 'id: response-lead-renamed\n'));
      mkdirSync(path.join(root, 'incidents'), { recursive: true });
      const r = spawnSync(
        process.execPath,
        [
          CLI,
          'incident',
          'open',
          '--title',
          'Checkout errors',
          '--severity',
          fixtureProject().project.registries.get('severity')![0],
          '--type',
          fixtureProject().project.registries.get('incident-type')![0],
          '--services',
          fixtureProject().project.registries.get('service')![0],
          '--commander',
          '@someone',
          '--now',
          '2026-11-23T10:00:00Z',
        ],
        { cwd: root, encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const dir = path.join(root, 'incidents/2026');
      const text = readFileSync(path.join(dir, readdirSync(dir)[0]), 'utf8');
      expect(text).toContain('roles:\n  response-lead-renamed: "@someone"\n');
    } finally {
      cleanup();
    }
  });
});
