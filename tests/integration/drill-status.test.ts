/** `handbook drill` through the responder, and `handbook status build` publishing only public fields. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../plugins/lint/load';
import { publicFields } from '../../plugins/incidents/status-page';
import { fakeTargets, freePort, startProcess, waitFor, type Proc } from './harness';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'scripts/handbook.mjs');
const TOKEN = 'drill-token-0123456789abcdef';
let root: string;
let base: string;
let responder: Proc | undefined;
let fake: Awaited<ReturnType<typeof fakeTargets>>;
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8' });
const api = (p: string, init: RequestInit = {}) =>
  fetch(`${base}${p}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...(init.body ? { 'content-type': 'application/json' } : {}) } });

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'responder-drill-'));
  for (const p of ['data', 'schemas', 'runbooks', 'handbook.config.yaml']) cpSync(path.join(REPO, p), path.join(root, p), { recursive: true });
  mkdirSync(path.join(root, 'docs'));
  cpSync(path.join(REPO, 'docs/exercises'), path.join(root, 'docs/exercises'), { recursive: true });
  mkdirSync(path.join(root, 'incidents'));
  writeFileSync(path.join(root, '.tokens'), `drill:${TOKEN}\n`);
  fake = await fakeTargets();
  base = `http://127.0.0.1:${await freePort()}`;
  responder = startProcess(process.execPath, [CLI, 'serve', '--port', base.split(':').pop()!, '--token-file', '.tokens', '--tick-ms', '200'], {
    cwd: root,
    env: { HANDBOOK_SLACK_WEBHOOK_URL: `${fake.url}/slack` },
  });
  await waitFor('the responder', async () => (await fetch(`${base}/healthz`)).ok, 180_000, 250).catch((e) => {
    throw new Error(`${e.message}\n${responder!.output()}`);
  });
}, 300_000);

afterAll(async () => {
  await responder?.stop();
  await fake?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('handbook drill and the status page', () => {
  let id: string;
  it('plays the scripted alerts into the responder, marks the incident as a drill and writes evidence', async () => {
    // The first exercise that scripts alerts, from the content itself.
    const exercises = readdirSync(path.join(root, 'docs/exercises')).filter((f) => /\.mdx?$/.test(f));
    const withAlerts = exercises.find((f) => /^\s+alerts:/m.test(readFileSync(path.join(root, 'docs/exercises', f), 'utf8')))!;
    expect(withAlerts).toBeDefined();
    const r = cli(
      'drill',
      `exercises/${withAlerts.replace(/\.mdx?$/, '')}`,
      '--responder-url',
      base,
      '--token-file',
      '.tokens',
      '--speed',
      '100000',
      '--observe',
      '0m',
      '--participant',
      'oncall-primary=@drill',
    );
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const drills = (await (await api('/api/incidents?drill=only')).json()).incidents;
    expect(drills.length).toBeGreaterThan(0);
    expect(drills.every((i: any) => i.drill === true)).toBe(true);
    id = drills[0].id;
    // Drills are not counted as real incidents.
    expect((await (await api('/api/incidents')).json()).incidents).toEqual([]);
    const evidence = readdirSync(path.join(root, 'docs/evidence'));
    expect(evidence).toHaveLength(1);
    const lint = cli('lint', `docs/evidence/${evidence[0]}`, `incidents`, '--format', 'json');
    // Only the files the drill wrote: project-wide findings about the partial copy of the handbook are not its business.
    const problems = (JSON.parse(lint.stdout) as any[])
      .filter((f) => f.filePath.includes(`${path.sep}docs${path.sep}evidence${path.sep}`) || f.filePath.includes(`${path.sep}incidents${path.sep}`))
      .flatMap((f) =>
        f.messages
          .filter((m: any) => m.severity === 2 && !['control-coverage', 'data-consistency', 'link-integrity'].includes(m.ruleId))
          .map((m: any) => `${f.filePath}: ${m.ruleId} ${m.message}`),
      );
    expect(problems).toEqual([]);
    expect(readFileSync(path.join(root, 'docs/evidence', evidence[0]), 'utf8')).toContain(`${id} (`);
  }, 180_000);

  it('publishes only the fields marked public, for incidents with a customer-facing update', async () => {
    const declared = await api('/api/incidents', {
      method: 'POST',
      body: JSON.stringify({
        title: 'Checkout slow for some customers',
        severity: loadProject(root).project.registries.get('severity')![0],
        services: [loadProject(root).project.registries.get('service')![0]],
      }),
    });
    expect(declared.status).toBe(201);
    const real = (await declared.json()).id;
    const up = await api(`/api/incidents/${real}/events`, {
      method: 'POST',
      body: JSON.stringify({ type: 'public-update', text: 'We are looking into slow checkouts.' }),
    });
    expect(up.status).toBe(200);
    // A drill with a public update is still never published.
    await api(`/api/incidents/${id}/events`, {
      method: 'POST',
      body: JSON.stringify({ type: 'public-update', text: 'Drill text that must not be published.' }),
    });
    const r = cli('status', 'build', '-o', 'status-out', '--site-url', 'https://status.example.com');
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(path.join(root, 'status-out/status.json'), 'utf8'));
    expect(json.incidents.map((i: any) => i.id)).toEqual([real]);
    const allowed = publicFields(JSON.parse(readFileSync(path.join(root, 'schemas/incident.schema.json'), 'utf8')));
    for (const key of Object.keys(json.incidents[0])) expect(allowed).toContain(key);
    const html = readFileSync(path.join(root, 'status-out/index.html'), 'utf8');
    expect(html).toContain('We are looking into slow checkouts.');
    expect(html).not.toContain('Drill text');
    expect(readFileSync(path.join(root, 'status-out/status.atom'), 'utf8')).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    // The responder serves the same page publicly.
    const served = await fetch(`${base}/status.json`);
    expect(served.status).toBe(200);
    expect((await served.json()).incidents.map((i: any) => i.id)).toEqual([real]);
    expect(parse(readFileSync(path.join(root, 'status-out/status.json'), 'utf8')).status).toBe('incident');
  }, 120_000);
});
