// Alert storm against `handbook serve` (a benchmark, not a test): 1,000 Alertmanager notifications in 200 alert
// groups, posted as fast as the responder takes them (32 in flight). Prints accepted, incidents opened, p50/p99
// webhook latency (until the 2xx, i.e. until the notification is durably journaled), how long the responder took to
// apply everything, lost notifications, the responder's peak RSS and the load average. Each run starts a fresh
// responder on a fresh copy of the handbook; with --runs N it prints every run and the medians.
// Targets: p99 < 100 ms, RSS < 200 MiB, 0 lost.
//   node bench/alert-storm.mjs [--alerts 1000 --groups 200 --concurrency 32 --runs 3 --warmup 50 --hold --stop-early --cold-connections]
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as netServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : dflt);
const ALERTS = opt('alerts', 1000);
const GROUPS = opt('groups', 200);
const CONCURRENCY = opt('concurrency', 32);
const RUNS = opt('runs', 1);
// Diagnosis only: journal without applying (shows what acknowledging alone costs).
const HOLD = args.includes('--hold');
const WARMUP = opt('warmup', 0);
const STOP_EARLY = args.includes('--stop-early');
const COLD_CONNECTIONS = args.includes('--cold-connections');
const TOKEN = 'storm-token-0123456789abcdef';

const freePort = () =>
  new Promise((r) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => r(p));
    });
  });
