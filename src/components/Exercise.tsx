import { useDoc } from '@docusaurus/plugin-content-docs/client';
import React, { useEffect, useState } from 'react';
import { parseDuration } from '@site/plugins/lint/duration';
import Link from '@docusaurus/Link';
import { human, roleName, roleRoute, useHandbookData } from './data';
import { Missing } from './Missing';
import styles from './styles.module.css';

interface Inject {
  at: string;
  title: string;
  text: string;
  prompts?: string[];
}

interface Decision {
  id: string;
  decision: string;
  by: string;
  within?: string;
}

/** The front matter of a document with type: exercise (schemas/exercise.schema.json), as these components read it. */
interface ExerciseFrontMatter {
  injects?: Inject[];
  duration?: string;
  roles?: string[];
  expected_decisions?: Decision[];
}

const useExercise = () => useDoc().frontMatter as ExerciseFrontMatter;

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
  const running = startedAt !== undefined;
  // Nothing shows before the exercise starts, not even the first inject: the screen is often shared.
  const started = running || elapsed > 0 || skipped > 0;
  const shown = (i: number) => started && (marks[i] <= elapsed || i < skipped);
  const revealed = injects.filter((_, i) => shown(i));
  const next = injects.findIndex((_, i) => !shown(i));
  return (
    <div className={styles.player} data-testid="exercise-player">
      <p className={styles.clock} aria-live="off" data-testid="exercise-clock">
        {clock(elapsed)}
      </p>
      <p>
        <button
          type="button"
          className="button button--primary button--sm margin-right--sm"
          onClick={() => {
            if (running) {
              setBanked(elapsed);
              setStartedAt(undefined);
            } else setStartedAt(Date.now());
          }}
        >
          {running ? 'Pause' : elapsed ? 'Resume' : 'Start exercise'}
        </button>
        <button type="button" className="button button--secondary button--sm margin-right--sm" disabled={next === -1} onClick={() => setSkipped(next + 1)}>
          Reveal next inject now
        </button>
        <button
          type="button"
          className="button button--secondary button--sm"
          onClick={() => {
            setStartedAt(undefined);
            setBanked(0);
            setSkipped(0);
          }}
        >
          Reset
        </button>
      </p>
      <p>
        {revealed.length} of {injects.length} injects revealed.
        {!started
          ? ' Start the exercise to reveal the first inject.'
          : next !== -1
            ? ` Next at ${clock(marks[next])}.`
            : ' All injects revealed: score the expected decisions below.'}
      </p>
      <ol aria-live="polite" data-testid="revealed-injects">
        {revealed.map((inj) => (
          <li key={inj.title} data-testid="revealed-inject">
            <strong>
              {clock(parseDuration(inj.at) ?? 0)} {inj.title}
            </strong>
            <p>{inj.text}</p>
            {inj.prompts?.length ? (
              <>
                <p>Ask the participants:</p>
                <ul>
                  {inj.prompts.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * The injects of the current exercise, from its front matter. The player is the default view and shows an inject only
 * when the exercise clock reaches it, so a shared screen never spoils what comes next. The full list is there for the
 * facilitator's preparation, folded away and marked as a spoiler (and readable without JavaScript).
 */
export function ExerciseInjects() {
  const { injects = [], duration } = useExercise();
  const last = injects[injects.length - 1];
  return (
    <>
      {duration ? (
        <p data-testid="exercise-duration">
          Planned duration: <strong>{human(duration)}</strong>, with {injects.length} injects
          {last ? <>; the last one comes at {human(last.at) === 'immediately' ? 'the start' : `+${human(last.at)}`}</> : null}.
        </p>
      ) : null}
      <ExercisePlayer injects={injects} />
      <details className={styles.spoiler} data-testid="all-injects">
        <summary>Facilitator preparation: all {injects.length} injects (spoils the exercise, do not open on a shared screen)</summary>
        <InjectList injects={injects} />
      </details>
    </>
  );
}

/** The roles the exercise needs, from its front matter, with what each is expected to decide. */
export function ExerciseRoles() {
  const { roles = [], expected_decisions: decisions = [] } = useExercise();
  const data = useHandbookData();
  return (
    <ul className={styles.exerciseRoles} data-testid="exercise-roles">
      {roles.map((id) => {
        const route = roleRoute(data, id);
        const theirs = decisions.filter((d) => d.by === id);
        return (
          <li key={id} data-role={id}>
            <strong>{route ? <Link to={route}>{roleName(data, id)}</Link> : roleName(data, id)}</strong>
            {theirs.length ? <> : expected to {theirs.map((d) => d.decision.charAt(0).toLowerCase() + d.decision.slice(1)).join('; ')}.</> : null}
          </li>
        );
      })}
    </ul>
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
  const { expected_decisions: decisions = [] } = useExercise();
  const data = useHandbookData();
  const [made, setMade] = useState<Record<string, boolean>>({});
  const score = decisions.filter((d) => made[d.id]).length;
  return (
    <>
      <p data-testid="decision-score" aria-live="polite">
        Decisions made: {score} of {decisions.length}.
      </p>
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
                <input
                  type="checkbox"
                  aria-label={`Made: ${d.decision}`}
                  checked={Boolean(made[d.id])}
                  onChange={(e) => setMade({ ...made, [d.id]: e.target.checked })}
                />
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

/** A link to another exercise by doc id, with its format and duration (a training module's hands-on part, an evidence record). */
export function ExerciseLink({ exercise }: { exercise: string }) {
  const data = useHandbookData();
  const found = (data.exercises ?? []).find((e) => e.id === exercise);
  if (!found) return <Missing>{`Unknown exercise ${exercise} in <ExerciseLink exercise>.`}</Missing>;
  const facts = [found.format, found.duration ? human(found.duration) : undefined].filter(Boolean).join(', ');
  return (
    <span data-testid="exercise-link">
      <Link to={found.route}>{found.title}</Link>
      {facts ? ` (${facts})` : ''}
    </span>
  );
}
