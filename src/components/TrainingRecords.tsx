/**
 * Training that counts: the learner's completion record (download or pull request), what a learner still needs for
 * their roles, and the status per role and per person, all from data/training.yaml and data/training-records/ as of
 * the last build.
 */
import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import React, { useEffect, useState } from 'react';
import type { PersonStatus, TrainingItem } from '@site/plugins/training/status';
import { roleName, useHandbookData } from './data';
import { loadLearner, saveLearner } from './learner';
import { loadProgress, type ModuleProgress } from './progress';
import styles from './styles.module.css';

const HANDLE = /^@[A-Za-z0-9._-]{1,40}$/;

const STATE_TEXT: Record<TrainingItem['state'], string> = {
  current: 'Current',
  expired: 'Expired: take it again',
  stale: 'Module changed since: take it again',
  failed: 'Below the pass mark: take it again',
  missing: 'Not recorded',
};

const READINESS_TEXT: Record<PersonStatus['readiness'], string> = {
  ready: 'Ready',
  due: 'Training due before the first shift',
  overdue: 'On call without required training',
};

/** "P2Y" → "2 years", "365d" → "365 days": renewal periods as people say them. */
export function renewText(d: string): string {
  const cal = /^P(?:(\d+)Y)?(?:(\d+)M)?$/.exec(d);
  if (cal && (cal[1] || cal[2])) {
    const parts = [cal[1] && `${cal[1]} year${cal[1] === '1' ? '' : 's'}`, cal[2] && `${cal[2]} month${cal[2] === '1' ? '' : 's'}`].filter(Boolean);
    return parts.join(' ');
  }
  const short = /^(\d+)([dw])$/.exec(d);
  if (short) return `${short[1]} ${short[2] === 'd' ? 'day' : 'week'}${short[1] === '1' ? '' : 's'}`;
  return d;
}

/** The YAML of a completion record, in the shape of schemas/training-record.schema.json. */
export function completionYaml(r: { person: string; module: string; version: number; score: number; questions: number; date: string }): string {
  return [
    '# Training completion, reviewed like any change (schema: schemas/training-record.schema.json).',
    `person: "${r.person}"`,
    `module: ${r.module}`,
    `module_version: ${r.version}`,
    `score: ${r.score}`,
    `questions: ${r.questions}`,
    `completed_on: ${r.date}`,
    'recorded_by: site download',
    '',
  ].join('\n');
}

export function recordFileName(person: string, module: string, date: string): string {
  return `${person.slice(1).toLowerCase()}--${module.split('/').pop()}--${date}.yaml`;
}

/** A module's title, linked to its page when the handbook has one. */
function ModuleLink({ id }: { id: string }) {
  const data = useHandbookData();
  const m = data.trainingModules.find((x) => x.id === id);
  return m?.route ? <Link to={m.route}>{m.title}</Link> : <>{m?.title ?? id}</>;
}

/** Modules as a comma-separated list of links. */
function ModuleLinks({ ids }: { ids: string[] }) {
  return (
    <>
      {ids.map((m, i) => (
        <React.Fragment key={m}>
          {i ? ', ' : ''}
          <ModuleLink id={m} />
        </React.Fragment>
      ))}
    </>
  );
}

/** The learner's handle, entered once and kept in this browser. */
export function LearnerHandle({ onChange }: { onChange?: (handle: string) => void }) {
  const [value, setValue] = useState('');
  useEffect(() => setValue(loadLearner() ?? ''), []);
  const valid = HANDLE.test(value);
  return (
    <p>
      <label htmlFor="learner-handle">Your chat handle: </label>
      <input
        id="learner-handle"
        value={value}
        placeholder="@handle"
        aria-invalid={value !== '' && !valid}
        onChange={(e) => {
          const v = e.target.value.trim();
          setValue(v);
          if (HANDLE.test(v)) {
            saveLearner(v);
            onChange?.(v);
          }
        }}
      />{' '}
      {value !== '' && !valid ? <span role="alert">A handle starts with @ and has letters, digits, dots, dashes or underscores.</span> : null}
    </p>
  );
}

/**
 * Shown under a passed quiz: the completion record as a file to download, and (when the site knows its repository)
 * a link that opens a pull request adding it. The record counts once it is merged.
 */
