import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import React from 'react';
import styles from './styles.module.css';

interface Entry {
  title: string;
  route: string;
  alerts: string[];
  html: string;
}

/** Every runbook's first steps on one page, to print and keep for when the network is gone. */
export default function BreakGlassPage({ entries }: { entries: Entry[] }) {
  return (
    <Layout title="Break-glass: first steps of every runbook" description="The first steps of every runbook on one printable page.">
      <main className={`container margin-vert--lg ${styles.breakglass}`}>
        <h1>Break-glass: first steps of every runbook</h1>
        <p>
          Print this page and keep it where you work on call. Printed {new Date().toISOString().slice(0, 10)}; the live runbooks are the source of truth.
        </p>
        <p className="noprint">
          <button type="button" className="button button--primary" onClick={() => window.print()}>
            Print
          </button>
        </p>
        {entries.map((e) => (
          <section key={e.route} aria-labelledby={`bg-${e.route}`}>
            <h2 id={`bg-${e.route}`}>
              <Link to={e.route}>{e.title}</Link>
            </h2>
            {e.alerts.length ? <p>Alerts: {e.alerts.map((a) => <code key={a}>{a} </code>)}</p> : null}
            <div dangerouslySetInnerHTML={{ __html: e.html }} />
          </section>
        ))}
      </main>
    </Layout>
  );
}
