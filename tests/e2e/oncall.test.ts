import ICAL from 'ical.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftAt } from '../../plugins/lib/oncall';
import { reachFor } from '../../plugins/lib/reach';
import { baseUrl, launch, openPage, screenshot, type ViewportName } from './browser';
import { dataOf } from './site';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

// A fixed instant (tests never depend on the clock), and a viewer in another time zone than any rotation.
const NOW = new Date(process.env.HANDBOOK_NOW ? `${process.env.HANDBOOK_NOW.slice(0, 10)}T10:30:00Z` : '2026-11-23T10:30:00Z');
const VIEWER_ZONE = 'Asia/Tokyo';
const rotations = dataOf('oncall').rotations as { id: string; name: string; role: string; team: string; timezone: string; members: string[] }[];
const contacts = dataOf('contacts');
const teams = dataOf('teams').teams as { id: string; chat?: string }[];

describe('who is on call now', () => {
  it.each<ViewportName>(['phone', 'desktop'])('shows now and next for every rotation with links to reach them (%s)', async (size) => {
    const { context, page, external } = await openPage(browser, size, { timezoneId: VIEWER_ZONE });
    await page.clock.install({ time: NOW });
    await page.goto(`${baseUrl()}/on-call-now`);
    await page.getByTestId('oncall-card').first().locator('[data-role=now]').waitFor();
    // At the top of its page: the first card starts within the first screen.
    const box = await page.getByTestId('oncall-card').first().boundingBox();
    expect(box!.y).toBeLessThan((size === 'phone' ? 844 : 900) / 2);
    for (const r of rotations) {
      const card = page.locator(`[data-testid=oncall-card][data-rotation="${r.id}"]`);
      const cur = shiftAt(r as never, NOW);
      const next = shiftAt(r as never, cur.end);
      await expect(card.locator('[data-role=now] [data-member]').textContent()).resolves.toBe(cur.member);
      await expect(card.locator('[data-role=next] [data-member]').textContent()).resolves.toBe(next.member);
      await expect(card.locator('[data-role=now] time').getAttribute('datetime')).resolves.toBe(cur.end.toISOString());
      const text = (await card.locator('[data-role=now]').textContent())!;
      expect(text).toContain(VIEWER_ZONE);
      expect(text).toContain(r.timezone);
      const reach = reachFor(
        contacts,
        { rotation: r.id, role: r.role, team: r.team },
        teams.find((t) => t.id === r.team),
      );
      if (reach.page) await expect(card.locator('[data-action=page]').getAttribute('href')).resolves.toBe(reach.page.href);
      if (reach.call) await expect(card.locator('[data-action=call]').getAttribute('href')).resolves.toBe(reach.call.href);
      if (reach.chat) await expect(card.locator('[data-action=chat]').count()).resolves.toBe(1);
      const feed = await card.locator('[data-action=calendar]').getAttribute('href');
      expect(feed).toBe(`/oncall/${r.id}.ics`);
    }
    // Until and Next fit on the screen (cards, no sideways scrolling on a phone).
    const width = size === 'phone' ? 390 : 1366;
    const outside = await page
      .locator('[data-testid=oncall-card] [data-role=now], [data-testid=oncall-card] [data-role=next]')
      .evaluateAll((els, w) => els.filter((e) => e.getBoundingClientRect().right > w || e.scrollWidth > e.clientWidth + 1).length, width);
    expect(outside).toBe(0);
    // Links are big enough to tap.
    const small = await page.locator('[data-testid=oncall-card] a').evaluateAll((as) => as.filter((a) => a.getBoundingClientRect().height < 44).length);
    expect(small).toBe(0);
    await screenshot(page, `oncall-${size}`);
    expect(external).toEqual([]);
    await context.close();
  });

  it('is one tap from the home page', async () => {
    const { context, page } = await openPage(browser, 'phone');
    await page.goto(`${baseUrl()}/`);
    const link = page.locator('main a[href="/on-call-now"]').first();
    await expect(link.isVisible()).resolves.toBe(true);
    await link.click();
    await page.waitForURL('**/on-call-now');
    await context.close();
  });

  it('is named at the top of the on-call policy page, one tap away', async () => {
    const { context, page } = await openPage(browser, 'phone');
    await page.goto(`${baseUrl()}/on-call`);
    const link = page.locator('article a[href="/on-call-now"]').first();
    const box = await link.boundingBox();
    expect(box!.y + box!.height).toBeLessThan(844);
    await link.click();
    await page.waitForURL('**/on-call-now');
    await page.getByTestId('oncall-card').first().waitFor();
    await context.close();
  });

  it('publishes a valid calendar feed per rotation', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    for (const r of rotations) {
      const res = await page.request.get(`${baseUrl()}/oncall/${r.id}.ics`);
      expect(res.status()).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
      const cal = new ICAL.Component(ICAL.parse(text));
      const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      expect(events.length).toBeGreaterThan(1);
      for (const e of events) expect(r.members.some((m) => e.summary.endsWith(m))).toBe(true);
    }
    await context.close();
  });
});
