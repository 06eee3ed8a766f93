/** The incidents index and record pages the site plugin generates from the records (expectations derived from data/). */
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { incidentRows, incidentsIndex, lastTimelineEntry } from '../../plugins/docusaurus-plugin-handbook/incidents';
import { buildReports } from '../../plugins/docusaurus-plugin-handbook/reports';
import { siteData } from '../../plugins/docusaurus-plugin-handbook/site-data';
import { periodKey } from '../../plugins/lib/metrics';
import { bodyHtml } from '../../plugins/docusaurus-plugin-handbook/markdown-html';
import { buildIndex, prepareFile } from '../../plugins/lint/engine';
import { loadProject } from '../../plugins/lint/load';
import { parseDuration } from '../../plugins/lint/duration';
import { FIXTURE, NOW, projectWith } from './helpers';

// The first role holds the command function (the fixture may predate role functions).
const fixtureRoles = readFileSync(path.join(FIXTURE, 'data/roles.yaml'), 'utf8');
const withCommand = /function:\s*command/.test(fixtureRoles) ? fixtureRoles : fixtureRoles.replace(/^(\s*)- id: (.*)$/m, '$1- id: $2\n$1  function: command');
const { root, cleanup } = projectWith({ 'data/roles.yaml': withCommand });
afterAll(cleanup);
const data = (f: string) => parseYaml(readFileSync(path.join(root, 'data', f), 'utf8'));
const levels: any[] = data('severity.yaml').levels;
const [top, second] = [levels[0], levels[1]];
const low = levels[levels.length - 1];
const commander = data('roles.yaml').roles.find((r: any) => r.function === 'command').id;
const service = data('services.yaml').services[0].id;
const type = data('incident-types.yaml').types[0].id;

const record = (id: string, fm: Record<string, string>, body = '') =>
  `---\ntitle: Incident ${id}\ntype: incident\nid: ${id}\nincident_type: ${type}\nservices: [${service}]\n${Object.entries(fm)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n\n## Summary\n\nText.\n\n## Timeline\n\n${body}\n`;

const files: Record<string, string> = {
  'incidents/2025/INC-0001-old.md': record('INC-0001', {
    severity: low.id,
    status: 'closed',
    detected_at: '2025-03-01T10:00:00Z',
    resolved_at: '2025-03-01T12:00:00Z',
    closed_at: '2025-03-02T12:00:00Z',
  }),
  'incidents/2026/INC-0002-done.md': record('INC-0002', {
    severity: second.id,
    status: 'resolved',
    detected_at: '2026-05-01T10:00:00Z',
    resolved_at: '2026-05-01T11:00:00Z',
  }),
  'incidents/2026/INC-0003-minor-open.md': record('INC-0003', { severity: low.id, status: 'investigating', detected_at: '2026-11-20T09:00:00Z' }),
  'incidents/2026/INC-0004-major-open.md': record(
    'INC-0004',
    { severity: top.id, status: 'identified', detected_at: '2026-11-23T10:00:00Z', roles: `{${commander}: "@ada"}` },
    '- **2026-11-23 10:00 UTC** Detected.\n- **2026-11-23 11:20 UTC** Rolled back.\n',
  ),
  'incidents/index.md': '---\ntitle: Incidents\ntype: reference\n---\n\nSee the [old one](./2025/INC-0001-old.md).\n\n:::note[Example]\nSample records.\n:::\n',
};

async function setup() {
  const { project } = loadProject(root);
  const docs = await Promise.all(Object.entries(files).map(([rel, text]) => prepareFile(project, path.join(root, rel), text)));
  const index = buildIndex(project, docs);
  const texts = new Map(docs.map((d) => [d.relPath, d.text]));
  return { project, index, docs, rows: incidentRows(project, index, (rel) => texts.get(rel)) };
}

