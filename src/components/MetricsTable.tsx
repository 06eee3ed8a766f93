import React from 'react';
import { formatMinutes, formatPercent, type MetricsRow, type Stat } from '@site/plugins/lib/metrics';

export const fmtMinutes = (m: number | undefined): string => formatMinutes(m, true, '–');
const pct = (r: number | undefined) => formatPercent(r, '–');
const cells = (s: Stat) => `${fmtMinutes(s.median)} (mean ${fmtMinutes(s.mean)}, p90 ${fmtMinutes(s.p90)})`;

/** Metrics rows as an accessible table: the numbers behind every chart. */
export function MetricsTable({ rows, label }: { rows: MetricsRow[]; label: string }) {
  return (
    <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={`${label} table`}>
      <table tabIndex={0} aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col">Incidents</th>
            <th scope="col">MTTD median</th>
            <th scope="col">MTTA median</th>
            <th scope="col">MTTM median</th>
            <th scope="col">MTTR median</th>
            <th scope="col">Postmortems done</th>
            <th scope="col">Action items closed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.key}</th>
              <td>{r.incidents}</td>
              <td>{cells(r.mttd)}</td>
              <td>{cells(r.mtta)}</td>
              <td>{cells(r.mttm)}</td>
              <td>{cells(r.mttr)}</td>
              <td>
                {r.postmortemsDone}/{r.postmortemsRequired} ({pct(r.postmortemCompletion)})
              </td>
              <td>
                {r.actionItemsClosed}/{r.actionItems} ({pct(r.actionItemClosure)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
