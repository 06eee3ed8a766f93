/**
 * The responder's notify targets: incident fields are escaped for Slack and Teams exactly as `handbook notify`
 * escapes them (the same renderPayload), and webhook URLs and tokens never reach a record, a log or an error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../plugins/lint/load';
import { IncidentStore } from '../../plugins/incidents/store';
import { Responder } from '../../plugins/incidents/responder';
import { configureTargets, Notifier, payloadForTarget, type NotifyData, type Notification } from '../../plugins/incidents/targets';
import { renderPayload } from '../../plugins/lib/notify';
import { defaultIncidentChannel } from '../../plugins/lib/comm-template';
import { planSteps, type Policy } from '../../plugins/incidents/escalation';
import path from 'node:path';
import { projectWith } from './helpers';
import { escalationPolicies, severityLevels } from '../../plugins/lint/registries';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const HOSTILE = 'Checkout <!channel> down <https://evil.example/x|click here> [docs](https://evil.example/y) & more';
const SECRET_PATH = '/services/T000/B000/very-secret-webhook-token';

const ALL_MEDIUMS: NotifyData = {
  targets: [
    { id: 'slack', kind: 'slack', url_env: 'SLACK_URL' },
    { id: 'teams', kind: 'teams', url_env: 'TEAMS_URL' },
    { id: 'hook', kind: 'webhook', url_env: 'HOOK_URL' },
  ],
  mediums: { page: ['slack', 'teams', 'hook'], phone: ['hook'], chat: ['slack', 'teams', 'hook'], email: ['hook'], ticket: ['hook'] },
};
const ENV = {
  SLACK_URL: `https://hooks.slack.example${SECRET_PATH}`,
  TEAMS_URL: `https://teams.example${SECRET_PATH}-teams`,
  HOOK_URL: `https://hook.example${SECRET_PATH}-hook?token=xoxb-1234567890abcdef`,
};

/** A responder over a copy of the fixture project whose notifier hands every payload to `sender`. */
function setup(
  sender: (url: string, payload: unknown) => Promise<{ ok: boolean; attempts: number; status?: number; error?: string }>,
  data: NotifyData = ALL_MEDIUMS,
  env: Record<string, string> = ENV,
  siteUrl?: string,
) {
  const { root, cleanup } = projectWith({});
  cleanups.push(cleanup);
  const { project } = loadProject(root);
  const levels = severityLevels(project);
  const policies: Policy[] = escalationPolicies(project);
  const level = levels.find((l) => policies.some((p) => p.id === l.escalation_policy && p.steps.length))!;
  const policy = policies.find((p) => p.id === level.escalation_policy)!;
  const detected = new Date('2026-07-01T10:00:00Z');
  let now = detected;
  const logs: Record<string, unknown>[] = [];
  const store = new IncidentStore({ root });
  const notifier = new Notifier(data, configureTargets(data, env), sender);
  const responder = new Responder({ store, project, notifier, clock: () => now, log: (e) => logs.push(e), siteUrl });
  const service = project.registries.get('service')![0];
  const lastStep = Math.max(...planSteps(policy, detected).map((s) => s.afterMs));
  return {
    responder,
    store,
    logs,
    declare: () => responder.declare({ title: HOSTILE, severity: level.id, services: [service] }, 'test'),
    runAll: async () => {
      now = new Date(detected.getTime() + lastStep);
      await responder.tick();
    },
  };
}

