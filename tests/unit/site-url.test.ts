/** One setting for where the handbook lives: site_url / HANDBOOK_SITE_URL, and what every export makes of it. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectWith } from './helpers';
import { writeCalendars } from '../../plugins/docusaurus-plugin-handbook/calendars';
import { removePlaceholderLinks } from '../../plugins/docusaurus-plugin-handbook/site-links';
import { responderLocation } from '../../plugins/lib/responder-url';
import { normaliseSiteUrl, siteLink, siteLocation, SiteUrlError } from '../../plugins/lib/site-url';

const rotation = {
  id: 'r',
  name: 'Fixture rotation',
  length: '1w',
  timezone: 'Europe/London',
  handoff: 'Monday 09:00',
  start: '2026-01-05T09:00:00Z',
  members: ['@a', '@b'],
};

describe('site location', () => {
  it('takes HANDBOOK_SITE_URL over site_url, and neither is required', () => {
    expect(siteLocation('https://handbook.test/', {})).toEqual({
      url: 'https://handbook.test',
      source: 'site_url',
      origin: 'https://handbook.test',
      basePath: '/',
    });
    expect(siteLocation('https://handbook.test', { HANDBOOK_SITE_URL: 'https://preview.test/docs/' })).toEqual({
      url: 'https://preview.test/docs',
      source: 'HANDBOOK_SITE_URL',
      origin: 'https://preview.test',
      basePath: '/docs/',
    });
    expect(siteLocation(undefined, {})).toEqual({ basePath: '/' });
    expect(siteLocation('  ', { HANDBOOK_SITE_URL: '' })).toEqual({ basePath: '/' });
  });

  it('refuses what is not a place to publish, naming the setting', () => {
    expect(() => normaliseSiteUrl('handbook.test', 'site_url')).toThrow(
      new SiteUrlError('site_url: "handbook.test" is not an absolute URL; write it like https://handbook.your-company.internal'),
    );
    expect(() => normaliseSiteUrl('ftp://handbook.test', 'site_url')).toThrow('site_url: "ftp://handbook.test" must start with https:// (or http://)');
    expect(() => normaliseSiteUrl('https://u:p@handbook.test', 'site_url')).toThrow('must not contain a user name or password');
    expect(() => normaliseSiteUrl('https://handbook.test/?a=1', 'HANDBOOK_SITE_URL')).toThrow(
      'HANDBOOK_SITE_URL: "https://handbook.test/?a=1" must not have a query',
    );
  });

  it('links routes absolutely when known, relative to the site otherwise', () => {
    expect(siteLink('https://handbook.test/docs', '/runbooks/x')).toBe('https://handbook.test/docs/runbooks/x');
    expect(siteLink(undefined, '/runbooks/x')).toBe('/runbooks/x');
    expect(siteLink('', 'runbooks/x')).toBe('/runbooks/x');
  });

  it('reads the responder address the same way (HANDBOOK_RESPONDER_URL first)', () => {
    expect(responderLocation('https://responder.test/', {})).toBe('https://responder.test');
    expect(responderLocation('https://responder.test', { HANDBOOK_RESPONDER_URL: 'http://127.0.0.1:8080' })).toBe('http://127.0.0.1:8080');
    expect(responderLocation(undefined, {})).toBeUndefined();
  });
});

describe('what the build writes from it', () => {
  it('gives calendar events the site host and a link to the on-call view, or neither', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'site-url-'));
    try {
      const now = new Date('2026-03-01T12:00:00Z');
      writeCalendars(path.join(dir, 'with'), [rotation], { now, siteUrl: 'https://handbook.test/docs' });
      writeCalendars(path.join(dir, 'without'), [rotation], { now });
      const withUrl = readFileSync(path.join(dir, 'with/r.ics'), 'utf8');
      const without = readFileSync(path.join(dir, 'without/r.ics'), 'utf8');
      expect(withUrl).toMatch(/^UID:r-\d{8}T\d{6}Z@handbook\.test\r$/m);
      expect(withUrl).toContain('\r\nURL:https://handbook.test/docs/on-call-now\r\n');
      expect(without).toMatch(/^UID:r-\d{8}T\d{6}Z@incident-handbook\r$/m);
      expect(without).not.toContain('\r\nURL:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes only the tags that name the placeholder from built pages', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'site-links-'));
    try {
      mkdirSync(path.join(dir, 'a'));
      const page =
        '<head><link rel=canonical href=http://unset.invalid/a/b /><meta property=og:url content=http://unset.invalid/a/b /><link rel=alternate href=http://unset.invalid/a/b hreflang=en /><link rel=icon href=/img/x.svg /><script type=application/ld+json>{"item":"http://unset.invalid/a/"}</script></head><body><a href=/a>x</a></body>';
      writeFileSync(path.join(dir, 'a/b.html'), page);
      writeFileSync(path.join(dir, 'index.html'), '<head><link rel=icon href=/img/x.svg /></head>');
      expect(removePlaceholderLinks(dir, 'http://unset.invalid')).toBe(1);
      expect(readFileSync(path.join(dir, 'a/b.html'), 'utf8')).toBe(
        '<head><link rel=icon href=/img/x.svg /><script type=application/ld+json>{"item":"/a/"}</script></head><body><a href=/a>x</a></body>',
      );
      expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toBe('<head><link rel=icon href=/img/x.svg /></head>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('handbook export follows the setting', () => {
  // A runbook of the handbook that lists alerts (derived, not typed: the first one found).
  const RUNBOOK = `runbooks/${readdirSync(path.resolve(__dirname, '../../runbooks')).find((f) => /^alerts:\s*\[?\s*\S/m.test(readFileSync(path.resolve(__dirname, '../../runbooks', f), 'utf8')))}`;
  const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');
  it('links runbooks under site_url, relative to the site (with one line saying so) when unset, and --site-url wins', () => {
    const { root, cleanup } = projectWith({});
    try {
      // One runbook with one alert, written here.
      mkdirSync(path.join(root, 'runbooks'));
      writeFileSync(path.join(root, 'runbooks/fixture.md'), readFileSync(path.resolve(__dirname, '../..', RUNBOOK), 'utf8'));
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, HANDBOOK_SITE_URL: '' } });
      const urls = (out: string) => Object.values((parse(out) as { runbook_urls: Record<string, string> }).runbook_urls);
      const unset = run('export', 'runbook-urls');
      expect(unset.status).toBe(0);
      expect(unset.stderr).toContain('handbook export: site_url is not set');
      expect(urls(unset.stdout).length).toBeGreaterThan(0);
      for (const u of urls(unset.stdout)) expect(u).toMatch(/^\/runbooks\/alert\//);
      const config = path.join(root, 'handbook.config.yaml');
      writeFileSync(config, `${readFileSync(config, 'utf8')}\nsite_url: https://handbook.test/docs/\n`);
      const set = run('export', 'runbook-urls');
      expect(set.stderr).toBe('');
      for (const u of urls(set.stdout)) expect(u).toMatch(/^https:\/\/handbook\.test\/docs\/runbooks\/alert\//);
      for (const u of urls(run('export', 'runbook-urls', '--site-url', 'https://other.test').stdout))
        expect(u).toMatch(/^https:\/\/other\.test\/runbooks\/alert\//);
      const bad = run('export', 'runbook-urls', '--site-url', 'handbook.test');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toBe('handbook: --site-url: "handbook.test" is not an absolute URL; write it like https://handbook.your-company.internal\n');
    } finally {
      cleanup();
    }
  });
});
