/** Reports show times with their zone: every date-and-time a person reads on the incident pages says which zone it is in. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, browserSession } from './browser';

const session = browserSession();
const api = JSON.parse(readFileSync(path.resolve(__dirname, '../../build/api/incidents.json'), 'utf8')) as { incidents: { route: string }[] };

/** Date-and-time texts on the page without a zone after them, and <time> elements whose text is not their instant in UTC. */
async function unzoned(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const text = document.querySelector('main')?.innerText ?? '';
    const bare = [...text.matchAll(/\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d)?(?!\S*\s*(UTC|Z\b|[+-]\d\d:?\d\d|\(|your time))/g)].map((m) => `bare: ${m[0]}`);
    const wrong = Array.from(document.querySelectorAll('main time[datetime]'))
      .filter((t) => /\d\d:\d\d/.test(t.textContent ?? ''))
      .filter((t) => {
        const iso = new Date(t.getAttribute('datetime')!).toISOString();
        return t.textContent !== `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
      })
      .map((t) => `time: ${t.getAttribute('datetime')} shown as ${t.textContent}`);
    return [...bare, ...wrong];
  });
}

describe('times in reports carry their zone', () => {
  it('on the incidents index, a record, the dashboard and a report', async () => {
    expect(api.incidents.length).toBeGreaterThan(0);
    const routes = ['/incidents', api.incidents[0].route, '/incidents/dashboard'];
    await session.page.goto(`${baseUrl()}/incidents/reports`);
    const report = await session.page.locator('main a[href^="/incidents/reports/"]').first().getAttribute('href');
    expect(report).toBeTruthy();
    routes.push(report!);
    for (const route of routes) {
      await session.page.goto(`${baseUrl()}${route}`, { waitUntil: 'networkidle' });
      const times = await session.page.locator('main time[datetime]').count();
      expect(times, `${route} shows no times`).toBeGreaterThan(0);
      expect(await unzoned(session.page), route).toEqual([]);
    }
  });
});
