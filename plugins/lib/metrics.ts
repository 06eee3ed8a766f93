/** Incident metrics from incident records: MTTD, MTTA, MTTM, MTTR with mean, median and p90; distributions and rates. */
import { isClosed } from './incident-status';

export interface IncidentRecord {
  id: string;
  title: string;
  route?: string;
  relPath?: string;
  incident_type: string;
  severity: string;
  status: string;
  services: string[];
  started_at?: string;
  detected_at: string;
  acknowledged_at?: string;
  mitigated_at?: string;
  resolved_at?: string;
  closed_at?: string;
  example?: boolean;
  /** Opened by `handbook drill`: left out of metrics unless asked for. */
  drill?: boolean;
}

export interface PostmortemRecord {
  incident: string;
  status: string;
  route?: string;
  relPath?: string;
  action_items: { id: string; title: string; owner: string; due: string; status: string; link?: string }[];
}

export interface Stat {
  count: number;
  mean?: number;
  median?: number;
  p90?: number;
}

export interface MetricsRow {
  key: string;
  incidents: number;
  mttd: Stat;
  mtta: Stat;
  mttm: Stat;
  mttr: Stat;
  bySeverity: Record<string, number>;
  postmortemsRequired: number;
  postmortemsDone: number;
  postmortemCompletion?: number;
  actionItems: number;
  actionItemsClosed: number;
  actionItemClosure?: number;
}

export type GroupBy = 'none' | 'severity' | 'type' | 'service' | 'month' | 'week' | 'quarter' | 'year';

const MIN = 60_000;

/** Minutes between two timestamps, or undefined when either is missing or the order is wrong. */
export function minutesBetween(from?: string, to?: string): number | undefined {
  if (!from || !to) return undefined;
  const d = Date.parse(to) - Date.parse(from);
  return Number.isFinite(d) && d >= 0 ? d / MIN : undefined;
}

/** Nearest-rank percentile: the smallest value with at least p% of values at or below it. */
export function percentile(sorted: number[], p: number): number | undefined {
  if (!sorted.length) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function median(sorted: number[]): number | undefined {
  if (!sorted.length) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function stat(values: (number | undefined)[]): Stat {
  const v = values.filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  if (!v.length) return { count: 0 };
  return { count: v.length, mean: v.reduce((a, b) => a + b, 0) / v.length, median: median(v), p90: percentile(v, 90) };
}

export function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((t.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function periodKey(iso: string, by: GroupBy): string {
  const d = new Date(iso);
  const y = d.getUTCFullYear();
  if (by === 'month') return `${y}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  if (by === 'quarter') return `${y}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
  if (by === 'year') return String(y);
  if (by === 'week') return isoWeek(d);
  return 'all';
}

function keysOf(i: IncidentRecord, by: GroupBy): string[] {
  switch (by) {
    case 'severity':
      return [i.severity];
    case 'type':
      return [i.incident_type];
    case 'service':
      return i.services.length ? i.services : ['(none)'];
    case 'none':
      return ['all'];
    default:
      return [periodKey(i.detected_at, by)];
  }
}

export interface MetricsOptions {
  by?: GroupBy;
  since?: Date;
  until?: Date;
  /** Severity ids that require a postmortem. */
  postmortemRequired: Set<string>;
  /** Severity ids, most severe first, for stable ordering. */
  ranking: string[];
}

/** Incidents are placed in a period by their detection time; --since is inclusive, --until exclusive. */
export function computeMetrics(incidents: IncidentRecord[], postmortems: PostmortemRecord[], opts: MetricsOptions): MetricsRow[] {
  const by = opts.by ?? 'none';
  const within = incidents.filter((i) => {
    const t = Date.parse(i.detected_at);
    return (!opts.since || t >= opts.since.getTime()) && (!opts.until || t < opts.until.getTime());
  });
  const pmByIncident = new Map<string, PostmortemRecord>();
  for (const pm of postmortems) pmByIncident.set(pm.incident, pm);
  const groups = new Map<string, IncidentRecord[]>();
  for (const i of within) for (const k of keysOf(i, by)) groups.set(k, [...(groups.get(k) ?? []), i]);
  const order = (a: string, b: string) => (by === 'severity' ? opts.ranking.indexOf(a) - opts.ranking.indexOf(b) : a.localeCompare(b));
  return [...groups.keys()].sort(order).map((key) => {
    const list = groups.get(key)!;
    const bySeverity: Record<string, number> = {};
    for (const s of opts.ranking) bySeverity[s] = 0;
    for (const i of list) bySeverity[i.severity] = (bySeverity[i.severity] ?? 0) + 1;
    const required = list.filter((i) => opts.postmortemRequired.has(i.severity) && isClosed(i.status));
    const done = required.filter((i) => pmByIncident.get(i.id)?.status === 'published');
    const items = list.flatMap((i) => pmByIncident.get(i.id)?.action_items ?? []);
    const closed = items.filter((a) => a.status === 'done' || a.status === 'wont-do');
    return {
      key,
      incidents: list.length,
      mttd: stat(list.map((i) => minutesBetween(i.started_at, i.detected_at))),
      mtta: stat(list.map((i) => minutesBetween(i.detected_at, i.acknowledged_at))),
      mttm: stat(list.map((i) => minutesBetween(i.detected_at, i.mitigated_at))),
      mttr: stat(list.map((i) => minutesBetween(i.detected_at, i.resolved_at))),
      bySeverity,
      postmortemsRequired: required.length,
      postmortemsDone: done.length,
      postmortemCompletion: required.length ? done.length / required.length : undefined,
      actionItems: items.length,
      actionItemsClosed: closed.length,
      actionItemClosure: items.length ? closed.length / items.length : undefined,
    };
  });
}

/** Minutes as people read them: "45m", "2.5h", "3.0d" (compact) or "45 min", "2.5 h" (spaced). */
export function formatMinutes(m: number | undefined, spaced = false, none = '-'): string {
  if (m === undefined) return none;
  const sp = spaced ? ' ' : '';
  if (m < 60) return `${Math.round(m)}${sp}${spaced ? 'min' : 'm'}`;
  if (m < 48 * 60) return `${(m / 60).toFixed(1)}${sp}h`;
  return `${(m / 1440).toFixed(1)}${sp}d`;
}

export function formatPercent(r: number | undefined, none = '-'): string {
  return r === undefined ? none : `${Math.round(r * 100)}%`;
}

/** Minutes as the site's tables and reports show them ("45 min", "2.5 h"), a dash when there is no value. */
export function minutesOrDash(m: number | undefined): string {
  return formatMinutes(m, true, '–');
}

/** The columns of a metrics table after the row's key, as the dashboard, the reports and archived reports show them. */
export const METRICS_COLUMNS = ['Incidents', 'MTTD median', 'MTTA median', 'MTTM median', 'MTTR median', 'Postmortems done', 'Action items closed'];

/** A metrics row's cells, in the order of METRICS_COLUMNS. */
export function metricsCells(r: MetricsRow): string[] {
  const pct = (x: number | undefined) => formatPercent(x, '–');
  const stat = (s: Stat) => `${minutesOrDash(s.median)} (mean ${minutesOrDash(s.mean)}, p90 ${minutesOrDash(s.p90)})`;
  return [
    String(r.incidents),
    stat(r.mttd),
    stat(r.mtta),
    stat(r.mttm),
    stat(r.mttr),
    `${r.postmortemsDone}/${r.postmortemsRequired} (${pct(r.postmortemCompletion)})`,
    `${r.actionItemsClosed}/${r.actionItems} (${pct(r.actionItemClosure)})`,
  ];
}
