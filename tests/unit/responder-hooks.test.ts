/**
 * Every inbound hook the README and docs promise, through the Fastify host (inject, no network) and the alert
 * journal: Alertmanager (version 4), Grafana's Alertmanager-compatible webhook, the Slack slash command and the
 * Acknowledge button (signed), and PagerDuty's webhooks (signed or with a token). Expectations come from data/.
 */
import { createHmac } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadProject } from '../../plugins/lint/load';
import { parseTokens } from '../../plugins/responder/auth';
import { buildServer } from '../../plugins/responder/server';
import { Responder } from '../../plugins/incidents/responder';
import { IncidentStore } from '../../plugins/incidents/store';
import { Notifier } from '../../plugins/incidents/targets';
import { AlertIntake } from '../../plugins/incidents/alert-intake';
import { Journal } from '../../plugins/incidents/journal';
import type { AlertmanagerPayload } from '../../plugins/incidents/alert-routing';
import { severityLevels } from '../../plugins/lint/registries';

const REPO = path.resolve(__dirname, '../..');
const TOKEN = 'hooks-token-0123456789abcdef';
const SLACK_SECRET = 'slack-signing-secret-hooks';
const PD_SECRET = 'pagerduty-webhook-secret-hooks';
const NOW = new Date('2026-07-01T10:05:00Z');
let root: string;
let app: FastifyInstance;
let intake: AlertIntake;
let responder: Responder;
let top: string;
let service: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'responder-hooks-'));
  for (const p of ['data', 'schemas', 'handbook.config.yaml']) cpSync(path.join(REPO, p), path.join(root, p), { recursive: true });
  mkdirSync(path.join(root, 'incidents'));
  const { project } = loadProject(root);
  const levels = severityLevels(project);
  top = levels.find((l) => l.auto_declare)!.id;
  service = project.registries.get('service')![0];
  writeFileSync(
    path.join(root, 'data/alert-routing.yaml'),
    stringify({
      default_severity: levels[levels.length - 1].id,
      default_service: service,
      default_incident_type: project.registries.get('incident-type')![0],
      routes: [{ match: { severity: 'critical' }, severity: top }],
    }),
  );
  const { project: p2 } = loadProject(root);
  const store = new IncidentStore({ root });
  responder = new Responder({ store, project: p2, notifier: new Notifier(undefined, new Map()), clock: () => NOW });
  intake = new AlertIntake({ journal: new Journal({ file: path.join(root, '.handbook-state', 'alerts.journal') }), responder });
  await intake.start();
  const incidentSchema = JSON.parse(readFileSync(path.join(root, 'schemas/incident.schema.json'), 'utf8'));
  app = await buildServer({
    root,
    responder,
    intake,
    registries: p2.registries,
    tokens: parseTokens(`hooks:${TOKEN}`, 'test tokens'),
    clock: () => NOW,
    incidentSchema,
    slackSigningSecret: SLACK_SECRET,
    pagerdutySecret: PD_SECRET,
  });
});
afterAll(async () => {
  await app?.close();
  await intake?.stop();
  await responder?.tick();
  if (root) rmSync(root, { recursive: true, force: true });
});

const hook = async (body: unknown, token: string | null = TOKEN) => {
  const res = await app.inject({
    method: 'POST',
    url: '/hooks/alertmanager',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: JSON.stringify(body),
  });
  await intake.idle();
  return res;
};
const byGroup = (group: string) => responder.list().filter((i) => i.fm.alert_group === group);

function slack(form: Record<string, string>, secret = SLACK_SECRET) {
  const body = new URLSearchParams(form).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return app.inject({
    method: 'POST',
    url: '/hooks/slack',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig },
    payload: body,
  });
}

