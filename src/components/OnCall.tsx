import Link from '@docusaurus/Link';
import useBaseUrl from '@docusaurus/useBaseUrl';
import React, { useEffect, useState } from 'react';
import { shiftAt, shiftsFrom, type Shift } from '@site/plugins/lib/oncall';
import { reachFor } from '@site/plugins/lib/reach';
import type { Rotation } from '@site/plugins/lint/registries';
import { human, roleName, teamName, useHandbookData } from './data';
import styles from './styles.module.css';

/** The clock, read only in the browser (the static page cannot know who is on call when it is read). */
function useNow(): Date | undefined {
  const [now, setNow] = useState<Date>();
  useEffect(() => {
    setNow(new Date());
    const t = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

function viewerZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export const formatIn = (d: Date, timeZone: string) =>
  d.toLocaleString('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "Mon 8 Dec, 09:00 your time (Europe/Paris) · 08:00 Europe/London": the viewer's time first, then the rotation's. */
function When({ at, rotationZone, viewer }: { at: Date; rotationZone: string; viewer: string }) {
  const mine = formatIn(at, viewer);
  const theirs = formatIn(at, rotationZone);
  return (
    <time dateTime={at.toISOString()}>
      <span data-zone="viewer">
        {mine} your time ({viewer})
      </span>
      {viewer !== rotationZone ? (
        <>
          {' · '}
          <span data-zone="rotation">
            {theirs} {rotationZone}
          </span>
        </>
      ) : null}
    </time>
  );
}

/** The calendar feed of a rotation, written at build time by the site plugin. */
export function calendarPath(rotationId: string): string {
  return `/oncall/${rotationId}.ics`;
}

function RotationCard({ rotation: r, now, viewer }: { rotation: Rotation; now?: Date; viewer: string }) {
  const data = useHandbookData();
  const team = data.teams.find((t) => t.id === r.team);
  const reach = reachFor(data.contacts, { rotation: r.id, role: r.role, team: r.team }, team);
  const feed = useBaseUrl(calendarPath(r.id));
  let cur: Shift | undefined;
  let next: Shift | undefined;
  if (now) {
    cur = shiftAt(r, now);
    next = shiftAt(r, cur.end);
  }
  return (
    <section className={styles.oncallCard} data-testid="oncall-card" data-rotation={r.id} aria-labelledby={`oncall-${r.id}`}>
      <h3 id={`oncall-${r.id}`} className={styles.oncallName}>
        {r.name}
      </h3>
      <p className={styles.oncallMeta}>
        {teamName(data, r.team)} · {r.role ? roleName(data, r.role) : 'team escalation'}
      </p>
      {cur && next ? (
        <>
          <p data-role="now" className={styles.oncallNow}>
            On call now: <strong data-member>{cur.member}</strong>
            <br />
            <small>
              until <When at={cur.end} rotationZone={r.timezone} viewer={viewer} />
            </small>
          </p>
          <p data-role="next">
            Next: <strong data-member>{next.member}</strong>
            <br />
            <small>
              from <When at={next.start} rotationZone={r.timezone} viewer={viewer} />
            </small>
          </p>
        </>
      ) : (
        <p data-role="members">
          Shifts of {human(r.length)}, hand-off {r.handoff ?? 'at the shift start'} ({r.timezone}), in this order: {r.members.join(', ')}. Who holds the shift
          now is worked out in your browser.
        </p>
      )}
      <div className={styles.oncallActions}>
        {reach.page ? (
          <a className="button button--primary" href={reach.page.href} data-action="page" aria-label={`Page ${r.name} (${reach.page.label})`}>
            Page
          </a>
        ) : null}
        {reach.chat ? (
          reach.chat.href ? (
            <a className="button button--secondary" href={reach.chat.href} data-action="chat" aria-label={`Chat ${reach.chat.label} with ${r.name}`}>
              Chat {reach.chat.label}
            </a>
          ) : (
            <span className={styles.oncallChannel} data-action="chat">
              Chat {reach.chat.label}
            </span>
          )
        ) : null}
        {reach.call ? (
          <a className="button button--secondary" href={reach.call.href} data-action="call" aria-label={`Call ${r.name} (${reach.call.label})`}>
            Call
          </a>
        ) : null}
        <a
          className="button button--outline button--secondary"
          href={feed}
          data-action="calendar"
          aria-label={`Calendar feed of ${r.name} (iCalendar)`}
          download={`${r.id}.ics`}
        >
          Calendar
        </a>
      </div>
    </section>
  );
}

/** Who holds each rotation now and next, with one-tap links to page, chat and call. */
export function OnCallNow() {
  const data = useHandbookData();
  const now = useNow();
  const [viewer, setViewer] = useState('UTC');
  useEffect(() => setViewer(viewerZone()), []);
  return (
    <div className={styles.oncallGrid} data-testid="oncall-now" aria-live="polite">
      {data.oncall.map((r) => (
        <RotationCard key={r.id} rotation={r} now={now} viewer={viewer} />
      ))}
    </div>
  );
}

/** The rotations and their next shifts, in the rotation's time zone. */
export function OnCallSchedule({ weeks = '4' }: { weeks?: string }) {
  const data = useHandbookData();
  const now = useNow();
  const count = Number(weeks) || 4;
  const feeds = useBaseUrl('/oncall/');
  return (
    <div>
      {data.oncall.map((r) => (
        <section key={r.id} className={styles.rotation}>
          <h3 id={`rotation-${r.id}`}>{r.name}</h3>
          <p>
            Team: {teamName(data, r.team)}. {r.role ? `Role: ${roleName(data, r.role)}.` : 'Stands behind the team in the escalation policies.'} Shifts of{' '}
            {human(r.length)}, handoff {r.handoff ?? 'at the shift start'} ({r.timezone}). Order: {r.members.join(' → ')}.{' '}
            <a href={`${feeds}${r.id}.ics`}>Subscribe to the calendar feed</a>.
          </p>
          {now ? (
            <ul>
              {shiftsFrom(r, now, count).map((s, i) => (
                <li key={s.start.toISOString()}>
                  {formatIn(s.start, r.timezone)} – {formatIn(s.end, r.timezone)} ({r.timezone}): <strong>{s.member}</strong>
                  {i === 0 ? ' (now)' : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
      <p>
        <Link to="/on-call-now">Who is on call now, with links to page, chat and call</Link>
      </p>
    </div>
  );
}
