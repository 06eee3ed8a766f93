import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../plugins/lint/duration';
import { formatUtc } from '../../plugins/lib/comm-template';
import { baseUrl, browserSession, screenshot } from './browser';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const session = browserSession({ clipboard: true });

describe('communication template filler', () => {
  it('fills the template and copies it with the computed next-update time', async () => {
    const severity = parse(readFileSync(path.resolve(__dirname, '../../data/severity.yaml'), 'utf8'));
    const p1 = severity.levels.find((l: any) => l.id === 'P1');
    const now = new Date('2026-11-23T10:00:00Z');
    await session.page.clock.setFixedTime(now);
    await session.page.goto(`${baseUrl()}/templates?template=investigating`);
    await session.page.selectOption('#f-severity', 'P1');
    await session.page.fill('#f-id', 'INC-0042');
    await session.page.fill('#f-title', 'Checkout errors');
    const expected = formatUtc(new Date(now.getTime() + parseDuration(p1.response.update_every)!));
    await expect.poll(() => session.page.getByTestId('filled-text').textContent()).toContain(expected);
    await session.page.getByRole('tab', { name: 'Slack' }).click();
    await session.page.getByRole('button', { name: /^Copy as Slack/ }).click();
    const copied = await session.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('INC-0042');
    expect(copied).toContain(expected);
    await screenshot(session.page, 'template-filler');
  });
});
