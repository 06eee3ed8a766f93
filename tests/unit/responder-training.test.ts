import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { FastifyInstance } from 'fastify';
import { buildIndex, prepareFile } from '../../plugins/lint/engine';
import { loadProject } from '../../plugins/lint/load';
import { parseTokens } from '../../plugins/responder/auth';
import { buildServer } from '../../plugins/responder/server';
import type { Responder } from '../../plugins/incidents/responder';
import { trainingModules } from '../../plugins/training/project';
import type { ModuleInfo } from '../../plugins/training/status';

const REPO = path.resolve(__dirname, '../..');
const TOKEN = 'trainer-token-0123456789';
const NOW = new Date('2026-12-03T12:00:00Z');
let root: string;
let app: FastifyInstance;
let module: ModuleInfo;
const records = () => (existsSync(path.join(root, 'data/training-records')) ? readdirSync(path.join(root, 'data/training-records')) : []);

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'responder-training-'));
  for (const p of ['data', 'schemas', 'handbook.config.yaml', 'docs/training']) cpSync(path.join(REPO, p), path.join(root, p), { recursive: true });
  const { project } = loadProject(root);
  const dir = path.join(root, 'docs/training');
  const docs = await Promise.all(
    readdirSync(dir)
      .filter((f) => /\.mdx?$/.test(f))
      .map((f) => prepareFile(project, path.join(dir, f))),
  );
  const modules = trainingModules(project, buildIndex(project, docs));
  module = [...modules.values()][0];
  // Only the training route is exercised: the incident responder behind the other routes is not needed here.
  app = await buildServer({
    root,
    responder: {} as Responder,
    registries: project.registries,
    tokens: parseTokens(`lms:${TOKEN}`, 'test tokens'),
    clock: () => NOW,
    incidentSchema: {},
    trainingModules: modules,
  });
});
afterAll(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

const post = (body: unknown, token: string | null = TOKEN) =>
  app.inject({
    method: 'POST',
    url: '/api/training/completions',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: JSON.stringify(body),
  });

describe('POST /api/training/completions', () => {
  it('writes a valid record named after the token that sent it', async () => {
    const before = records().length;
    const score = Math.ceil((module.passMark * module.questions) / 100);
    const res = await post({ person: '@api-learner', module: module.id, score });
    expect(res.statusCode).toBe(201);
    const { path: rel, record } = res.json();
    expect(records()).toHaveLength(before + 1);
    expect(parse(readFileSync(path.join(root, rel), 'utf8'))).toEqual(record);
    expect(record).toEqual({
      person: '@api-learner',
      module: module.id,
      module_version: module.version,
      score,
      questions: module.questions,
      completed_on: '2026-12-03',
      recorded_by: 'responder api (lms)',
    });
    // The linter accepts what the API wrote.
    expect(loadProject(root).dataProblems).toEqual([]);
  });

  it('refuses a score below the pass mark, an unknown module and a bad body, writing nothing', async () => {
    const before = records().length;
    const low = await post({ person: '@api-learner', module: module.id, score: 0 });
    expect(low.statusCode).toBe(422);
    expect(low.json().error).toMatch(/below the pass mark/);
    const unknown = await post({ person: '@api-learner', module: 'training/none', score: 3 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toContain('unknown training module "training/none"');
    const bad = await post({ person: 'api-learner', module: module.id, score: 3, extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(records()).toHaveLength(before);
  });

  it('needs a token', async () => {
    const res = await post({ person: '@api-learner', module: module.id, score: module.questions }, null);
    expect(res.statusCode).toBe(401);
  });
});
