/** `handbook status build`: the public status page as static files (HTML, JSON, Atom), public fields only. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { IncidentStore } from '../../plugins/incidents/store';
import { publicFields, publicIncidents, statusAtom, statusHtml, statusJson } from '../../plugins/incidents/status-page';
import { openProject, parseNow, siteUrlFor } from './project';
import { siteLink } from '../../plugins/lib/site-url';

export async function statusBuildCommand(opts: { output: string; title: string; siteUrl?: string; now?: string }): Promise<number> {
  const { project } = openProject();
  const now = parseNow(opts.now);
  const schema = JSON.parse(readFileSync(path.join(project.root, 'schemas/incident.schema.json'), 'utf8'));
  const incidents = publicIncidents(new IncidentStore({ root: project.root }).list(), publicFields(schema));
  // The page is published with the site (build/status by default): its links follow site_url unless --site-url says where.
  const site = opts.siteUrl ? siteUrlFor(project, opts.siteUrl) : siteUrlFor(project, undefined);
  const base = opts.siteUrl ? (site ?? '') : site ? siteLink(site, '/status') : '';
  const o = { title: opts.title, baseUrl: base, now };
  mkdirSync(opts.output, { recursive: true });
  writeFileSync(path.join(opts.output, 'index.html'), statusHtml(incidents, o));
  writeFileSync(path.join(opts.output, 'status.json'), statusJson(incidents, o));
  writeFileSync(path.join(opts.output, 'status.atom'), statusAtom(incidents, o));
  process.stderr.write(
    `Wrote ${opts.output}/index.html, status.json and status.atom (${incidents.length} public incident${incidents.length === 1 ? '' : 's'})\n`,
  );
  return 0;
}
