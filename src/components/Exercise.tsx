import { useDoc } from '@docusaurus/plugin-content-docs/client';
import React from 'react';
import { human, roleName, useHandbookData } from './data';
import styles from './styles.module.css';

interface Inject {
  at: string;
  title: string;
  text: string;
  prompts?: string[];
}

/** The injects of the current exercise, from its front matter; the exercise player reveals them on a timer. */
export function ExerciseInjects() {
  const { frontMatter } = useDoc();
  const injects = ((frontMatter as any).injects ?? []) as Inject[];
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

export function ExpectedDecisions() {
  const { frontMatter } = useDoc();
  const data = useHandbookData();
  const decisions = ((frontMatter as any).expected_decisions ?? []) as { id: string; decision: string; by: string; within?: string }[];
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Decision</th>
          <th scope="col">By</th>
          <th scope="col">Expected within</th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((d) => (
          <tr key={d.id} id={`decision-${d.id}`}>
            <td>{d.decision}</td>
            <td>{roleName(data, d.by)}</td>
            <td>{d.within ? human(d.within) : 'during the exercise'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
