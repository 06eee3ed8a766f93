/**
 * Drills: an exercise's scripted alerts (injects[].alerts in its front matter) played through the real pipeline,
 * and what the people taking part did, measured from the incident records the responder wrote. Pure: the CLI
 * (`handbook drill`) does the waiting and the HTTP.
 */
import { stringify } from 'yaml';
import { parseDuration, humanDuration } from '../lint/duration';

export interface ScriptedAlert {
  /** Offset from the start of the drill. */
  atMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Offset at which the alert is resolved, if it is. */
  resolveAtMs?: number;
}

export interface DrillEvent {
  atMs: number;
  kind: 'fire' | 'resolve';
  alert: ScriptedAlert;
}

/** The alerts of an exercise, labelled as a drill, and the fire/resolve events in time order. */
export function drillSchedule(fm: Record<string, unknown>, exerciseId: string, runId: string): DrillEvent[] {
  const events: DrillEvent[] = [];
  for (const inject of Array.isArray(fm.injects) ? fm.injects : []) {
    const atMs = parseDuration(inject?.at) ?? 0;
    for (const a of Array.isArray(inject?.alerts) ? inject.alerts : []) {
      const alert: ScriptedAlert = {
        atMs,
        labels: { ...a.labels, drill: 'true', exercise: exerciseId.replace(/[^A-Za-z0-9_./-]/g, '-'), drill_run: runId },
        annotations: { ...(a.annotations ?? {}) },
      };
      const resolveMs = parseDuration(a.resolve_after);
      if (resolveMs !== undefined) alert.resolveAtMs = atMs + resolveMs;
      events.push({ atMs, kind: 'fire', alert });
      if (alert.resolveAtMs !== undefined) events.push({ atMs: alert.resolveAtMs, kind: 'resolve', alert });
    }
  }
  return events.sort((x, y) => x.atMs - y.atMs || (x.kind === 'fire' ? -1 : 1));
}

export interface DrillMeasure {
  id: string;
  severity: string;
  /** From the first alert to the incident's detection (declaration). */
  toDeclareMs?: number;
  toAcknowledgeMs?: number;
  /** To the first update by a person: a status-page update or a timeline entry "(by ...)". */
  toFirstUpdateMs?: number;
}

/** Measures from a record: detection, acknowledgement, first human update. `firstAlertAt` is when the drill's first alert fired. */
export function measure(fm: Record<string, unknown>, text: string, firstAlertAt: number): DrillMeasure {
  const detected = Date.parse(String(fm.detected_at));
  const out: DrillMeasure = { id: String(fm.id), severity: String(fm.severity) };
  if (Number.isFinite(detected)) out.toDeclareMs = Math.max(0, detected - firstAlertAt);
  if (fm.acknowledged_at) out.toAcknowledgeMs = Date.parse(String(fm.acknowledged_at)) - detected;
  const updates: number[] = [];
  for (const u of Array.isArray(fm.public_updates) ? fm.public_updates : []) updates.push(Date.parse(u.at));
  for (const m of text.matchAll(/^- \*\*(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC\*\* (?!Acknowledged).*\(by [^)]+\)/gm)) updates.push(Date.parse(`${m[1]}T${m[2]}:00Z`));
  const first = updates.filter(Number.isFinite).sort((a, b) => a - b)[0];
  if (first !== undefined) out.toFirstUpdateMs = Math.max(0, first - detected);
  return out;
}

const human = (ms: number | undefined) => (ms === undefined ? 'not done' : ms < 60_000 ? `${Math.round(ms / 1000)} s` : humanDuration(Math.round(ms / 60_000) * 60_000));

/** The evidence record of a drill run (type: evidence, kind: exercise), which `handbook coverage` counts. */
export function evidenceText(input: {
  title: string;
  date: string;
  owner: string;
  scenario: string;
  participants: { role: string; handle: string }[];
  controls: string[];
  measures: DrillMeasure[];
  alerts: number;
  runId: string;
}): string {
  const findings = input.measures.length
    ? input.measures.map((m) => `${m.id} (${m.severity}): declared after ${human(m.toDeclareMs)}, acknowledged after ${human(m.toAcknowledgeMs)}, first update after ${human(m.toFirstUpdateMs)}.`)
    : [`No incident was opened from the ${input.alerts} scripted alert${input.alerts === 1 ? '' : 's'}: check the alert routing and auto_declare.`];
  const fm = {
    title: `Drill run: ${input.title.replace(/^[A-Za-z-]+:\s*/, '')} (${input.date})`,
    type: 'evidence',
    kind: 'exercise',
    date: input.date,
    owner: input.owner,
    scenario: input.scenario,
    description: `Measured run of the ${input.scenario} drill through the alerting pipeline (run ${input.runId}).`,
    participants: input.participants,
    findings,
    follow_ups: [],
    controls: input.controls,
  };
  return `---\n${stringify(fm, { lineWidth: 0 })}---\n\n## Summary\n\n${input.participants.length} people ran the ${input.scenario} drill on ${input.date}. handbook drill fired ${input.alerts} scripted alert${input.alerts === 1 ? '' : 's'} through the real alerting pipeline and measured the response from the incident records the responder wrote (run ${input.runId}).\n\n## Findings\n\n${findings.map((f) => `- ${f}`).join('\n')}\n\nThe facilitator adds what the team learned below these measured findings.\n\n## Follow-ups\n\nNone recorded yet: the facilitator adds follow-ups to the front matter after the debrief.\n`;
}
