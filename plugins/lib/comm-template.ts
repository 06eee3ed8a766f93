/** Communication templates: fill {{fields}} and format for a channel. Pure: used by the site and the notify CLI. */
export type TemplateFields = Record<string, string | undefined>;

export const FIELD_NAMES = [
  'id',
  'title',
  'severity',
  'severity_name',
  'status',
  'services',
  'impact',
  'summary',
  'workaround',
  'started_at',
  'detected_at',
  'resolved_at',
  'duration',
  'next_update',
  'commander',
  'incident_channel',
  'root_cause',
  'actions',
  'postmortem_url',
  'contact',
  'data_categories',
  'subjects_count',
  'dpo_contact',
] as const;

/** Replaces {{field}}; a field with no value stays visible as [field] so nobody sends a half-filled message unnoticed. */
export function fillTemplate(text: string, fields: TemplateFields): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_m, name: string) => {
    const v = fields[name];
    return v !== undefined && v !== '' ? v : `[${name}]`;
  });
}

export function missingFields(text: string, fields: TemplateFields): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)) if (!fields[m[1]]) out.add(m[1]);
  return [...out];
}

export interface UpdateClock {
  /** When the incident was detected: every response target counts from it. Unknown: the message is the first one. */
  detectedAt?: Date;
  /** When this message is sent. */
  now: Date;
  /** The severity's `response.first_update_within`, in ms. */
  firstUpdateMs?: number;
  /** The severity's `response.update_every`, in ms. */
  updateEveryMs?: number;
}

/**
 * When the next update is due, as the severity's targets define it: the first update is due `first_update_within`
 * after detection; once that deadline has passed (the first update has gone out), each update promises the next
 * one `update_every` after itself. Without a detection time the message is taken to be sent at detection.
 */
export function nextUpdateDue({ detectedAt, now, firstUpdateMs, updateEveryMs }: UpdateClock): Date | undefined {
  const from = detectedAt ?? now;
  if (firstUpdateMs !== undefined) {
    const first = new Date(from.getTime() + firstUpdateMs);
    if (now.getTime() < first.getTime() || updateEveryMs === undefined) return first;
  }
  return updateEveryMs !== undefined ? new Date(now.getTime() + updateEveryMs) : undefined;
}

/**
 * A time typed by a person: ISO 8601 ("2026-11-23T17:40:00Z"), "2026-11-23 17:40" (UTC, optional "UTC" suffix), or
 * "17:40" (UTC, on the date of `today`). Undefined when it is none of these.
 */
export function parseTypedUtc(text: string | undefined, today: Date): Date | undefined {
  const t = (text ?? '').trim().replace(/\s*UTC$/i, '');
  if (!t) return undefined;
  const hm = /^(\d{1,2}):(\d{2})$/.exec(t);
  if (hm) {
    const h = Number(hm[1]);
    const m = Number(hm[2]);
    if (h > 23 || m > 59) return undefined;
    return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), h, m));
  }
  const dt = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(t);
  if (!dt) return undefined;
  const ms = Date.parse(`${dt[1]}-${dt[2]}-${dt[3]}T${dt[4]}:${dt[5]}:${dt[6] ?? '00'}${dt[7] ?? 'Z'}`);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

export function formatUtc(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export type Flavour = 'text' | 'markdown' | 'slack' | 'teams';

/** The same message for different destinations: plain text, Markdown, Slack mrkdwn, Teams (Markdown subset). */
export function formatMessage(subject: string | undefined, body: string, flavour: Flavour): string {
  const s = subject?.trim();
  switch (flavour) {
    case 'markdown':
    case 'teams':
      return `${s ? `**${s}**\n\n` : ''}${body}`;
    case 'slack':
      return `${s ? `*${s.replace(/\*/g, '')}*\n` : ''}${body.replace(/\*\*(.+?)\*\*/g, '*$1*')}`;
    default:
      return `${s ? `${s}\n\n` : ''}${body}`;
  }
}

/**
 * The incident channel's default name (docs/communications: `#inc-<detection date>-<id in lower case>`), which people
 * may replace by a short description. Filled in by `handbook notify` and by the responder's messages.
 */
export function defaultIncidentChannel(id: unknown, detectedAt: unknown): string | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(detectedAt ?? ''));
  if (!day || typeof id !== 'string' || !id) return undefined;
  return `#inc-${day[1]}${day[2]}${day[3]}-${id.toLowerCase()}`;
}
