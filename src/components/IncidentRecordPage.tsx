/**
 * One incident record or postmortem, rendered by the site plugin from its Markdown (no MDX page per record, so
 * thousands of records stay cheap to build). The facts come from the record's front matter.
 */
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import React from 'react';
import type { RecordPage } from '@site/plugins/docusaurus-plugin-handbook/index';
import { SeverityBadge } from './Severity';
import { UtcTime } from './time';
import styles from './styles.module.css';

export default function IncidentRecordPage({ record }: { record: RecordPage }) {
  const r = record.incident;
  return (
    <Layout title={record.title} description={r ? `${r.id}: ${r.severity}, ${r.status}` : undefined}>
      <main className="container margin-vert--lg">
        <nav aria-label="Breadcrumbs">
          <Link to="/incidents">Incidents</Link>
          {record.incidentLink ? (
            <>
              {' '}
              › <Link to={record.incidentLink.route}>{record.incidentLink.id}</Link>
            </>
          ) : null}
        </nav>
        <article className="markdown margin-top--md">
          <h1>{record.title}</h1>
          {r ? (
            <aside className={styles.facts} aria-label="About this incident">
              <dl>
                <dt>Id</dt>
                <dd>{r.id}</dd>
                <dt>Severity</dt>
                <dd>
                  <SeverityBadge level={r.severity} />
                </dd>
                <dt>Status</dt>
                <dd>{r.status}</dd>
                <dt>Services</dt>
                <dd>{r.services.join(', ')}</dd>
                <dt>Commander</dt>
                <dd>{r.commander ?? 'not assigned'}</dd>
                <dt>Detected</dt>
                <dd>
                  <UtcTime iso={r.detected_at} />
                </dd>
                {r.resolved_at ? (
                  <>
                    <dt>Resolved</dt>
                    <dd>
                      <UtcTime iso={r.resolved_at} />
                    </dd>
                  </>
                ) : null}
                {r.next_update_due ? (
                  <>
                    <dt>Next update due</dt>
                    <dd>
                      <UtcTime iso={r.next_update_due} /> (as of the last build)
                    </dd>
                  </>
                ) : null}
                {r.postmortem ? (
                  <>
                    <dt>Postmortem</dt>
                    <dd>
                      <Link to={r.postmortem.route}>{r.postmortem.status}</Link>
                    </dd>
                  </>
                ) : null}
              </dl>
            </aside>
          ) : null}
          <div dangerouslySetInnerHTML={{ __html: record.html }} />
        </article>
      </main>
    </Layout>
  );
}
