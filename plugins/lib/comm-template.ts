/** Communication templates: fill {{fields}} and format for a channel. Pure: used by the site and the notify CLI. */
export type TemplateFields = Record<string, string | undefined>;

export const FIELD_NAMES = [
  'id', 'title', 'severity', 'severity_name', 'status', 'services', 'impact', 'summary', 'workaround', 'started_at',
  'detected_at', 'resolved_at', 'duration', 'next_update', 'commander', 'incident_channel', 'root_cause', 'actions',
  'postmortem_url', 'contact', 'data_categories', 'subjects_count', 'dpo_contact',
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

/** When the next update is due: now + the severity's update cadence. */
export function nextUpdate(now: Date, cadenceMs: number): Date {
  return new Date(now.getTime() + cadenceMs);
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
