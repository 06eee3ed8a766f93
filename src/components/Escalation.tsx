import Link from '@docusaurus/Link';
import React from 'react';
import { human, levelById, roleName, roleRoute, teamName, useHandbookData } from './data';
import { Reach } from './Contacts';
import { Missing } from './Missing';
import styles from './styles.module.css';

/** Who is notified at which minute for one severity, from its escalation policy in data/escalation.yaml. */
export function EscalationTimeline({ severity, policy: policyId }: { severity?: string; policy?: string }) {
  const data = useHandbookData();
  const level = severity !== undefined ? levelById(data, severity) : undefined;
  const wanted = policyId ?? level?.escalation_policy;
  const policy = data.escalation.policies.find((p) => p.id === wanted);
  if (severity !== undefined && !level) return <Missing block>{`Unknown severity ${severity} in <EscalationTimeline severity>.`}</Missing>;
  if (!policy) {
    return (
      <Missing block>
        {severity !== undefined
          ? `No escalation policy ${String(wanted)} for severity ${severity}.`
          : `Unknown escalation policy ${String(policyId)} in <EscalationTimeline policy>.`}
      </Missing>
    );
  }
  return (
    <div className={styles.timeline} aria-label={`Escalation timeline for ${severity ?? policy.name}`}>
      <p>
        <strong>{policy.name}</strong>: {policy.description} Times count from detection. Acknowledging the page stops only the steps marked "only while nobody
        has acknowledged"; every other step runs for this severity.
      </p>
      <ol className={styles.steps}>
        {policy.steps.map((s, i) => {
          const who = s.notify.role ? roleName(data, s.notify.role) : teamName(data, s.notify.team ?? '');
          const route = s.notify.role ? roleRoute(data, s.notify.role) : undefined;
          const t = human(s.after);
          return (
            <li key={i} className={styles.step}>
              <span className={styles.when}>{t === 'immediately' ? '0 min' : `+${t}`}</span>
              <span>
                <strong>{route ? <Link to={route}>{who}</Link> : who}</strong> by {s.via}
                {s.stop_when === 'acknowledged' ? ' (only while nobody has acknowledged)' : ''}. {s.action}{' '}
                <span className={styles.reach}>
                  Reach: <Reach target={s.notify} />
                </span>
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export function EscalationTriggers() {
  const data = useHandbookData();
  return (
    <dl className={styles.triggers}>
      {data.escalation.triggers.map((t) => (
        <React.Fragment key={t.id}>
          <dt id={`trigger-${t.id}`}>{t.name}</dt>
          <dd>{t.description}</dd>
        </React.Fragment>
      ))}
    </dl>
  );
}