describe('incidents index', () => {
  it('reads the last timeline entry', () => {
    expect(lastTimelineEntry('- **2026-11-23 10:00 UTC** a\n- **2026-11-23 11:20 UTC** b\n- **2026-11-22 23:00 UTC** c')).toBe('2026-11-23T11:20:00Z');
  });

  it('lists open incidents first, most severe first, with commander and next update due', async () => {
    const { project, rows } = await setup();
    const { index } = incidentsIndex(project, rows, '/incidents', NOW);
    expect(index.open.map((r) => r.id)).toEqual(['INC-0004', 'INC-0003']);
    const major = index.open[0];
    expect(major.commander).toBe('@ada');
    const every = parseDuration(top.response.update_every)!;
    expect(major.last_update).toBe('2026-11-23T11:20:00.000Z');
    expect(major.next_update_due).toBe(new Date(Date.parse('2026-11-23T11:20:00Z') + every).toISOString());
    expect(index.open[1].commander).toBeUndefined();
    expect(index.generatedAt).toBe(NOW.toISOString());
  });

  it('puts closed incidents on one page per year, newest year first', async () => {
    const { project, rows } = await setup();
    const { index, years } = incidentsIndex(project, rows, '/incidents', NOW);
    expect(index.years).toEqual([
      { year: '2026', route: '/incidents/year/2026', count: 1 },
      { year: '2025', route: '/incidents/year/2025', count: 1 },
    ]);
    expect(years.map((y) => y.closed.map((r) => [r.id, r.next_update_due]))).toEqual([[['INC-0002', undefined]], [['INC-0001', undefined]]]);
    expect(index.severities).toEqual(levels.map((l) => l.id));
    expect(index.services.map((s) => s.id)).toContain(service);
    expect(index.types.map((t) => t.id)).toContain(type);
  });

  it('renders a page body without raw HTML, with file links turned into routes and admonitions as notes', async () => {
    const { index, docs } = await setup();
    const doc = docs.find((d) => d.relPath === 'incidents/index.md')!;
    const before = JSON.stringify(doc.tree);
    const html = bodyHtml(doc.tree!, doc.relPath, index);
    expect(html).toContain(`href="${index.byPath.get('incidents/2025/INC-0001-old.md')!.route}"`);
    // The parsed tree is shared with the linter: rendering leaves it as it was.
    expect(JSON.stringify(doc.tree)).toBe(before);
    expect(html).toContain('<aside class="admonition admonition-note');
    expect(html).toContain('<strong>Example</strong>');
    const hostile = await prepareFile(
      loadProject(root).project,
      path.join(root, 'incidents/x.md'),
      '---\ntitle: X\ntype: reference\n---\n\n<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)>\n',
    );
    const out = bodyHtml(hostile.tree!, hostile.relPath, index);
    expect(out).not.toMatch(/<script|onerror|<img/);
  });

  it('puts every incident in exactly one report of each kind, with only the columns the report pages show', async () => {
    const { project, index } = await setup();
    const { reports, dashboard } = buildReports(project, index, NOW);
    const ids = Object.keys(files)
      .filter((f) => /INC-\d+/.test(f))
      .map((f) => /INC-\d+/.exec(f)![0])
      .sort();
    const shown = ['id', 'title', 'route', 'severity', 'status', 'detected_at', 'example', 'postmortem'];
    for (const kind of ['week', 'month', 'quarter', 'year'] as const) {
      const ofKind = reports.filter((r) => r.kind === kind);
      expect(ofKind.flatMap((r) => r.incidents.map((i) => i.id)).sort()).toEqual(ids);
      for (const r of ofKind) {
        expect(r.metrics.incidents).toBe(r.incidents.length);
        for (const i of r.incidents) {
          expect(periodKey(i.detected_at, kind)).toBe(r.period);
          for (const key of Object.keys(i)) expect(shown).toContain(key);
        }
      }
    }
    expect(dashboard.recent.map((i) => i.id).sort()).toEqual(ids);
    for (const i of dashboard.recent) for (const key of Object.keys(i)) expect(shown).toContain(key);
  });
});

describe('the body-only parse the site plugin renders records from', () => {
  it('gives the same tree as a full parse, without parsing the front matter or building the outline', async () => {
    const { project } = loadProject(root);
    const rel = 'incidents/2026/INC-0004-major-open.md';
    const full = await prepareFile(project, path.join(root, rel), files[rel]);
    const body = await prepareFile(project, path.join(root, rel), files[rel], undefined, { frontMatter: false });
    expect(body.tree).toEqual(full.tree);
    expect(body.fm).toBeUndefined();
    expect(body.outline).toBeUndefined();
    expect(body.fatal).toBeUndefined();
  });

  it('still applies the input limits before parsing', async () => {
    const { project } = loadProject(root);
    const huge = `---\ntitle: x\n---\n\n${'a'.repeat(200_000)}\n`;
    const body = await prepareFile(project, path.join(root, 'incidents/x.md'), huge, undefined, { frontMatter: false });
    expect(body.tree).toBeUndefined();
    expect(body.fatal?.ruleId).toBe('input-limits');
  });
});

describe("the site's global data", () => {
  it('maps every document but the records to its route (global data is in every page, records grow without bound)', async () => {
    const { project, index } = await setup();
    const { routes } = siteData(project, index, NOW);
    const docs = [...index.byPath.values()].filter((d) => d.route);
    const records = docs.filter((d) => d.type === 'incident' || d.type === 'postmortem');
    expect(records.length).toBeGreaterThan(0);
    expect(Object.entries(routes).sort()).toEqual(
      docs
        .filter((d) => !records.includes(d))
        .map((d) => [d.docId, d.route])
        .sort(),
    );
  });
});
