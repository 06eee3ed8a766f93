/** Reading and changing incident records as text: the front matter is edited through the YAML document, so comments and order survive. */
import { isSeq, parseDocument } from 'yaml';

export const STATUS_ORDER = ['investigating', 'identified', 'monitoring', 'resolved', 'closed'] as const;
export type Status = (typeof STATUS_ORDER)[number];

/**
 * Events `incident update --status` accepts: a status, or a milestone that sets a timestamp. `acknowledges`: a person
 * who moves the incident this far has acknowledged it (an automatic update does not).
 */
export const EVENTS: Record<string, { status?: Status; sets?: string; alsoSets?: string[]; acknowledges?: true }> = {
  acknowledged: { sets: 'acknowledged_at' },
  identified: { status: 'identified', acknowledges: true },
  mitigated: { status: 'monitoring', sets: 'mitigated_at', acknowledges: true },
  monitoring: { status: 'monitoring', alsoSets: ['mitigated_at'], acknowledges: true },
  resolved: { status: 'resolved', sets: 'resolved_at', alsoSets: ['mitigated_at'], acknowledges: true },
};

export class IncidentError extends Error {}

export interface Split {
  fm: string;
  body: string;
}

export function split(text: string): Split {
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!m) throw new IncidentError('the file has no front matter block');
  return { fm: m[1], body: m[2] };
}

export function formatStamp(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** Adds a line to the end of the "## Timeline" section (creating the section if it is missing). */
export function appendTimeline(body: string, at: string, text: string): string {
  const line = `- **${formatStamp(at)}** ${text.replace(/\s+/g, ' ').trim()}`;
  const lines = body.split('\n');
  const start = lines.findIndex((l) => /^##\s+Timeline\s*$/i.test(l));
  if (start === -1) return `${body.replace(/\s*$/, '')}\n\n## Timeline\n\n${line}\n`;
  let end = lines.findIndex((l, i) => i > start && /^#{1,2}\s/.test(l));
  if (end === -1) end = lines.length;
  let insert = end;
  while (insert > start + 1 && lines[insert - 1].trim() === '') insert--;
  lines.splice(insert, 0, line);
  return lines.join('\n');
}

export interface UpdateInput {
  event?: string;
  severity?: string;
  note?: string;
  at: string;
  knownSeverities: string[];
  /** Made by the responder on its own (the alerts resolved), not by a person: it acknowledges nothing. */
  automatic?: boolean;
}

/** Applies one update to an incident record's text and returns the new text. Throws IncidentError when it is not allowed. */
export function updateIncident(text: string, input: UpdateInput): string {
  const { fm, body } = split(text);
  const doc = parseDocument(fm);
  if (doc.errors.length) throw new IncidentError(`the front matter is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const get = (k: string) => doc.get(k) as string | undefined;
  const status = get('status') as Status;
  if (status === 'closed') throw new IncidentError('the incident is closed; reopen it by editing the record in a pull request');
  const notes: string[] = [];
  if (input.severity) {
    if (!input.knownSeverities.includes(input.severity))
      throw new IncidentError(`unknown severity "${input.severity}": use one of ${input.knownSeverities.join(', ')}`);
    const from = get('severity');
    if (from !== input.severity) {
      if (!doc.has('severity_history')) doc.set('severity_history', doc.createNode([{ at: get('detected_at'), severity: from }]));
      const history = doc.get('severity_history');
      if (!isSeq(history)) throw new IncidentError('severity_history is not a list: fix the front matter by hand');
      history.add(doc.createNode({ at: input.at, severity: input.severity, ...(input.note ? { reason: input.note } : {}) }));
      doc.set('severity', input.severity);
      notes.push(`Severity changed from ${from} to ${input.severity}`);
    }
  }
  if (input.event) {
    const ev = EVENTS[input.event];
    if (!ev) throw new IncidentError(`unknown status "${input.event}": use one of ${Object.keys(EVENTS).join(', ')} (close with "handbook incident close")`);
    if (ev.status && STATUS_ORDER.indexOf(ev.status) < STATUS_ORDER.indexOf(status)) {
      throw new IncidentError(`cannot go from "${status}" back to "${ev.status}": statuses move forward (${STATUS_ORDER.join(' → ')})`);
    }
    if (ev.sets && get(ev.sets)) throw new IncidentError(`${ev.sets} is already set (${get(ev.sets)}); edit the record if it is wrong`);
    const implied = [...(ev.acknowledges && !input.automatic ? ['acknowledged_at'] : []), ...(ev.alsoSets ?? [])];
    for (const k of implied) if (!get(k)) doc.set(k, input.at);
    if (ev.sets) doc.set(ev.sets, input.at);
    if (ev.status) doc.set('status', ev.status);
    notes.push(input.event === 'acknowledged' ? 'Acknowledged' : `Status: ${ev.status ?? status}${ev.sets ? ` (${ev.sets.replace('_at', '')})` : ''}`);
  }
  if (!input.event && !input.severity && !input.note) throw new IncidentError('nothing to update: give --status, --severity or --note');
  const entry = [...notes, input.note].filter(Boolean).join('. ');
  return `---\n${String(doc).replace(/\n$/, '')}\n---\n${appendTimeline(body, input.at, entry)}`;
}

export function closeIncident(text: string, at: string, note?: string): string {
  const { fm, body } = split(text);
  const doc = parseDocument(fm);
  const status = doc.get('status');
  if (status === 'closed') throw new IncidentError('the incident is already closed');
  if (status !== 'resolved')
    throw new IncidentError(`only a resolved incident can be closed (status is "${status}"): run "handbook incident update <id> --status resolved" first`);
  doc.set('closed_at', at);
  doc.set('status', 'closed');
  return `---\n${String(doc).replace(/\n$/, '')}\n---\n${appendTimeline(body, at, `Closed${note ? `. ${note}` : ''}`)}`;
}
