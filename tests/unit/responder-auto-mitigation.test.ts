/**
 * mitigate_on_resolve: when every alert of a group resolves, the responder marks the incident mitigated. That stops
 * the responder chain (nobody is paged for alerts that cleared) but is no acknowledgement: acknowledged_at stays
 * empty, so MTTA counts only people. Steps and levels come from data/, not from this test.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadProject } from '../../plugins/lint/load';
import { escalationPolicies, severityLevels } from '../../plugins/lint/registries';
import { IncidentStore } from '../../plugins/incidents/store';
import { Responder } from '../../plugins/incidents/responder';
import { configureTargets, Notifier, type NotifyData } from '../../plugins/incidents/targets';
import type { AlertmanagerPayload } from '../../plugins/incidents/alert-routing';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const REPO = path.resolve(__dirname, '../..');
const T0 = new Date('2026-07-01T10:00:00Z');

function setup() {
  const root = mkdtempSync(path.join(tmpdir(), 'auto-mitigation-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  for (const p of ['data', 'schemas', 'handbook.config.yaml']) cpSync(path.join(REPO, p), path.join(root, p), { recursive: true });
  mkdirSync(path.join(root, 'incidents'));
  const { project: base } = loadProject(root);
  // The level alerts declare with the longest responder chain in its policy.
  const chainLength = (policyId: string | undefined) =>
    escalationPolicies(base)
      .find((p) => p.id === policyId)
      ?.steps.filter((s) => s.stop_when === 'acknowledged').length ?? 0;
  const top = severityLevels(base)
    .filter((l) => l.auto_declare)
    .sort((a, b) => chainLength(b.escalation_policy) - chainLength(a.escalation_policy))[0];
  const routing = {
    default_severity: top.id,
    default_incident_type: base.registries.get('incident-type')![0],
    default_service: base.registries.get('service')![0],
    mitigate_on_resolve: true,
    routes: [{ match: { severity: 'critical' }, severity: top.id }],
  };
  writeFileSync(path.join(root, 'data/alert-routing.yaml'), stringify(routing));
  const { project } = loadProject(root);
  // Every medium reaches one webhook, so every step that falls due is sent and counted.
  const mediums = Object.fromEntries(['page', 'chat', 'email', 'sms', 'phone', 'status'].map((m) => [m, ['hook']]));
  const notify: NotifyData = { targets: [{ id: 'hook', kind: 'webhook', url_env: 'HOOK_URL' }], mediums };
  let now = T0;
  const sent: string[] = [];
  const notifier = new Notifier(notify, configureTargets(notify, { HOOK_URL: 'https://hook.example/x' }), async (_url, payload) => {
    sent.push(JSON.stringify(payload));
    return { ok: true, attempts: 1, status: 200 };
  });
  const responder = new Responder({ store: new IncidentStore({ root }), project, notifier, clock: () => now, log: () => {} });
  const payload = (status: 'firing' | 'resolved'): AlertmanagerPayload => ({
    version: '4',
    groupKey: '{}:{alertname="DiskFull"}',
    status,
    groupLabels: { alertname: 'DiskFull' },
    commonLabels: { alertname: 'DiskFull', severity: 'critical' },
    alerts: [
      {
        status,
        labels: { alertname: 'DiskFull', severity: 'critical', instance: 'a' },
        startsAt: T0.toISOString(),
        ...(status === 'resolved' ? { endsAt: new Date(T0.getTime() + 60_000).toISOString() } : {}),
      },
    ],
  });
  return {
    responder,
    sent,
    payload,
    at: async (ms: number) => {
      now = new Date(T0.getTime() + ms);
      await responder.tick();
    },
  };
}

describe('mitigate_on_resolve', () => {
  it('marks the incident mitigated without acknowledging it, and pages nobody after that', async () => {
    const t = setup();
    const opened = await t.responder.alertmanager(t.payload('firing'));
    expect(opened.action).toBe('opened');
    const id = opened.id!;
    await t.at(0);
    const plan = t.responder.plan(t.responder.get(id), T0);
    const chain = plan.filter((s) => s.responderChain && s.afterMs > 60_000);
    expect(chain.length).toBeGreaterThan(0);

    await t.at(60_000);
    await t.responder.alertmanager(t.payload('resolved'));
    const fm = t.responder.get(id).fm;
    expect(fm.status).toBe('monitoring');
    expect(fm.mitigated_at).toBeDefined();
    expect(fm.acknowledged_at).toBeUndefined();

    // Long after every step fell due: the chain's later pages were skipped as mitigated, the rest went out.
    await t.at(Math.max(...plan.filter((s) => !s.afterResolution).map((s) => s.afterMs)) + 60_000);
    const escalation = (t.responder.get(id).fm.escalation ?? []) as { step: string; state: string; detail?: string }[];
    for (const step of chain) expect(escalation.find((e) => e.step === step.key)).toMatchObject({ state: 'skipped', detail: 'mitigated' });
    const others = plan.filter((s) => !s.responderChain && !s.afterResolution && s.afterMs > 60_000);
    for (const step of others) expect(escalation.find((e) => e.step === step.key)?.state).toBe('sent');
  });
});
