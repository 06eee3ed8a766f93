/** /live: a read-only page of open incidents (severity, age, commander, next update due), refreshed every 30 s. */
import type { Responder } from '../incidents/responder';
import { escapeHtml as esc } from '../lib/escape';

function age(from: string, now: Date): string {
  const min = Math.max(0, Math.round((now.getTime() - Date.parse(from)) / 60_000));
  return min < 90 ? `${min} min` : min < 48 * 60 ? `${Math.round(min / 60)} h` : `${Math.round(min / 1440)} d`;
}

export function liveHtml(r: Responder, now: Date): string {
  const command = r.roleByFunction('command');
  const open = r.list({ status: 'open' });
  const rank = (s: string) => r.levels().findIndex((l) => l.id === s);
  const rows = (list: typeof open) =>
    list
      .sort((a, b) => rank(a.fm.severity ?? '') - rank(b.fm.severity ?? '') || String(a.fm.detected_at).localeCompare(String(b.fm.detected_at)))
      .map(
        (i) =>
          `<tr><td>${esc(i.fm.severity)}</td><td>${esc(i.id)}</td><td>${esc(i.fm.title)}</td><td>${esc(i.fm.status)}${i.fm.acknowledged_at ? '' : ' (not acknowledged)'}</td><td>${esc(age(i.fm.detected_at ?? '', now))}</td><td>${esc((command && i.fm.roles?.[command]) || 'none yet')}</td><td>${esc(
            r
              .nextUpdateDue(i)
              ?.replace('T', ' ')
              .replace(/:\d\dZ$/, ' UTC') ?? '',
          )}</td></tr>`,
      )
      .join('\n');
  const table = (list: typeof open) =>
    list.length
      ? `<table><thead><tr><th scope="col">Severity</th><th scope="col">Id</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Age</th><th scope="col">Commander</th><th scope="col">Next update due</th></tr></thead><tbody>${rows(list)}</tbody></table>`
      : '<p>None.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="30"><title>Open incidents (live)</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ccc}
@media (max-width:700px){td:nth-child(3){max-width:12rem}}</style></head><body>
<h1>Open incidents</h1><p>Live from the responder at ${esc(now.toISOString())}; this page refreshes every 30 seconds. JSON: <code>/api/incidents?status=open</code>.</p>
${table(open.filter((i) => i.fm.drill !== true))}
<h2>Drills in progress</h2>${table(open.filter((i) => i.fm.drill === true))}
</body></html>
`;
}
