/** Helpers for the responder's end-to-end tests: free ports, a fake chat/pager server, processes that stop by themselves. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { createServer, type Server } from 'node:http';
import { createServer as netServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = netServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface Received {
  path: string;
  body: any;
}

/** A local stand-in for Slack incoming webhooks and other targets: records every JSON body it gets. */
export async function fakeTargets(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      try {
        received.push({ path: req.url ?? '', body: JSON.parse(body) });
      } catch {
        received.push({ path: req.url ?? '', body });
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((r) => server.close(() => r())) };
}

export interface Proc {
  child: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Starts a process; its output is kept for failure messages; stop() waits for it to exit. */
export function startProcess(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Proc {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-200_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-200_000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export const ALERTMANAGER = process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';
export const AMTOOL = process.env.AMTOOL_BIN ?? '/usr/bin/amtool';

/** Fails with the install command when Debian's Alertmanager (and amtool) are missing. */
export function requireAlertmanager(): void {
  if (!existsSync(ALERTMANAGER) || !existsSync(AMTOOL)) {
    throw new Error(`Alertmanager is not installed (${ALERTMANAGER}, ${AMTOOL}): run "apt-get install prometheus-alertmanager" (CI's .ci/run installs it)`);
  }
}

/**
 * Exports the Alertmanager config for the responder at `responderUrl` with the handbook CLI, checks it with
 * `amtool check-config`, shortens only Alertmanager's own waiting for the test, and starts Alertmanager on a free
 * loopback port with its state in `root`. Returns the process and its URL once it is ready.
 */
export async function startAlertmanager(o: { root: string; cli: string; responderUrl: string; tokenFile: string }): Promise<{ proc: Proc; url: string }> {
  const config = path.join(o.root, 'alertmanager.yml');
  const exp = spawnSync(
    process.execPath,
    [o.cli, 'export', 'alertmanager', '--responder-url', o.responderUrl, '--responder-token-file', o.tokenFile, '-o', config],
    { cwd: o.root, encoding: 'utf8' },
  );
  if (exp.status !== 0) throw new Error(`handbook export alertmanager failed (exit ${exp.status}):\n${exp.stderr}`);
  const check = spawnSync(AMTOOL, ['check-config', config], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`amtool check-config refused the exported config:\n${check.stdout}${check.stderr}`);
  const cfg = parse(readFileSync(config, 'utf8'));
  const short = { group_wait: '1s', group_interval: '2s', repeat_interval: '1h' };
  Object.assign(cfg.route, short);
  for (const r of cfg.route.routes ?? []) Object.assign(r, short);
  writeFileSync(config, stringify(cfg));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(path.join(o.root, 'am-data'), { recursive: true });
  const proc = startProcess(
    ALERTMANAGER,
    [`--config.file=${config}`, `--storage.path=${path.join(o.root, 'am-data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    { cwd: o.root },
  );
  await waitFor('Alertmanager to be ready', async () => (await fetch(`${url}/-/ready`)).ok, 60_000, 200).catch((e) => {
    throw new Error(`${(e as Error).message}\n${proc.output()}`);
  });
  return { proc, url };
}
