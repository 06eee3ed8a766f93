import { useDoc } from '@docusaurus/plugin-content-docs/client';
import React, { useEffect, useState } from 'react';
import { parseDuration } from '@site/plugins/lint/duration';
import { human, roleName, useHandbookData } from './data';
import styles from './styles.module.css';

interface Inject {
  at: string;
  title: string;
  text: string;
  prompts?: string[];
}

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/** The facilitator's player: a timer that reveals each inject when its minute mark is reached. */
function ExercisePlayer({ injects }: { injects: Inject[] }) {
  const [startedAt, setStartedAt] = useState<number>();
  const [banked, setBanked] = useState(0);
  const [now, setNow] = useState(0);
  const [skipped, setSkipped] = useState(0);
  useEffect(() => {
    if (startedAt === undefined) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [startedAt]);
  const elapsed = banked + (startedAt !== undefined ? Math.max(0, now - startedAt) : 0);
  const marks = injects.map((i) => parseDuration(i.at) ?? 0);
  const revealed = injects.filter((_, i) => marks[i] <= elapsed || i < skipped);
  const next = injects.findIndex((_, i) => !(marks[i] <= elapsed || i < skipped));
  const running = startedAt !== undefined;
  return (
    <div className={styles.player} data-testid="exercise-player">
      <p className={styles.clock} aria-live="off" data-testid="exercise-clock">{clock(elapsed)}</p>
      <p>
        <button type="button" className="button button--primary button--sm margin-right--sm" onClick={() => {
          if (running) {
            setBanked(elapsed);
            setStartedAt(undefined);
          } else setStartedAt(Date.now());
        }}>
          {running ? 'Pause' : elapsed ? 'Resume' : 'Start exercise'}
        </button>
        <button type="button" className="button button--secondary button--sm margin-right--sm" disabled={next === -1} onClick={() => setSkipped(next + 1)}>
          Reveal next inject now
        </button>
        <button type="button" className="button button--secondary button--sm" onClick={() => {
          setStartedAt(undefined);
          setBanked(0);
          setSkipped(0);
        }}>
          Reset
        </button>
      </p>
      <p>
        {revealed.length} of {injects.length} injects revealed.
        {next !== -1 ? ` Next at ${clock(marks[next])}.` : ' All injects revealed: score the expected decisions below.'}
      </p>
      <ol aria-live="polite" data-testid="revealed-injects">
        {revealed.map((inj) => (
          <li key={inj.title} data-testid="revealed-inject">
            <strong>{clock(parseDuration(inj.at) ?? 0)} {inj.title}</strong>
            <p>{inj.text}</p>
            {inj.prompts?.length ? (
              <>
                <p>Ask the participants:</p>
                <ul>{inj.prompts.map((p) => <li key={p}>{p}</li>)}</ul>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The injects of the current exercise, from its front matter, with the player for facilitators. */
export function ExerciseInjects() {
  const { frontMatter } = useDoc();
  const injects = ((frontMatter as any).injects ?? []) as Inject[];
  const [mode, setMode] = useState<'list' | 'player'>('list');
  return (
    <>
      <p>
        <button type="button" className="button button--primary button--sm" onClick={() => setMode(mode === 'list' ? 'player' : 'list')} data-testid="toggle-player">
          {mode === 'list' ? 'Run this exercise (facilitator view)' : 'Show all injects'}
        </button>
      </p>
      {mode === 'player' ? <ExercisePlayer injects={injects} /> : <InjectList injects={injects} />}
    </>
  );
}

function InjectList({ injects }: { injects: Inject[] }) {
  return (
    <ol className={styles.injects} data-testid="injects">
      {injects.map((inj, i) => (
        <li key={i} id={`inject-${i + 1}`}>
          <strong>
            {human(inj.at) === 'immediately' ? 'Start' : `+${human(inj.at)}`}: {inj.title}
          </strong>
          <p>{inj.text}</p>
          {inj.prompts?.length ? (
            <ul>
              {inj.prompts.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** The decisions the team should make, as a checklist the facilitator scores at the end. */
export function ExpectedDecisions() {
  const { frontMatter } = useDoc();
  const data = useHandbookData();
  const decisions = ((frontMatter as any).expected_decisions ?? []) as { id: string; decision: string; by: string; within?: string }[];
  const [made, setMade] = useState<Record<string, boolean>>({});
  const score = decisions.filter((d) => made[d.id]).length;
  return (
    <>
    <p data-testid="decision-score" aria-live="polite">Decisions made: {score} of {decisions.length}.</p>
    <table tabIndex={0}>
      <thead>
        <tr>
          <th scope="col">Made?</th>
          <th scope="col">Decision</th>
          <th scope="col">By</th>
          <th scope="col">Expected within</th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((d) => (
          <tr key={d.id} id={`decision-${d.id}`}>
            <td>
              <input type="checkbox" aria-label={`Made: ${d.decision}`} checked={Boolean(made[d.id])} onChange={(e) => setMade({ ...made, [d.id]: e.target.checked })} />
            </td>
            <td>{d.decision}</td>
            <td>{roleName(data, d.by)}</td>
            <td>{d.within ? human(d.within) : 'during the exercise'}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </>
  );
}
