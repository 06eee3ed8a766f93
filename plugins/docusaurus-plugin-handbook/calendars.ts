/** Writes one iCalendar feed per on-call rotation into the build, from the shifts four weeks back to half a year ahead. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rotationCalendar, type RotationFeedInput } from '../lib/ical';

const DAY = 86_400_000;

export function writeCalendars(dir: string, rotations: RotationFeedInput[], opts: { now: Date; siteUrl: string }): string[] {
  mkdirSync(dir, { recursive: true });
  const site = new URL(opts.siteUrl);
  const written: string[] = [];
  for (const r of rotations) {
    if (!r?.id || !Array.isArray(r.members) || r.members.length === 0) continue;
    const file = path.join(dir, `${r.id}.ics`);
    const text = rotationCalendar(r, {
      from: new Date(opts.now.getTime() - 28 * DAY),
      to: new Date(opts.now.getTime() + 183 * DAY),
      stamp: opts.now,
      host: site.host,
      pageUrl: new URL('on-call-now', site.href.endsWith('/') ? site.href : `${site.href}/`).href,
    });
    writeFileSync(file, text);
    written.push(file);
  }
  return written;
}
