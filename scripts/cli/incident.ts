/** `handbook incident open|update|close`: incident records as files, changed safely (validated before writing, atomic write). */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { stringify } from 'yaml';
import { buildIndex, checkDocument, discoverFiles, prepareFile } from '../../plugins/lint/engine';
import type { Project } from '../../plugins/lint/types';
import { closeIncident, IncidentError, updateIncident } from '../../plugins/lib/incident-file';
import { checkText, parseInstant } from './args';
import { UsageError } from './errors';
import { openProject, parseNow } from './project';

/** Rules whose errors make an incident record unusable; anything else (placeholders) the person fixes later. */
const BLOCKING = new Set(['no-secrets', 'mdx-safety', 'no-personal-data', 'input-limits', 'frontmatter-schema', 'severity-ref', 'service-ref', 'role-ref', 'owner-ref', 'incident-type-ref', 'incident-timeline', 'frontmatter-syntax']);

async function loadIncidents(project: Project) {
  const files = await discoverFiles(project);
  const docs = await Promise.all(files.map((f) => prepareFile(project, f)));
  return { docs, index: buildIndex(project, docs) };
}

function stamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function validate(project: Project, abs: string, text: string, now: Date): Promise<void> {
  const { docs } = await loadIncidents(project);
  const doc = await prepareFile(project, abs, text);
  const index = buildIndex(project, [...docs.filter((d) => d.abs !== abs), doc]);
  const result = await checkDocument(project, doc, index, { now });
  const blocking = result.messages.filter((m) => m.severity === 2 && BLOCKING.has(m.ruleId));
  if (blocking.length) throw new IncidentError(blocking.map((m) => `${m.message} (${m.ruleId})`).join('\n  '));
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { flag: 'wx' });
  renameSync(tmp, file);
}

async function findIncident(project: Project, id: string): Promise<string> {
  if (!/^INC-\d{4,6}$/.test(id)) throw new UsageError(`"${id}" is not an incident id like INC-0042`);
  const { index } = await loadIncidents(project);
  const doc = [...index.byPath.values()].find((d) => d.type === 'incident' && d.frontmatter.id === id);
  if (!doc) throw new UsageError(`no incident ${id} under incidents/`);
  return path.join(project.root, doc.relPath);
}

export interface OpenOptions {
  title?: string;
  severity?: string;
  type?: string;
  services?: string;
  commander?: string;
  owner?: string;
  summary?: string;
  startedAt?: string;
  now?: string;
}

export async function incidentOpen(opts: OpenOptions): Promise<number> {
  const { project } = openProject();
  const now = parseNow(opts.now);
  const missing = ['title', 'severity', 'type'].filter((k) => !(opts as any)[k]);
  if (missing.length) throw new UsageError(`incident open needs ${missing.map((m) => `--${m}`).join(', ')}`);
  opts.title = checkText(opts.title!, '--title', 120);
  if (opts.summary !== undefined) opts.summary = checkText(opts.summary, '--summary', 2000);
  const severities = project.registries.get('severity') ?? [];
  if (!severities.includes(opts.severity!)) throw new UsageError(`unknown severity "${opts.severity}": use one of ${severities.join(', ')}`);
  const types = project.registries.get('incident-type') ?? [];
  if (!types.includes(opts.type!)) throw new UsageError(`unknown incident type "${opts.type}": use one of ${types.join(', ')}`);
  const services = (opts.services ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!services.length) throw new UsageError('incident open needs --services (comma-separated service ids)');
  const { index } = await loadIncidents(project);
  const numbers = [...index.byPath.values()].filter((d) => d.type === 'incident').map((d) => Number(/^INC-(\d+)$/.exec(String(d.frontmatter.id))?.[1] ?? 0));
  const id = `INC-${String(Math.max(0, ...numbers) + 1).padStart(4, '0')}`;
  const detected = stamp(now);
  const fm: Record<string, unknown> = {
    title: opts.title,
    type: 'incident',
    id,
    incident_type: opts.type,
    severity: opts.severity,
    status: 'investigating',
    services,
    ...(opts.owner ? { owner: opts.owner } : {}),
    ...(opts.commander ? { roles: { 'incident-commander': opts.commander } } : {}),
    started_at: opts.startedAt ? stamp(parseInstant(opts.startedAt, '--started-at')) : detected,
    detected_at: detected,
  };
  const typeName = project.data['incident-types']?.value?.types?.find((t: any) => t.id === opts.type)?.name ?? opts.type;
  const summary = opts.summary ?? `${opts.title}. A ${opts.severity} ${String(typeName).toLowerCase()} affecting ${services.join(', ')}, opened from the command line. The incident commander keeps this summary current as facts are confirmed.`;
  const text = `---\n${stringify(fm, { lineWidth: 0 })}---\n\n## Summary\n\n${summary}\n\n## Timeline\n\n- **${detected.slice(0, 16).replace('T', ' ')} UTC** Incident opened at ${opts.severity}${opts.commander ? `, incident commander ${opts.commander}` : ''}.\n`;
  const dir = path.join(project.root, 'incidents', String(now.getUTCFullYear()));
  const file = path.join(dir, `${id}-${new GithubSlugger().slug(opts.title!).slice(0, 60).replace(/-+$/, '') || 'incident'}.md`);
  await validate(project, file, text, now);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, text, { flag: 'wx' });
  process.stdout.write(`Opened ${id}: ${path.relative(process.cwd(), file)}\n`);
  return 0;
}

export async function incidentUpdate(id: string, opts: { status?: string; severity?: string; note?: string; at?: string; now?: string }): Promise<number> {
  const { project } = openProject();
  const now = parseNow(opts.now);
  const at = opts.at ? stamp(parseInstant(opts.at, '--at')) : stamp(now);
  if (opts.note !== undefined) opts.note = checkText(opts.note, '--note', 2000);
  const file = await findIncident(project, id);
  const before = readFileSync(file, 'utf8');
  const after = updateIncident(before, { event: opts.status, severity: opts.severity, note: opts.note, at, knownSeverities: project.registries.get('severity') ?? [] });
  await validate(project, file, after, now);
  writeAtomic(file, after);
  process.stdout.write(`Updated ${id}: ${path.relative(process.cwd(), file)}\n`);
  return 0;
}

export async function incidentClose(id: string, opts: { note?: string; at?: string; now?: string }): Promise<number> {
  const { project } = openProject();
  const now = parseNow(opts.now);
  const at = opts.at ? stamp(parseInstant(opts.at, '--at')) : stamp(now);
  if (opts.note !== undefined) opts.note = checkText(opts.note, '--note', 2000);
  const file = await findIncident(project, id);
  const after = closeIncident(readFileSync(file, 'utf8'), at, opts.note);
  await validate(project, file, after, now);
  writeAtomic(file, after);
  process.stdout.write(`Closed ${id}: ${path.relative(process.cwd(), file)}\n`);
  return 0;
}

export { IncidentError, existsSync };
