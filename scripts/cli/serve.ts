/** `handbook serve`: the responder. Thin: wires the store, the responder domain, notify targets and the HTTP host. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IncidentStore } from '../../plugins/incidents/store';
import { recordValidator } from '../../plugins/incidents/validate';
import { Responder } from '../../plugins/incidents/responder';
import { AlertIntake } from '../../plugins/incidents/alert-intake';
import { Journal } from '../../plugins/incidents/journal';
import { alertRoutingData, type AlertmanagerPayload } from '../../plugins/incidents/alert-routing';
import { configureTargets, Notifier, type NotifyData } from '../../plugins/incidents/targets';
import { loadTokens, TokenConfigError } from '../../plugins/responder/auth';
import { buildServer } from '../../plugins/responder/server';
import { gitRecorder } from '../../plugins/responder/git';
import { logRedactor, responderSecrets } from '../../plugins/responder/redact-log';
import { parseDuration } from '../../plugins/lint/duration';
import { UsageError } from './errors';
import { openProject, siteUrlFor } from './project';
import { trainingModules } from '../../plugins/training/project';

export interface ServeOptions {
  port: string;
  host: string;
  tokenFile?: string;
  clockFile?: string;
  tickMs: string;
  rateLimit: string;
  bodyLimit: string;
  publicLive?: boolean;
  readTokenFile?: string;
  corsOrigin?: string[];
  gitCommit?: boolean;
  gitPush?: string[];
  statusTitle: string;
  logLevel: string;
  /** Journal alerts without applying them (hidden: maintenance and the crash test). */
  holdAlerts?: boolean;
}

const int = (v: string, flag: string, min: number, max: number) => {
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`${flag} needs a whole number from ${min} to ${max}, got "${v}"`);
  return Number(v);
};

/**
 * A clock read from a file holding an ISO timestamp (drills and tests move time forward without waiting). A read that
 * catches the file mid-write (empty or cut short) keeps the last time read, never jumps to the real time.
 */
export function fileClock(file: string): () => Date {
  let last: Date | undefined;
  return () => {
    let text = '';
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch {
      /* not there (yet) */
    }
    const t = Date.parse(text);
    if (!Number.isNaN(t)) last = new Date(t);
    return last ? new Date(last.getTime()) : new Date();
  };
}

