/** `handbook drill <exercise>`: plays an exercise's scripted alerts through Alertmanager or the responder, measures, writes evidence. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { alertRoutingData, routeAlert } from '../../plugins/incidents/alert-routing';
import { severityLevels } from '../../plugins/lint/registries';
import type { Project } from '../../plugins/lint/types';
import { drillSchedule, evidenceText, measure, type DrillEvent, type DrillMeasure } from '../../plugins/incidents/drill';
import { parseDuration } from '../../plugins/lint/duration';
import { UsageError } from './errors';
import { loadIndex, openProject, parseNow } from './project';

export interface DrillOptions {
  alertmanagerUrl?: string;
  responderUrl?: string;
  tokenFile?: string;
  speed: string;
  observe: string;
  /** After the observation window, how long to wait at most for the expected incidents (real time). */
  settle: string;
  participant: string[];
  evidenceDir: string;
  evidence: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function url(v: string | undefined, flag: string): string | undefined {
  if (!v) return undefined;
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(v)) throw new UsageError(`${flag} needs an http(s) URL, got "${v}"`);
  return v.replace(/\/+$/, '');
}

export async function drillCommand(exercise: string, opts: DrillOptions): Promise<number> {
  const { project } = openProject();
  const am = url(opts.alertmanagerUrl, '--alertmanager-url');
  const responder = url(opts.responderUrl, '--responder-url');
  if (!am && !responder) throw new UsageError('drill needs --alertmanager-url or --responder-url (where the scripted alerts go)');
  const speed = Number(opts.speed);
  if (!Number.isFinite(speed) || speed <= 0 || speed > 100_000) throw new UsageError(`--speed needs a positive number up to 100000, got "${opts.speed}"`);
  const observeMs = parseDuration(opts.observe);
  if (observeMs === undefined) throw new UsageError(`--observe needs a duration like 15m, got "${opts.observe}"`);
  const settleMs = parseDuration(opts.settle);
  if (settleMs === undefined) throw new UsageError(`--settle needs a duration like 2m, got "${opts.settle}"`);
  const participants = opts.participant.map((p) => {
    const m = /^([a-z0-9-]+)=(@[A-Za-z0-9._-]{1,40})$/.exec(p);
    if (!m) throw new UsageError(`--participant needs role=@handle, e.g. oncall-primary=@amara, got "${p}"`);
    if (!(project.registries.get('role') ?? []).includes(m[1])) throw new UsageError(`--participant: unknown role "${m[1]}" (data/roles.yaml)`);
    return { role: m[1], handle: m[2] };
  });
  if (opts.evidence && !participants.length) throw new UsageError('give at least one --participant role=@handle for the evidence record (or --no-evidence)');
  let token = process.env.HANDBOOK_TOKEN?.trim();
  if (opts.tokenFile) {
    try {
      token = readFileSync(opts.tokenFile, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .find((l) => l && !l.startsWith('#'))
        ?.replace(/^[A-Za-z0-9._@-]{1,64}:/, '');
    } catch (e) {
      throw new UsageError(`cannot read --token-file ${opts.tokenFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  if (responder && !token) throw new UsageError('the responder needs a bearer token: --token-file <file> or HANDBOOK_TOKEN');

  const index = await loadIndex(project);
  const doc = [...index.byPath.values()].find(
    (d) => d.type === 'exercise' && (d.docId === exercise || path.basename(d.relPath).replace(/\.mdx?$/, '') === exercise || d.relPath === exercise),
  );
  if (!doc) {
    const ids = [...index.byPath.values()].filter((d) => d.type === 'exercise').map((d) => d.docId);
    throw new UsageError(`no exercise "${exercise}": use one of ${ids.join(', ')}`);
  }
  const started = Date.now();
  const runId = `drill-${new Date(started).toISOString().replace(/\D/g, '').slice(0, 12)}`;
  const events = drillSchedule(doc.frontmatter, doc.docId, runId);
  if (!events.length) throw new UsageError(`${doc.relPath} has no scripted alerts: add "alerts:" to an inject (see the exercise schema)`);
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };

  const post = async (ev: DrillEvent) => {
    const now = new Date();
    const startsAt = new Date(started + ev.alert.atMs / speed).toISOString();
    const endsAt = ev.kind === 'resolve' ? now.toISOString() : undefined;
    let res: Response;
    if (am) {
      res = await fetch(`${am}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ labels: ev.alert.labels, annotations: ev.alert.annotations, startsAt, ...(endsAt ? { endsAt } : {}) }]),
      });
    } else {
      const status = ev.kind === 'resolve' ? 'resolved' : 'firing';
      const body = {
        version: '4',
        groupKey: `${runId}:{alertname="${ev.alert.labels.alertname}"}`,
        status,
        receiver: 'handbook-drill',
        commonLabels: ev.alert.labels,
        commonAnnotations: ev.alert.annotations,
        alerts: [
          {
            status,
            labels: ev.alert.labels,
            annotations: ev.alert.annotations,
            startsAt,
            ...(endsAt ? { endsAt } : {}),
            fingerprint: runId.slice(-12) + ev.alert.labels.alertname.slice(0, 20),
          },
        ],
      };
      res = await fetch(`${responder}/hooks/alertmanager`, { method: 'POST', headers, body: JSON.stringify(body) });
    }
    if (!res.ok)
      throw new UsageError(
        `${am ? 'Alertmanager' : 'the responder'} refused the scripted alert ${ev.alert.labels.alertname}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`,
      );
    process.stdout.write(
      `${new Date().toISOString()} ${ev.kind === 'fire' ? 'fired' : 'resolved'} ${ev.alert.labels.alertname} (inject at +${Math.round(ev.alert.atMs / 60_000)}m)\n`,
    );
  };

  const routing = routingOf(project);
  // Through Alertmanager, a resolution played before Alertmanager delivered the firing alert would mean no incident at
  // all (Alertmanager sends nothing for a group that resolved before its group_wait). So a resolution waits, at most
  // --settle, until the responder has opened the incident of the alert it resolves.
  const opened = async (alertname: string) => {
    if (!responder) return true;
    const res = await fetch(`${responder}/api/incidents?drill=only`, { headers });
    if (!res.ok) return true;
    const list = ((await res.json()) as { incidents: { title?: string; detected_at?: string }[] }).incidents;
    return list.some((i) => Date.parse(String(i.detected_at)) >= started - 60_000 && String(i.title ?? '').startsWith(alertname));
  };
  for (const ev of events) {
    const wait = started + ev.atMs / speed - Date.now();
    if (wait > 0) await sleep(wait);
    if (am && ev.kind === 'resolve' && routing.declares(ev.alert.labels)) {
      const deadline = Date.now() + settleMs;
      while (!(await opened(ev.alert.labels.alertname)) && Date.now() < deadline) await sleep(500);
    }
    await post(ev);
  }
  const lastAt = events[events.length - 1].atMs;
  const until = started + (lastAt + observeMs) / speed;
  let measures: DrillMeasure[] = [];
  if (responder) {
    // The incidents the scripted alerts should open: one per alert name whose routed severity declares automatically.
    // Through Alertmanager they arrive after its group_wait, and the responder applies them from its journal: the
    // measurement waits for them (at most --settle after the observation window), so a fast drill still sees them.
    const expected = new Set(events.filter((e) => e.kind === 'fire' && routing.declares(e.alert.labels)).map((e) => e.alert.labels.alertname)).size;
    const settleUntil = until + settleMs;
    process.stdout.write(
      `Measuring the response until ${new Date(until).toISOString()}${expected ? ` (waiting up to ${opts.settle} more for ${expected} incident${expected === 1 ? '' : 's'} to open)` : ''}...\n`,
    );
    for (;;) {
      const res = await fetch(`${responder}/api/incidents?drill=only`, { headers });
      if (!res.ok) throw new UsageError(`the responder refused the incident list: HTTP ${res.status}`);
      // The responder's /api/incidents answer (schemas/api-incidents.schema.json): front matter fields per incident.
      const list = ((await res.json()) as { incidents: (Record<string, unknown> & { path: string })[] }).incidents.filter(
        (i) => Date.parse(String(i.detected_at)) >= started - 60_000,
      );
      measures = await Promise.all(
        list.map(async (i) => {
          const full = (await (await fetch(`${responder}/api/incidents/${String(i.id)}`, { headers })).json()) as Record<string, unknown>;
          return measure(full, String(full.text ?? ''), started);
        }),
      );
      const pending = await journalPending(responder, headers);
      if (Date.now() >= until && ((measures.length >= expected && pending === 0) || Date.now() >= settleUntil)) break;
      await sleep(Date.now() >= until ? 500 : Math.min(5000, Math.max(200, until - Date.now())));
    }
  } else process.stdout.write('No --responder-url: the drill fired its alerts but cannot measure the response.\n');
  for (const m of measures)
    process.stdout.write(
      `${m.id} ${m.severity}: to declare ${m.toDeclareMs ?? '-'} ms, to acknowledge ${m.toAcknowledgeMs ?? '-'} ms, to first update ${m.toFirstUpdateMs ?? '-'} ms\n`,
    );
  if (opts.evidence) {
    const date = parseNow(undefined).toISOString().slice(0, 10);
    const fm = doc.frontmatter;
    // The controls a run of this exercise evidences: the exercise's own, else those of earlier runs of it.
    const earlier = [...index.byPath.values()].find(
      (d) => d.type === 'evidence' && d.frontmatter.scenario === doc.docId && Array.isArray(d.frontmatter.controls),
    );
    const controls = (Array.isArray(fm.controls) && fm.controls.length ? fm.controls : ((earlier?.frontmatter.controls as unknown[]) ?? [])).map(String);
    const text = evidenceText({
      title: String(fm.title ?? doc.docId),
      date,
      owner: String(fm.owner ?? ''),
      scenario: doc.docId,
      participants,
      controls,
      measures,
      alerts: events.filter((e) => e.kind === 'fire').length,
      runId,
    });
    const dir = path.resolve(project.root, opts.evidenceDir);
    if (!dir.startsWith(project.root + path.sep)) throw new UsageError('--evidence-dir must be inside the handbook repository');
    mkdirSync(dir, { recursive: true });
    let file = path.join(dir, `${date}-drill-${path.basename(doc.docId)}.md`);
    for (let n = 2; existsSync(file); n++) file = path.join(dir, `${date}-drill-${path.basename(doc.docId)}-${n}.md`);
    writeFileSync(file, text, { flag: 'wx' });
    process.stdout.write(`Wrote the evidence record ${path.relative(process.cwd(), file)}\n`);
  }
  return 0;
}

/** Whether alerts with these labels open an incident (data/alert-routing.yaml and auto_declare in data/severity.yaml). */
function routingOf(project: Project): { declares: (labels: Record<string, string>) => boolean } {
  const levels = severityLevels(project);
  const data = alertRoutingData(project);
  const known = { severities: levels.map((l) => l.id), services: project.registries.get('service') ?? [] };
  return { declares: (labels) => levels.find((l) => l.id === routeAlert(labels, data, known).severity)?.auto_declare === true };
}

/** Notifications the responder acknowledged but has not applied yet (0 when it has no journal). */
async function journalPending(responder: string, headers: Record<string, string>): Promise<number> {
  try {
    const res = await fetch(`${responder}/api/alert-journal`, { headers });
    if (!res.ok) return 0;
    return Number(((await res.json()) as { pending?: number }).pending ?? 0);
  } catch {
    return 0;
  }
}
