import Head from '@docusaurus/Head';
import Link from '@docusaurus/Link';
import React from 'react';
import { Reach } from './Contacts';
import { SeverityBadge } from './Severity';
import { human, teamName, useHandbookData } from './data';
import styles from './styles.module.css';

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Owner, review status and (for runbooks) alerts, services and severities, from the document's front matter. */
export function DocFacts({ frontMatter: fm }: { frontMatter: Record<string, unknown> }) {
  const data = useHandbookData();
  const type = String(fm.type ?? '');
  const owner = typeof fm.owner === 'string' ? fm.owner : undefined;
  const reviewed = typeof fm.last_reviewed === 'string' ? fm.last_reviewed : undefined;
  if (!owner && type !== 'runbook') return null;
  const team = owner ? data.teams.find((t) => t.id === owner) : undefined;
  const services = list(fm.services).map((s) => ({ id: s, name: data.services.find((x) => x.id === s)?.name ?? s }));
  // What search indexes as the page's keywords: a runbook is found by its alert names, service ids and names and severity ids.
  const keywords =
    type === 'runbook' ? [...list(fm.alerts), ...services.flatMap((s) => (s.name === s.id ? [s.id] : [s.id, s.name])), ...list(fm.severities)] : [];
  return (
    <aside className={styles.facts} aria-label="About this document">
      {keywords.length ? (
        <Head>
          <meta name="keywords" content={keywords.join(', ')} />
        </Head>
      ) : null}
      {type === 'runbook' ? (
        <dl>
          <dt>Alerts</dt>
          <dd>
            {list(fm.alerts).map((a, i) => (
              <React.Fragment key={a}>
                {i ? ' ' : null}
                <code className={styles.alert}>{a}</code>
              </React.Fragment>
            ))}
          </dd>
          {owner ? (
            <>
              <dt>Page the owner</dt>
              <dd>
                {teamName(data, owner)}: <Reach target={{ team: owner }} />
              </dd>
            </>
          ) : null}
          <dt>Services</dt>
          <dd>
            <ServicesWithLinks services={services} />
          </dd>
          <dt>Usual severity</dt>
          <dd>
            {list(fm.severities).map((s) => (
              <SeverityBadge key={s} level={s} />
            ))}{' '}
            <Link to="/classification">How to choose</Link>
          </dd>
          {list(fm.symptoms).length ? (
            <>
              <dt>Symptoms</dt>
              <dd>{list(fm.symptoms).join(' · ')}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {owner ? (
        <p className={styles.review}>
          Owner: {teamName(data, owner)}
          {team?.chat ? ` (${team.chat})` : ''}
          {reviewed ? `. Last reviewed ${reviewed}` : ''}
          {fm.review_every ? `, reviewed every ${human(fm.review_every)}` : ''}.
        </p>
      ) : null}
    </aside>
  );
}

/** Each service with its dashboard and logs from data/contacts.yaml, so the first look is one tap away. */
function ServicesWithLinks({ services }: { services: { id: string; name: string }[] }) {
  const data = useHandbookData();
  return (
    <>
      {services.map((s, i) => {
        const e = data.contacts.services.find((x) => x.service === s.id);
        const links = [
          e?.dashboard_url ? { href: e.dashboard_url, text: 'dashboard' } : undefined,
          e?.logs_url ? { href: e.logs_url, text: 'logs' } : undefined,
        ].filter((l) => l !== undefined);
        return (
          <React.Fragment key={s.id}>
            {i ? ' · ' : null}
            {s.name}
            {links.length ? ' (' : null}
            {links.map((l, j) => (
              <React.Fragment key={l.text}>
                {j ? ', ' : null}
                <a href={l.href} aria-label={`${s.name} ${l.text}`}>
                  {l.text}
                </a>
              </React.Fragment>
            ))}
            {links.length ? ')' : null}
          </React.Fragment>
        );
      })}
    </>
  );
}
