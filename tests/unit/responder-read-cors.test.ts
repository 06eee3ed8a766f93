/** The site's live incident list: read-only tokens and CORS for the handbook's exact origin, on the list only. */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../plugins/lint/load';
import { parseTokens } from '../../plugins/responder/auth';
import { buildServer } from '../../plugins/responder/server';
import type { Responder } from '../../plugins/incidents/responder';

const REPO = path.resolve(__dirname, '../..');
const FULL = 'full-token-0123456789abcdef';
const READ = 'read-token-0123456789abcdef';
const SITE = 'http://handbook.test:8080';
const OPEN = { id: 'INC-9001', severity: 'S1', status: 'investigating', detected_at: '2026-12-03T11:00:00Z', title: 'A fixture incident' };
let app: FastifyInstance;
let events = 0;

beforeAll(async () => {
  const { project } = loadProject(REPO);
  // A stand-in for the incident domain: the list, the view and an event are all these routes need.
  const responder = {
    list: () => [{ id: OPEN.id, fm: OPEN }],
    view: (i: { fm: typeof OPEN }) => ({ ...i.fm, next_update_due: '2026-12-03T11:30:00Z' }),
    event: async () => {
      events++;
      return { id: OPEN.id, fm: OPEN };
    },
  } as unknown as Responder;
  app = await buildServer({
    root: REPO,
    responder,
    registries: project.registries,
    tokens: parseTokens(`ops:${FULL}`, 'test'),
    readTokens: parseTokens(`site:${READ}`, 'test'),
    corsOrigins: [SITE],
    clock: () => new Date('2026-12-03T12:00:00Z'),
    incidentSchema: {},
  });
});
afterAll(async () => app?.close());

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('read-only tokens', () => {
  it('read the open incidents', async () => {
    const res = await get('/api/incidents?status=open', { authorization: `Bearer ${READ}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().incidents[0]).toMatchObject({ id: OPEN.id, next_update_due: '2026-12-03T11:30:00Z' });
  });
  it('change nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/incidents/${OPEN.id}/events`,
      headers: { authorization: `Bearer ${READ}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ type: 'note', note: 'from a read token' }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('this token may only read (GET); changes need a full token');
    expect(events).toBe(0);
  });
  it('leave the full tokens and the 401 as they were', async () => {
    expect((await get('/api/incidents?status=open', { authorization: `Bearer ${FULL}` })).statusCode).toBe(200);
    expect((await get('/api/incidents?status=open')).statusCode).toBe(401);
    expect((await get('/api/incidents?status=open', { authorization: 'Bearer not-a-token-at-all-xx' })).statusCode).toBe(401);
  });
});

describe('CORS for the handbook site', () => {
  it('answers the preflight for the configured origin only', async () => {
    const ok = await app.inject({
      method: 'OPTIONS',
      url: '/api/incidents?status=open',
      headers: { origin: SITE, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(SITE);
    expect(ok.headers['access-control-allow-headers']).toBe('Authorization');
    expect(ok.headers['access-control-allow-methods']).toBe('GET');
    const other = await app.inject({
      method: 'OPTIONS',
      url: '/api/incidents',
      headers: { origin: 'http://elsewhere.test', 'access-control-request-method': 'GET' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
  it('adds the header to the list for that origin, not to other routes or origins', async () => {
    const list = await get('/api/incidents?status=open', { authorization: `Bearer ${READ}`, origin: SITE });
    expect(list.headers['access-control-allow-origin']).toBe(SITE);
    expect(list.headers.vary).toContain('Origin');
    expect(
      (await get('/api/incidents?status=open', { authorization: `Bearer ${READ}`, origin: 'http://elsewhere.test' })).headers['access-control-allow-origin'],
    ).toBeUndefined();
    expect((await get('/healthz', { origin: SITE })).headers['access-control-allow-origin']).toBeUndefined();
  });
});
