/**
 * The public status page: HTML, JSON and an Atom feed built only from the incident fields the incident schema marks
 * `x-public: true`, for incidents that have at least one customer-facing update (`public_updates`). Drills and
 * sample records are never published. Pure: `handbook status build` writes the files, the responder serves them.
 */
import { isClosed } from '../lib/incident-status';
import { escapeHtml as esc } from '../lib/escape';

export interface PublicIncident {
  [field: string]: unknown;
  id: string;
  public_updates: { at: string; status?: string; text: string }[];
}

/** The front-matter fields marked public in the incident schema. */
export function publicFields(incidentSchema: unknown): string[] {
  const field = (v: unknown, k: string): unknown => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined);
  const props = field(field(field(incidentSchema, 'properties'), 'frontmatter'), 'properties');
  return props && typeof props === 'object' ? Object.keys(props).filter((k) => field(field(props, k), 'x-public') === true) : [];
}

export function publicIncidents(records: { fm: Record<string, unknown> }[], fields: string[]): PublicIncident[] {
  return records
    .filter((r) => Array.isArray(r.fm.public_updates) && r.fm.public_updates.length > 0 && r.fm.drill !== true && r.fm.example !== true)
    .map((r) => Object.fromEntries(fields.filter((f) => r.fm[f] !== undefined).map((f) => [f, r.fm[f]])) as PublicIncident)
    .sort((a, b) => String(b.detected_at ?? '').localeCompare(String(a.detected_at ?? '')));
}

export interface StatusPageOptions {
  title: string;
  /** Absolute URL of the folder the page is published in (for the feed's links), without a trailing slash; may be empty. */
  baseUrl: string;
  /** The HTML page as the feed links to it (default: the folder, `<baseUrl>/`, or `./` when baseUrl is empty). */
  pageUrl?: string;
  now: Date;
}

export function statusJson(incidents: PublicIncident[], o: StatusPageOptions): string {
  const open = incidents.filter((i) => !isClosed(i.status));
  return `${JSON.stringify({ title: o.title, generated_at: o.now.toISOString(), status: open.length ? 'incident' : 'operational', incidents }, null, 2)}\n`;
}

export function statusHtml(incidents: PublicIncident[], o: StatusPageOptions): string {
  const open = incidents.filter((i) => !isClosed(i.status));
  const card = (i: PublicIncident) => `<article class="incident" id="${esc(i.id)}"><h3>${esc(i.title)} <small>(${esc(i.id)})</small></h3>
<p class="meta">Status: <strong>${esc(i.status)}</strong>${Array.isArray(i.services) ? ` · Affects: ${esc(i.services.join(', '))}` : ''}${i.started_at ? ` · Since ${esc(i.started_at)}` : ''}${i.resolved_at ? ` · Resolved ${esc(i.resolved_at)}` : ''}</p>
<ol class="updates">${[...i.public_updates].reverse().map((u) => `<li><time datetime="${esc(u.at)}">${esc(u.at.replace('T', ' ').replace(/:\d\dZ$/, ' UTC'))}</time> <strong>${esc(u.status ?? '')}</strong> ${esc(u.text)}</li>`).join('')}</ol></article>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title><link rel="alternate" type="application/atom+xml" href="status.atom" title="${esc(o.title)}">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.banner{padding:1rem;border-radius:6px;background:${open.length ? '#8b0000' : '#1b5e20'};color:#fff}
.incident{border-top:1px solid #ccc;margin-top:1.5rem}.meta{color:#444}time{font-variant-numeric:tabular-nums}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}.meta{color:#bbb}}</style></head>
<body><h1>${esc(o.title)}</h1>
<p class="banner" role="status">${open.length ? `${open.length} incident${open.length === 1 ? '' : 's'} in progress` : 'All systems operational'}</p>
<h2>Current incidents</h2>${open.map(card).join('\n') || '<p>None.</p>'}
<h2>Past incidents</h2>${incidents.filter((i) => !open.includes(i)).map(card).join('\n') || '<p>None.</p>'}
<p><small>Updated ${esc(o.now.toISOString())}. <a href="status.json">JSON</a> · <a href="status.atom">Atom feed</a></small></p>
</body></html>
`;
}

export function statusAtom(incidents: PublicIncident[], o: StatusPageOptions): string {
  const base = o.baseUrl.replace(/\/$/, '');
  const page = o.pageUrl ?? (base ? `${base}/` : './');
  const feedId = base ? `${base}/` : 'urn:handbook:status';
  const entries = incidents.flatMap((i) =>
    i.public_updates.map(
      (u, n) =>
        `  <entry><id>${esc(`${feedId}#${i.id}-${n}`)}</id><title>${esc(`${u.status ?? i.status}: ${i.title}`)}</title><updated>${esc(u.at)}</updated><link href="${esc(`${page}#${i.id}`)}"/><content type="text">${esc(u.text)}</content></entry>`,
    ),
  );
  const updated = incidents.flatMap((i) => i.public_updates.map((u) => u.at)).sort().pop() ?? o.now.toISOString();
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(o.title)}</title><id>${esc(feedId)}</id><updated>${esc(updated)}</updated><link rel="self" href="${esc(base ? `${base}/status.atom` : 'status.atom')}"/>
${entries.join('\n')}
</feed>
`;
}