function pagerduty(body: unknown, secret: string | null = PD_SECRET, token: string | null = null) {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret) headers['x-pagerduty-signature'] = `v1=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  if (token) headers.authorization = `Bearer ${token}`;
  return app.inject({ method: 'POST', url: '/hooks/pagerduty', headers, payload: raw });
}

describe('POST /hooks/alertmanager', () => {
  it('accepts an Alertmanager v4 notification once journaled, opens one incident per group, retries change nothing', async () => {
    const body: AlertmanagerPayload = {
      version: '4',
      groupKey: '{}:{alertname="HooksTestAlert"}',
      status: 'firing',
      receiver: 'handbook-responder',
      groupLabels: { alertname: 'HooksTestAlert' },
      commonLabels: { alertname: 'HooksTestAlert', severity: 'critical', service },
      commonAnnotations: { summary: 'Errors up' },
      externalURL: 'http://alertmanager.example',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'HooksTestAlert', severity: 'critical', service },
          annotations: { summary: 'Errors up' },
          startsAt: '2026-07-01T10:00:00Z',
          fingerprint: 'aaaa0000aaaa0000',
        },
      ],
    };
    const res = await hook(body);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ accepted: true, seq: expect.any(Number) });
    await hook(body); // Alertmanager retrying the same notification
    const list = byGroup(body.groupKey);
    expect(list).toHaveLength(1);
    expect(list[0].fm).toMatchObject({ severity: top, services: [service], detected_at: '2026-07-01T10:00:00Z', detection: 'alert' });
    expect((await hook(body, null)).statusCode).toBe(401);
    expect((await hook({ ...body, alerts: [] })).statusCode).toBe(400);
  });

  it("accepts Grafana alerting's Alertmanager-compatible webhook (version 1, Grafana's extra fields)", async () => {
    const grafana = {
      receiver: 'handbook',
      status: 'firing',
      orgId: 1,
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'GrafanaHighLatency', severity: 'critical', service, grafana_folder: 'Checkout' },
          annotations: { summary: 'p99 latency above target', runbook_url: 'https://runbooks.example/latency' },
          startsAt: '2026-07-01T12:00:03.157+02:00',
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'https://grafana.example/alerting/grafana/abc/view',
          fingerprint: 'c6eadffa33fcdf37',
          silenceURL: 'https://grafana.example/alerting/silence/new',
          dashboardURL: 'https://grafana.example/d/xyz',
          panelURL: 'https://grafana.example/d/xyz?viewPanel=2',
          values: { B: 1.42, C: 1 },
          valueString: "[ var='B' labels={} value=1.42 ]",
        },
      ],
      groupLabels: { alertname: 'GrafanaHighLatency', grafana_folder: 'Checkout' },
      commonLabels: { alertname: 'GrafanaHighLatency', severity: 'critical', service, grafana_folder: 'Checkout' },
      commonAnnotations: { summary: 'p99 latency above target', runbook_url: 'https://runbooks.example/latency' },
      externalURL: 'https://grafana.example/',
      version: '1',
      groupKey: '{}/{__grafana_autogenerated__="true"}:{alertname="GrafanaHighLatency", grafana_folder="Checkout"}',
      truncatedAlerts: 0,
      title: '[FIRING:1] GrafanaHighLatency Checkout',
      state: 'alerting',
      message: '**Firing**\n\nValue: B=1.42',
    };
    const res = await hook(grafana);
    expect(res.statusCode).toBe(202);
    const [inc] = byGroup(grafana.groupKey);
    expect(inc.fm).toMatchObject({ severity: top, services: [service], runbook: 'https://runbooks.example/latency', detected_at: '2026-07-01T10:00:03Z' });
    expect(inc.fm.title).toContain('GrafanaHighLatency');
  });
});

describe('POST /hooks/slack', () => {
  it('runs the slash commands (declare, status, update, ack, resolve) for a signed request', async () => {
    const declared = await slack({ command: '/incident', text: `declare Search is slow sev=${top} service=${service}`, user_name: 'amara' });
    expect(declared.statusCode).toBe(200);
    const id = /INC-\d+/.exec(declared.json().text)![0];
    expect(responder.get(id).fm).toMatchObject({ title: 'Search is slow', severity: top, services: [service] });
    expect((await slack({ command: '/incident', text: `status ${id}`, user_name: 'amara' })).json().text).toContain('NOT acknowledged');
    expect((await slack({ command: '/incident', text: `update ${id} Rolled back the deploy`, user_name: 'amara' })).json().response_type).toBe('in_channel');
    expect(responder.get(id).text).toContain('Rolled back the deploy (by slack:@amara)');
    await slack({ command: '/incident', text: `ack ${id}`, user_name: 'amara' });
    expect(responder.get(id).fm.acknowledged_at).toBeDefined();
    await slack({ command: '/incident', text: `resolve ${id}`, user_name: 'amara' });
    expect(responder.get(id).fm.status).toBe('resolved');
  });

  it('changes severity, assigns roles by id or function, sets statuses and posts public updates from Slack', async () => {
    const levels = responder.severityIds();
    const lower = levels[levels.length - 1];
    const declared = await slack({ command: '/incident', text: `declare Queue backlog sev=${top} service=${service}`, user_name: 'li' });
    const id = /INC-\d+/.exec(declared.json().text)![0];
    const say = (text: string) => slack({ command: '/incident', text, user_name: 'li' }).then((r) => r.json() as { response_type: string; text: string });

    expect((await say(`sev ${id} ${lower}`)).response_type).toBe('in_channel');
    expect(responder.get(id).fm.severity).toBe(lower);
    const refused = await say(`sev ${id} NOT-A-LEVEL`);
    expect(refused.response_type).toBe('ephemeral');
    for (const l of levels) expect(refused.text).toContain(l);

    const comms = responder.roleByFunction('communications')!;
    const command = responder.roleByFunction('command')!;
    await say(`role ${id} communications me`);
    await say(`role ${id} ${command} @omar`);
    expect(responder.get(id).fm.roles).toMatchObject({ [comms]: '@li', [command]: '@omar' });
    expect((await say(`role ${id} no-such-role @x`)).response_type).toBe('ephemeral');

    await say(`mitigated ${id}`);
    expect(responder.get(id).fm.mitigated_at).toBeDefined();
    await say(`public ${id} Payments are working again; we are watching closely.`);
    const updates = responder.get(id).fm.public_updates as { text: string }[];
    expect(updates.map((u) => u.text)).toContain('Payments are working again; we are watching closely.');
  });

  it('acknowledges from the button on a page message, and refuses a bad signature', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'Queue backlog', severity: top, services: [service] }),
    });
    const id = res.json().id as string;
    const payload = JSON.stringify({ type: 'block_actions', user: { username: 'grace' }, actions: [{ action_id: 'acknowledge', value: id }] });
    expect((await slack({ payload }, 'wrong-secret-0123456789')).statusCode).toBe(401);
    expect(responder.get(id).fm.acknowledged_at).toBeUndefined();
    const ok = await slack({ payload });
    expect(ok.json().text).toBe(`${id} acknowledged by @grace.`);
    expect(responder.get(id).fm.acknowledged_at).toBeDefined();
  });
});

describe('POST /hooks/pagerduty', () => {
  it('acknowledges and resolves from PagerDuty v3 webhooks with a valid signature or a token, and refuses others', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'Payments failing', severity: top, services: [service] }),
    });
    const id = res.json().id as string;
    const event = (type: string) => ({
      event: { event_type: type, agent: { summary: 'Grace Hopper' }, data: { title: `[${top}] ${id} Payments failing`, incident_key: id } },
    });
    expect((await pagerduty(event('incident.acknowledged'), 'not-the-secret-0123')).statusCode).toBe(401);
    expect((await pagerduty(event('incident.acknowledged'), null)).statusCode).toBe(401);
    const ack = await pagerduty(event('incident.acknowledged'));
    expect(ack.json()).toEqual({ action: 'acknowledged', id });
    expect(responder.get(id).fm.acknowledged_at).toBeDefined();
    expect(responder.get(id).text).toContain('Acknowledged in PagerDuty');
    const resolved = await pagerduty(event('incident.resolved'), null, TOKEN);
    expect(resolved.json()).toEqual({ action: 'resolved', id });
    expect(responder.get(id).fm.status).toBe('resolved');
    expect((await pagerduty({ event: { event_type: 'incident.priority_updated', data: {} } })).json()).toEqual({ action: 'ignored' });
  });
});