export async function serveCommand(opts: ServeOptions): Promise<number> {
  const port = int(opts.port, '--port', 0, 65535);
  const tickMs = int(opts.tickMs, '--tick-ms', 50, 600_000);
  const rate = int(opts.rateLimit, '--rate-limit', 1, 1_000_000);
  const bodyLimit = int(opts.bodyLimit, '--body-limit', 1024, 50 * 1024 * 1024);
  if (opts.gitPush && opts.gitPush.length !== 2) throw new UsageError('--git-push needs a remote and a branch, e.g. --git-push origin incidents');
  let tokens;
  try {
    tokens = loadTokens({ file: opts.tokenFile, env: process.env.HANDBOOK_TOKENS });
  } catch (e) {
    if (e instanceof TokenConfigError) throw new UsageError(e.message);
    throw e;
  }
  let readTokens;
  try {
    readTokens = loadTokens({ file: opts.readTokenFile, env: process.env.HANDBOOK_READ_TOKENS });
  } catch (e) {
    if (e instanceof TokenConfigError) throw new UsageError(e.message);
    throw e;
  }
  const corsOrigins = (opts.corsOrigin ?? []).map((v) => {
    let u: URL | undefined;
    try {
      u = new URL(v);
    } catch {
      u = undefined;
    }
    if (!u || !/^https?:$/.test(u.protocol) || u.origin !== v.replace(/\/$/, ''))
      throw new UsageError(`--cors-origin needs an origin such as https://handbook.your-company.internal (scheme, host and port only), got "${v}"`);
    return u.origin;
  });
  if (!tokens.length) throw new UsageError('no tokens: give --token-file <file> (one token per line, optionally name:token) or set HANDBOOK_TOKENS');
  const { project } = openProject();
  const clock = opts.clockFile ? fileClock(path.resolve(opts.clockFile)) : () => new Date();
  const validate = recordValidator(project, { now: clock, reuseIndex: true });
  // The validator's index of the other documents, built once before the first alert needs it; runbooks come from it too.
  const index = await validate.warm();
  const runbooks = new Map<string, string>();
  for (const d of index.byPath.values()) {
    if (d.type !== 'runbook' || !Array.isArray(d.frontmatter.alerts)) continue;
    for (const a of d.frontmatter.alerts) if (typeof a === 'string' && !runbooks.has(a)) runbooks.set(a, d.route);
  }
  const notifyData = project.data['notify-targets']?.value as NotifyData | undefined;
  const secrets = responderSecrets({
    env: process.env,
    envNames: (notifyData?.targets ?? []).flatMap((t) => [t.url_env, t.routing_key_env]).filter((n): n is string => !!n),
  });
  const redactEntry = logRedactor(secrets);
  let sink: (entry: Record<string, unknown>) => void = (e) => process.stdout.write(`${JSON.stringify({ time: Date.now(), ...e })}\n`);
  // Every log line goes through the redactor: no webhook URL, key or token reaches the log.
  const log = (entry: Record<string, unknown>) => sink(redactEntry(entry));
  const git =
    opts.gitCommit || opts.gitPush
      ? gitRecorder({ root: project.root, push: opts.gitPush ? { remote: opts.gitPush[0], branch: opts.gitPush[1] } : undefined, log: (e) => log(e) })
      : undefined;
  // Its own writes update its view of the records; other writers are seen through folder mtimes, or within 1 s.
  const store = new IncidentStore({ root: project.root, validate, afterWrite: git, rescanMs: 1000 });
  const notifier = new Notifier(notifyData, configureTargets(notifyData, process.env));
  const heartbeat = parseDuration(alertRoutingData(project).heartbeat_timeout);
  const responder = new Responder({
    store,
    project,
    notifier,
    clock,
    runbookFor: (a) => runbooks.get(a),
    siteUrl: siteUrlFor(project, undefined),
    log: (e) => log(e),
    heartbeatTimeoutS: heartbeat ? heartbeat / 1000 : undefined,
  });
  const journal = new Journal<AlertmanagerPayload>({ file: path.join(project.root, '.handbook-state', 'alerts.journal'), clock });
  const intake = new AlertIntake({ journal, responder, log: (e) => log(e), hold: opts.holdAlerts });
  const incidentSchema = JSON.parse(readFileSync(path.join(project.root, 'schemas/incident.schema.json'), 'utf8'));
  const app = await buildServer({
    root: project.root,
    responder,
    intake,
    registries: project.registries,
    tokens,
    clock,
    incidentSchema,
    redactLog: redactEntry,
    slackSigningSecret: process.env.HANDBOOK_SLACK_SIGNING_SECRET || undefined,
    pagerdutySecret: process.env.HANDBOOK_PAGERDUTY_WEBHOOK_SECRET || undefined,
    bodyLimit,
    rateLimit: rate,
    publicLive: opts.publicLive,
    readTokens,
    corsOrigins,
    statusTitle: opts.statusTitle,
    trainingModules: trainingModules(project, index),
    afterTrainingRecord: git,
    logger: { level: opts.logLevel, redact: ['req.headers.authorization', 'req.headers["x-slack-signature"]', 'req.headers["x-pagerduty-signature"]'] },
  });
  sink = ({ msg, ...rest }) => app.log.info(rest, String(msg ?? ''));
  const replayed = await intake.start();
  if (replayed) log({ msg: 'alert journal: notifications acknowledged before a stop are applied now', count: replayed });
  const recovered = await responder.recover();
  if (recovered) log({ msg: 'steps left mid-send by the previous run were marked unknown', count: recovered });
  const missing = [...configureTargets(notifyData, process.env).values()].filter((t) => t.missing).map((t) => `${t.id} (${t.missing})`);
  if (missing.length) log({ msg: 'notify targets not configured: steps to their mediums are recorded as not delivered', targets: missing });
  await app.listen({ port, host: opts.host });
  const address = app.server.address();
  log({ msg: 'listening', port: typeof address === 'object' && address ? address.port : port, host: opts.host });
  const timer = setInterval(() => void responder.tick(), tickMs);
  await responder.tick();
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      clearInterval(timer);
      log({ msg: 'shutting down: finishing in-flight requests and writes', signal });
      // In-flight requests finish (their journal writes first); the notification being applied and the incident
      // being escalated finish; the rest stays in the journal and the records for the next start.
      await app.close();
      await intake.stop();
      await responder.stop();
      resolve(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
}
