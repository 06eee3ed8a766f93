/** Writes one iCalendar feed per on-call rotation into the build, from the shifts four weeks back to half a year ahead. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rotationCalendar, type RotationFeedInput } from '../lib/ical';
import { siteLink } from '../lib/site-url';

const DAY = 86_400_000;

/** Without the site's address the events carry no link, and their UIDs end in the generic `incident-handbook`. */
export function writeCalendars(dir: string, rotations: RotationFeedInput[], opts: { now: Date; siteUrl?: string }): string[] {
  mkdirSync(dir, { recursive: true });
  const host = opts.siteUrl ? new URL(opts.siteUrl).host : 'incident-handbook';
  const written: string[] = [];
  for (const r of rotations) {
    if (!r?.id || !Array.isArray(r.members) || r.members.length === 0) continue;
    const file = path.join(dir, `${r.id}.ics`);
    const text = rotationCalendar(r, {
      from: new Date(opts.now.getTime() - 28 * DAY),
      to: new Date(opts.now.getTime() + 183 * DAY),
      stamp: opts.now,
      host,
      pageUrl: opts.siteUrl ? siteLink(opts.siteUrl, '/on-call-now') : undefined,
    });
    writeFileSync(file, text);
    written.push(file);
  }
  return written;
}
