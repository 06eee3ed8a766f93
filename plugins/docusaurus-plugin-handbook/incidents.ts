/**
 * The incidents section of the site, generated from the records instead of one docs page per record: an index
 * (open incidents first, closed ones by year, one page per year) and one lightweight page per document under the
 * incidents root (record, postmortem), rendered from its Markdown without MDX. Knows nothing about Docusaurus.
 */
import { parseDuration } from '../lint/duration';
import type { IndexedDoc, Project, ProjectIndex } from '../lint/types';
import { incidentTypeEntries, roleEntries, serviceEntries, severityLevels } from '../lint/registries';
import { isClosed } from '../lib/incident-status';

export interface IncidentRow {
  id: string;
  title: string;
  route: string;
  severity: string;
  status: string;
  type: string;
  services: string[];
  commander?: string;
  detected_at: string;
  /** When the record last changed (latest timestamp or timeline entry). */
  last_update?: string;
  /** Open incidents: when the next update is due, from the severity's update cadence. */
  next_update_due?: string;
  resolved_at?: string;
  postmortem?: { route: string; status: string };
  example: boolean;
}

export interface IncidentsIndex {
  generatedAt: string;
  open: IncidentRow[];
  /** Years with closed incidents, newest first, and how many each has. */
  years: { year: string; route: string; count: number }[];
  severities: string[];
  services: { id: string; name: string }[];
  types: { id: string; name: string }[];
}

export interface YearPage {
  year: string;
  route: string;
  closed: IncidentRow[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const STAMP = /^\s*[-*]\s+\*\*(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::\d{2})?\s*(?:UTC|Z)?\*\*/gm;

/** The latest `- **YYYY-MM-DD HH:MM UTC**` timeline entry in a record's text, as an ISO instant. */
export function lastTimelineEntry(text: string): string | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(STAMP)) {
    const iso = `${m[1]}T${m[2]}:00Z`;
    if (!last || iso > last) last = iso;
  }
  return last;
}

function commanderRole(project: Project): string | undefined {
  return roleEntries(project).find((r) => r.function === 'command')?.id;
}

/**
 * One row per incident record. `texts` gives a record's Markdown by relative path (for its timeline); records
 * whose text is not given use their front matter timestamps only.
 */
export function incidentRows(project: Project, index: ProjectIndex, texts: (relPath: string) => string | undefined): IncidentRow[] {
  const levels = severityLevels(project);
  const cadence = new Map<string, number | undefined>(levels.map((l) => [String(l.id), parseDuration(l.response?.update_every)]));
  const commander = commanderRole(project);
  const docs = [...index.byPath.values()];
  const postmortems = new Map<string, IndexedDoc>();
  for (const d of docs) if (d.type === 'postmortem' && typeof d.frontmatter.incident === 'string') postmortems.set(d.frontmatter.incident, d);
  const rows: IncidentRow[] = [];
  for (const d of docs) {
    const f = d.frontmatter;
    if (d.type !== 'incident' || typeof f.id !== 'string' || typeof f.detected_at !== 'string') continue;
    const status = String(f.status ?? '');
    const stamps = ['detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at'].map((k) => str(f[k])).filter((x): x is string => !!x);
    const text = texts(d.relPath);
    const fromTimeline = text ? lastTimelineEntry(text) : undefined;
    if (fromTimeline) stamps.push(fromTimeline);
    const last = stamps
      .map((s) => new Date(s))
      .filter((x) => !Number.isNaN(x.getTime()))
      .sort((a, b) => a.getTime() - b.getTime())
      .pop();
    const every = cadence.get(String(f.severity));
    const roles = (f.roles && typeof f.roles === 'object' ? f.roles : {}) as Record<string, unknown>;
    const pm = postmortems.get(f.id);
    rows.push({
      id: f.id,
      title: String(f.title ?? f.id),
      route: d.route,
      severity: String(f.severity ?? ''),
      status,
      type: String(f.incident_type ?? ''),
      services: strings(f.services),
      commander: commander ? str(roles[commander]) : undefined,
      detected_at: f.detected_at,
      last_update: last?.toISOString(),
      next_update_due: !isClosed(status) && last && every ? new Date(last.getTime() + every).toISOString() : undefined,
      resolved_at: str(f.resolved_at) ?? str(f.closed_at),
      postmortem: pm ? { route: pm.route, status: String(pm.frontmatter.status ?? 'draft') } : undefined,
      example: f.example === true,
    });
  }
  return rows;
}

/** Open incidents first (most severe, then oldest), closed ones by year (newest first, one page per year). */
export function incidentsIndex(project: Project, rows: IncidentRow[], baseRoute: string, now: Date): { index: IncidentsIndex; years: YearPage[] } {
  const levels = severityLevels(project);
  const rank = new Map<string, number>(levels.map((l, i) => [String(l.id), i]));
  const bySeverity = (a: IncidentRow, b: IncidentRow) => (rank.get(a.severity) ?? 99) - (rank.get(b.severity) ?? 99);
  const open = rows.filter((r) => !isClosed(r.status)).sort((a, b) => bySeverity(a, b) || a.detected_at.localeCompare(b.detected_at));
  const byYear = new Map<string, IncidentRow[]>();
  for (const r of rows) {
    if (!isClosed(r.status)) continue;
    const year = r.detected_at.slice(0, 4);
    if (!byYear.has(year)) byYear.set(year, []);
    byYear.get(year)!.push(r);
  }
  const base = baseRoute.replace(/\/$/, '');
  const years: YearPage[] = [...byYear.keys()]
    .sort()
    .reverse()
    .map((year) => ({ year, route: `${base}/year/${year}`, closed: byYear.get(year)!.sort((a, b) => b.detected_at.localeCompare(a.detected_at)) }));
  const services = serviceEntries(project);
  const types = incidentTypeEntries(project);
  return {
    index: {
      generatedAt: now.toISOString(),
      open,
      years: years.map((y) => ({ year: y.year, route: y.route, count: y.closed.length })),
      severities: levels.map((l) => String(l.id)),
      services: services.map((s) => ({ id: String(s.id), name: String(s.name ?? s.id) })),
      types: types.map((t) => ({ id: String(t.id), name: String(t.name ?? t.id) })),
    },
    years,
  };
}
