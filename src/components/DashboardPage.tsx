import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import React from 'react';
import { useColorMode } from '@docusaurus/theme-common';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '@site/plugins/docusaurus-plugin-handbook/reports';
import { minutesOrDash } from '@site/plugins/lib/metrics';
import { MetricsTable } from './MetricsTable';
import { UtcTime } from './time';
import { RecordLink } from './RecordLink';

/**
 * Chart colours with at least 3:1 contrast for lines and bar outlines and 4.5:1 for labels against the page
 * background of each colour mode (WCAG 1.4.11 and 1.4.3).
 */
const PALETTE = {
  light: { text: '#1c1e21', grid: '#8d949e', MTTA: '#1d4f91', MTTM: '#a34d00', MTTR: '#8b0000', outline: '#1c1e21' },
  dark: { text: '#e3e3e3', grid: '#6b7280', MTTA: '#8cb4ee', MTTM: '#f0a35e', MTTR: '#ff8a8a', outline: '#e3e3e3' },
};

/** Month keys (2026-03) as axis labels every month keeps: short enough to show all of them on a phone. */
const monthLabel = (key: string) => {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  return m ? `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m[2]) - 1]} ${m[1].slice(2)}` : key;
};

/** The two charts; inside the Layout, where the colour mode is known. */
function Charts({
  perMonth,
  times,
  ranking,
  colours,
}: {
  perMonth: Record<string, unknown>[];
  times: Record<string, unknown>[];
  ranking: string[];
  colours: Record<string, string>;
}) {
  const { colorMode } = useColorMode();
  const c = PALETTE[colorMode === 'dark' ? 'dark' : 'light'];
  const axis = {
    stroke: c.grid,
    tick: { fill: c.text, fontSize: 12 },
    interval: 0 as const,
    angle: -45,
    textAnchor: 'end' as const,
    height: 52,
    tickFormatter: monthLabel,
  };
  const legend = (value: string) => <span style={{ color: c.text }}>{value}</span>;
  return (
    <>
      <h2 id="per-month">Incidents per month, by severity</h2>
      <div className="handbook-chart" aria-hidden="true" data-testid="chart-per-month">
        <ResponsiveContainer width="100%" height={320}>
          <BarChart accessibilityLayer={false} data={perMonth} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke={c.grid} />
            <XAxis dataKey="month" {...axis} />
            <YAxis allowDecimals={false} stroke={c.grid} tick={{ fill: c.text, fontSize: 12 }} />
            <Tooltip labelFormatter={(l) => monthLabel(String(l))} />
            <Legend formatter={legend} />
            {ranking.map((s) => (
              <Bar key={s} dataKey={s} stackId="s" fill={colours[s]} stroke={c.outline} strokeWidth={1} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <h2 id="response-times">Median response times per month (minutes)</h2>
      <div className="handbook-chart" aria-hidden="true" data-testid="chart-times">
        <ResponsiveContainer width="100%" height={320}>
          <LineChart accessibilityLayer={false} data={times} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke={c.grid} />
            <XAxis dataKey="month" {...axis} />
            <YAxis stroke={c.grid} tick={{ fill: c.text, fontSize: 12 }} />
            <Tooltip labelFormatter={(l) => monthLabel(String(l))} />
            <Legend formatter={legend} />
            <Line type="monotone" dataKey="MTTA" stroke={c.MTTA} strokeWidth={2} connectNulls />
            <Line type="monotone" dataKey="MTTM" stroke={c.MTTM} strokeWidth={2} strokeDasharray="6 3" connectNulls />
            <Line type="monotone" dataKey="MTTR" stroke={c.MTTR} strokeWidth={2} strokeDasharray="2 2" connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}

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
          Computed from the incident records in git when the site was built (<UtcTime iso={d.generatedAt} />
          ); months and times are in UTC. Definitions are on the <Link to="/metrics">metrics page</Link>; the same numbers come from{' '}
          <code>npx handbook metrics</code>.
        </p>
        {o ? (
          <ul data-testid="headline">
            <li>
              Incidents: <strong>{o.incidents}</strong>
            </li>
            <li>
              Median time to acknowledge (MTTA): <strong data-testid="mtta">{minutesOrDash(o.mtta.median)}</strong>
            </li>
            <li>
              Median time to resolve (MTTR): <strong data-testid="mttr">{minutesOrDash(o.mttr.median)}</strong>
            </li>
            <li>
              Postmortems done: {o.postmortemsDone} of {o.postmortemsRequired}; action items closed: {o.actionItemsClosed} of {o.actionItems}
            </li>
          </ul>
        ) : (
          <p>No incidents recorded yet.</p>
        )}
        <Charts perMonth={perMonth} times={times} ranking={d.ranking} colours={d.colours} />
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
              <RecordLink to={i.route!}>{i.id}</RecordLink> {i.severity} {i.title} ({i.status}){i.example ? ' (example)' : ''}
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
