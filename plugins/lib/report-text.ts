/**
 * The words of an incident report page (title, description, summary line), shared by the application's report page
 * and the archived static ones so that both say the same. Plain functions: part of the client bundle.
 */
import { minutesOrDash, type MetricsRow } from './metrics';

export type ReportKind = 'week' | 'month' | 'quarter' | 'year';

const NAMES: Record<ReportKind, string> = { week: 'Weekly', month: 'Monthly', quarter: 'Quarterly', year: 'Annual' };

export function reportTitle(kind: ReportKind, period: string): string {
  return `${NAMES[kind]} incident report ${period}`;
}

export function reportDescription(metrics: MetricsRow, period: string): string {
  return `${metrics.incidents} incidents in ${period}.`;
}

/** "3 incidents. Severity distribution: P1: 1, P3: 2. Median MTTA 4 min, median MTTR 2.0 h. Periods and times are in UTC." */
export function reportSummary(metrics: MetricsRow): string {
  const severities = Object.entries(metrics.bySeverity)
    .filter(([, n]) => n)
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  return (
    `${metrics.incidents} incident${metrics.incidents === 1 ? '' : 's'}. Severity distribution: ${severities}. ` +
    `Median MTTA ${minutesOrDash(metrics.mtta.median)}, median MTTR ${minutesOrDash(metrics.mttr.median)}. Periods and times are in UTC.`
  );
}
