import Link from '@docusaurus/Link';
import { useHistory } from '@docusaurus/router';
import useBaseUrl from '@docusaurus/useBaseUrl';
import React, { useEffect } from 'react';
import { genericRunbook, runbooksForServices, sameAlertIgnoringCase, servicesInAlertName } from '@site/plugins/lib/alert-match';
import { useHandbookData } from './data';
import styles from './styles.module.css';

/** The alert name in /runbooks/alert/<name>, or undefined for any other path. */
export function alertFromPath(pathname: string, baseUrl: string): string | undefined {
  const rest = pathname.startsWith(baseUrl) ? pathname.slice(baseUrl.length) : pathname;
  const m = /^\/?runbooks\/alert\/([^/]+)\/?$/.exec(rest);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

/**
 * /runbooks/alert/<name> for a name no runbook lists: the name, a search filled in with it, the runbooks of the
 * services the name mentions, the generic runbook, and every runbook. A name that differs from a listed alert only
 * in letter case goes to that alert's runbook.
 */
export function AlertFallback({ name }: { name: string }) {
  const data = useHandbookData();
  const history = useHistory();
  const searchAction = useBaseUrl('/search');
  const known = data.runbooks.flatMap((r) => r.alerts);
  const sameCase = sameAlertIgnoringCase(name, known);
  const caseRunbook = sameCase ? data.runbooks.find((r) => r.alerts.includes(sameCase)) : undefined;
  useEffect(() => {
    if (caseRunbook) history.replace(caseRunbook.route);
  }, [caseRunbook?.route]);
  const serviceIds = servicesInAlertName(name, data.services);
  const forServices = runbooksForServices(data.runbooks, serviceIds);
  const generic = genericRunbook(data.runbooks, data.incidentTypes);
  const serviceName = (id: string) => data.services.find((s) => s.id === id)?.name ?? id;
  return (
    <main className="container margin-vert--lg" data-testid="alert-fallback">
      <h1>
        No runbook lists the alert <code className={styles.alertName}>{name}</code>
      </h1>
      {caseRunbook ? (
        <p className={styles.lead} data-testid="alert-case-match">
          Did you mean <code>{sameCase}</code>? Opening <Link to={caseRunbook.route}>{caseRunbook.title}</Link>.
        </p>
      ) : null}
      <form className={styles.fallbackSearch} action={searchAction} method="get" role="search" aria-label="Search the handbook">
        <label htmlFor="alert-search">Search the handbook for this alert</label>
        <div className={styles.fallbackSearchRow}>
          <input id="alert-search" name="q" type="search" defaultValue={name} />
          <button type="submit" className="button button--primary">
            Search
          </button>
        </div>
      </form>
      {serviceIds.length ? (
        <section aria-labelledby="alert-service-runbooks">
          <h2 id="alert-service-runbooks">Runbooks for {serviceIds.map(serviceName).join(', ')}</h2>
          {forServices.length ? (
            <ul data-testid="alert-service-runbooks">
              {forServices.map((r) => (
                <li key={r.route}>
                  <Link to={r.route}>{r.title}</Link>
                  {r.description ? <span className={styles.symptoms}>{r.description}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>No runbook covers {serviceIds.map(serviceName).join(', ')} yet.</p>
          )}
        </section>
      ) : null}
      {generic ? (
        <section aria-labelledby="alert-generic">
          <h2 id="alert-generic">When nothing fits</h2>
          <p data-testid="alert-generic">
            Start with the generic <Link to={generic.route}>{generic.title}</Link> runbook, pick a severity with the <Link to="/classifier">classifier</Link>{' '}
            and find <Link to="/on-call-now">who is on call</Link>.
          </p>
        </section>
      ) : null}
      <section aria-labelledby="alert-all">
        <h2 id="alert-all">All runbooks</h2>
        <ul className={styles.runbookList} data-testid="alert-all-runbooks">
          {data.runbooks.map((r) => (
            <li key={r.route}>
              <Link to={r.route}>{r.title}</Link>
              {r.alerts.length ? <span className={styles.symptoms}>{r.alerts.join(' · ')}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <p>
        To give this alert a runbook, add its name to the <code>alerts:</code> of the runbook that handles it; its <code>runbook_url</code> then opens that
        runbook.
      </p>
    </main>
  );
}