describe('responder notify targets: escaping', () => {
  it('escapes Slack and Teams markup in every field, as handbook notify does', async () => {
    const sent: { url: string; payload: any }[] = [];
    const t = setup(async (url, payload) => {
      sent.push({ url, payload });
      return { ok: true, attempts: 1, status: 200 };
    });
    await t.declare();
    await t.runAll();
    const slack = sent
      .filter((s) => s.url === ENV.SLACK_URL)
      .map((s) => JSON.stringify(s.payload.blocks.filter((b: any) => b.type === 'section')) + s.payload.text);
    const teams = sent.filter((s) => s.url === ENV.TEAMS_URL).map((s) => `${s.payload.title}\n${s.payload.text}`);
    expect(slack.length).toBeGreaterThan(0);
    expect(teams.length).toBeGreaterThan(0);
    for (const text of slack) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://evil.example/x|click here>');
    }
    for (const text of teams) {
      expect(text).not.toContain('](https://evil.example/y)');
      expect(text).not.toContain('<https://');
    }
    // The title is in every message: escaped, not dropped.
    expect(slack.some((t) => t.includes('&lt;!channel&gt;'))).toBe(true);
    expect(teams.some((t) => t.includes('&lt;!channel&gt;') && t.includes('[docs]\\(https://evil.example/y)'))).toBe(true);

    // Generic webhooks get the raw values (JSON is not markup).
    expect(sent.some((s) => s.url === ENV.HOOK_URL && s.payload.incident.title === HOSTILE)).toBe(true);
  });

  it('builds Slack, Teams and webhook payloads with the same renderPayload the CLI uses', () => {
    const n: Notification = {
      key: 'INC-0001/x',
      incidentId: 'INC-0001',
      subject: '[{{severity}}] {{title}}',
      body: 'Page for {{to}}: {{title}}',
      severity: 'S1',
      rank: 0,
      fields: { title: HOSTILE, severity: 'S1', to: '<@U123>' },
      template: 'page',
    };
    for (const kind of ['slack', 'teams', 'webhook'] as const) {
      const payload = payloadForTarget({ id: kind, kind, url: 'https://x.example/' }, n) as Record<string, unknown>;
      const expected = renderPayload(kind, { subject: n.subject, body: n.body, fields: n.fields, template: n.template }) as Record<string, unknown>;
      for (const [k, v] of Object.entries(expected)) expect(payload[k], `${kind} ${k}`).toEqual(v);
    }
    const slack = payloadForTarget({ id: 's', kind: 'slack', url: 'https://x.example/' }, n) as { text: string };
    expect(slack.text).toContain('Page for &lt;@U123&gt;');
  });
});

describe('responder notify targets: PagerDuty', () => {
  it('sends each escalation step as its own PagerDuty alert, so a later step is not folded into the first', async () => {
    const pd: NotifyData = {
      targets: [{ id: 'pd', kind: 'pagerduty', routing_key_env: 'PD_KEY' }],
      mediums: { page: ['pd'], phone: ['pd'], chat: ['pd'], email: ['pd'], ticket: ['pd'] },
    };
    const sent: string[] = [];
    const t = setup(
      async (_url, payload) => {
        sent.push((payload as { dedup_key: string }).dedup_key);
        return { ok: true, attempts: 1, status: 202 };
      },
      pd,
      { PD_KEY: 'routing-key-0123456789abcdef' },
    );
    const inc = await t.declare();
    await t.runAll();
    const steps = ((t.store.get(inc.id).fm.escalation as { step: string; state: string }[] | undefined) ?? []).filter((e) => e.state === 'sent');
    expect(steps.length).toBeGreaterThan(1);
    const keys = sent;
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k.startsWith(`${inc.id}/`)).toBe(true);
  });
});

describe('responder notify targets: fields', () => {
  it('fills the incident channel and the next update time, as handbook notify does', async () => {
    const sent: { url: string; payload: { incident?: Record<string, string | undefined> } }[] = [];
    const t = setup(async (url, payload) => {
      sent.push({ url, payload: payload as { incident?: Record<string, string | undefined> } });
      return { ok: true, attempts: 1, status: 200 };
    });
    const inc = await t.declare();
    await t.runAll();
    const fields = sent.filter((x) => x.url === ENV.HOOK_URL).map((x) => x.payload.incident ?? {});
    expect(fields.length).toBeGreaterThan(0);
    for (const f of fields) {
      expect(f.incident_channel).toBe(defaultIncidentChannel(inc.id, t.store.get(inc.id).fm.detected_at));
      expect(f.next_update).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    }
  });
});

describe('responder notify targets: runbook link', () => {
  it("links the record's runbook at the published address when site_url is set", async () => {
    const texts: string[] = [];
    const t = setup(
      async (url, payload) => {
        if (url === ENV.HOOK_URL) texts.push(JSON.stringify(payload));
        return { ok: true, attempts: 1, status: 200 };
      },
      ALL_MEDIUMS,
      ENV,
      'https://handbook.acme.test/docs',
    );
    const inc = await t.declare();
    await t.store.update(inc.id, (cur) => cur.text.replace(/^title:/m, 'runbook: /runbooks/some-runbook\ntitle:'), 'runbook set', { trusted: true });
    await t.runAll();
    expect(texts.some((x) => x.includes('Runbook: https://handbook.acme.test/docs/runbooks/some-runbook'))).toBe(true);
  });
});

