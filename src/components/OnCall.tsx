import React, { useEffect, useState } from 'react';
import { human, onCallAt, roleName, teamName, useHandbookData } from './data';
import styles from './styles.module.css';

function useNow(): Date | undefined {
  const [now, setNow] = useState<Date>();
  useEffect(() => {
    setNow(new Date());
    const t = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

const fmt = (d: Date, tz: string) =>
  d.toLocaleString('en-GB', { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** Who holds each rotation right now: computed in the browser from data/oncall.yaml and the clock. */
export function OnCallNow() {
  const data = useHandbookData();
  const now = useNow();
  return (
    <div className={styles.tableWrap} tabIndex={0} role="region" aria-label="Table, scrolls sideways">
      <table tabIndex={0} aria-label="Who is on call now" data-testid="oncall-now">
        <thead>
          <tr>
            <th scope="col">Rotation</th>
            <th scope="col">Role</th>
            <th scope="col">On call now</th>
            <th scope="col">Until</th>
            <th scope="col">Next</th>
          </tr>
        </thead>
        <tbody>
          {data.oncall.map((r) => {
            const cur = now ? onCallAt(r, now) : undefined;
            const next = cur ? r.members[(cur.index + 1) % r.members.length] : undefined;
            return (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{r.role ? roleName(data, r.role) : `${teamName(data, r.team)} escalation`}</td>
                <td>{cur ? <strong>{cur.member}</strong> : <em>computed in your browser; members: {r.members.join(', ')}</em>}</td>
                <td>{cur ? `${fmt(cur.until, r.timezone)} (${r.timezone})` : `shifts of ${human(r.length)}, handoff ${r.handoff ?? ''}`}</td>
                <td>{next ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The rotations and their next shifts. */
export function OnCallSchedule({ weeks = '4' }: { weeks?: string }) {
  const data = useHandbookData();
  const now = useNow();
  const count = Number(weeks) || 4;
  return (
    <div>
      {data.oncall.map((r) => (
        <section key={r.id} className={styles.rotation}>
          <h3 id={`rotation-${r.id}`}>{r.name}</h3>
          <p>
            Team: {teamName(data, r.team)}. {r.role ? `Role: ${roleName(data, r.role)}.` : 'Stands behind the team in the escalation policies.'} Shifts of {human(r.length)}, handoff {r.handoff ?? 'at the shift start'} ({r.timezone}).
            Order: {r.members.join(' → ')}.
          </p>
          {now ? (
            <ul>
              {Array.from({ length: count }, (_, i) => {
                const at = new Date(onCallAt(r, now).from.getTime() + i * (onCallAt(r, now).until.getTime() - onCallAt(r, now).from.getTime()) + 1);
                const s = onCallAt(r, at);
                return (
                  <li key={i}>
                    {fmt(s.from, r.timezone)} – {fmt(s.until, r.timezone)}: <strong>{s.member}</strong>
                    {i === 0 ? ' (now)' : ''}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </section>
      ))}
    </div>
  );
}
