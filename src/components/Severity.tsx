import Link from '@docusaurus/Link';
import React from 'react';
import { audienceName, human, levelById, roleName, roleRoute, useHandbookData } from './data';
import { Missing } from './Missing';
import styles from './styles.module.css';
import { textColourFor } from '@site/plugins/lib/colour';
import type { SeverityFactField } from '@site/plugins/lint/components';
import type { SeverityLevel } from '@site/plugins/lint/registries';
import type { SiteData } from '@site/plugins/docusaurus-plugin-handbook/site-data';

export function SeverityBadge({ level }: { level: string }) {
  const data = useHandbookData();
  const l = levelById(data, level);
  if (!l) return <Missing>{`Unknown severity ${level} in <SeverityBadge level>.`}</Missing>;
  const bg = l.colour ?? '#444444';
  return (
    <span className={styles.badge} style={{ background: bg, color: textColourFor(bg) }}>
      {level}
      {` ${l.name}`}
    </span>
  );
}

/** The classification matrix: one row per level, from data/severity.yaml. */
export function SeverityMatrix() {
  const data = useHandbookData();
  const levels = data.severity.levels;
  const policies = data.escalation.policies;
  return (
    <div className={styles.tableWrap} data-scroll-cue tabIndex={0} role="region" aria-label="Table, scrolls sideways">
      <table className={styles.matrix} aria-label="Severity classification matrix">
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Criteria (any one is enough)</th>
            <th scope="col">Examples</th>
            <th scope="col">Response</th>
            <th scope="col">Escalation</th>
            <th scope="col">Who is told</th>
            <th scope="col">Postmortem</th>
          </tr>
        </thead>
        <tbody>
          {levels.map((l) => {
            const policy = policies.find((p) => p.id === l.escalation_policy);
            return (
              <tr key={l.id} id={`severity-${l.id.toLowerCase()}`}>
                <th scope="row">
                  <SeverityBadge level={l.id} />
                  <p className={styles.intent}>{l.intent}</p>
                  {l.major_incident ? <strong>Major incident</strong> : null}
                </th>
                <td>
                  <ul>
                    {l.criteria.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  <ul>
                    {l.examples.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  <ul>
                    <li>Acknowledge within {human(l.response.acknowledge_within)}</li>
                    <li>First update within {human(l.response.first_update_within)}</li>
                    <li>Then every {human(l.response.update_every)}</li>
                  </ul>
                </td>
                <td>
                  {policy ? (
                    <>
                      <Link to={`/escalation#${l.id.toLowerCase()}`}>{policy.name}</Link>
                      <ul>
                        {policy.steps.map((s, i) => (
                          <li key={i}>
                            {human(s.after) === 'immediately' ? 'At once' : `+${human(s.after)}`}:{' '}
                            {s.notify.role ? roleName(data, s.notify.role) : s.notify.team} ({s.via})
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    l.escalation_policy
                  )}
                </td>
                <td>
                  <ul>
                    {l.communication.audience.map((a) => (
                      <li key={a}>{audienceName(data, a)}</li>
                    ))}
                  </ul>
                  Status page: {l.communication.status_page}
                </td>
                <td>{l.postmortem.required ? `Required, within ${human(l.postmortem.due_within)} of resolution` : 'Optional'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const FIELDS: Record<SeverityFactField, (l: SeverityLevel, data: SiteData) => string> = {
  name: (l) => l.name,
  intent: (l) => l.intent,
  acknowledge_within: (l) => human(l.response.acknowledge_within),
  first_update_within: (l) => human(l.response.first_update_within),
  update_every: (l) => human(l.response.update_every),
  postmortem_due_within: (l) => human(l.postmortem.due_within),
  postmortem_required: (l) => (l.postmortem.required ? 'required' : 'optional'),
  escalation_policy: (l, data) => data.escalation.policies.find((p) => p.id === l.escalation_policy)?.name ?? l.escalation_policy,
  audience: (l, data) => l.communication.audience.map((a) => audienceName(data, a)).join(', '),
  status_page: (l) => l.communication.status_page,
  major_incident: (l) => (l.major_incident ? 'a major incident' : 'not a major incident'),
};

/** One fact about one level, inline in prose: "acknowledge within <SeverityFact level="P1" field="acknowledge_within"/>". */
export function SeverityFact({ level, field }: { level: string; field: string }) {
  const data = useHandbookData();
  const l = levelById(data, level);
  const f = (FIELDS as Record<string, ((l: SeverityLevel, data: SiteData) => string) | undefined>)[field];
  if (!l || !f) return <Missing>{!l ? `Unknown severity ${level} in <SeverityFact level>.` : `Unknown field ${field} in <SeverityFact field>.`}</Missing>;
  return <span data-severity-fact={`${level}.${field}`}>{f(l, data)}</span>;
}

type Column = [header: string, cell: (level: SeverityLevel) => React.ReactNode];

/** One row per severity level, most severe first; the first column is the level's badge. */
function LevelTable({ columns, label }: { columns: Column[]; label: string }) {
  const data = useHandbookData();
  return (
    <div className={styles.tableWrap} data-scroll-cue tabIndex={0} role="region" aria-label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">Level</th>
            {columns.map(([h]) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.severity.levels.map((l) => (
            <tr key={l.id}>
              <th scope="row">
                <SeverityBadge level={l.id} />
              </th>
              {columns.map(([h, cell]) => (
                <td key={h}>{cell(l)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UpdateCadenceTable() {
  const data = useHandbookData();
  return (
    <LevelTable
      label="Response targets by severity"
      columns={[
        ['Acknowledge within', (l) => human(l.response.acknowledge_within)],
        ['First update within', (l) => human(l.response.first_update_within)],
        ['Update every', (l) => human(l.response.update_every)],
        ['Who is told', (l) => l.communication.audience.map((a) => audienceName(data, a)).join(', ')],
        ['Status page', (l) => l.communication.status_page],
      ]}
    />
  );
}

export function PostmortemRules() {
  return (
    <LevelTable
      label="Postmortem rules by severity"
      columns={[
        ['Postmortem', (l) => (l.postmortem.required ? 'Required' : 'Optional (write one if anyone asks)')],
        ['Due within (after resolution)', (l) => human(l.postmortem.due_within)],
      ]}
    />
  );
}

export function IncidentTypes() {
  const data = useHandbookData();
  return (
    <table tabIndex={0}>
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">What it is</th>
          <th scope="col">Examples</th>
          <th scope="col">Start at</th>
          <th scope="col">Lead team</th>
        </tr>
      </thead>
      <tbody>
        {data.incidentTypes.map((t) => (
          <tr key={t.id} id={`type-${t.id}`}>
            <th scope="row">{t.name}</th>
            <td>
              {t.description}
              {t.security ? ' Involve the security team.' : ''}
              {t.personal_data ? ' Start the personal data breach procedure.' : ''}
            </td>
            <td>{(t.examples ?? []).join('; ')}</td>
            <td>
              <SeverityBadge level={t.default_severity} />
            </td>
            <td>{data.teams.find((x) => x.id === t.lead_team)?.name ?? t.lead_team}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AlertRouting() {
  const data = useHandbookData();
  const policies = data.escalation.policies;
  const first = (l: SeverityLevel) => policies.find((p) => p.id === l.escalation_policy)?.steps[0];
  return (
    <LevelTable
      label="Alert routing by severity"
      columns={[
        [
          'First notified',
          (l) => {
            const step = first(l);
            const who = step?.notify?.role ? roleName(data, step.notify.role) : step?.notify?.team;
            const route = step?.notify?.role ? roleRoute(data, step.notify.role) : undefined;
            return route ? <Link to={route}>{who}</Link> : who;
          },
        ],
        ['Channel', (l) => first(l)?.via],
        ['Acknowledge within', (l) => human(l.response.acknowledge_within)],
        ['Then told', (l) => l.communication.audience.map((a) => audienceName(data, a)).join(', ')],
      ]}
    />
  );
}