describe('responder notify targets: drills', () => {
  it("a drill's pages and notices say DRILL first; a real incident's do not", async () => {
    const sent: { url: string; payload: { subject?: string; text?: string } }[] = [];
    const t = setup(async (url, payload) => {
      sent.push({ url, payload: payload as { subject?: string; text?: string } });
      return { ok: true, attempts: 1, status: 200 };
    });
    const real = await t.declare();
    await t.responder.declare(
      { title: 'Drill of the failover', severity: real.fm.severity as string, services: real.fm.services as string[], drill: true },
      'test',
    );
    await t.runAll();
    const hooks = sent.filter((x) => x.url === ENV.HOOK_URL).map((x) => x.payload);
    const drill = hooks.filter((p) => String(p.text).includes('Drill of the failover') || String(p.subject).includes('Drill of the failover'));
    const other = hooks.filter((p) => !drill.includes(p));
    expect(drill.length).toBeGreaterThan(0);
    for (const p of drill) {
      expect(p.subject).toMatch(/^DRILL - /);
      expect(p.text).toMatch(/^DRILL: /);
    }
    expect(other.length).toBeGreaterThan(0);
    for (const p of other) expect(`${p.subject} ${p.text}`).not.toContain('DRILL');
  });
});

describe('responder notify targets: redaction', () => {
  it('keeps webhook URLs and tokens out of records, logs and delivery errors', async () => {
    const t = setup(async (url) => {
      throw new Error(`connect ECONNREFUSED while posting to ${url} (Authorization: Bearer abcdefghijklmnopqrstuvwxyz)`);
    });
    const inc = await t.declare();
    await t.runAll();
    const text = t.store.get(inc.id).text;
    expect(text).toContain('NOT delivered');
    const everything = [text, JSON.stringify(t.logs)].join('\n');
    expect(everything).not.toContain(SECRET_PATH);
    expect(everything).not.toContain('xoxb-1234567890abcdef');
    expect(everything).not.toContain('abcdefghijklmnopqrstuvwxyz');
    const notifier = new Notifier(ALL_MEDIUMS, configureTargets(ALL_MEDIUMS, ENV), async () => ({
      ok: false,
      attempts: 3,
      error: `HTTP 500 from ${ENV.HOOK_URL}`,
    }));
    const delivery = await notifier.deliver('ticket', {
      key: 'k',
      incidentId: 'INC-0001',
      subject: 's',
      body: 'b',
      severity: 'S',
      rank: 0,
      fields: {},
      template: 'page',
    });
    expect(delivery.delivered).toBe(false);
    expect(JSON.stringify(delivery)).not.toContain(SECRET_PATH);
    expect(JSON.stringify(delivery)).not.toContain('xoxb-1234567890abcdef');
    expect(delivery.reason).toMatch(/^hook: HTTP 500/);
  });
});

describe('responder log redaction', () => {
  it('removes webhook URLs, keys and token shapes from every string of a log entry', async () => {
    const { logRedactor, responderSecrets } = await import('../../plugins/responder/redact-log');
    const secrets = responderSecrets({ env: { ...ENV, PD_KEY: 'pd-routing-key-0123456789' }, envNames: ['SLACK_URL', 'TEAMS_URL', 'HOOK_URL', 'PD_KEY'] });
    const clean = logRedactor(secrets);
    const entry = clean({
      msg: `posting to ${ENV.SLACK_URL} failed`,
      err: { message: `key pd-routing-key-0123456789 refused; Authorization: Bearer abcdefghijklmnop0123` },
      list: [ENV.HOOK_URL],
      n: 3,
    });
    const text = JSON.stringify(entry);
    expect(text).not.toContain(SECRET_PATH);
    expect(text).not.toContain('pd-routing-key-0123456789');
    expect(text).not.toContain('abcdefghijklmnop0123');
    expect(entry.n).toBe(3);
  });
});

