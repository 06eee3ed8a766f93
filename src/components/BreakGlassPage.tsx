import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import React from 'react';
import { reachFor } from '@site/plugins/lib/reach';
import { useHandbookData } from './data';
import { useSiteAddress } from './site-address';
import styles from './styles.module.css';

interface Entry {
  title: string;
  route: string;
  alerts: string[];
  html: string;
  steps: string[];
}

/**
 * Every runbook's first steps on one page. On screen: each runbook's full "First 5 minutes". On paper: one sheet
 * (A4 or Letter) with the first sentence of each step, where to reach people, and the site address to come back to.
 */
export default function BreakGlassPage({ entries }: { entries: Entry[] }) {
  const data = useHandbookData();
  const site = useSiteAddress();
  const pager = data.contacts.tools?.find((t) => t.kind === 'paging');
  const bridge = data.contacts.tools?.find((t) => t.kind === 'bridge');
  const ic = data.oncall.find((r) => data.roles.find((role) => role.id === r.role)?.function === 'command');
  const icReach = ic ? reachFor(data.contacts, { rotation: ic.id, role: ic.role, team: ic.team }) : undefined;
  return (
    <Layout title="Break-glass: first steps of every runbook" description="The first steps of every runbook on one printable page.">
      <main className={`container ${styles.breakglass}`} data-testid="break-glass">
        <h1>Break-glass: first steps of every runbook</h1>
        <p className={styles.screenOnly}>
          Print this page (one sheet, A4 or Letter) and keep it where you work on call. On paper each runbook shows the first sentence of its steps; the full
          steps are below and in the live runbooks, which are the source of truth.
        </p>
        <p className={styles.screenOnly}>
          <button type="button" className="button button--primary" onClick={() => window.print()}>
            Print
          </button>
        </p>
        <p className={styles.printOnly}>
          Handbook: {site} · Who is on call: {site}/on-call-now
          {pager ? ` · Paging: ${pager.name} ${pager.url}` : ''}
          {bridge ? ` · Bridge: ${bridge.url}` : ''}
          {icReach?.page ? ` · Incident commander: ${icReach.page.href}` : ''}
        </p>
        <div className={styles.breakglassGrid}>
          {entries.map((e) => (
            <section key={e.route} aria-labelledby={`bg-${e.route}`}>
              <h2 id={`bg-${e.route}`}>
                <Link to={e.route}>{e.title}</Link>
              </h2>
              {e.alerts.length ? (
                <p className={styles.breakglassAlerts}>
                  Alerts:{' '}
                  {e.alerts.map((a, i) => (
                    <React.Fragment key={a}>
                      {i ? ', ' : ''}
                      <code>{a}</code>
                    </React.Fragment>
                  ))}
                </p>
              ) : null}
              <div className={styles.screenOnly} dangerouslySetInnerHTML={{ __html: e.html }} />
              <ol className={styles.printOnly}>
                {e.steps.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ol>
            </section>
          ))}
        </div>
      </main>
    </Layout>
  );
}
