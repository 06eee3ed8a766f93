/**
 * `handbook serve`'s HTTP host: a thin Fastify layer over the responder's domain (plugins/incidents).
 * Every route is in ROUTES below with who may call it. Request bodies are validated against
 * schemas/api-responder.schema.json (with the same $defs the incident schema uses) before any handler runs.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { bearerName, verifyPagerDuty, verifySlack, type Token } from './auth';
import { ref, schemaCompiler } from './validation';
import { metricsText } from './metrics';
import { redact } from '../lib/notify';
import { liveHtml } from './live';
import { handleSlack } from './slack';
import { Responder, ResponderError, type EventInput } from '../incidents/responder';
import { RecordInvalid } from '../incidents/validate';
import { LockTimeout } from '../incidents/lock';
import { publicFields, publicIncidents, statusAtom, statusHtml, statusJson } from '../incidents/status-page';
import type { AlertmanagerPayload } from '../incidents/alert-routing';
import type { AlertIntake } from '../incidents/alert-intake';
import { buildCompletion, CompletionError, writeCompletion, type CompletionInput } from '../training/records';
import type { ModuleInfo } from '../training/status';

export interface ServerOptions {
  root: string;
  responder: Responder;
  /**
   * The alert journal: Alertmanager notifications are acknowledged once journaled and applied afterwards. Without
   * it (unit tests of other routes), they are applied before the answer.
   */
  intake?: AlertIntake;
  registries: Map<string, string[]>;
  tokens: Token[];
  clock: () => Date;
  incidentSchema: unknown;
  /** Redacts what the server logs about failed requests (webhook URLs, keys, tokens). */
  redactLog?: (entry: Record<string, unknown>) => Record<string, unknown>;
  slackSigningSecret?: string;
  pagerdutySecret?: string;
  bodyLimit?: number;
  /** Requests per client per minute. */
  rateLimit?: number;
  /** Serve /live without a token (when an authenticating proxy sits in front). */
  publicLive?: boolean;
  /** Read-only tokens: accepted on the GET routes that need a token (the live view, the incident list), refused elsewhere. */
  readTokens?: Token[];
  /**
   * Browser origins (the handbook site) allowed to read GET /api/incidents across origins (CORS), e.g.
   * https://handbook.acme.internal. Only exact matches get the headers; no cookies are involved (bearer tokens only).
   */
  corsOrigins?: string[];
  statusTitle?: string;
  logger?: boolean | Record<string, unknown>;
  /** Training modules by doc id, for POST /api/training/completions. */
  trainingModules?: Map<string, ModuleInfo>;
  /** Called after a completion record is written (git commit when --git-commit). */
  afterTrainingRecord?: (change: { relPath: string; message: string }) => Promise<void> | void;
}

type Access = 'public' | 'token' | 'token-or-loopback' | 'slack-signature' | 'token-or-pagerduty-signature';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: string;
    rawBody?: Buffer;
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sendError(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).type('application/json').send({ error: message, status });
}

