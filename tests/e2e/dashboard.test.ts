import { describe, expect, it } from 'vitest';
import { baseUrl, browserSession, openPage, screenshot } from './browser';

const session = browserSession();

describe('metrics, reports, exports and compliance', () => {
  it('shows the metrics dashboard with charts drawn locally', async () => {
    await session.page.goto(`${baseUrl()}/incidents/dashboard`, { waitUntil: 'networkidle' });
    await expect(session.page.getByTestId('headline').textContent()).resolves.toContain('Median time to acknowledge');
    expect(await session.page.locator('svg.recharts-surface').count()).toBeGreaterThan(0);
    await screenshot(session.page, 'dashboard');
    expect(session.external).toEqual([]);
  });

  it.each(['light', 'dark'] as const)('keeps every axis label inside its chart on a phone (%s)', async (colorScheme) => {
    const { context, page } = await openPage(session.browser, 'phone', { colorScheme });
    await page.goto(`${baseUrl()}/incidents/dashboard`, { waitUntil: 'networkidle' });
    const charts = page.locator('.handbook-chart .recharts-wrapper > svg.recharts-surface');
    // Axes are drawn once the chart has measured its box (after hydration).
    await page.locator('.handbook-chart text.recharts-cartesian-axis-tick-value').first().waitFor();
    expect(await charts.count()).toBeGreaterThan(0);
    for (const svg of await charts.all()) {
      const outside = await svg.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const labels = Array.from(el.querySelectorAll('text.recharts-cartesian-axis-tick-value'));
        return {
          labels: labels.length,
          outside: labels
            .map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }))
            .filter(({ r }) => r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
            .map(({ text, r }) => `${text} at ${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} of ${Math.round(box.width)}`),
        };
      });
      expect(outside.labels).toBeGreaterThan(0);
      expect(outside.outside).toEqual([]);
    }
    await screenshot(page, `dashboard-phone-${colorScheme}`);
    await context.close();
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
