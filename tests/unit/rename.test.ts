import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addRedirect, formatRedirects, readRedirects } from '../../plugins/lint/redirects';
import { referenceKeys } from '../../plugins/lint/reference-keys';
import { planRename, RenameError, type RenameInput, type TextFile } from '../../plugins/lint/rename';
import { placeDocument } from '../../plugins/lint/routes';
import { repoCopy, roleWithPage } from '../rename-copy';
import { FIXTURE, fixtureProject } from './helpers';

const KEYS = referenceKeys(path.join(FIXTURE, 'schemas'));
const project = () => fixtureProject().project;
const ids = (kind: string) => project().registries.get(kind)!;

function plan(kind: string, from: string, to: string, documents: TextFile[], dataFiles: TextFile[] = [], extra: Partial<RenameInput> = {}) {
  return planRename({ project: project(), kind, from, to, documents, dataFiles, redirects: [], referenceKeys: KEYS, exists: () => false, ...extra });
}
const after = (p: ReturnType<typeof plan>, file: string) => p.changes.find((c) => c.path === file)?.after;

describe('planRename', () => {
  it('rewrites front matter, component properties and links, and moves the page named after the id with a redirect', () => {
    const [role, other] = ids('role');
    const page = `---\ntitle: The role\ntype: role\nrole: ${role}\n---\n\n<RoleField role="${role}" field="what" />\n\nMentions ${role} in prose and \`${role}\` in code.\n`;
    const index = [
      '---',
      'title: Roles',
      'type: reference',
      `roles: [${other}, ${role}]`,
      '---',
      '',
      `- [file](./roles/${role}.mdx#what), [site path](/roles/${role}), [relative address](roles/${role}), [other](/roles/${other})`,
      `- [defined][d]`,
      '',
      `[d]: /roles/${role}/`,
      '',
    ].join('\n');
    const p = plan('role', role, 'renamed-role', [
      { path: `docs/roles/${role}.mdx`, text: page },
      { path: 'docs/index.md', text: index },
    ]);
    expect(p.moves).toEqual([
      { from: `docs/roles/${role}.mdx`, to: 'docs/roles/renamed-role.mdx', fromRoute: `/roles/${role}`, toRoute: '/roles/renamed-role' },
    ]);
    expect(p.redirects?.added).toEqual([{ from: `/roles/${role}`, to: '/roles/renamed-role' }]);
    // Prose and code keep their words: they are not references.
    expect(after(p, `docs/roles/${role}.mdx`)).toBe(page.replace(`role: ${role}`, 'role: renamed-role').replace(`role="${role}"`, 'role="renamed-role"'));
    expect(after(p, 'docs/index.md')).toBe(
      index
        .replace(`[${other}, ${role}]`, `[${other}, renamed-role]`)
        .replace(`./roles/${role}.mdx#what`, './roles/renamed-role.mdx#what')
        .replace(`(/roles/${role})`, '(/roles/renamed-role)')
        .replace(`(roles/${role})`, '(roles/renamed-role)')
        .replace(`[d]: /roles/${role}/`, '[d]: /roles/renamed-role/'),
    );
    expect(p.manual).toEqual([]);
  });

  it('renames map keys keyed by the id (incident roles) and leaves equal strings elsewhere alone', () => {
    const [role] = ids('role');
    const incident = `---\ntitle: Checkout down\ntype: incident\nroles:\n  ${role}: "@ann"\nsummary: ${role}\n---\n\nText.\n`;
    const p = plan('role', role, 'lead', [{ path: 'incidents/2026/INC-0001-x.md', text: incident }]);
    expect(after(p, 'incidents/2026/INC-0001-x.md')).toBe(incident.replace(`  ${role}: "@ann"`, '  lead: "@ann"'));
    expect(p.moves).toEqual([]);
    expect(p.redirects).toBeUndefined();
  });

  it('renames a severity in its registry, in data that refers to it and in alert rule files, keeping quotes and comments', () => {
    const [level] = ids('severity');
    const registry = readFileSync(path.join(FIXTURE, 'data/severity.yaml'), 'utf8');
    const rules = `groups:\n  - name: x\n    rules:\n      - alert: HighErrorRate # comment kept\n        labels: {severity: "${level}"}\n        annotations: {summary: "${level} is mentioned here"}\n`;
    const p = plan(
      'severity',
      level,
      'SEV-A',
      [],
      [
        { path: 'data/severity.yaml', text: registry },
        { path: 'monitoring/app.rules.yml', text: rules },
      ],
    );
    const reg = parse(after(p, 'data/severity.yaml')!) as { levels: { id: string }[] };
    expect(reg.levels.map((l) => l.id)).toEqual(ids('severity').map((id) => (id === level ? 'SEV-A' : id)));
    expect(after(p, 'monitoring/app.rules.yml')).toBe(rules.replace(`{severity: "${level}"}`, '{severity: "SEV-A"}'));
  });

  it('refuses, naming the problem, when the old id is missing, the new one exists, or the id or kind is not valid', () => {
    const [role, other] = ids('role');
    const refusal = (kind: string, from: string, to: string, extra: Partial<RenameInput> = {}) => {
      try {
        plan(kind, from, to, [], [], extra);
      } catch (e) {
        expect(e).toBeInstanceOf(RenameError);
        return (e as Error).message;
      }
      return 'no refusal';
    };
    expect(refusal('role', 'no-such-role', 'x')).toMatch(/^there is no role "no-such-role" in data\/roles\.yaml: the role ids are /);
    expect(refusal('role', role, other)).toBe(`a role "${other}" already exists in data/roles.yaml: choose another id, or merge the two by hand`);
    expect(refusal('role', role, 'Bad Id')).toMatch(/^"Bad Id" is not a valid role id: use lowercase letters/);
    expect(refusal('policy', 'a', 'b')).toBe('unknown kind "policy": rename one of severity, role, team, service');
    expect(refusal('role', role, role)).toBe(`the old and the new role id are the same ("${role}")`);
    const page = { path: `docs/roles/${role}.md`, text: `---\ntitle: The role\ntype: role\nrole: ${role}\n---\n\nText.\n` };
    expect(() => plan('role', role, 'taken', [page], [], { exists: (p) => p === 'docs/roles/taken.md' })).toThrow(
      `docs/roles/${role}.md would move to docs/roles/taken.md, which already exists: move or remove it first`,
    );
  });
});