export async function buildServer(o: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: o.bodyLimit ?? 256 * 1024,
    logger: o.logger ?? false,
    trustProxy: false,
  });
  const compile = schemaCompiler(o.root, o.registries);
  app.setValidatorCompiler(({ schema }) => compile(schema as object));
  await app.register(rateLimit, {
    max: o.rateLimit ?? 600,
    timeWindow: 60_000,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, error: `rate limit: at most ${ctx.max} requests per minute per client`, status: 429 }),
  });

  // Bodies are parsed from the raw bytes we keep: Slack and PagerDuty signatures cover the exact bytes sent.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    req.rawBody = body as Buffer;
    try {
      const text = (body as Buffer).toString('utf8');
      done(
        null,
        text.trim() === ''
          ? undefined
          : JSON.parse(text, (k, v) => {
              if (k === '__proto__' || k === 'constructor' || k === 'prototype') throw new SyntaxError(`the key "${k}" is not allowed`);
              return v;
            }),
      );
    } catch (e) {
      const err = new Error(`the body is not valid JSON: ${(e as Error).message}`) as Error & { statusCode: number };
      err.statusCode = 400;
      done(err, undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (req, body, done) => {
    req.rawBody = body as Buffer;
    done(null, {});
  });

  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown; code?: string }, req, reply) => {
    if (error.validation) return sendError(reply, 400, `invalid request: ${error.message.replace(/^body\/?/, 'body ')}`);
    if (error instanceof ResponderError) return sendError(reply, error.status, error.message);
    if (error instanceof RecordInvalid) return sendError(reply, 422, `the record would not be valid, nothing was written: ${error.message}`);
    if (error instanceof LockTimeout) return sendError(reply, 503, error.message);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendError(reply, error.statusCode, error.message);
    const entry = { err: { message: error.message, code: error.code } };
    req.log.error(o.redactLog ? o.redactLog(entry) : { err: { message: redact(error.message), code: error.code } }, 'request failed');
    return sendError(reply, 500, 'internal error; the responder log has details');
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, 404, `no route ${req.method} ${req.url.split('?')[0]}`));

  const guard = (access: Access) => async (req: FastifyRequest, reply: FastifyReply) => {
    if (access === 'public' || access === 'slack-signature') return;
    const name = bearerName(req.headers.authorization, o.tokens);
    if (name) {
      req.actor = name;
      return;
    }
    const reader = o.readTokens?.length ? bearerName(req.headers.authorization, o.readTokens) : undefined;
    if (reader && req.method === 'GET') {
      req.actor = reader;
      return;
    }
    if (reader) return sendError(reply, 403, 'this token may only read (GET); changes need a full token');
    if (access === 'token-or-loopback' && LOOPBACK.has(req.socket.remoteAddress ?? '') && !req.headers['x-forwarded-for']) return;
    if (access === 'token-or-pagerduty-signature') return; // checked in the handler, on the raw body
    reply.header('www-authenticate', 'Bearer realm="handbook"');
    return sendError(reply, 401, 'a valid bearer token is required (Authorization: Bearer <token>)');
  };

  const r = o.responder;
  const statusView = () => {
    const fields = publicFields(o.incidentSchema);
    return publicIncidents(r.list(), fields);
  };
  const statusOpts = () => ({ title: o.statusTitle ?? 'Service status', baseUrl: '', pageUrl: 'status', now: o.clock() }); // the page is /status, the feed /status.atom

  /** The route table: method, path, who may call it, body schema, handler. */
  const ROUTES: { method: 'GET' | 'POST'; url: string; access: Access; body?: string; handler: (req: FastifyRequest, reply: FastifyReply) => unknown }[] = [
    { method: 'GET', url: '/healthz', access: 'public', handler: () => ({ ok: true }) },
    {
      method: 'GET',
      url: '/status',
      access: 'public',
      handler: (_q, reply) => reply.type('text/html; charset=utf-8').send(statusHtml(statusView(), statusOpts())),
    },
    {
      method: 'GET',
      url: '/status.json',
      access: 'public',
      handler: (_q, reply) => reply.type('application/json').send(statusJson(statusView(), statusOpts())),
    },
    {
      method: 'GET',
      url: '/status.atom',
      access: 'public',
      handler: (_q, reply) => reply.type('application/atom+xml').send(statusAtom(statusView(), statusOpts())),
    },
    {
      method: 'GET',
      url: '/metrics',
      access: 'token-or-loopback',
      handler: (_q, reply) => reply.type('text/plain; version=0.0.4').send(metricsText(r, o.clock(), o.intake?.stats())),
    },
    // How far the responder is with the notifications it acknowledged (drills and tests wait for pending: 0).
    {
      method: 'GET',
      url: '/api/alert-journal',
      access: 'token',
      handler: (_q, reply) => (o.intake ? o.intake.stats() : sendError(reply, 404, 'this responder applies alerts without a journal')),
    },
    {
      method: 'GET',
      url: '/live',
      access: o.publicLive ? 'public' : 'token',
      handler: (_q, reply) => reply.type('text/html; charset=utf-8').send(liveHtml(r, o.clock())),
    },
    {
      method: 'GET',
      url: '/api/incidents',
      access: 'token',
      handler: (req) => {
        const q = req.query as { status?: string; drill?: string };
        const list = r
          .list({ status: q.status })
          .filter((i) => (q.drill === 'include' || q.drill === 'only' ? (q.drill === 'only' ? i.fm.drill === true : true) : i.fm.drill !== true));
        return { incidents: list.map((i) => r.view(i)) };
      },
    },
    { method: 'GET', url: '/api/incidents/:id', access: 'token', handler: (req) => r.view(r.get((req.params as { id: string }).id), true) },
    {
      method: 'POST',
      url: '/api/incidents',
      access: 'token',
      body: 'declare',
      handler: async (req, reply) => {
        const inc = await r.declare(req.body as Parameters<Responder['declare']>[0], req.actor ?? 'api');
        return reply.code(201).send(r.view(inc, true));
      },
    },
    {
      method: 'POST',
      url: '/api/incidents/:id/events',
      access: 'token',
      body: 'event',
      handler: async (req) => r.view(await r.event((req.params as { id: string }).id, req.body as EventInput, req.actor ?? 'api'), true),
    },
    {
      // A passed training module, from an authenticated client (an LMS, a facilitator's tool): written as a record in
      // data/training-records/ exactly as `handbook training record` writes it. The token's name is recorded.
      method: 'POST',
      url: '/api/training/completions',
      access: 'token',
      body: 'training-completion',
      handler: async (req, reply) => {
        const body = req.body as Omit<CompletionInput, 'recorded_by'>;
        try {
          const record = buildCompletion(
            o.root,
            { ...body, recorded_by: `responder api (${req.actor ?? 'token'})` },
            o.trainingModules ?? new Map(),
            o.clock(),
          );
          const relPath = writeCompletion(o.root, record);
          await o.afterTrainingRecord?.({ relPath, message: `Training: ${record.person} completed ${record.module} (${record.score}/${record.questions})` });
          return reply.code(201).send({ path: relPath, record });
        } catch (e) {
          if (e instanceof CompletionError) return sendError(reply, 422, `the record would not be valid, nothing was written: ${e.message}`);
          throw e;
        }
      },
    },
    {
      method: 'POST',
      url: '/hooks/alertmanager',
      access: 'token',
      body: 'alertmanager',
      handler: async (req, reply) => {
        const body = req.body as AlertmanagerPayload;
        // Acknowledged once durably journaled; grouping, incidents and escalation follow from the journal.
        if (o.intake) return reply.code(202).send(await o.intake.accept(body));
        r.precheck(body);
        return r.alertmanager(body);
      },
    },
    {
      method: 'POST',
      url: '/hooks/pagerduty',
      access: 'token-or-pagerduty-signature',
      handler: async (req, reply) => {
        if (!req.actor) {
          if (
            !o.pagerdutySecret ||
            !verifyPagerDuty(req.rawBody ?? Buffer.alloc(0), req.headers['x-pagerduty-signature'] as string | undefined, o.pagerdutySecret)
          ) {
            return sendError(reply, 401, 'a valid bearer token or PagerDuty webhook signature is required');
          }
          req.actor = 'pagerduty';
        }
        return r.pagerduty(req.body, req.actor);
      },
    },
    {
      method: 'POST',
      url: '/hooks/slack',
      access: 'slack-signature',
      handler: async (req, reply) => {
        if (!o.slackSigningSecret) return sendError(reply, 401, 'Slack is not configured on this responder (HANDBOOK_SLACK_SIGNING_SECRET)');
        const v = verifySlack(
          req.rawBody ?? Buffer.alloc(0),
          req.headers['x-slack-request-timestamp'] as string | undefined,
          req.headers['x-slack-signature'] as string | undefined,
          o.slackSigningSecret,
          Math.floor(Date.now() / 1000),
        );
        if (!v.ok) return sendError(reply, 401, `Slack signature refused: ${v.reason}`);
        return handleSlack(r, new URLSearchParams((req.rawBody ?? Buffer.alloc(0)).toString('utf8')));
      },
    },
  ];

  // The handbook site reads the open incidents from the viewer's browser: CORS for its exact origin, on the list only.
  const cors = new Set(o.corsOrigins ?? []);
  const corsHeaders = (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    reply.header('vary', 'Origin');
    if (!origin || !cors.has(origin)) return false;
    reply.header('access-control-allow-origin', origin);
    return true;
  };
  if (cors.size) {
    app.addHook('onRequest', async (req, reply) => {
      if (req.url.split('?')[0] === '/api/incidents' && req.method === 'GET') corsHeaders(req, reply);
    });
    app.route({
      method: 'OPTIONS',
      url: '/api/incidents',
      handler: (req, reply) => {
        if (corsHeaders(req, reply)) {
          reply.header('access-control-allow-methods', 'GET');
          reply.header('access-control-allow-headers', 'Authorization');
          reply.header('access-control-max-age', '600');
        }
        return reply.code(204).send();
      },
    });
  }

  for (const route of ROUTES) {
    app.route({
      method: route.method,
      url: route.url,
      onRequest: guard(route.access),
      ...(route.body ? { schema: { body: ref(route.body) } } : {}),
      handler: route.handler,
    });
  }
  return app;
}
