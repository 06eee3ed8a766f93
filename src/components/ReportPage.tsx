import Layout from '@theme/Layout';
import React from 'react';
import type { Report } from '@site/plugins/docusaurus-plugin-handbook/reports';
import { reportDescription, reportSummary, reportTitle } from '@site/plugins/lib/report-text';
import { MetricsTable } from './MetricsTable';
import { UtcTime } from './time';
import { RecordLink } from './RecordLink';

// Archived reports (plugins/docusaurus-plugin-handbook/archive.ts) show the same as this page, as static HTML.
export default function ReportPage({ report: r }: { report: Report }) {
  const title = reportTitle(r.kind, r.period);
  return (
    <Layout title={title} description={reportDescription(r.metrics, r.period)}>
      <main className="container margin-vert--lg">
        <h1>{title}</h1>
        <p>{reportSummary(r.metrics)}</p>
        <h2 id="metrics">Metrics</h2>
        <MetricsTable rows={[r.metrics]} label="Period" />
        <h2 id="incidents">Incidents</h2>
        <table tabIndex={0}>
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Severity</th>
              <th scope="col">Detected</th>
              <th scope="col">Status</th>
              <th scope="col">Postmortem</th>
            </tr>
          </thead>
          <tbody>
            {r.incidents.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <RecordLink to={i.route!}>{i.id}</RecordLink> {i.title}
                  {i.example ? ' (example)' : ''}
                </th>
                <td>{i.severity}</td>
                <td>
                  <UtcTime iso={i.detected_at} />
                </td>
                <td>{i.status}</td>
                <td>{i.postmortem ? <RecordLink to={i.postmortem.route!}>{i.postmortem.status}</RecordLink> : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2 id="overdue">Overdue action items</h2>
        {r.overdueActions.length ? (
          <ul>
            {r.overdueActions.map((a) => (
              <li key={`${a.incident}-${a.id}`}>
                {a.incident} {a.id}: {a.title} (owner {a.owner}, due {a.due}, {a.status})
              </li>
            ))}
          </ul>
        ) : (
          <p>None at build time.</p>
        )}
      </main>
    </Layout>
  );
}
