/**
 * The heartbeat (Watchdog) check: the responder reports once when heartbeat alerts stop, also when none ever
 * arrived although data/alert-routing.yaml names one, and stays quiet when the data names none and none came.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadProject } from '../../plugins/lint/load';
import { IncidentStore } from '../../plugins/incidents/store';
import { Responder } from '../../plugins/incidents/responder';
import { configureTargets, Notifier, type NotifyData } from '../../plugins/incidents/targets';
import { projectWith } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const CHAT: NotifyData = { targets: [{ id: 'hook', kind: 'webhook', url_env: 'HOOK_URL' }], mediums: { chat: ['hook'] } };
const TIMEOUT_S = 600;

function setup(heartbeatName: string | undefined) {
  const probe = projectWith({});
  const { project: base } = loadProject(probe.root);
  probe.cleanup();
  const routing = {
    default_severity: base.registries.get('severity')!.at(-1),
    default_incident_type: base.registries.get('incident-type')![0],
    ...(heartbeatName ? { heartbeat_alertname: heartbeatName } : {}),
  };
  const { root, cleanup } = projectWith({ 'data/alert-routing.yaml': stringify(routing) });
  cleanups.push(cleanup);
  const { project } = loadProject(root);
  const started = new Date('2026-07-01T10:00:00Z');
  let now = started;
  const sent: { text: string }[] = [];
  const notifier = new Notifier(CHAT, configureTargets(CHAT, { HOOK_URL: 'https://hook.example/x' }), async (_url, payload) => {
    sent.push({ text: JSON.stringify(payload) });
    return { ok: true, attempts: 1, status: 200 };
  });
  const responder = new Responder({ store: new IncidentStore({ root }), project, notifier, clock: () => now, log: () => {}, heartbeatTimeoutS: TIMEOUT_S });
  return {
    responder,
    sent,
    at: async (seconds: number) => {
      now = new Date(started.getTime() + seconds * 1000);
      await responder.tick();
      await new Promise((r) => setTimeout(r, 10));
    },
    heartbeatAt: (seconds: number) => {
      now = new Date(started.getTime() + seconds * 1000);
      responder.heartbeat();
    },
  };
}

const notices = (sent: { text: string }[]) => sent.filter((s) => s.text.includes('Alerting heartbeat stopped'));

describe('responder heartbeat check', () => {
  it('reports a pipeline that never delivered the heartbeat the data names, once, counted from the start', async () => {
    const t = setup('Watchdog');
    await t.at(TIMEOUT_S - 1);
    expect(notices(t.sent)).toHaveLength(0);
    await t.at(TIMEOUT_S + 1);
    await t.at(TIMEOUT_S + 120);
    expect(notices(t.sent)).toHaveLength(1);
    expect(notices(t.sent)[0].text).toContain('since the responder started at 2026-07-01T10:00:00Z');
    expect(t.responder.metrics.heartbeatMissing).toBe(true);
  });

  it('reports heartbeats that stop after arriving, clears when they return, and reports again', async () => {
    const t = setup('Watchdog');
    t.heartbeatAt(60);
    await t.at(60 + TIMEOUT_S);
    expect(notices(t.sent)).toHaveLength(0);
    await t.at(61 + TIMEOUT_S);
    expect(notices(t.sent)).toHaveLength(1);
    expect(notices(t.sent)[0].text).toContain('No heartbeat alert since 2026-07-01T10:01:00Z');
    t.heartbeatAt(2000);
    expect(t.responder.metrics.heartbeatMissing).toBe(false);
    await t.at(2000 + TIMEOUT_S + 1);
    expect(notices(t.sent)).toHaveLength(2);
  });

  it('stays quiet when the data names no heartbeat and none arrived', async () => {
    const t = setup(undefined);
    await t.at(TIMEOUT_S * 10);
    expect(notices(t.sent)).toHaveLength(0);
    expect(t.responder.metrics.heartbeatMissing).toBe(false);
  });
});
