/** `handbook metrics`: MTTD, MTTA, MTTM, MTTR and rates from the incident records, as a table, JSON or CSV. */
import { computeMetrics, formatMinutes, formatPercent, type GroupBy, type MetricsRow, type Stat } from '../../plugins/lib/metrics';
import { incidentRecords, postmortemRecords } from '../../plugins/lib/records';
import { parseInstant } from './args';
import { UsageError } from './errors';
import { loadIndex, openProject } from './project';
import { severityLevels } from '../../plugins/lint/registries';

const GROUPS: GroupBy[] = ['none', 'severity', 'type', 'service', 'week', 'month', 'quarter', 'year'];

function parseDate(v: string | undefined, flag: string): Date | undefined {
  if (!v) return undefined;
  return parseInstant(v, flag, '00:00:00');
}

const fmtMinutes = (m: number | undefined) => formatMinutes(m);
const pct = (r: number | undefined) => formatPercent(r);
const round = (n: number | undefined) => (n === undefined ? '' : String(Math.round(n * 10) / 10));

export async function loadMetrics(opts: { since?: string; until?: string; by?: string; excludeExamples?: boolean; includeDrills?: boolean }) {
  const { project } = openProject();
  const by = (opts.by ?? 'none') as GroupBy;
  if (!GROUPS.includes(by)) throw new UsageError(`--by must be one of ${GROUPS.join(', ')}`);
  const index = await loadIndex(project);
  const levels = severityLevels(project);
  let incidents = incidentRecords(index);
  if (opts.excludeExamples) incidents = incidents.filter((i) => !i.example);
  if (!opts.includeDrills) incidents = incidents.filter((i) => !i.drill);
  return computeMetrics(incidents, postmortemRecords(index), {
    by,
    since: parseDate(opts.since, '--since'),
    until: parseDate(opts.until, '--until'),
    postmortemRequired: new Set(levels.filter((l) => l.postmortem?.required).map((l) => l.id)),
    ranking: levels.map((l) => l.id),
  });
}

function statCells(s: Stat): string[] {
  return [fmtMinutes(s.mean), fmtMinutes(s.median), fmtMinutes(s.p90)];
}

export function table(rows: MetricsRow[]): string {
  const head = [
    'group',
    'incidents',
    'MTTD mean',
    'median',
    'p90',
    'MTTA mean',
    'median',
    'p90',
    'MTTM mean',
    'median',
    'p90',
    'MTTR mean',
    'median',
    'p90',
    'postmortems',
    'actions closed',
  ];
  const body = rows.map((r) => [
    r.key,
    String(r.incidents),
    ...statCells(r.mttd),
    ...statCells(r.mtta),
    ...statCells(r.mttm),
    ...statCells(r.mttr),
    `${r.postmortemsDone}/${r.postmortemsRequired} ${pct(r.postmortemCompletion)}`,
    `${r.actionItemsClosed}/${r.actionItems} ${pct(r.actionItemClosure)}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const sev = rows.length
    ? `\nSeverity distribution: ${rows
        .map(
          (r) =>
            `${r.key}: ${Object.entries(r.bySeverity)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')}`,
        )
        .join('; ')}\n`
    : '\nNo incidents in this period.\n';
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n' + sev;
}

export function csv(rows: MetricsRow[]): string {
  const stats = ['mttd', 'mtta', 'mttm', 'mttr'] as const;
  const head = [
    'group',
    'incidents',
    ...stats.flatMap((s) => [`${s}_mean_min`, `${s}_median_min`, `${s}_p90_min`]),
    'postmortems_required',
    'postmortems_done',
    'action_items',
    'action_items_closed',
  ];
  const sevs = rows.length ? Object.keys(rows[0].bySeverity) : [];
  const lines = [[...head, ...sevs.map((s) => `severity_${s}`)].join(',')];
  for (const r of rows) {
    lines.push(
      [
        JSON.stringify(r.key),
        r.incidents,
        ...stats.flatMap((s) => [round(r[s].mean), round(r[s].median), round(r[s].p90)]),
        r.postmortemsRequired,
        r.postmortemsDone,
        r.actionItems,
        r.actionItemsClosed,
        ...sevs.map((s) => r.bySeverity[s] ?? 0),
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

export async function metricsCommand(opts: {
  since?: string;
  until?: string;
  by?: string;
  format?: string;
  excludeExamples?: boolean;
  includeDrills?: boolean;
}): Promise<number> {
  const rows = await loadMetrics(opts);
  const format = opts.format ?? 'table';
  if (format === 'json') process.stdout.write(JSON.stringify({ unit: 'minutes', rows }, null, 2) + '\n');
  else if (format === 'csv') process.stdout.write(csv(rows));
  else if (format === 'table') process.stdout.write(table(rows));
  else throw new UsageError(`--format must be table, json or csv`);
  return 0;
}
