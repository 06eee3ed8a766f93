import Link from '@docusaurus/Link';
import React from 'react';
import { SeverityBadge } from './Severity';
import { useHandbookData } from './data';
import styles from './styles.module.css';

/** Every runbook with its alerts, services and usual severities: the page an alert's runbook_url falls back to. */
export function RunbookIndex() {
  const data = useHandbookData();
  return (
    <div className={styles.tableWrap} data-scroll-cue tabIndex={0} role="region" aria-label="Table, scrolls sideways">
      <table tabIndex={0} data-testid="runbook-index">
        <thead>
          <tr>
            <th scope="col">Runbook</th>
            <th scope="col">Alerts</th>
            <th scope="col">Services</th>
            <th scope="col">Usually</th>
          </tr>
        </thead>
        <tbody>
          {data.runbooks.map((r) => (
            <tr key={r.route}>
              <th scope="row">
                <Link to={r.route}>{r.title}</Link>
                {r.symptoms.length ? <small className={styles.symptoms}>{r.symptoms.join(' · ')}</small> : null}
              </th>
              <td>
                {r.alerts.map((a, i) => (
                  <React.Fragment key={a}>
                    {i ? ' ' : null}
                    <code className={styles.alert} id={`alert-${a}`}>
                      {a}
                    </code>
                  </React.Fragment>
                ))}
              </td>
              <td>{r.services.map((s) => data.services.find((x) => x.id === s)?.name ?? s).join(', ')}</td>
              <td>
                {r.severities.map((s) => (
                  <SeverityBadge key={s} level={s} />
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