// CPU seconds (user + system) a process has used so far: what the load average cannot distort much.
// (utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 1/100 s on Linux.)
const cpuSeconds = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function run() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'alert-storm-'));
  for (const p of ['data', 'schemas', 'runbooks', 'handbook.config.yaml']) cpSync(path.join(root, p), path.join(dir, p), { recursive: true });
  mkdirSync(path.join(dir, 'docs'));
  mkdirSync(path.join(dir, 'incidents'));
  writeFileSync(path.join(dir, '.tokens'), `storm:${TOKEN}\n`);
  const severity = parse(readFileSync(path.join(dir, 'data/severity.yaml'), 'utf8'));
  const top = severity.levels.find((l) => l.auto_declare);
  const services = parse(readFileSync(path.join(dir, 'data/services.yaml'), 'utf8')).services.map((s) => s.id);
  const routing = parse(readFileSync(path.join(dir, 'data/alert-routing.yaml'), 'utf8'));
  writeFileSync(path.join(dir, 'data/alert-routing.yaml'), stringify({ ...routing, routes: [{ match: { severity: 'critical' }, severity: top.id }] }));

  // A sink for the pages and chat messages the escalation sends.
  let delivered = 0;
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      delivered++;
      res.end('ok');
    });
  });
  await new Promise((r) => sink.listen(0, '127.0.0.1', r));
  const sinkUrl = `http://127.0.0.1:${sink.address().port}`;

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const startResponder = async () => {
    const c = spawn(
      process.execPath,
      [
        ...(process.env.STORM_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.STORM_PROF] : []),
        path.join(root, 'scripts/handbook.mjs'),
        'serve',
        '--port',
        String(port),
        '--token-file',
        '.tokens',
        '--rate-limit',
        '1000000',
        '--log-level',
        'warn',
        '--tick-ms',
        '1000',
        ...(HOLD ? ['--hold-alerts'] : []),
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          HANDBOOK_SLACK_WEBHOOK_URL: `${sinkUrl}/slack`,
          HANDBOOK_PAGERDUTY_ROUTING_KEY: 'storm',
          HANDBOOK_PAGERDUTY_EVENTS_URL: `${sinkUrl}/pd`,
          HANDBOOK_TICKET_WEBHOOK_URL: `${sinkUrl}/ticket`,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        /* starting */
      }
      if (i > 600) throw new Error('the responder did not start');
      await sleep(200);
    }
    return c;
  };
  /** SIGTERM, and how long the responder took to exit (graceful shutdown: in-flight writes finish first). */
  const stopResponder = async (c) => {
    const t = performance.now();
    c.kill('SIGTERM');
    await new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)));
    return Math.round(performance.now() - t);
  };
  let child = await startResponder();

  const startsAt = new Date().toISOString();
  const payload = (i) => {
    const g = i % GROUPS;
    const labels = { alertname: `StormAlert${g}`, severity: 'critical', service: services[g % services.length], instance: `host-${i}` };
    return {
      version: '4',
      groupKey: `{}:{alertname="StormAlert${g}"}`,
      status: 'firing',
      receiver: 'handbook-responder',
      commonLabels: { alertname: labels.alertname, severity: 'critical', service: labels.service },
      alerts: [{ status: 'firing', labels, annotations: { summary: `Storm alert ${g}` }, startsAt, fingerprint: i.toString(16).padStart(16, '0') }],
    };
  };
  // --warmup N: N notifications of one extra group before the measured storm (a responder that has been running).
  for (let i = 0; i < WARMUP; i++) {
    const body = { ...payload(0), groupKey: '{}:{alertname="StormWarmUp"}' };
    body.commonLabels = { ...body.commonLabels, alertname: 'StormWarmUp' };
    body.alerts = [{ ...body.alerts[0], labels: { ...body.alerts[0].labels, alertname: 'StormWarmUp', instance: `warm-${i}` }, fingerprint: `w${i}` }];
    await (
      await fetch(`${base}/hooks/alertmanager`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).arrayBuffer();
  }
  if (WARMUP) await sleep(2000);
  // The client's connections are opened first (GET /healthz, which touches no alert code): Alertmanager keeps its
  // connections to a receiver open, and 32 connections opened at once by a cold Node client are slow on both sides
  // (that, not the responder's alert path, made the slowest 3% of a cold run). --cold-connections skips this.
  if (!COLD_CONNECTIONS) {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let k = 0; k < 20; k++) await (await fetch(`${base}/healthz`)).arrayBuffer();
      }),
    );
    await sleep(500);
  }
  const latencies = [];
  const order = [];
  let accepted = 0;
  let failed = 0;
  let next = 0;
  const cpu0 = cpuSeconds(child.pid);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ALERTS) {
        const i = next++;
        const s = performance.now();
        const res = await fetch(`${base}/hooks/alertmanager`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify(payload(i)),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - s);
        order.push([i, performance.now() - s]);
        if (res.ok) accepted++;
        else failed++;
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const load = os.loadavg().map((l) => Number(l.toFixed(1)));
  const cpuPosting = cpuSeconds(child.pid) - cpu0;
  // --stop-early: SIGTERM while most notifications are journaled but not applied yet, then a fresh start must apply
  // the rest (nothing lost, nothing opened twice). Peak RSS and CPU then cover the second process only.
  let stopWithBacklogMs;
  let backlogAtStop;
  if (STOP_EARLY) {
    backlogAtStop = (await (await fetch(`${base}/api/alert-journal`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()).pending;
    stopWithBacklogMs = await stopResponder(child);
    child = await startResponder();
  }
  // Everything acknowledged must be applied: wait until the journal has nothing pending (bounded), then count.
  let journal;
  for (let i = 0; ; i++) {
    journal = await (await fetch(`${base}/api/alert-journal`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
    if (journal.pending === 0 || HOLD || i > 3000) break;
    await sleep(200);
  }
  const applyS = (performance.now() - t0) / 1000;
  const cpuAll = STOP_EARLY ? undefined : cpuSeconds(child.pid) - cpu0;
  await sleep(3000); // let the first escalation steps go out
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const peakRss = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  const shutdownMs = await stopResponder(child);
  sink.close();

  const files = readdirSync(path.join(dir, 'incidents'), { recursive: true }).filter((f) => /INC-\d+.*\.md$/.test(String(f)));
  const texts = files.map((f) => readFileSync(path.join(dir, 'incidents', String(f)), 'utf8'));
  const groups = new Set(texts.map((t) => /alert_group: (.*)/.exec(t)?.[1]).filter((g) => !String(g).includes('StormWarmUp')));
  // Every accepted notification must show in a record: the one that opened it, or an "Alerts firing again" line.
  const applied = texts.length + texts.reduce((n, t) => n + (t.match(/Alerts firing again/g) ?? []).length, 0);
  if (process.env.STORM_DEBUG)
    console.error(
      JSON.stringify(
        order
          .sort((a, b) => b[1] - a[1])
          .slice(0, 40)
          .map(([i, l]) => `${i}:${l.toFixed(0)}`),
      ),
    );
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
  const result = {
    alerts: ALERTS,
    groups: GROUPS,
    concurrency: CONCURRENCY,
    accepted,
    failed,
    warmup: WARMUP,
    cold_connections: COLD_CONNECTIONS,
    incidents_opened: files.length - (WARMUP ? 1 : 0),
    distinct_groups: groups.size,
    notifications_applied: applied - WARMUP,
    lost: ALERTS + WARMUP - applied,
    journal_failed: journal.failed,
    p50_ms: Number(pct(50).toFixed(1)),
    p99_ms: Number(pct(99).toFixed(1)),
    max_ms: Number(latencies[latencies.length - 1].toFixed(1)),
    post_wall_s: Number(wall.toFixed(2)),
    applied_all_after_s: Number(applyS.toFixed(2)),
    peak_rss_mib: Number(peakRss.toFixed(0)),
    responder_cpu_s_while_posting: Number(cpuPosting.toFixed(2)),
    responder_cpu_s_until_applied: cpuAll === undefined ? undefined : Number(cpuAll.toFixed(2)),
    shutdown_ms: shutdownMs,
    ...(STOP_EARLY ? { backlog_at_stop: backlogAtStop, shutdown_with_backlog_ms: stopWithBacklogMs } : {}),
    notifications_delivered_to_sink: delivered,
    cpus: os.cpus().length,
    load_average_after_posting: load,
  };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const results = [];
for (let r = 0; r < RUNS; r++) {
  const result = await run();
  results.push(result);
  console.log(JSON.stringify({ run: r + 1, ...result }));
}
if (RUNS > 1) {
  const median = (k) => {
    const v = results.map((x) => x[k]).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  console.log(
    JSON.stringify({
      medians_of: RUNS,
      ...Object.fromEntries(
        ['accepted', 'incidents_opened', 'lost', 'p50_ms', 'p99_ms', 'max_ms', 'post_wall_s', 'applied_all_after_s', 'peak_rss_mib'].map((k) => [k, median(k)]),
      ),
    }),
  );
}
