// Alert storm against `handbook serve` (a benchmark, not a test): 1,000 Alertmanager notifications in 200 alert
// groups, posted as fast as the responder takes them (32 in flight). Prints accepted, incidents opened, p50/p99
// webhook latency and the responder's peak RSS. Targets: p99 < 100 ms, RSS < 200 MiB, 0 lost.
//   node bench/alert-storm.mjs [--alerts 1000 --groups 200 --concurrency 32]
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
const TOKEN = 'storm-token-0123456789abcdef';

const freePort = () => new Promise((r) => { const s = netServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
const sink = createServer((req, res) => { req.resume(); req.on('end', () => { delivered++; res.end('ok'); }); });
await new Promise((r) => sink.listen(0, '127.0.0.1', r));
const sinkUrl = `http://127.0.0.1:${sink.address().port}`;

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, [path.join(root, 'scripts/handbook.mjs'), 'serve', '--port', String(port), '--token-file', '.tokens', '--rate-limit', '1000000', '--log-level', 'warn', '--tick-ms', '1000'], {
  cwd: dir,
  env: { ...process.env, HANDBOOK_SLACK_WEBHOOK_URL: `${sinkUrl}/slack`, HANDBOOK_PAGERDUTY_ROUTING_KEY: 'storm', HANDBOOK_PAGERDUTY_EVENTS_URL: `${sinkUrl}/pd`, HANDBOOK_TICKET_WEBHOOK_URL: `${sinkUrl}/ticket` },
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (let i = 0; ; i++) {
  try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* starting */ }
  if (i > 600) throw new Error('the responder did not start');
  await sleep(200);
}

const startsAt = new Date().toISOString();
const payload = (i) => {
  const g = i % GROUPS;
  const labels = { alertname: `StormAlert${g}`, severity: 'critical', service: services[g % services.length], instance: `host-${i}` };
  return { version: '4', groupKey: `{}:{alertname="StormAlert${g}"}`, status: 'firing', receiver: 'handbook-responder', commonLabels: { alertname: labels.alertname, severity: 'critical', service: labels.service }, alerts: [{ status: 'firing', labels, annotations: { summary: `Storm alert ${g}` }, startsAt, fingerprint: i.toString(16).padStart(16, '0') }] };
};
const latencies = [];
let accepted = 0;
let failed = 0;
let next = 0;
const t0 = performance.now();
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (next < ALERTS) {
    const i = next++;
    const s = performance.now();
    const res = await fetch(`${base}/hooks/alertmanager`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(payload(i)) });
    await res.arrayBuffer();
    latencies.push(performance.now() - s);
    if (res.ok) accepted++; else failed++;
  }
}));
const wall = (performance.now() - t0) / 1000;
await sleep(3000); // let the first escalation steps go out
const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
const peakRss = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
sink.close();

const files = readdirSync(path.join(dir, 'incidents'), { recursive: true }).filter((f) => /INC-\d+.*\.md$/.test(String(f)));
const groups = new Set(files.map((f) => /alert_group: (.*)/.exec(readFileSync(path.join(dir, 'incidents', String(f)), 'utf8'))?.[1]));
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
const result = {
  alerts: ALERTS, groups: GROUPS, concurrency: CONCURRENCY, accepted, failed,
  incidents_opened: files.length, distinct_groups: groups.size, lost: ALERTS - accepted + (GROUPS - groups.size),
  p50_ms: Number(pct(50).toFixed(1)), p99_ms: Number(pct(99).toFixed(1)), max_ms: Number(latencies[latencies.length - 1].toFixed(1)),
  wall_s: Number(wall.toFixed(2)), peak_rss_mib: Number(peakRss.toFixed(0)), notifications_delivered_to_sink: delivered,
  cpus: os.cpus().length, load_average: os.loadavg().map((l) => Number(l.toFixed(1))),
};
console.log(JSON.stringify(result, null, 2));
rmSync(dir, { recursive: true, force: true });
