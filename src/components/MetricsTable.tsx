import React from 'react';
import { METRICS_COLUMNS, metricsCells, type MetricsRow } from '@site/plugins/lib/metrics';

/** Metrics rows as an accessible table: the numbers behind every chart. */
export function MetricsTable({ rows, label }: { rows: MetricsRow[]; label: string }) {
  return (
    <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={`${label} table`}>
      <table tabIndex={0} aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            {METRICS_COLUMNS.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.key}</th>
              {metricsCells(r).map((cell, i) => (
                <td key={METRICS_COLUMNS[i]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
