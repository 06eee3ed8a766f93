import { describe, expect, it } from 'vitest';
import { baseUrl, browserSession, screenshot } from './browser';

const session = browserSession();

describe('metrics, reports, exports and compliance', () => {
  it('shows the metrics dashboard with charts drawn locally', async () => {
    await session.page.goto(`${baseUrl()}/incidents/dashboard`, { waitUntil: 'networkidle' });
    await expect(session.page.getByTestId('headline').textContent()).resolves.toContain('Median time to acknowledge');
    expect(await session.page.locator('svg.recharts-surface').count()).toBeGreaterThan(0);
    await screenshot(session.page, 'dashboard');
    expect(session.external).toEqual([]);
  });

  it('publishes the API files', async () => {
    for (const name of ['severity', 'roles', 'escalation', 'runbooks', 'incidents']) {
      const res = await session.page.request.get(`${baseUrl()}/api/${name}.json`);
      expect(res.status()).toBe(200);
      expect(typeof (await res.json())).toBe('object');
    }
    const runbooks = await (await session.page.request.get(`${baseUrl()}/api/runbooks.json`)).json();
    expect(runbooks.runbooks.length).toBeGreaterThanOrEqual(10);
    expect(runbooks.runbooks[0]).toHaveProperty('alerts');
  });

  it('shows compliance coverage with an auditor export', async () => {
    await session.page.goto(`${baseUrl()}/compliance`);
    await expect(session.page.locator('h1').textContent()).resolves.toBe('Compliance coverage');
    expect(await session.page.locator('td[data-status]').count()).toBeGreaterThan(10);
    const csv = await session.page.request.get(`${baseUrl()}/compliance/coverage.csv`);
    expect((await csv.text()).startsWith('framework,control,title,status')).toBe(true);
    await screenshot(session.page, 'compliance');
  });
});
