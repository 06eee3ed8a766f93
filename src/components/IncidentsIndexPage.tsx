/**
 * /incidents and /incidents/year/<year>: open incidents first (severity, age, commander, next update due), then
 * closed ones by year, filterable by severity, service and type. Built from the records at every build; the page
 * says when, because a static site shows the last build (the responder's live view shows the current state).
 */
import Link from '@docusaurus/Link';
import useBaseUrl from '@docusaurus/useBaseUrl';
import Layout from '@theme/Layout';
import React, { useEffect, useId, useMemo, useState } from 'react';
import type { IncidentRow, IncidentsIndex, YearPage } from '@site/plugins/docusaurus-plugin-handbook/incidents';
import { SeverityBadge } from './Severity';
import { UtcTime } from './time';
import { useHandbookData } from './data';
import { useLiveIncidents, type LiveState } from './live';
import styles from './styles.module.css';
import { RecordLink } from './RecordLink';

type IndexData = IncidentsIndex & { intro: { title: string; description?: string; html: string } };

function age(fromIso: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

interface Filters {
  severity: string;
  service: string;
  type: string;
}

const matches = (r: IncidentRow, f: Filters) =>
  (!f.severity || r.severity === f.severity) && (!f.service || r.services.includes(f.service)) && (!f.type || r.type === f.type);

function FilterBar({ index, filters, onChange }: { index: IndexData; filters: Filters; onChange: (f: Filters) => void }) {
  // Labelled by id, not by wrapping: a wrapping label gives the select a name made of every option's text as well.
  const id = useId();
  const select = (key: keyof Filters, label: string, options: { id: string; name: string }[]) => (
    <span className={styles.filter}>
      <label htmlFor={`${id}-${key}`}>{label}</label>{' '}
      <select id={`${id}-${key}`} value={filters[key]} onChange={(e) => onChange({ ...filters, [key]: e.target.value })}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </span>
  );
  return (
    <form className={styles.filters} aria-label="Filter incidents" onSubmit={(e) => e.preventDefault()}>
      {select(
        'severity',
        'Severity',
        index.severities.map((s) => ({ id: s, name: s })),
      )}
      {select('service', 'Service', index.services)}
      {select('type', 'Type', index.types)}
    </form>
  );
}

function OpenTable({ rows, now, types }: { rows: IncidentRow[]; now: number; types: Map<string, string> }) {
  if (!rows.length) return <p>No open incidents match.</p>;
  return (
    <div className={`${styles.tableWrap} ${styles.cards}`} tabIndex={0} role="region" aria-label="Open incidents">
      <table>
        <thead>
          <tr>
            <th>Incident</th>
            <th>Severity</th>
            <th>Status</th>
            <th>Age</th>
            <th>Commander</th>
            <th>Next update due</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const overdue = r.next_update_due !== undefined && Date.parse(r.next_update_due) < now;
            return (
              <tr key={r.id}>
                <td>
                  {r.route ? (
                    <RecordLink to={r.route}>
                      <strong>{r.id}</strong> {r.title}
                    </RecordLink>
                  ) : (
                    <span>
                      <strong>{r.id}</strong> {r.title}
                    </span>
                  )}
                  <br />
                  <small>{[types.get(r.type) ?? r.type, r.services.join(', ')].filter(Boolean).join(' · ')}</small>
                </td>
                <td data-label="Severity">
                  <SeverityBadge level={r.severity} />
                </td>
                <td data-label="Status">{r.status}</td>
                <td data-label="Age">{age(r.detected_at, now)}</td>
                <td data-label="Commander">{r.commander ?? 'not assigned'}</td>
                <td data-label="Next update due">
                  <UtcTime iso={r.next_update_due} />
                  {overdue ? <strong> (overdue)</strong> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What the open-incident list is based on, in one plain sentence, and the token form when the responder is known. */
function LiveStatus({ state, built, onToken, onForget }: { state: LiveState; built: string; onToken: (t: string) => void; onForget: () => void }) {
  const [draft, setDraft] = useState('');
  const lastBuild = (
    <>
      the records as of the last build (<UtcTime iso={built} />)
    </>
  );
  let text: React.ReactNode;
  switch (state.kind) {
    case 'loading':
      text = <>Showing {lastBuild}.</>;
      break;
    case 'no-responder':
      text = <>Showing {lastBuild}. This site was built without a responder address, so incidents opened or changed since then are not shown.</>;
      break;
    case 'no-token':
      text = (
        <>
          Showing {lastBuild}, not live{state.refused ? `: ${state.refused}` : ''}. To see the open incidents live from the responder, paste a read token.
        </>
      );
      break;
    case 'offline':
      text = <>You are offline. Showing {lastBuild}, not live.</>;
      break;
    case 'error':
      text = (
        <>
          The responder could not be reached ({state.detail}). Showing {lastBuild}, not live.
        </>
      );
      break;
    case 'live':
      text = (
        <>
          <strong>Live</strong> from the responder, checked at <UtcTime iso={state.at} /> (every 30 seconds).{' '}
          <a href={`${state.responder}/live`}>The responder's own live page</a>.
        </>
      );
      break;
  }
  return (
    <div className={styles.liveStatus} data-testid="live-status" data-state={state.kind}>
      <p role="status">{text}</p>
      {state.kind === 'no-token' ? (
        <form
          className={styles.liveToken}
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) onToken(draft);
            setDraft('');
          }}
        >
          <label htmlFor="responder-token">Read token</label>
          <input id="responder-token" type="password" autoComplete="off" spellCheck={false} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" className="button button--primary button--sm">
            Show live
          </button>
          <small>Kept in this tab only (session storage) and sent only to the responder; ask the incident team for a read-only token.</small>
        </form>
      ) : null}
      {state.kind === 'live' || state.kind === 'error' || state.kind === 'offline' ? (
        <button type="button" className="button button--secondary button--sm" onClick={onForget}>
          Forget the token
        </button>
      ) : null}
    </div>
  );
}

function ClosedTable({ rows, types, label }: { rows: IncidentRow[]; types: Map<string, string>; label: string }) {
  if (!rows.length) return <p>No closed incidents match.</p>;
  return (
    <div className={`${styles.tableWrap} ${styles.cards}`} tabIndex={0} role="region" aria-label={label}>
      <table>
        <thead>
          <tr>
            <th>Incident</th>
            <th>Severity</th>
            <th>Type</th>
            <th>Detected</th>
            <th>Resolved</th>
            <th>Postmortem</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <RecordLink to={r.route}>
                  <strong>{r.id}</strong> {r.title}
                </RecordLink>
              </td>
              <td data-label="Severity">
                <SeverityBadge level={r.severity} />
              </td>
              <td data-label="Type">{types.get(r.type) ?? r.type}</td>
              <td data-label="Detected">
                <UtcTime iso={r.detected_at} />
              </td>
              <td data-label="Resolved">
                <UtcTime iso={r.resolved_at} />
              </td>
              <td data-label="Postmortem">{r.postmortem ? <RecordLink to={r.postmortem.route}>{r.postmortem.status}</RecordLink> : '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function IncidentsIndexPage({ index, year }: { index: IndexData; year?: YearPage }) {
  const [filters, setFilters] = useState<Filters>({ severity: '', service: '', type: '' });
  // The page is rendered at build time: ages start from the build and follow the clock once the page runs.
  const built = Date.parse(index.generatedAt);
  const [now, setNow] = useState(built);
  useEffect(() => setNow(Date.now()), []);
  const types = useMemo(() => new Map(index.types.map((t) => [t.id, t.name])), [index.types]);
  const data = useHandbookData();
  const commanderRole = useMemo(() => (data.roles as { id: string; function?: string }[]).find((r) => r.function === 'command')?.id, [data.roles]);
  const routes = useMemo(() => new Map(index.open.map((r) => [r.id, r.route])), [index.open]);
  const live = useLiveIncidents({ sourceUrl: useBaseUrl('/responder.json'), commanderRole, severities: index.severities, routes });
  const openRows = live.state.kind === 'live' ? live.state.rows : index.open;
  const open = openRows.filter((r) => matches(r, filters));
  const title = year ? `Incidents closed in ${year.year}` : index.intro.title;
  return (
    <Layout title={title} description={index.intro.description}>
      <main className="container margin-vert--lg">
        <h1>{title}</h1>
        {year ? (
          <p>
            <Link to={index.years.length ? '/incidents' : '/'}>All incidents</Link> · the records as of the last build (<UtcTime iso={index.generatedAt} />
            ).
          </p>
        ) : (
          <p>
            The records as of the last build (<UtcTime iso={index.generatedAt} />
            ). <Link to="/incidents/dashboard">Metrics dashboard</Link> · <Link to="/incidents/reports">Reports</Link>
          </p>
        )}
        <FilterBar index={index} filters={filters} onChange={setFilters} />
        {year ? (
          <ClosedTable rows={year.closed.filter((r) => matches(r, filters))} types={types} label={`Incidents closed in ${year.year}`} />
        ) : (
          <>
            <h2 id="open">Open incidents ({openRows.length})</h2>
            <LiveStatus state={live.state} built={index.generatedAt} onToken={(t) => live.setToken(t)} onForget={() => live.setToken(undefined)} />
            <OpenTable rows={open} now={now} types={types} />
            <h2 id="closed">Closed incidents by year</h2>
            {index.years.length ? (
              <ul>
                {index.years.map((y) => (
                  <li key={y.year}>
                    <Link to={y.route}>{y.year}</Link> ({y.count} incident{y.count === 1 ? '' : 's'})
                  </li>
                ))}
              </ul>
            ) : (
              <p>No closed incidents yet.</p>
            )}
            {index.intro.html ? <div className="markdown margin-top--lg" dangerouslySetInnerHTML={{ __html: index.intro.html }} /> : null}
          </>
        )}
      </main>
    </Layout>
  );
}