export function CompletionRecord({ module, score, questions }: { module: string; score: number; questions: number }) {
  const data = useHandbookData();
  const { siteConfig } = useDocusaurusContext();
  const repo = (siteConfig.customFields?.handbookRepository as string | undefined) ?? '';
  const branch = (siteConfig.customFields?.handbookBranch as string | undefined) || 'main';
  const [handle, setHandle] = useState<string>();
  useEffect(() => setHandle(loadLearner()), []);
  const m = data.trainingModules.find((x) => x.id === module);
  if (!m) return null;
  const date = new Date().toISOString().slice(0, 10);
  const yaml = handle ? completionYaml({ person: handle, module, version: m.version, score, questions, date }) : '';
  const file = handle ? `data/training-records/${recordFileName(handle, module, date)}` : '';
  const download = () => {
    const url = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.split('/').pop()!;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className={styles.record} data-testid="completion-record">
      <p>
        <strong>Passed.</strong> Record it so it counts for your roles: the record goes into the handbook repository and is reviewed like any change.
      </p>
      <LearnerHandle onChange={setHandle} />
      {handle ? (
        <p>
          <button type="button" className="button button--primary button--sm" onClick={download}>
            Download {file.split('/').pop()}
          </button>{' '}
          {repo ? (
            <a
              className="button button--secondary button--sm"
              href={`${repo.replace(/\/$/, '')}/new/${encodeURIComponent(branch)}?filename=${encodeURIComponent(file)}&value=${encodeURIComponent(yaml)}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              Propose it as a pull request
            </a>
          ) : (
            <span>
              Add the file to <code>data/training-records/</code> in a pull request.
            </span>
          )}
        </p>
      ) : null}
    </div>
  );
}

/** For the progress page: what the learner still needs for the roles their rotations give them. */
export function TrainingNeeds() {
  const data = useHandbookData();
  const [handle, setHandle] = useState<string>();
  const [progress, setProgress] = useState<Record<string, ModuleProgress>>({});
  useEffect(() => {
    setHandle(loadLearner());
    setProgress(loadProgress());
  }, []);
  const person = handle ? data.training.people.find((p) => p.person.toLowerCase() === handle.toLowerCase()) : undefined;
  return (
    <section data-testid="training-needs">
      <LearnerHandle onChange={setHandle} />
      {!handle ? <p>Enter your handle to see the training your on-call rotations require.</p> : null}
      {handle && !person ? (
        <p>
          {handle} is in no on-call rotation that requires training (as of the last build). Role requirements are on the{' '}
          <Link to="/training/status">training status</Link> page.
        </p>
      ) : null}
      {person ? (
        <>
          <p>
            {person.person}: {person.roles.map((r) => roleName(data, r)).join(', ')}. <strong>{READINESS_TEXT[person.readiness]}</strong>
            {person.firstShift ? ` (first shift that needs it: ${new Date(person.firstShift).toLocaleString()})` : ''}.
          </p>
          <ul>
            {person.items.map((i) => (
              <li key={i.module} data-state={i.state}>
                <ModuleLink id={i.module} />: {STATE_TEXT[i.state]}
                {i.state === 'current' && i.renewBy ? `, renew by ${i.renewBy}` : ''}
                {i.state !== 'current' && progress[i.module]?.completedAt
                  ? ' (passed in this browser: download the record from the module and open a pull request)'
                  : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The /training/status page body: requirements per role, then every person on a rotation. */
export function TrainingStatusTables() {
  const data = useHandbookData();
  const t = data.training;
  const title = (id: string) => data.trainingModules.find((m) => m.id === id)?.title ?? id;
  const count = (r: PersonStatus['readiness']) => t.people.filter((p) => p.readiness === r).length;
  return (
    <div data-testid="training-status">
      <p>
        As of the last build ({t.asOf.slice(0, 16).replace('T', ' ')} UTC): {t.people.length} people on on-call rotations, {count('ready')} ready,{' '}
        {count('due')} with training due before their first shift, {count('overdue')} on call without required training. A completion counts at {t.passMark}% or
        more (unless a module sets its own pass mark).
      </p>
      <h2 id="by-role">By role</h2>
      <div className={styles.tableWrap} tabIndex={0} role="region" aria-label="Training required per role">
        <table>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Required modules</th>
              <th scope="col">Renew every</th>
              <th scope="col">People ready</th>
            </tr>
          </thead>
          <tbody>
            {t.requirements.map((r) => {
              const holders = t.people.filter((p) => p.roles.includes(r.role));
              return (
                <tr key={r.role} id={`role-${r.role}`}>
                  <th scope="row">{roleName(data, r.role)}</th>
                  <td>
                    <ModuleLinks ids={r.modules} />
                  </td>
                  <td>{renewText(r.renew_every)}</td>
                  <td>{holders.length ? `${holders.filter((p) => p.readiness === 'ready').length} of ${holders.length}` : 'nobody rostered'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2 id="by-person">By person</h2>
      {t.people.map((p) => (
        <section key={p.person} id={`person-${p.person.slice(1).toLowerCase()}`} className={styles.rotation} data-readiness={p.readiness}>
          <h3>
            {p.person}: {READINESS_TEXT[p.readiness]}
          </h3>
          <p>Roles: {p.roles.map((r) => roleName(data, r)).join(', ')}.</p>
          <ul>
            {p.items.map((i) => (
              <li key={i.module}>
                {title(i.module)}: {STATE_TEXT[i.state]}
                {i.completion ? ` (${i.completion.completedOn}${i.renewBy ? `, renew by ${i.renewBy}` : ''})` : ''}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** The training each role requires before its first shift, from data/training.yaml, with people ready per role. */
export function TrainingRequirements() {
  const data = useHandbookData();
  const t = data.training;
  const roleRoute = (id: string) => data.routes[`roles/${id}`];
  return (
    <div className={styles.tableWrap} tabIndex={0} role="region" aria-label="Training required per role" data-testid="training-requirements">
      <table>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Modules, in order</th>
            <th scope="col">Renew every</th>
          </tr>
        </thead>
        <tbody>
          {t.requirements.map((r) => (
            <tr key={r.role}>
              <th scope="row">{roleRoute(r.role) ? <Link to={roleRoute(r.role)!}>{roleName(data, r.role)}</Link> : roleName(data, r.role)}</th>
              <td>
                <ModuleLinks ids={r.modules} />
              </td>
              <td>{renewText(r.renew_every)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
