import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import React from 'react';
import type { Dashboard } from '@site/plugins/docusaurus-plugin-handbook/reports';
import { RecordLink } from './RecordLink';

const KINDS: [string, string][] = [
  ['year', 'Annual'],
  ['quarter', 'Quarterly'],
  ['month', 'Monthly'],
  ['week', 'Weekly'],
];

export default function ReportsIndexPage({ dashboard }: { dashboard: Dashboard }) {
  return (
    <Layout title="Incident reports" description="Weekly, monthly, quarterly and annual incident reports.">
      <main className="container margin-vert--lg">
        <h1>Incident reports</h1>
        <p>
          Generated at every build from the incident records. The reporting rhythm is described on the <Link to="/metrics">metrics page</Link>.
        </p>
        {KINDS.map(([kind, name]) => (
          <section key={kind}>
            <h2 id={kind}>{name} reports</h2>
            <ul>
              {dashboard.reports
                .filter((r) => r.kind === kind)
                .reverse()
                .map((r) => (
                  <li key={r.route}>
                    <RecordLink to={r.route}>{r.period}</RecordLink> ({r.incidents} incident{r.incidents === 1 ? '' : 's'})
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </main>
    </Layout>
  );
}
