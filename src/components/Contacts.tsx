/**
 * How to reach people, and when, from data/contacts.yaml, data/escalation.yaml and data/severity.yaml.
 * Used by the escalation timelines and by pages (the worked example) that must never type a time, a role or a number.
 */
import Link from '@docusaurus/Link';
import React from 'react';
import { formatUtc, parseTypedUtc } from '@site/plugins/lib/comm-template';
import { contactChain, telHref, toolFor } from '@site/plugins/lib/reach';
import { parseDuration } from '@site/plugins/lint/duration';
import type { ContactEntry, EscalationPolicy, EscalationStep as Step, SeverityLevel, ToolEntry } from '@site/plugins/lint/registries';
import { human, levelById, roleName, roleRoute, teamName, useHandbookData } from './data';
import styles from './styles.module.css';

type Data = ReturnType<typeof useHandbookData>;
interface Target {
  role?: string;
  team?: string;
}

/** Contacts for a target: its own entries, then (for a role) those of the teams whose rotations staff it. */
export function contactsFor(data: Data, t: Target): ContactEntry[] {
  const target = t.role ? { role: t.role } : { team: t.team };
  const teams = t.role ? data.oncall.filter((r) => r.role === t.role).flatMap((r) => (r.team ? [r.team] : [])) : [];
  return contactChain(data.contacts, target, teams);
}

export function tool(data: Data, kind: string): ToolEntry | undefined {
  return toolFor(data.contacts, kind);
}

/** One line: page link, phone, chat and bridge of a target, whichever exist. */
export function Reach({ target }: { target: Target }) {
  const data = useHandbookData();
  const cs = contactsFor(data, target);
  const team = target.team ? data.teams.find((x) => x.id === target.team) : undefined;
  const page = cs.find((c) => c.page_url)?.page_url;
  const phone = cs.find((c) => c.phone)?.phone;
  const chat = cs.find((c) => c.chat)?.chat ?? team?.chat;
  const bridge = cs.find((c) => c.bridge_url)?.bridge_url;
  const parts: React.ReactNode[] = [];
  if (page)
    parts.push(
      <a key="p" href={page}>
        page in {tool(data, 'paging')?.name ?? 'the paging tool'}
      </a>,
    );
  if (phone)
    parts.push(
      <span key="t">
        phone <a href={telHref(phone)}>{phone}</a>
      </span>,
    );
  if (chat)
    parts.push(
      <span key="c">
        chat <code>{chat}</code>
      </span>,
    );
  if (bridge)
    parts.push(
      <a key="b" href={bridge}>
        bridge
      </a>,
    );
  if (!parts.length) return <span className={styles.missing}>no contact in data/contacts.yaml</span>;
  return (
    <span data-reach={target.role ?? target.team}>
      {parts.map((p, i) => (
        <React.Fragment key={i}>
          {i ? ' · ' : ''}
          {p}
        </React.Fragment>
      ))}
    </span>
  );
}

/** The contact entry's key behind each `field` of <ContactFact role|team>. */
const CONTACT_FIELDS: Record<string, 'page_url' | 'phone' | 'chat' | 'bridge_url' | undefined> = {
  page: 'page_url',
  phone: 'phone',
  chat: 'chat',
  bridge: 'bridge_url',
};

/** One value from data/contacts.yaml, inline: a tool's name or link, or a target's page link, phone, chat or bridge. */
export function ContactFact({
  role,
  team,
  tool: kind,
  service,
  field = 'reach',
}: {
  role?: string;
  team?: string;
  tool?: string;
  service?: string;
  field?: string;
}) {
  const data = useHandbookData();
  if (kind) {
    const t = tool(data, kind);
    if (!t) return <span className={styles.missing}>[no {kind} tool in data/contacts.yaml]</span>;
    if (field === 'name') return <span>{t.name}</span>;
    if (field === 'how') return <span>{t.how}</span>;
    return <a href={t.url}>{t.name}</a>;
  }
  if (service) {
    const s = data.contacts.services.find((x) => x.service === service);
    const url = s?.[field === 'logs' ? 'logs_url' : 'dashboard_url'];
    const name = data.services.find((x) => x.id === service)?.name ?? service;
    if (!url)
      return (
        <span className={styles.missing}>
          [no {field} link for {service}]
        </span>
      );
    return (
      <a href={url}>
        {name} {field === 'logs' ? 'logs' : 'dashboard'}
      </a>
    );
  }
  const target = role ? { role } : { team };
  if (field === 'reach') return <Reach target={target} />;
  const key = CONTACT_FIELDS[field];
  const value =
    key && (contactsFor(data, target).find((c) => c[key])?.[key] ?? (key === 'chat' && team ? data.teams.find((x) => x.id === team)?.chat : undefined));
  if (!key || !value)
    return (
      <span className={styles.missing}>
        [no {field} for {role ?? team}]
      </span>
    );
  if (key === 'phone') return <a href={telHref(String(value))}>{value}</a>;
  if (/_url$/.test(key)) return <a href={value}>{field === 'page' ? `page ${role ? roleName(data, role) : teamName(data, team ?? '')}` : 'join the bridge'}</a>;
  return <code>{value}</code>;
}

// A fixed calendar day for "HH:MM" scenario times, so the server and the browser render the same text.
const SCENARIO_DAY = new Date(Date.UTC(2026, 0, 5));

