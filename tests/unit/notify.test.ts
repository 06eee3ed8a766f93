import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadFor, send } from '../../plugins/lib/notify';
import { projectWith } from './helpers';

const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');
let root: string;
let cleanup: () => void;

const TEMPLATES = `templates:
  - id: investigating
    name: Investigating
    when: Post when the incident is confirmed and being worked on.
    audience: [responders]
    channel: chat
    subject: "[{{severity}}] {{title}}"
    body: |
      We are investigating {{title}} ({{id}}), affecting {{services}}.
      Next update by {{next_update}}. Incident commander: {{commander}}.
`;
const INCIDENT = `---
title: Checkout errors
type: incident
id: INC-0042
incident_type: service-outage
severity: P1
status: investigating
services: [checkout]
roles:
  incident-commander: "@grace"
started_at: 2026-11-23T09:55:00Z
detected_at: 2026-11-23T10:00:00Z
---

## Summary

Checkout requests fail for many customers in the EU region since shortly before ten.

## Timeline

- **2026-11-23 10:00 UTC** Incident opened at P1.
`;

/** A local webhook receiver whose behaviour each test sets: a list of status codes, or 'hang'. */
let plan: (number | 'hang')[] = [];
const received: any[] = [];
let server: http.Server;
let url = '';

beforeAll(async () => {
  ({ root, cleanup } = projectWith({ 'data/templates.yaml': TEMPLATES }));
  mkdirSync(path.join(root, 'incidents/2026'), { recursive: true });
  writeFileSync(path.join(root, 'incidents/2026/INC-0042-checkout-errors.md'), INCIDENT);
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ url: req.url, body: JSON.parse(body || '{}'), type: req.headers['content-type'] });
      const next = plan.shift() ?? 200;
      if (next === 'hang') return; // never answer: the client must time out
      res.writeHead(next).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as any).port}/hook`;
});
afterAll(async () => {
  server.closeAllConnections?.();
  await new Promise((r) => server.close(r));
  cleanup?.();
});

function run(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('handbook notify', () => {
  it('renders the template with the incident fields and the next update time, counted from detection (dry run)', async () => {
    const r = await run('notify', '--incident', 'INC-0042', '--template', 'investigating', '--to', 'slack', '--dry-run', '--now', '2026-11-23T10:05:00Z');
    expect(r.code).toBe(0);
    const payload = JSON.parse(r.out);
    expect(payload.blocks[0].text.text).toBe('[P1] Checkout errors');
    expect(payload.blocks[1].text.text).toBe(
      'We are investigating Checkout errors (INC-0042), affecting Checkout.\nNext update by 2026-11-23 10:30 UTC. Incident commander: @grace.',
    );
  });

  it('posts to a webhook, retrying after a server error', async () => {
    plan = [500, 200];
    received.length = 0;
    const r = await run(
      'notify',
      '--incident',
      'INC-0042',
      '--template',
      'investigating',
      '--to',
      'webhook',
      '--url',
      url,
      '--retries',
      '2',
      '--now',
      '2026-11-23T10:05:00Z',
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe('Sent "Investigating" for INC-0042 to webhook (HTTP 200, 2 attempt(s))\n');
    expect(received).toHaveLength(2);
    expect(received[1].type).toBe('application/json');
    expect(received[1].body).toMatchObject({ template: 'investigating', subject: '[P1] Checkout errors', incident: { id: 'INC-0042', severity: 'P1' } });
  });

  it('posts a Teams card', async () => {
    plan = [200];
    received.length = 0;
    expect((await run('notify', '--incident', 'INC-0042', '--template', 'investigating', '--to', 'teams', '--url', url)).code).toBe(0);
    expect(received[0].body).toMatchObject({ '@type': 'MessageCard', title: '[P1] Checkout errors' });
  });

  it('gives up after the retries with a clear message and exit 1', async () => {
    plan = [503, 503];
    const r = await run('notify', '--incident', 'INC-0042', '--template', 'investigating', '--to', 'webhook', '--url', url, '--retries', '1');
    expect(r.code).toBe(1);
    expect(r.err).toContain('handbook notify: delivery failed after 2 attempt(s): HTTP 503');
  });

  it('does not retry a client error', async () => {
    plan = [400];
    received.length = 0;
    const r = await run('notify', '--incident', 'INC-0042', '--template', 'investigating', '--to', 'webhook', '--url', url, '--retries', '3');
    expect(r.code).toBe(1);
    expect(received).toHaveLength(1);
  });

  it('times out a hanging receiver', async () => {
    plan = ['hang'];
    const result = await send(url, payloadFor('webhook', { text: 'x', fields: {}, template: 't' }), { retries: 0, timeoutMs: 300 });
    expect(result).toEqual({ ok: false, attempts: 1, error: 'timed out after 300 ms' });
  });

  it('refuses bad input before sending anything', async () => {
    const unknown = await run('notify', '--incident', 'INC-9999', '--template', 'investigating', '--to', 'slack', '--dry-run');
    expect([unknown.code, unknown.err]).toEqual([2, 'handbook: no incident INC-9999 under incidents/\n']);
    const target = await run('notify', '--incident', 'INC-0042', '--template', 'investigating', '--to', 'pager', '--dry-run');
    expect([target.code, target.err]).toEqual([2, 'handbook: --to must be slack, teams or webhook, got "pager"\n']);
    const noUrl = await run('notify', '--incident', 'INC-0042', '--template', 'investigating', '--to', 'slack');
    expect([noUrl.code, noUrl.err]).toEqual([2, 'handbook: --url (or HANDBOOK_WEBHOOK_URL) is needed unless --dry-run\n']);
  });
});
