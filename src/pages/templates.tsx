import Layout from '@theme/Layout';
import React, { useEffect, useMemo, useState } from 'react';
import { fillTemplate, formatMessage, formatUtc, missingFields, nextUpdateDue, parseTypedUtc, type Flavour } from '@site/plugins/lib/comm-template';
import { parseDuration } from '@site/plugins/lint/duration';
import { CopyButton } from '@site/src/components/Templates';
import { human, levelById, useHandbookData } from '@site/src/components/data';
import styles from '@site/src/components/styles.module.css';

const COMPUTED = new Set(['severity', 'severity_name', 'next_update']);
const LONG = new Set(['impact', 'summary', 'workaround', 'root_cause', 'actions']);
const LABELS: Record<string, string> = {
  id: 'Incident id',
  title: 'Title',
  status: 'Status',
  services: 'Services affected',
  impact: 'Customer impact',
  summary: 'Summary',
  workaround: 'Workaround',
  started_at: 'Started at',
  detected_at: 'Detected at (UTC)',
  resolved_at: 'Resolved at',
  duration: 'Duration',
  commander: 'Incident commander',
  incident_channel: 'Incident channel',
  root_cause: 'Root cause',
  actions: 'Actions taken / next',
  postmortem_url: 'Postmortem link',
  contact: 'Contact',
  data_categories: 'Categories of personal data',
  subjects_count: 'Approximate number of data subjects',
  dpo_contact: 'Data protection officer contact',
};
const FLAVOURS: { id: Flavour; name: string }[] = [
  { id: 'text', name: 'Plain text' },
  { id: 'markdown', name: 'Markdown' },
  { id: 'slack', name: 'Slack' },
  { id: 'teams', name: 'Teams' },
];

/** Pick a template, fill the incident's fields, copy the message. Everything happens in the browser, offline. */
export default function TemplatesPage() {
  const data = useHandbookData();
  const templates = data.templates;
  const levels = data.severity.levels;
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? '');
  const [severity, setSeverity] = useState(levels[1]?.id ?? levels[0]?.id ?? '');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [flavour, setFlavour] = useState<Flavour>('text');
  const [now, setNow] = useState<Date>();
  useEffect(() => {
    const q = new URLSearchParams(window.location.search).get('template');
    if (q && templates.some((t) => t.id === q)) setTemplateId(q);
    setNow(new Date());
  }, []);
  const template = templates.find((t) => t.id === templateId);
  const level = levelById(data, severity);
  const firstUpdateMs = parseDuration(level?.response?.first_update_within);
  const updateEveryMs = parseDuration(level?.response?.update_every);
  const detectedAt = now ? parseTypedUtc(fields.detected_at, now) : undefined;
  const all = useMemo(() => {
    const due = now ? nextUpdateDue({ detectedAt, now, firstUpdateMs, updateEveryMs }) : undefined;
    return { ...fields, severity, severity_name: level?.name, next_update: due ? formatUtc(due) : undefined };
  }, [fields, severity, level, now, detectedAt, firstUpdateMs, updateEveryMs]);
  if (!template)
    return (
      <Layout title="Template filler">
        <main className="container margin-vert--lg">
          <p>No templates in data/templates.yaml.</p>
        </main>
      </Layout>
    );
  const source = `${template.subject ?? ''}\n${template.body}`;
  const used = [...new Set([...source.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)].map((m) => m[1]))];
  // The detection time decides the next update, so it is asked for whenever the message promises one.
  const names = [...used, ...(used.includes('next_update') && !used.includes('detected_at') ? ['detected_at'] : [])].filter((n) => !COMPUTED.has(n));
  const subject = template.subject ? fillTemplate(template.subject, all) : undefined;
  const body = fillTemplate(template.body, all);
  const output = formatMessage(subject, body, flavour);
  const missing = missingFields(source, all);
  return (
    <Layout title="Communication template filler" description="Fill a communication template with the incident's details and copy it.">
      <main className="container margin-vert--lg">
        <h1>Communication template filler</h1>
        <p>
          Choose a template, fill in what you know, and copy the message. The next update time comes from the severity's targets, counted from detection
          {level
            ? ` (${level.id}: first update within ${human(level.response.first_update_within)} of detection, then every ${human(level.response.update_every)})`
            : ''}
          . Type the detection time in UTC ("17:40" or "2026-11-23 17:40"); left empty, the message is taken to be sent at detection. Nothing you type leaves
          this page.
        </p>
        <div className={styles.filler}>
          <form onSubmit={(e) => e.preventDefault()} aria-label="Incident details">
            <label htmlFor="tpl">Template</label>
            <select id="tpl" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <label htmlFor="f-severity">Severity</label>
            <select id="f-severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
              {levels.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.id} {l.name}
                </option>
              ))}
            </select>
            {names.map((n) => (
              <React.Fragment key={n}>
                <label htmlFor={`f-${n}`}>{LABELS[n] ?? n}</label>
                {LONG.has(n) ? (
                  <textarea id={`f-${n}`} rows={3} value={fields[n] ?? ''} onChange={(e) => setFields({ ...fields, [n]: e.target.value })} />
                ) : (
                  <input id={`f-${n}`} value={fields[n] ?? ''} onChange={(e) => setFields({ ...fields, [n]: e.target.value })} />
                )}
              </React.Fragment>
            ))}
          </form>
          <section aria-label="Message">
            <p>{template.when}</p>
            <div role="tablist" aria-label="Format" className="margin-bottom--sm">
              {FLAVOURS.map((f) => (
                <button
                  key={f.id}
                  type="button"
                  role="tab"
                  aria-selected={flavour === f.id}
                  className={`button button--sm ${flavour === f.id ? 'button--primary' : 'button--secondary'} margin-right--sm`}
                  onClick={() => setFlavour(f.id)}
                >
                  {f.name}
                </button>
              ))}
            </div>
            <pre data-testid="filled-text" className={styles.templateText}>
              {output}
            </pre>
            <p>
              <CopyButton text={output} label={`Copy as ${FLAVOURS.find((f) => f.id === flavour)!.name}`} />
            </p>
            {missing.length ? (
              <p data-testid="missing-fields">Still to fill: {missing.map((m) => LABELS[m] ?? m).join(', ')}. They show as [field] in the message.</p>
            ) : null}
          </section>
        </div>
      </main>
    </Layout>
  );
}
