import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import React, { useState } from 'react';
import { recommend } from '@site/plugins/lib/classify';
import { SeverityBadge } from '@site/src/components/Severity';
import { human, levelById, useHandbookData } from '@site/src/components/data';
import styles from '@site/src/components/styles.module.css';

/** A guided questionnaire that recommends a severity; questions and scoring come from data/classifier.yaml. */
export default function ClassifierPage() {
  const data = useHandbookData();
  const questions = data.classifier.questions;
  const ranking = data.severity.levels.map((l) => l.id);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const rec = recommend(questions, ranking, chosen);
  const level = rec.level ? levelById(data, rec.level) : undefined;
  return (
    <Layout title="Severity classifier" description="Answer a few questions to find the severity level of an incident.">
      <main className="container margin-vert--lg">
        <h1>Severity classifier</h1>
        <p>
          Answer what you know now. The recommendation is the most severe level any answer calls for: when unsure, it picks the higher one. You can lower the
          severity later when you know more. The full criteria are in the <Link to="/classification">classification matrix</Link>.
        </p>
        <div className={styles.classifier}>
          <form onSubmit={(e) => e.preventDefault()} aria-label="Severity questions">
            {questions.map((q) => (
              <fieldset key={q.id} className={styles.question} data-question={q.id}>
                <legend>{q.text}</legend>
                {q.answers.map((a) => {
                  const id = `${q.id}-${a.id}`;
                  return (
                    <div key={a.id} className={styles.option}>
                      <input
                        type="radio"
                        id={id}
                        name={q.id}
                        value={a.id}
                        checked={chosen[q.id] === a.id}
                        onChange={() => setChosen({ ...chosen, [q.id]: a.id })}
                      />
                      <label htmlFor={id}>
                        {a.text} <small>(at least {a.at_least})</small>
                      </label>
                    </div>
                  );
                })}
              </fieldset>
            ))}
            <button type="button" className="button button--secondary" onClick={() => setChosen({})}>
              Start again
            </button>
          </form>
          <section className={styles.result} aria-live="polite" data-testid="classifier-result">
            {level ? (
              <>
                <h2>
                  Recommended: <SeverityBadge level={level.id} />
                </h2>
                <p data-testid="recommended-level" data-level={level.id}>
                  {level.intent}
                </p>
                <p>Because you answered:</p>
                <ul>
                  {rec.because.map((b) => (
                    <li key={b.question}>
                      {b.question} <strong>{b.answer}</strong>
                    </li>
                  ))}
                </ul>
                <h3>What to do now</h3>
                <ol>
                  <li>
                    Acknowledge within {human(level.response.acknowledge_within)}; first update within {human(level.response.first_update_within)}, then every{' '}
                    {human(level.response.update_every)}.
                  </li>
                  {level.major_incident ? <li>This is a major incident: page an incident commander and open the incident channel.</li> : null}
                  <li>
                    Follow the <Link to={`/escalation#${level.id.toLowerCase()}`}>{level.id} escalation timeline</Link>.
                  </li>
                  <li>
                    Find the <Link to="/runbooks/">runbook</Link> for the symptoms, and use the <Link to="/templates">communication templates</Link>.
                  </li>
                </ol>
                {rec.answered < questions.length ? (
                  <p>
                    Answered {rec.answered} of {questions.length} questions: more answers can only raise the level.
                  </p>
                ) : null}
              </>
            ) : (
              <p>
                Answer the questions to get a recommendation. Without JavaScript, use the levels shown next to each answer: the incident is at least the most
                severe of them.
              </p>
            )}
          </section>
        </div>
      </main>
    </Layout>
  );
}
