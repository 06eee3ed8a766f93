/** The status page's Atom feed: every link and id resolves to the incident's card on the page, wherever it is published. */
import { describe, expect, it } from 'vitest';
import { statusAtom, statusHtml, type PublicIncident, type StatusPageOptions } from '../../plugins/incidents/status-page';

const incidents: PublicIncident[] = [
  {
    id: 'INC-0007',
    title: 'Checkout errors',
    status: 'monitoring',
    public_updates: [
      { at: '2026-07-01T10:00:00Z', status: 'investigating', text: 'Looking into it' },
      { at: '2026-07-01T10:30:00Z', text: 'Fix deployed' },
    ],
  },
];
const now = new Date('2026-07-01T11:00:00Z');

/** The feed as a reader fetched it from `feedUrl`: each entry link resolved against that address. */
function entryLinks(atom: string, feedUrl: string): string[] {
  return [...atom.matchAll(/<entry>.*?<link href="([^"]+)"\/>/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&'), feedUrl).href);
}
const selfLink = (atom: string, feedUrl: string) => new URL(/<link rel="self" href="([^"]+)"/.exec(atom)![1], feedUrl).href;

describe('status page feed links', () => {
  const cases: [string, StatusPageOptions, string, string][] = [
    // handbook status build, published with the site at <site>/status/
    [
      'static, site address known',
      { title: 'Status', baseUrl: 'https://handbook.acme.test/status', now },
      'https://handbook.acme.test/status/status.atom',
      'https://handbook.acme.test/status/',
    ],
    ['static, no site address', { title: 'Status', baseUrl: '', now }, 'https://anywhere.test/status/status.atom', 'https://anywhere.test/status/'],
    // the responder: the page at /status, the feed at /status.atom
    [
      'served by the responder',
      { title: 'Status', baseUrl: '', pageUrl: 'status', now },
      'https://responder.acme.test/status.atom',
      'https://responder.acme.test/status',
    ],
  ];
  it.each(cases)('%s: entries link to the card on the page, self links to the feed', (_name, o, feedUrl, pageUrl) => {
    const atom = statusAtom(incidents, o);
    expect(entryLinks(atom, feedUrl)).toEqual([`${pageUrl}#INC-0007`, `${pageUrl}#INC-0007`]);
    expect(selfLink(atom, feedUrl)).toBe(feedUrl);
    expect(statusHtml(incidents, o)).toContain('<article class="incident" id="INC-0007">');
    const ids = [...atom.matchAll(/<id>([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length); // the feed's id and every entry's id are distinct
  });
});
