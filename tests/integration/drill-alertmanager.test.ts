/**
 * `handbook drill <exercise> --alertmanager-url` through a real Alertmanager: Debian's Alertmanager runs the config
 * `handbook export alertmanager --responder-url` writes, the drill posts the exercise's scripted alerts to it, and the
 * responder opens the incident from Alertmanager's webhook. Checks: the incident is marked `drill: true`, it is kept
 * out of the incident metrics, and the evidence record is written and counted by `handbook coverage`.
 * Expectations come from data/ and from the exercise's own front matter, never from the sample's values.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../plugins/lint/load';
import { routeAlert, alertRoutingData } from '../../plugins/incidents/alert-routing';
import { freePort, requireAlertmanager, startAlertmanager, startProcess, waitFor, type Proc } from './harness';
import { severityLevels } from '../../plugins/lint/registries';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'scripts/handbook.mjs');
const TOKEN = 'drill-am-token-0123456789abcdef';

let root: string;
let base: string;
let amUrl: string;
let responder: Proc | undefined;
let alertmanager: Proc | undefined;
let exercise: string;
let control: string;
let role: string;
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8' });
// One retry on a network error: a kept-alive connection the server closed while idle may fail once on a loaded machine.
const api = (p: string) =>
  fetch(`${base}${p}`, { headers: { authorization: `Bearer ${TOKEN}` } }).catch(() => fetch(`${base}${p}`, { headers: { authorization: `Bearer ${TOKEN}` } }));

beforeAll(async () => {
  requireAlertmanager();
  root = mkdtempSync(path.join(tmpdir(), 'responder-drill-am-'));
  for (const p of ['data', 'schemas', 'runbooks', 'handbook.config.yaml']) cpSync(path.join(REPO, p), path.join(root, p), { recursive: true });
  mkdirSync(path.join(root, 'docs'));
  mkdirSync(path.join(root, 'incidents'));
  cpSync(path.join(REPO, 'docs/exercises'), path.join(root, 'docs/exercises'), { recursive: true });
  const { project } = loadProject(root);

  // An exercise of the content that scripts an alert whose routed severity declares automatically (from data/).
  const levels = severityLevels(project);
  const routing = alertRoutingData(project);
  const known = { severities: levels.map((l) => l.id), services: project.registries.get('service') ?? [] };
  const declares = (labels: Record<string, string>) => levels.find((l) => l.id === routeAlert(labels, routing, known).severity)?.auto_declare === true;
  const files = readdirSync(path.join(root, 'docs/exercises')).filter((f) => /\.mdx?$/.test(f));
  const file = files.find((f) => {
    const fm = parse(readFileSync(path.join(root, 'docs/exercises', f), 'utf8').split(/^---$/m)[1]);
    return (fm?.injects ?? []).some((i: { alerts?: { labels: Record<string, string> }[] }) => (i.alerts ?? []).some((a) => declares(a.labels)));
  });
  if (!file) throw new Error('no exercise in docs/exercises scripts an alert that opens an incident');
  exercise = `exercises/${file.replace(/\.mdx?$/, '')}`;
  // The control this drill evidences: one the framework data marks as needing evidence (written into the copy).
  // The exercise's own first control, or else one the framework data marks as needing evidence (written into the copy).
  const exFile = path.join(root, 'docs/exercises', file);
  const text = readFileSync(exFile, 'utf8');
  const own: string[] = parse(text.split(/^---$/m)[1])?.controls ?? [];
  if (own.length) control = own[0];
  else {
    const fws = readdirSync(path.join(root, 'data/frameworks')).map((f) => parse(readFileSync(path.join(root, 'data/frameworks', f), 'utf8')));
    const fw = fws.find((f) => (f.controls ?? []).some((c: { evidence?: string }) => c.evidence === 'required')) ?? fws[0];
    const c = (fw.controls as { id: string; evidence?: string }[]).find((x) => x.evidence === 'required') ?? fw.controls[0];
    control = `${fw.id}:${c.id}`;
    writeFileSync(exFile, text.replace(/^---\n/, `---\ncontrols: [${JSON.stringify(control)}]\n`));
  }
  role = project.registries.get('role')![0];

  writeFileSync(path.join(root, '.tokens'), `drill:${TOKEN}\n`);
  writeFileSync(path.join(root, '.am-token'), `${TOKEN}\n`);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  responder = startProcess(process.execPath, [CLI, 'serve', '--port', String(port), '--token-file', '.tokens', '--tick-ms', '200'], {
    cwd: root,
    env: { HANDBOOK_TOKENS: '' },
  });
  await waitFor('the responder', async () => (await fetch(`${base}/healthz`)).ok, 180_000, 250).catch((e) => {
    throw new Error(`${e.message}\n${responder!.output()}`);
  });

  ({ proc: alertmanager, url: amUrl } = await startAlertmanager({ root, cli: CLI, responderUrl: base, tokenFile: path.join(root, '.am-token') }));
}, 300_000);

afterAll(async () => {
  await alertmanager?.stop();
  await responder?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('handbook drill through a real Alertmanager', () => {
  it('opens a drill incident through Alertmanager, keeps it out of the metrics, and writes evidence that coverage counts', async () => {
    const r = cli(
      'drill',
      exercise,
      '--alertmanager-url',
      amUrl,
      '--responder-url',
      base,
      '--token-file',
      '.tokens',
      '--speed',
      '100000',
      '--observe',
      '0m',
      '--settle',
      '3m',
      '--participant',
      `${role}=@drill-lead`,
    );
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(responder!.child.exitCode, responder!.output()).toBeNull();

    // The incident came through Alertmanager (its group key, not the drill's direct one) and is a drill.
    const drills = (await (await api('/api/incidents?drill=only')).json()).incidents;
    expect(drills.length).toBeGreaterThan(0);
    for (const i of drills) {
      expect(i.drill).toBe(true);
      expect(i.alert_group).not.toMatch(/^drill-/);
    }
    expect((await (await api('/api/incidents')).json()).incidents).toEqual([]);

    // Kept out of the metrics: no open incident and no incident opened; counted apart as a drill.
    const metrics = await (await api('/metrics')).text();
    const value = (name: string) =>
      metrics
        .split('\n')
        .filter((l) => l.startsWith(name))
        .map((l) => Number(l.split(' ').pop()));
    expect(value('handbook_open_incidents{').every((v) => v === 0)).toBe(true);
    expect(value('handbook_incidents_opened_total')).toEqual([0]);
    expect(value('handbook_alerts_received_total')).toEqual([0]);
    expect(value('handbook_open_drill_incidents')[0]).toBeGreaterThan(0);
    expect(value('handbook_drill_incidents_opened_total')[0]).toBe(drills.length);

    // The evidence record: written, naming the incident, and counted for the control by handbook coverage.
    const evidence = readdirSync(path.join(root, 'docs/evidence'));
    expect(evidence).toHaveLength(1);
    const record = readFileSync(path.join(root, 'docs/evidence', evidence[0]), 'utf8');
    expect(record).toContain('type: evidence');
    expect(record).toContain(`${drills[0].id} (`);
    expect(record).toContain(control);
    const cov = cli('coverage', '--format', 'json');
    expect(cov.stderr).not.toMatch(/internal error/);
    const frameworks = JSON.parse(cov.stdout) as { controls: { id: string; evidence: { relPath: string }[] }[] }[];
    const covered = frameworks.flatMap((f) => f.controls).find((x) => x.id === control);
    expect(covered?.evidence.map((e) => e.relPath)).toContain(`docs/evidence/${evidence[0]}`);
  }, 600_000);
});