describe('responder started on old records', () => {
  it('pages nobody for steps due long before it started, records them, and sends at most the latest update reminder', async () => {
    const sent: string[] = [];
    const t = setup(async (url) => {
      sent.push(url);
      return { ok: true, attempts: 1, status: 200 };
    });
    const inc = await t.declare();
    await t.responder.tick(); // the steps due at declaration went out then
    const before = new Set(((t.store.get(inc.id).fm.escalation ?? []) as { step: string }[]).map((e) => e.step));
    const { project } = loadProject(path.dirname(path.dirname(inc.abs)).replace(/\/incidents$/, ''));
    const later = new Date(Date.parse(String(inc.fm.detected_at)) + 30 * 86_400_000);
    const notifier = new Notifier(ALL_MEDIUMS, configureTargets(ALL_MEDIUMS, ENV), async (url) => {
      sent.push(url);
      return { ok: true, attempts: 1, status: 200 };
    });
    sent.length = 0;
    const fresh = new Responder({ store: t.store, project, notifier, clock: () => later });
    await fresh.tick();
    const entries = (t.store.get(inc.id).fm.escalation ?? []) as { step: string; state: string; detail?: string }[];
    const policySteps = entries.filter((e) => !e.step.startsWith('update/') && !before.has(e.step));
    expect(policySteps.length).toBeGreaterThan(0);
    for (const e of policySteps) expect(e.state, e.step).toBe('skipped');
    expect(policySteps.every((e) => String(e.detail).startsWith('too late'))).toBe(true);
    expect(entries.filter((e) => e.step.startsWith('update/') && e.state === 'sent').length).toBeLessThanOrEqual(1);
    // Only that one reminder, if any, went out: one delivery per target of its medium at most.
    expect(sent.length).toBeLessThanOrEqual(ALL_MEDIUMS.mediums.chat!.length);
  });
});

describe('responder reminders', () => {
  it('addresses the update reminder to the communications lead the record names, else to the rotation', async () => {
    const t = setup(async () => ({ ok: true, attempts: 1, status: 200 }));
    const comms = t.responder.roleByFunction('communications');
    expect(comms, 'data/roles.yaml has a role with function: communications').toBeDefined();
    const reminded = (id: string) =>
      ((t.store.get(id).fm.escalation ?? []) as { step: string; to?: string; state: string }[]).filter(
        (e) => e.step.startsWith('update/') && e.state === 'sent',
      );

    const unnamed = await t.declare();
    const named = await t.declare();
    await t.responder.event(named.id, { type: 'role', role: comms!, handle: '@reminder-test-lead' }, 'test');
    await t.runAll();

    const toNamed = reminded(named.id);
    expect(toNamed.length).toBeGreaterThan(0);
    expect(toNamed.every((e) => e.to === '@reminder-test-lead')).toBe(true);
    const toRotation = reminded(unnamed.id);
    expect(toRotation.length).toBeGreaterThan(0);
    expect(toRotation.some((e) => e.to === '@reminder-test-lead')).toBe(false);
  });
});

describe('responder graceful stop', () => {
  it('finishes the incident being escalated, starts no other, and sends nothing after', async () => {
    let gate: Promise<void> | undefined;
    let release = () => {};
    let calls = 0;
    const t = setup(async () => {
      calls++;
      await gate;
      return { ok: true, attempts: 1, status: 200 };
    });
    const incidents = [await t.declare(), await t.declare(), await t.declare()];
    await t.responder.tick(); // the steps due at declaration, for all three
    const entries = (id: string) => (t.store.get(id).fm.escalation as { state: string }[] | undefined) ?? [];
    const before = incidents.map((i) => entries(i.id).length);
    // Later steps become due; the run that sends them waits on its first send, then the responder is stopped.
    gate = new Promise<void>((r) => (release = r));
    const sentBefore = calls;
    const run = t.runAll();
    for (let i = 0; i < 400 && calls === sentBefore; i++) await new Promise((r) => setTimeout(r, 5));
    expect(calls).toBeGreaterThan(sentBefore);
    const stopped = t.responder.stop();
    release();
    await stopped;
    await run;
    const after = incidents.map((i) => entries(i.id));
    const advanced = after.filter((e, n) => e.length > before[n]);
    expect(advanced).toHaveLength(1); // only the incident being escalated when the stop came
    expect(after.flat().every((e) => e.state !== 'sending')).toBe(true);
    const sent = calls;
    await t.runAll();
    expect(calls).toBe(sent);
  });
});
