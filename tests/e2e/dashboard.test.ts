import { describe, expect, it } from 'vitest';
import { baseUrl, browserSession, openPage, screenshot } from './browser';
import { contrast } from './contrast';

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

  it.each(['light', 'dark'] as const)('draws lines, bar outlines and labels with AA contrast and labels every month (%s)', async (colorScheme) => {
    const { context, page } = await openPage(session.browser, 'phone', { colorScheme });
    await page.goto(`${baseUrl()}/incidents/dashboard`, { waitUntil: 'networkidle' });
    await page.locator('.handbook-chart text.recharts-cartesian-axis-tick-value').first().waitFor();
    const charts = await page.locator('.handbook-chart').evaluateAll((els) =>
      els.map((chart) => {
        let bg = 'rgb(255, 255, 255)';
        for (let e: Element | null = chart; e; e = e.parentElement) {
          const c = getComputedStyle(e).backgroundColor;
          if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') {
            bg = c;
            break;
          }
        }
        // The colour of the element that holds the text (a legend entry wraps its text in a span of its own colour).
        const all = (sel: string, prop: 'stroke' | 'fill' | 'color') =>
          Array.from(chart.querySelectorAll(sel)).map((e) => {
            let inner = e;
            while (inner.children.length === 1 && inner.textContent === inner.children[0].textContent) inner = inner.children[0];
            return getComputedStyle(inner)[prop];
          });
        return {
          name: chart.getAttribute('data-testid') ?? '',
          bg,
          // Lines and bar outlines need 3:1 (WCAG 1.4.11), text 4.5:1 (1.4.3).
          graphics: [...all('.recharts-line-curve', 'stroke'), ...all('.recharts-bar-rectangle path', 'stroke')],
          text: [...all('text.recharts-cartesian-axis-tick-value', 'fill'), ...all('.recharts-legend-item-text', 'color')],
          months: Array.from(chart.querySelectorAll('.recharts-xAxis-tick-labels text.recharts-cartesian-axis-tick-value')).map((t) => t.textContent ?? ''),
        };
      }),
    );
    // The months a reader finds in the "By month" table below the charts.
    const months = await page.getByRole('table', { name: 'Month', exact: true }).locator('tbody th').allTextContents();
    expect(charts.length).toBeGreaterThan(0);
    expect(months.length).toBeGreaterThan(0);
    for (const c of charts) {
      expect(c.graphics.length, `${c.name}: lines or bars drawn`).toBeGreaterThan(0);
      const faint = [
        ...c.graphics.filter((g) => contrast(g, c.bg) < 3).map((g) => `graphic ${g}`),
        ...c.text.filter((t) => contrast(t, c.bg) < 4.5).map((t) => `text ${t}`),
      ];
      expect(faint, `${c.name} on ${c.bg}`).toEqual([]);
      // Every month has its own label, in the table's order (labels read "Mar 26" for 2026-03).
      expect(c.months, c.name).toHaveLength(months.length);
      expect(new Set(c.months).size, c.name).toBe(months.length);
      c.months.forEach((label, i) => expect(label.endsWith(months[i].slice(2, 4)), `${label} for ${months[i]}`).toBe(true));
    }
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
