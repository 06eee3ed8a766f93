import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import React from 'react';
import type { FrameworkCoverage } from '@site/plugins/lib/coverage';
import styles from './styles.module.css';

const LABEL: Record<string, string> = { covered: 'Covered', partial: 'Partial', missing: 'Missing' };

/** Per framework: controls x covering documents and evidence, with links; CSV and Markdown exports for auditors. */
export default function CompliancePage({ coverage }: { coverage: FrameworkCoverage[] }) {
  return (
    <Layout title="Compliance coverage" description="Which documents and evidence records satisfy each control of each framework.">
      <main className="container margin-vert--lg">
        <h1>Compliance coverage</h1>
        <p>
          Documents claim the controls they satisfy in their front matter (<code>controls: [soc2:CC7.4]</code>); exercises that were run and plan reviews are
          evidence records. This page is rebuilt from the repository at every build. Export for auditors:{' '}
          <a href="/compliance/coverage.csv" download>
            CSV
          </a>
          ,{' '}
          <a href="/compliance/coverage.md" download>
            Markdown
          </a>
          , <a href="/api/coverage.json">JSON</a>.
        </p>
        <ul>
          {coverage.map((f) => (
            <li key={f.id}>
              <a href={`#${f.id}`}>{f.name}</a>: {f.covered} of {f.controls.length} covered{f.partial ? `, ${f.partial} partial` : ''}
              {f.missing ? `, ${f.missing} missing` : ''}
            </li>
          ))}
        </ul>
        {coverage.map((f) => (
          <section key={f.id}>
            <h2 id={f.id}>{f.name}</h2>
            <p>{f.source}</p>
            <div className={styles.tableWrap} data-scroll-cue tabIndex={0} role="region" aria-label="Table, scrolls sideways">
              <table tabIndex={0} aria-label={`${f.name} coverage`}>
                <thead>
                  <tr>
                    <th scope="col">Control</th>
                    <th scope="col">Status</th>
                    <th scope="col">Documents</th>
                    <th scope="col">Evidence</th>
                  </tr>
                </thead>
                <tbody>
                  {f.controls.map((c) => (
                    <tr key={c.id} id={c.id.replace(/[:.]/g, '-')}>
                      <th scope="row">
                        {c.control} {c.title}
                        <br />
                        <small>{c.description}</small>
                      </th>
                      <td data-status={c.status}>
                        {LABEL[c.status]}
                        {c.evidenceRequired ? ' (evidence required)' : ''}
                      </td>
                      <td>
                        {c.documents.map((d, i) => (
                          <React.Fragment key={d.route}>
                            {i ? ', ' : ''}
                            <Link to={d.route}>{d.title}</Link>
                          </React.Fragment>
                        ))}
                      </td>
                      <td>
                        {c.evidence.map((d, i) => (
                          <React.Fragment key={d.route}>
                            {i ? ', ' : ''}
                            <Link to={d.route}>{d.title}</Link>
                          </React.Fragment>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </main>
    </Layout>
  );
}