function clock(from: string | undefined, offsetMs: number): string | undefined {
  const start = parseTypedUtc(from, SCENARIO_DAY);
  if (!start) return undefined;
  const at = new Date(start.getTime() + offsetMs);
  const hhmm = formatUtc(at).slice(11);
  const days = Math.round(
    (Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()) - Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate())) / 86_400_000,
  );
  return days > 0 ? `${hhmm} (+${days} day${days > 1 ? 's' : ''})` : hhmm;
}

const TARGETS: Record<string, ((l: SeverityLevel) => number | undefined) | undefined> = {
  acknowledge: (l) => parseDuration(l.response?.acknowledge_within),
  first_update: (l) => parseDuration(l.response?.first_update_within),
  second_update: (l) => {
    const a = parseDuration(l.response?.first_update_within);
    const b = parseDuration(l.response?.update_every);
    return a !== undefined && b !== undefined ? a + b : undefined;
  },
};

/** A severity's target as a clock time, counted from a detection time: <DueAt level="P1" target="first_update" from="14:02" />. */
export function DueAt({ level, target, from }: { level: string; target: string; from: string }) {
  const data = useHandbookData();
  const l = levelById(data, level);
  const ms = l && TARGETS[target]?.(l);
  const text = ms !== undefined ? clock(from, ms) : undefined;
  if (!text) return <span className={styles.missing}>[unknown {!l ? `severity ${level}` : `target ${target} or time ${from}`}]</span>;
  return <strong data-due={`${level}.${target}`}>{text}</strong>;
}

function stepFor(data: Data, level: string, t: Target): { step: Step; policy: EscalationPolicy } | undefined {
  const l = levelById(data, level);
  const policy = data.escalation.policies.find((p) => p.id === l?.escalation_policy);
  const step = (policy?.steps ?? []).find((s) => (t.role ? s.notify.role === t.role : s.notify.team === t.team));
  return step && policy ? { step, policy } : undefined;
}

/**
 * One step of a severity's escalation policy: who, by what, when and how to reach them.
 * show="when" gives "+10 minutes", show="at" the clock time from `from`, show="action" the expected action; the
 * default is the whole sentence.
 */
export function EscalationStep({ level, role, team, from, show = 'all' }: { level: string; role?: string; team?: string; from?: string; show?: string }) {
  const data = useHandbookData();
  const target = role ? { role } : { team };
  const found = stepFor(data, level, target);
  if (!found)
    return (
      <span className={styles.missing}>
        [{role ?? team} is not a step of the {level} escalation policy]
      </span>
    );
  const { step } = found;
  const after = parseDuration(step.after) ?? 0;
  const when = after === 0 ? 'at detection' : `${human(step.after)} after detection`;
  const at = from ? clock(from, after) : undefined;
  if (show === 'when') return <span>{when}</span>;
  if (show === 'at') return <strong>{at ?? when}</strong>;
  if (show === 'action') return <span>{step.action}</span>;
  if (show === 'via') return <span>{step.via}</span>;
  const who = role ? roleName(data, role) : teamName(data, team ?? '');
  const route = role ? roleRoute(data, role) : undefined;
  return (
    <span data-escalation-step={`${level}.${role ?? team}`}>
      <strong>{route ? <Link to={route}>{who}</Link> : who}</strong>: {step.via === 'phone' ? 'called' : `notified by ${step.via}`}{' '}
      {at ? (
        <>
          at <strong>{at}</strong> ({when})
        </>
      ) : (
        when
      )}
      {step.stop_when === 'acknowledged' ? ', unless the page was already acknowledged' : ', whether or not anyone acknowledged'}. Reach:{' '}
      <Reach target={target} />.
    </span>
  );
}

/** The adoption checklist: every sample value still in data/, grouped by file, as `handbook doctor` computes it. */
export function AdoptionChecklist() {
  const data = useHandbookData();
  const report = data.doctor ?? { samples: [], sampleFiles: [], unreachable: [] };
  const byFile = new Map<string, typeof report.samples>();
  for (const s of report.samples) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  for (const f of report.sampleFiles) if (!byFile.has(f)) byFile.set(f, []);
  const reason = { marked: 'marked sample', 'example-host': 'example host', 'fiction-phone': 'fictional number' } as const;
  return (
    <div data-testid="adoption-checklist">
      {report.unreachable.length ? (
        <>
          <p className={styles.missing}>Escalation targets nobody can reach ({report.unreachable.length}):</p>
          <ul>
            {report.unreachable.map((u, i) => (
              <li key={i}>
                Policy {u.policy}: {u.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Every escalation target of every policy has a rotation and a contact for its medium.</p>
      )}
      {byFile.size === 0 ? <p>No sample values are left in the data registries.</p> : null}
      {[...byFile.entries()].map(([file, values]) => (
        <details key={file} open={values.length <= 12}>
          <summary>
            <code>{file}</code>: {values.length} value{values.length === 1 ? '' : 's'} to replace
            {report.sampleFiles.includes(file) ? ' (the whole file is marked sample: remove the marker when done)' : ''}
          </summary>
          <div className={styles.tableWrap} tabIndex={0} role="region" aria-label={`Sample values in ${file}`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Where</th>
                  <th scope="col">Sample value</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {values.map((v) => (
                  <tr key={`${v.line}-${v.path}`}>
                    <td>{v.line}</td>
                    <td>
                      <code>{v.path}</code>
                    </td>
                    <td>
                      <code>{v.value}</code>
                    </td>
                    <td>{reason[v.reason]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}
    </div>
  );
}
