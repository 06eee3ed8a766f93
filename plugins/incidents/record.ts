/** Writing and editing incident record text (front matter through the YAML document, so order and comments survive). */
import { isMap, isSeq, parseDocument, stringify, type Document } from 'yaml';
import { appendTimeline, formatStamp, IncidentError, split } from '../lib/incident-file';

export function stamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A new record: front matter, a summary and the first timeline line. */
export function newRecordText(fm: Record<string, unknown>, summary: string, first: { at: string; text: string }): string {
  const line = `- **${formatStamp(first.at)}** ${first.text.replace(/\s+/g, ' ').trim()}`;
  return `---\n${stringify(fm, { lineWidth: 0 })}---\n\n## Summary\n\n${summary.replace(/\s+/g, ' ').trim()}\n\n## Timeline\n\n${line}\n`;
}

/**
 * Changes a record: `edit` gets the front matter document; each `timeline` entry is appended to "## Timeline".
 */
export function editRecord(text: string, edit: (doc: Document.Parsed) => void, timeline: { at: string; text: string }[] = []): string {
  const { fm, body } = split(text);
  const doc = parseDocument(fm, { schema: 'core', uniqueKeys: true });
  if (doc.errors.length) throw new IncidentError(`the front matter is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  edit(doc);
  let b = body;
  for (const t of timeline) b = appendTimeline(b, t.at, t.text);
  return `---\n${doc.toString({ lineWidth: 0 }).replace(/\n$/, '')}\n---\n${b.endsWith('\n') ? b : `${b}\n`}`;
}

/** Appends an item to a list in the front matter (created when missing), written in flow style: one line per item. */
export function pushItem(doc: Document.Parsed, key: string, item: Record<string, unknown>): void {
  const node = doc.createNode(item);
  node.flow = true;
  const seq = doc.get(key, true);
  if (isSeq(seq)) seq.add(node);
  else {
    doc.set(key, doc.createNode([item]));
    const created = doc.get(key, true);
    if (isSeq(created)) for (const n of created.items) (n as { flow?: boolean }).flow = true;
  }
}

/** Sets fields of the list item whose `field` equals `value`. */
export function updateItem(doc: Document.Parsed, key: string, field: string, value: string, changes: Record<string, unknown>): boolean {
  const seq = doc.get(key, true);
  if (!isSeq(seq)) return false;
  for (const item of seq.items) {
    if (isMap(item) && item.get(field) === value) {
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined) item.delete(k);
        else item.set(k, v);
      }
      return true;
    }
  }
  return false;
}
