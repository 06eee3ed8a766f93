/** Dashboard and periodic report data, computed at build time from the incident records. */
import { computeMetrics, periodKey, type GroupBy, type IncidentRecord, type MetricsRow, type PostmortemRecord } from '../lib/metrics';
import { incidentRecords, postmortemRecords } from '../lib/records';
import type { Project, ProjectIndex } from '../lint/types';
import { severityLevels } from '../lint/registries';
import type { ReportKind } from '../lib/report-text';
import { PAGE_ROUTES } from './page-routes';

/**
 * An incident as a report or the dashboard lists it: only what those pages show. Every incident appears in four
 * reports (its week, month, quarter and year), and each report is a data file of the site's bundle, so the rest of
 * the record stays out.
 */
export type ReportIncident = Pick<IncidentRecord, 'id' | 'title' | 'route' | 'severity' | 'status' | 'detected_at' | 'example'> & {
  postmortem?: { status: string; route?: string };
};

export interface Report {
  period: string; // e.g. 2026-03, 2026-Q1, 2026-W07, 2026
  kind: ReportKind;
  route: string;
  metrics: MetricsRow;
  incidents: ReportIncident[];
  /** Lists only archived records: a static page written after the build, not a page of the application. */
  archived?: boolean;
  overdueActions: { incident: string; id: string; title: string; owner: string; due: string; status: string }[];
}

export interface Dashboard {
  overall?: MetricsRow;
  monthly: MetricsRow[];
  bySeverity: MetricsRow[];
  byType: MetricsRow[];
  byService: MetricsRow[];
  ranking: string[];
  colours: Record<string, string>;
  reports: { kind: string; period: string; route: string; incidents: number }[];
  recent: ReportIncident[];
  generatedAt: string;
}

export function buildReports(project: Project, index: ProjectIndex, now = new Date()): { dashboard: Dashboard; reports: Report[] } {
  const levels = severityLevels(project);
  const ranking = levels.map((l) => l.id);
  const base = { postmortemRequired: new Set(levels.filter((l) => l.postmortem?.required).map((l) => l.id)), ranking };
  const incidents = incidentRecords(index);
  const pms = postmortemRecords(index);
  const rows = (by: GroupBy) => computeMetrics(incidents, pms, { ...base, by });
  const pmOf = new Map<string, PostmortemRecord>();
  for (const p of pms) if (!pmOf.has(p.incident)) pmOf.set(p.incident, p);
  const listed = (i: IncidentRecord): ReportIncident => {
    const pm = pmOf.get(i.id);
    return {
      id: i.id,
      title: i.title,
      route: i.route,
      severity: i.severity,
      status: i.status,
      detected_at: i.detected_at,
      example: i.example,
      postmortem: pm ? { status: pm.status, route: pm.route } : undefined,
    };
  };
  const reports: Report[] = [];
  const today = now.toISOString().slice(0, 10);
  // Each postmortem's overdue action items, worked out once: a postmortem is in the four reports of its incident.
  const overdue = pms
    .map((p) => ({
      incident: p.incident,
      items: p.action_items.filter((a) => (a.status === 'open' || a.status === 'in-progress') && a.due < today).map((a) => ({ incident: p.incident, ...a })),
    }))
    .filter((o) => o.items.length);
  for (const kind of ['week', 'month', 'quarter', 'year'] as const) {
    // Each incident's period once, not once per period: linear in the number of records.
    const inPeriod = new Map<string, IncidentRecord[]>();
    for (const i of incidents) {
      const key = periodKey(i.detected_at, kind);
      const list = inPeriod.get(key);
      if (list) list.push(i);
      else inPeriod.set(key, [i]);
    }
    for (const row of rows(kind)) {
      const list = inPeriod.get(row.key) ?? [];
      const ids = new Set(list.map((i) => i.id));
      reports.push({
        period: row.key,
        kind,
        route: `${PAGE_ROUTES.reports}/${kind}/${row.key.toLowerCase()}`,
        metrics: row,
        incidents: list.map(listed),
        overdueActions: overdue.filter((o) => ids.has(o.incident)).flatMap((o) => o.items),
      });
    }
  }
  return {
    reports,
    dashboard: {
      overall: rows('none')[0],
      monthly: rows('month'),
      bySeverity: rows('severity'),
      byType: rows('type'),
      byService: rows('service'),
      ranking,
      colours: Object.fromEntries(levels.map((l) => [l.id, l.colour ?? '#555'])),
      reports: reports.map((r) => ({ kind: r.kind, period: r.period, route: r.route, incidents: r.metrics.incidents })),
      recent: [...incidents].reverse().slice(0, 10).map(listed),
      generatedAt: now.toISOString(),
    },
  };
}
