/**
 * End to end: Debian's Alertmanager sends real webhooks to `handbook serve`; a fake Slack and a fake pager record
 * what the responder sends. Time is injected (--clock-file): no test waits for an escalation timer. Expectations
 * come from data/ (the severity that auto-declares, its escalation policy), never from the sample's values.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../plugins/lint/load';
import { buildIndex, discoverFiles, prepareFile } from '../../plugins/lint/engine';
import { planSteps, type Policy } from '../../plugins/incidents/escalation';
import { AMTOOL, fakeTargets, freePort, requireAlertmanager, startAlertmanager, startProcess, waitFor, type Proc } from './harness';
import { escalationPolicies, severityLevels } from '../../plugins/lint/registries';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'scripts/handbook.mjs');
const T0 = Date.parse('2026-07-15T10:00:00Z'); // summer time in Europe: on-call in the rotation's zone
const TOKEN = 'alertmanager-token-0123456789abcdef';
const OPS = 'ops-token-abcdef0123456789abcdef';
const SLACK_SECRET = 'slack-signing-secret-for-the-test';

let root: string;
let clockFile: string;
let base: string;
let responderPort: number;
let responder: Proc | undefined;
let alertmanager: Proc | undefined;
let amUrl: string;
let fake: Awaited<ReturnType<typeof fakeTargets>>;
let top: { id: string; policy: Policy };
let alertA: { name: string; service: string; route: string };
const ALERT_B = 'HandbookSecondGroup';

// Written atomically (temporary file + rename): the responder never reads a half-written time.
const setClock = (ms: number) => {
  writeFileSync(`${clockFile}.tmp`, `${new Date(ms).toISOString()}\n`);
  renameSync(`${clockFile}.tmp`, clockFile);
};
const api = (p: string, init: RequestInit = {}, token: string | null = OPS) =>
  fetch(`${base}${p}`, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers ?? {}) },
  });
const incidents = async (): Promise<any[]> => (await (await api('/api/incidents?drill=include')).json()).incidents;
const incident = async (id: string): Promise<any> => (await api(`/api/incidents/${id}`)).json();
const entries = (inc: any): any[] => inc.escalation ?? [];
const pagerKeys = () => fake.received.filter((r) => r.path === '/pager').map((r) => String(r.body.key));

async function startResponder(extra: string[] = []): Promise<Proc> {
  const p = startProcess(
    process.execPath,
    [
      CLI,
      'serve',
      '--port',
      String(responderPort),
      '--token-file',
      path.join(root, '.tokens'),
      '--clock-file',
      clockFile,
      '--tick-ms',
      '100',
      '--rate-limit',
      '100000',
      ...extra,
    ],
    {
      cwd: root,
      env: { TEST_SLACK_URL: `${fake.url}/slack`, TEST_PAGER_URL: `${fake.url}/pager`, HANDBOOK_SLACK_SIGNING_SECRET: SLACK_SECRET, HANDBOOK_TOKENS: '' },
    },
  );
  await waitFor('the responder to answer /healthz', async () => (await fetch(`${base}/healthz`)).ok, 180_000, 250).catch((e) => {
    throw new Error(`${e.message}\n${p.output()}`);
  });
  return p;
}

function amtool(...args: string[]) {
  return execFileSync(AMTOOL, [`--alertmanager.url=${amUrl}`, ...args], { encoding: 'utf8' });
}

beforeAll(async () => {
  requireAlertmanager();
  root = mkdtempSync(path.join(tmpdir(), 'responder-e2e-'));
  for (const p of ['data', 'schemas', 'runbooks', 'handbook.config.yaml']) cpSync(path.join(REPO, p), path.join(root, p), { recursive: true });
  mkdirSync(path.join(root, 'docs'));
  mkdirSync(path.join(root, 'incidents'));
  // Our own routing and targets: every medium goes to the fake pager (a generic webhook, which carries the step key)
  // and chat and pages also to the fake Slack; email has no target, so such steps must be recorded as not delivered.
  const repoNotify = parse(readFileSync(path.join(REPO, 'data/notify-targets.yaml'), 'utf8'));
  writeFileSync(
    path.join(root, 'data/notify-targets.yaml'),
    stringify({
      targets: [
        { id: 'fake-slack', kind: 'slack', url_env: 'TEST_SLACK_URL' },
        { id: 'fake-pager', kind: 'webhook', url_env: 'TEST_PAGER_URL' },
      ],
      mediums: { page: ['fake-pager', 'fake-slack'], phone: ['fake-pager'], chat: ['fake-slack', 'fake-pager'], ticket: ['fake-pager'], email: [] },
      on_declare: repoNotify.on_declare,
    }),
  );
  const { project } = loadProject(root);
  const levels = severityLevels(project);
  const policies: Policy[] = escalationPolicies(project);
  const withPolicy = levels.filter((l) => l.auto_declare).map((l) => ({ id: l.id, policy: policies.find((p) => p.id === l.escalation_policy)! }));
  top = withPolicy.sort((a, b) => b.policy.steps.length - a.policy.steps.length)[0];
  if (!top) throw new Error('data/severity.yaml has no level with auto_declare: true');
  const docs = await Promise.all((await discoverFiles(project)).map((f) => prepareFile(project, f)));
  const index = buildIndex(project, docs);
  const services = project.registries.get('service') ?? [];
  // The heartbeat alert proves the pipeline works and opens nothing: group A is a runbook alert other than that one.
  const heartbeat = String(parse(readFileSync(path.join(REPO, 'data/alert-routing.yaml'), 'utf8')).heartbeat_alertname ?? 'Watchdog');
  const firstAlert = (d: { frontmatter: Record<string, unknown> }) =>
    Array.isArray(d.frontmatter.alerts) ? (d.frontmatter.alerts as string[]).find((a) => a !== heartbeat) : undefined;
  const rb = [...index.byPath.values()].find(
    (d) => d.type === 'runbook' && firstAlert(d) && (d.frontmatter.services as string[] | undefined)?.some((s) => services.includes(s)),
  )!;
  alertA = { name: firstAlert(rb)!, service: (rb.frontmatter.services as string[]).find((s) => services.includes(s))!, route: rb.route };
  writeFileSync(
    path.join(root, 'data/alert-routing.yaml'),
    stringify({
      default_severity: levels[levels.length - 1].id,
      default_service: alertA.service,
      default_incident_type: project.registries.get('incident-type')![0],
      mitigate_on_resolve: true,
      heartbeat_alertname: heartbeat,
      routes: [{ match: { severity: 'critical' }, severity: top.id }],
    }),
  );
  writeFileSync(path.join(root, '.tokens'), `# test tokens\nalertmanager:${TOKEN}\nops:${OPS}\n`);
  writeFileSync(path.join(root, '.am-token'), `${TOKEN}\n`);
  clockFile = path.join(root, '.clock');
  setClock(T0);
  fake = await fakeTargets();
  responderPort = await freePort();
  base = `http://127.0.0.1:${responderPort}`;
  responder = await startResponder();

  ({ proc: alertmanager, url: amUrl } = await startAlertmanager({ root, cli: CLI, responderUrl: base, tokenFile: path.join(root, '.am-token') }));
}, 300_000);

afterAll(async () => {
  await alertmanager?.stop();
  await responder?.stop();
  await fake?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('responder with a real Alertmanager', () => {
  let idA: string;
  let idB: string;
  const plan = () => planSteps(top.policy, new Date(T0));

  it('opens one incident per alert group, with the runbook and services, and sends the first page', async () => {
    const start = new Date(T0).toISOString();
    amtool(
      'alert',
      'add',
      `alertname=${alertA.name}`,
      'severity=critical',
      `service=${alertA.service}`,
      'instance=one',
      `--start=${start}`,
      '--annotation=summary=Errors everywhere',
    );
    amtool('alert', 'add', `alertname=${ALERT_B}`, 'severity=critical', `service=${alertA.service}`, 'instance=one', `--start=${start}`);
    await waitFor('two incidents', async () => (await incidents()).length >= 2);
    // More alerts of group A, and Alertmanager's own repeats: still one incident per group.
    amtool('alert', 'add', `alertname=${alertA.name}`, 'severity=critical', `service=${alertA.service}`, 'instance=two', `--start=${start}`);
    const list0 = await incidents();
    idA = list0.find((i) => i.title.startsWith(alertA.name)).id;
    idB = list0.find((i) => i.title.startsWith(ALERT_B)).id;
    await waitFor('the second alert of group A in the timeline', async () => (await incident(idA)).text.includes('Alerts firing again: 2'));
    const list = await incidents();
    expect(list.map((i) => i.id).sort()).toEqual([idA, idB].sort());
    const a = await incident(idA);
    expect(a.severity).toBe(top.id);
    expect(a.runbook).toBe(alertA.route);
    expect(a.services).toEqual([alertA.service]);
    expect(a.detected_at).toBe('2026-07-15T10:00:00Z');
    expect(a.alert_group).toContain(alertA.name);
    const firstSteps = plan().filter((s) => s.afterMs === 0);
    await waitFor('the steps due at detection', async () => {
      const inc = await incident(idA);
      return firstSteps.every((s) => entries(inc).some((e) => e.step === s.key && e.state === 'sent'));
    });
    for (const s of firstSteps) expect(pagerKeys().filter((k) => k === `${idA}/${s.key}`)).toHaveLength(1);
    const slack = fake.received.filter((r) => r.path === '/slack' && JSON.stringify(r.body).includes(idA));
    expect(slack.length).toBeGreaterThan(0);
    expect(slack[0].body.blocks?.length).toBeGreaterThan(0);
  }, 180_000);

  it('refuses requests without a valid token and Slack requests with a bad signature', async () => {
    expect((await api('/api/incidents', {}, null)).status).toBe(401);
    expect((await api('/api/incidents', {}, 'wrong-token-0123456789abcdef')).status).toBe(401);
    const r = await api('/hooks/alertmanager', { method: 'POST', body: JSON.stringify({ groupKey: 'x', status: 'firing', alerts: [] }) }, null);
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ error: 'a valid bearer token is required (Authorization: Bearer <token>)', status: 401 });
    const bad = await api('/api/incidents', { method: 'POST', body: JSON.stringify({ title: 'x' }) });
    expect(bad.status).toBe(400);
    // /metrics: loopback without a token is allowed.
    expect(await (await fetch(`${base}/metrics`)).text()).toContain(`handbook_open_incidents{severity="${top.id}"} 2`);

    const body = `command=%2Fincident&text=status+${idA}&user_name=amara`;
    const ts = String(Math.floor(Date.now() / 1000));
    const sign = (secret: string) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    const slack = (sig: string, t = ts) =>
      fetch(`${base}/hooks/slack`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': t, 'x-slack-signature': sig },
      });
    expect((await slack(sign('not-the-secret'))).status).toBe(401);
    expect((await slack(sign(SLACK_SECRET), String(Number(ts) - 600))).status).toBe(401);
    const ok = await slack(sign(SLACK_SECRET));
    expect(ok.status).toBe(200);
    expect((await ok.json()).text).toContain(idA);
  }, 60_000);

  it('runs the escalation in order; acknowledging stops only the responder chain; a kill -9 mid-escalation loses and repeats nothing', async () => {
    const steps = plan();
    const afters = [...new Set(steps.map((s) => s.afterMs))].sort((x, y) => x - y);
    expect(afters.length).toBeGreaterThan(1);
    const ackAt = T0 + Math.min(afters[1], 60_000) / 2;
    setClock(ackAt);
    const ack = await api(`/api/incidents/${idA}/events`, { method: 'POST', body: JSON.stringify({ type: 'acknowledged' }) });
    expect(ack.status, await ack.clone().text()).toBe(200);
    expect((await ack.json()).acknowledged_at).toBe(new Date(ackAt).toISOString().replace('.000Z', 'Z'));

    // Up to the second step time, then kill -9 between steps.
    setClock(T0 + afters[1]);
    const dueBy = (t: number) => steps.filter((s) => s.afterMs <= t);
    await waitFor('both incidents to record the steps due so far', async () => {
      const [a, b] = [await incident(idA), await incident(idB)];
      return (
        dueBy(afters[1]).every((s) => entries(a).some((e) => e.step === s.key) && entries(b).some((e) => e.step === s.key)) &&
        ![...entries(a), ...entries(b)].some((e) => e.state === 'sending')
      );
    });
    await responder!.stop('SIGKILL');
    setClock(T0 + afters[afters.length - 1] + 60_000);
    responder = await startResponder();
    await waitFor(
      'every step of both incidents',
      async () => {
        const [a, b] = [await incident(idA), await incident(idB)];
        return steps.every(
          (s) => entries(a).some((e) => e.step === s.key && e.state !== 'sending') && entries(b).some((e) => e.step === s.key && e.state !== 'sending'),
        );
      },
      120_000,
    );

    const a = await incident(idA);
    const b = await incident(idB);
    for (const s of steps) {
      const ea = entries(a).filter((e) => e.step === s.key);
      const eb = entries(b).filter((e) => e.step === s.key);
      expect(ea, `${idA} ${s.key}`).toHaveLength(1);
      expect(eb, `${idB} ${s.key}`).toHaveLength(1);
      // B was never acknowledged: every step ran (or is recorded as not delivered when its medium has no target).
      expect(eb[0].state, `${idB} ${s.key}`).toBe(s.via === 'email' ? 'undelivered' : 'sent');
      // A was acknowledged: responder-chain steps due after the acknowledgement are skipped, all others run.
      const skipped = s.responderChain && s.due.getTime() >= ackAt;
      expect(ea[0].state, `${idA} ${s.key}`).toBe(skipped ? 'skipped' : s.via === 'email' ? 'undelivered' : 'sent');
      if (skipped) expect(ea[0].detail).toBe('acknowledged');
      // Sent exactly once, across the restart.
      expect(
        pagerKeys().filter((k) => k === `${idB}/${s.key}`),
        `${idB} ${s.key}`,
      ).toHaveLength(s.via === 'email' ? 0 : 1);
      expect(
        pagerKeys().filter((k) => k === `${idA}/${s.key}`),
        `${idA} ${s.key}`,
      ).toHaveLength(skipped || s.via === 'email' ? 0 : 1);
    }
    // In the order the policy gives (by due time, data order within a minute).
    const order = pagerKeys()
      .filter((k) => k.startsWith(`${idB}/${top.policy.id}/`))
      .map((k) => k.slice(idB.length + 1));
    expect(order).toEqual(steps.filter((s) => s.via !== 'email').map((s) => s.key));
    expect(steps.some((s) => s.responderChain) && steps.some((s) => !s.responderChain)).toBe(true);
    expect([...entries(a), ...entries(b)].some((e) => e.state === 'unknown')).toBe(false);
  }, 300_000);

  it('records the resolution of the alerts and of the incident, and the records lint clean', async () => {
    const end = new Date(Date.now() - 1000).toISOString();
    const start = new Date(T0).toISOString();
    for (const instance of ['one', 'two'])
      amtool(
        'alert',
        'add',
        `alertname=${alertA.name}`,
        'severity=critical',
        `service=${alertA.service}`,
        `instance=${instance}`,
        `--start=${start}`,
        `--end=${end}`,
      );
    await waitFor('the resolved notification in the timeline', async () => (await incident(idA)).text.includes('All alerts of the group resolved'), 60_000);
    const mitigated = await incident(idA);
    expect(mitigated.status).toBe('monitoring');
    expect(mitigated.mitigated_at).toBeDefined();
    const r = await api(`/api/incidents/${idA}/events`, { method: 'POST', body: JSON.stringify({ type: 'status', status: 'resolved' }) });
    expect(r.status).toBe(200);
    const resolved = await incident(idA);
    expect(resolved.status).toBe('resolved');
    expect(resolved.text).toMatch(/Status: resolved.*\(by ops\)/);
    const open = (await (await api('/api/incidents?status=open')).json()).incidents.map((i: any) => i.id);
    expect(open).toEqual([idB]);
    const lint = spawnSync(process.execPath, [CLI, 'lint', 'incidents', '--format', 'json', '--now', '2026-07-16'], { cwd: root, encoding: 'utf8' });
    const results = JSON.parse(lint.stdout) as { filePath: string; messages: { message: string; severity: number }[] }[];
    const recordProblems = results
      .filter((f) => f.filePath.includes(`${path.sep}incidents${path.sep}`))
      .flatMap((f) => f.messages.filter((m) => m.severity === 2).map((m) => `${f.filePath}: ${m.message}`));
    expect(recordProblems).toEqual([]);
  }, 120_000);

  it('a kill -9 between the alert journal and the records loses nothing and opens nothing twice', async () => {
    const ALERT_C = 'HandbookThirdGroup';
    const journal = async () => (await api('/api/alert-journal')).json();
    const firingAgain = async (id: string) => ((await incident(id)).text.match(/Alerts firing again/g) ?? []).length;
    const beforeB = await firingAgain(idB);
    const before = (await incidents()).length;
    // A responder that acknowledges alerts (journal + fsync) but does not apply them, then dies.
    await responder!.stop();
    responder = await startResponder(['--hold-alerts']);
    const held = await journal();
    const start = new Date(T0).toISOString();
    amtool('alert', 'add', `alertname=${ALERT_C}`, 'severity=critical', `service=${alertA.service}`, 'instance=one', `--start=${start}`);
    amtool('alert', 'add', `alertname=${ALERT_B}`, 'severity=critical', `service=${alertA.service}`, 'instance=three', `--start=${start}`);
    await waitFor('Alertmanager to deliver both groups to the journal', async () => (await journal()).appended >= held.appended + 2);
    expect((await journal()).processed).toBe(held.processed);
    expect((await incidents()).some((i) => i.title.startsWith(ALERT_C))).toBe(false);
    await responder!.stop('SIGKILL');

    responder = await startResponder();
    await waitFor(
      'the journaled notifications applied after the restart',
      async () => (await journal()).pending === 0 && (await incidents()).some((i) => i.title.startsWith(ALERT_C)),
    );
    const list = await incidents();
    expect(list.filter((i) => i.title.startsWith(ALERT_C))).toHaveLength(1);
    expect(list).toHaveLength(before + 1);
    expect(await firingAgain(idB)).toBe(beforeB + 1);
    const idC = list.find((i) => i.title.startsWith(ALERT_C)).id;
    await waitFor('the first steps of the new incident', async () => entries(await incident(idC)).length > 0);

    // A crash after applying but before the checkpoint was written: the whole journal is replayed, and nothing changes.
    const texts = new Map(await Promise.all(list.map(async (i) => [i.id as string, await readRecord(i.id)] as const)));
    await responder!.stop('SIGKILL');
    const stateFile = path.join(root, '.handbook-state', 'alerts.journal.done');
    const [journalId] = readFileSync(stateFile, 'utf8').split('\n');
    writeFileSync(stateFile, `${journalId}\n0\n`);
    responder = await startResponder();
    await waitFor('the replayed journal', async () => (await journal()).pending === 0);
    const after = await incidents();
    expect(after.map((i) => i.id).sort()).toEqual(list.map((i) => i.id).sort());
    expect(await firingAgain(idB)).toBe(beforeB + 1);
    for (const [id, text] of texts)
      expect(
        timelineOf(await readRecord(id)).filter((l) => /Alert|alert/.test(l)),
        id,
      ).toEqual(timelineOf(text).filter((l) => /Alert|alert/.test(l)));
  }, 300_000);
});

async function readRecord(id: string): Promise<string> {
  return String((await incident(id)).text);
}

function timelineOf(text: string): string[] {
  return text.split('\n').filter((l) => l.startsWith('- **'));
}