describe('redirects', () => {
  it('adds an entry, repoints older entries (no chains), and drops one whose page came back', () => {
    expect(addRedirect([], '/a', '/b')).toEqual([{ from: '/a', to: '/b' }]);
    expect(addRedirect([{ from: '/a', to: '/b' }], '/b', '/c')).toEqual([
      { from: '/a', to: '/c' },
      { from: '/b', to: '/c' },
    ]);
    expect(addRedirect([{ from: '/a', to: '/b' }], '/b', '/a')).toEqual([{ from: '/b', to: '/a' }]);
  });

  it('keeps the comments at the top of the file', () => {
    expect(formatRedirects([{ from: '/a', to: '/b' }], '# mine\n\nredirects: []\n')).toBe('# mine\n\nredirects:\n  - {from: /a, to: /b}\n');
  });
});

const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');
const ENV = (() => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return env;
})();

describe('handbook rename on a copy of this repository', { timeout: 600_000 }, () => {
  let root: string;
  let cleanup: () => void;
  let role: string;
  let page: string;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: ENV });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout;

  beforeAll(() => {
    ({ root, cleanup } = repoCopy());
    ({ role, page } = roleWithPage(root));
  });
  afterAll(() => cleanup?.());

  it('--dry-run prints the plan and writes nothing', () => {
    const r = run('rename', 'role', role, 'renamed-role', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Would rename role "${role}" to "renamed-role":\n`);
    expect(r.out).toContain(`  move ${page} -> ${path.posix.dirname(page)}/renamed-role${path.posix.extname(page)}\n`);
    expect(r.out).toMatch(/Nothing was written \(--dry-run\)\.\n$/);
    expect(git('status', '--porcelain')).toBe('');
  });

  it('refuses with exit 2 when the new id exists or the old one does not', () => {
    const other = (parse(readFileSync(path.join(root, 'data/roles.yaml'), 'utf8')) as { roles: { id: string }[] }).roles.find((r) => r.id !== role)!.id;
    const taken = run('rename', 'role', role, other);
    expect(taken.code).toBe(2);
    expect(taken.err).toBe(`handbook: rename: a role "${other}" already exists in data/roles.yaml: choose another id, or merge the two by hand\n`);
    const missing = run('rename', 'team', 'no-such-team', 'x');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^handbook: rename: there is no team "no-such-team" in data\/teams\.yaml/);
    expect(git('status', '--porcelain')).toBe('');
  });

  it('renames a role from data: the project lints with 0 errors, the page moved with git mv, and its old address redirects', () => {
    const config = { roots: [{ path: 'docs', route: '/' }] } as Parameters<typeof placeDocument>[1];
    const target = `${path.posix.dirname(page)}/renamed-role${path.posix.extname(page)}`;
    const r = run('rename', 'role', role, 'renamed-role');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Changed \d+ files, moved \d+ \(git mv\), added \d+ redirects?\. Run "handbook lint" to check the result\.$/m);
    expect(existsSync(path.join(root, page))).toBe(false);
    expect(git('status', '--porcelain').split('\n')).toContain(`RM ${page} -> ${target}`);
    const roles = (parse(readFileSync(path.join(root, 'data/roles.yaml'), 'utf8')) as { roles: { id: string }[] }).roles.map((x) => x.id);
    expect(roles).toContain('renamed-role');
    expect(roles).not.toContain(role);
    expect(readRedirects(root)).toContainEqual({ from: placeDocument(page, config)!.route, to: placeDocument(target, config)!.route });
    const lint = run('lint', '--format', 'json');
    const results = JSON.parse(lint.out) as { filePath: string; errorCount: number; messages: { message: string }[] }[];
    expect(results.filter((x) => x.errorCount > 0).map((x) => [x.filePath, x.messages.map((m) => m.message)])).toEqual([]);
    expect(lint.code).toBe(0);
  });
});
