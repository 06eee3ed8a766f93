import { useDoc } from '@docusaurus/plugin-content-docs/client';
import Link from '@docusaurus/Link';
import React, { useEffect, useState } from 'react';
import { human, roleName, useHandbookData } from './data';
import { loadProgress, PASS_MARK, saveModule, type ModuleProgress } from './progress';
import { learnerSeed, neededToPass, optionOrder, questionSeed } from './shuffle';
import styles from './styles.module.css';
import { CompletionRecord } from './TrainingRecords';

interface Option {
  text: string;
  correct?: boolean;
  explanation: string;
}
interface Question {
  question: string;
  options: Option[];
}

/** The quiz of the current training module, from its front matter. Answers are saved in this browser. */
export function Quiz() {
  const { metadata, frontMatter } = useDoc();
  const quiz = ((frontMatter as { quiz?: Question[] }).quiz ?? []) as Question[];
  const id = metadata.id;
  const data = useHandbookData();
  // The pass mark is data: the module's own, or data/training.yaml's default (a percentage).
  const passMark = data.trainingModules.find((m) => m.id === id)?.passMark ?? PASS_MARK * 100;
  const needed = neededToPass(passMark, quiz.length);
  const score = (answers: Record<string, number>) => quiz.filter((q, i) => answers[i] !== undefined && q.options[answers[i]]?.correct).length;
  const passed = (answers: Record<string, number>) => Object.keys(answers).length === quiz.length && score(answers) >= needed;
  const [progress, setProgress] = useState<ModuleProgress>({ answers: {} });
  const [ready, setReady] = useState(false);
  // Option order for this learner (original order until the browser knows who is reading: the server has no learner).
  const [seed, setSeed] = useState<string>();
  useEffect(() => {
    const saved = loadProgress()[id] ?? { answers: {} };
    // Never complete below the pass mark: a record saved before the pass mark or the questions changed is reopened.
    if (saved.completedAt && !passed(saved.answers)) {
      const reopened = { answers: saved.answers };
      saveModule(id, reopened);
      setProgress(reopened);
    } else setProgress(saved);
    setReady(true);
    const learner = () => setSeed(learnerSeed());
    learner();
    window.addEventListener('handbook-learner', learner);
    return () => window.removeEventListener('handbook-learner', learner);
  }, [id]);

  const answer = (q: number, o: number) => {
    const answers: Record<string, number> = { ...progress.answers, [q]: o };
    const next: ModuleProgress = { answers, completedAt: passed(answers) ? (progress.completedAt ?? new Date().toISOString()) : undefined };
    setProgress(next);
    saveModule(id, next);
  };
  const reset = () => {
    setProgress({ answers: {} });
    saveModule(id, undefined);
  };
  const answered = Object.keys(progress.answers).length;
  const correct = score(progress.answers);
  const complete = Boolean(progress.completedAt) && passed(progress.answers);
  const verdict = complete
    ? 'Passed. Module complete.'
    : answered === quiz.length
      ? 'Below the pass mark: read the explanations and change your answers.'
      : 'Not complete yet.';

  return (
    <div className={styles.quiz} data-testid="quiz">
      <p aria-live="polite" data-testid="quiz-score">
        {ready ? (
          <>
            <strong data-testid="quiz-result">
              Score: {correct} of {quiz.length} correct
            </strong>
            , {answered} answered.{' '}
            <span data-testid="quiz-pass-mark">
              Pass mark: {needed} of {quiz.length} ({passMark}%).
            </span>{' '}
            <span data-testid="quiz-verdict">{verdict}</span>
          </>
        ) : (
          `${quiz.length} questions, pass mark ${needed} of ${quiz.length} (${passMark}%). Choose an answer to see why it is right or wrong; progress is saved in this browser.`
        )}
      </p>
      <ol>
        {quiz.map((q, qi) => {
          const chosen = progress.answers[qi];
          const order = seed ? optionOrder(q.options.length, questionSeed(seed, id, qi)) : q.options.map((_, i) => i);
          return (
            <li key={qi} className={styles.question}>
              <fieldset>
                <legend>{q.question}</legend>
                {order.map((oi) => {
                  const o = q.options[oi];
                  // Ids and saved answers keep the option's place in the front matter; only the display order changes.
                  const inputId = `q${qi}-o${oi}`;
                  const picked = chosen === oi;
                  return (
                    <div key={oi} className={styles.option} data-option={oi}>
                      <input type="radio" id={inputId} name={`q${qi}`} checked={picked} onChange={() => answer(qi, oi)} />
                      <label htmlFor={inputId}>{o.text}</label>
                      {picked ? (
                        <p className={o.correct ? styles.right : styles.wrong} role="status">
                          {o.correct ? 'Correct. ' : 'Not quite. '}
                          {o.explanation}
                        </p>
                      ) : null}
                    </div>
                  );
                })}
                <noscript>
                  <details>
                    <summary>Answer</summary>
                    {q.options.filter((o) => o.correct).map((o) => `${o.text}: ${o.explanation}`)}
                  </details>
                </noscript>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {complete ? <CompletionRecord module={id} score={correct} questions={quiz.length} /> : null}
      <button type="button" className="button button--secondary button--sm" onClick={reset}>
        Reset this quiz
      </button>
    </div>
  );
}

/** Completion per module and per role path, from this browser's saved progress; printable as a record. */
export function TrainingProgress() {
  const data = useHandbookData();
  const [progress, setProgress] = useState<Record<string, ModuleProgress>>({});
  useEffect(() => {
    const load = () => setProgress(loadProgress());
    load();
    window.addEventListener('handbook-progress', load);
    window.addEventListener('storage', load);
    return () => {
      window.removeEventListener('handbook-progress', load);
      window.removeEventListener('storage', load);
    };
  }, []);
  const modules = data.trainingModules;
  const done = (id: string) => Boolean(progress[id]?.completedAt);
  return (
    <div data-testid="training-progress">
      <table tabIndex={0}>
        <thead>
          <tr>
            <th scope="col">Module</th>
            <th scope="col">Duration</th>
            <th scope="col">Status</th>
            <th scope="col">Completed</th>
          </tr>
        </thead>
        <tbody>
          {modules.map((m) => {
            const p = progress[m.id];
            const answered = p ? Object.keys(p.answers).length : 0;
            return (
              <tr key={m.id} data-module={m.id}>
                <th scope="row">
                  <Link to={m.route}>{m.title}</Link>
                </th>
                <td>{m.duration ? human(m.duration) : ''}</td>
                <td>{p?.completedAt ? 'Complete' : answered ? `In progress (${answered} of ${m.questions} answered)` : 'Not started'}</td>
                <td>{p?.completedAt ? new Date(p.completedAt).toISOString().slice(0, 10) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2 id="role-paths">Role paths</h2>
      <table tabIndex={0}>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Required modules</th>
            <th scope="col">Passed in this browser</th>
          </tr>
        </thead>
        <tbody>
          {data.training.requirements.map((r) => {
            const n = r.modules.filter(done).length;
            return (
              <tr key={r.role}>
                <th scope="row">{roleName(data, r.role)}</th>
                <td>{r.modules.map((id) => modules.find((m) => m.id === id)?.title ?? id).join(', ')}</td>
                <td>{n === r.modules.length ? 'All' : `${n} of ${r.modules.length}`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2 id="completion-record">Completion records</h2>
      <p>
        A module counts for your roles once its completion record is in the handbook repository: pass the quiz, then download the record (or propose it as a
        pull request) from the bottom of the module. The <Link to="/training/status">training status</Link> page shows every record and who is ready for their
        shifts.
      </p>
    </div>
  );
}
