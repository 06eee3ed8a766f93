import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import React from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '@site/plugins/docusaurus-plugin-handbook/reports';
import { fmtMinutes, MetricsTable } from './MetricsTable';

/** Incident metrics computed at build time from incidents/, with charts drawn in the page (no external requests). */
export default function DashboardPage({ dashboard: d }: { dashboard: Dashboard }) {
  const perMonth = d.monthly.map((r) => ({ month: r.key, ...r.bySeverity }));
  const times = d.monthly.map((r) => ({
    month: r.key,
    MTTA: r.mtta.median !== undefined ? Math.round(r.mtta.median) : null,
    MTTM: r.mttm.median !== undefined ? Math.round(r.mttm.median) : null,
    MTTR: r.mttr.median !== undefined ? Math.round(r.mttr.median) : null,
  }));
  const o = d.overall;
  return (
    <Layout title="Incident metrics dashboard" description="Incident counts, response times and follow-up rates computed from the incident records.">
      <main className="container margin-vert--lg">
        <h1>Incident metrics</h1>
        <p>
          Computed from the incident records in git when the site was built ({d.generatedAt.slice(0, 16).replace('T', ' ')} UTC). Definitions are on
          the <Link to="/metrics">metrics page</Link>; the same numbers come from <code>npx handbook metrics</code>.
        </p>
        {o ? (
          <ul data-testid="headline">
            <li>Incidents: <strong>{o.incidents}</strong></li>
            <li>Median time to acknowledge (MTTA): <strong data-testid="mtta">{fmtMinutes(o.mtta.median)}</strong></li>
            <li>Median time to resolve (MTTR): <strong data-testid="mttr">{fmtMinutes(o.mttr.median)}</strong></li>
            <li>Postmortems done: {o.postmortemsDone} of {o.postmortemsRequired}; action items closed: {o.actionItemsClosed} of {o.actionItems}</li>
          </ul>
        ) : (
          <p>No incidents recorded yet.</p>
        )}
        <h2 id="per-month">Incidents per month, by severity</h2>
        <div style={{ overflowX: 'auto' }} aria-hidden="true">
          <BarChart width={820} height={300} data={perMonth}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {d.ranking.map((s) => (
              <Bar key={s} dataKey={s} stackId="s" fill={d.colours[s]} />
            ))}
          </BarChart>
        </div>
        <h2 id="response-times">Median response times per month (minutes)</h2>
        <div style={{ overflowX: 'auto' }} aria-hidden="true">
          <LineChart width={820} height={300} data={times}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis />
            <Tooltip />
            <Legend />
            <Line type="monotone" dataKey="MTTA" stroke="#1d4f91" connectNulls />
            <Line type="monotone" dataKey="MTTM" stroke="#c05a00" connectNulls />
            <Line type="monotone" dataKey="MTTR" stroke="#8b0000" connectNulls />
          </LineChart>
        </div>
        <h2 id="by-month">By month</h2>
        <MetricsTable rows={d.monthly} label="Month" />
        <h2 id="by-severity">By severity</h2>
        <MetricsTable rows={d.bySeverity} label="Severity" />
        <h2 id="by-type">By incident type</h2>
        <MetricsTable rows={d.byType} label="Type" />
        <h2 id="by-service">By service</h2>
        <MetricsTable rows={d.byService} label="Service" />
        <h2 id="recent">Recent incidents</h2>
        <ul>
          {d.recent.map((i) => (
            <li key={i.id}>
              <Link to={i.route!}>{i.id}</Link> {i.severity} {i.title} ({i.status}){i.example ? ' (example)' : ''}
            </li>
          ))}
        </ul>
        <p>
          <Link to="/incidents/reports">Weekly, monthly, quarterly and annual reports</Link>
        </p>
      </main>
    </Layout>
  );
}
