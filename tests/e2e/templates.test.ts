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
    const templates = parse(readFileSync(path.resolve(__dirname, '../../data/templates.yaml'), 'utf8')).templates as {
      id: string;
      subject?: string;
      body: string;
    }[];
    // A template that shows the next update time, and a field of it to fill in.
    const template = templates.find((t) => t.body.includes('{{next_update}}'))!;
    const field = ['title', 'id', 'services', 'summary', 'impact'].find((f) => `${template.subject ?? ''}${template.body}`.includes(`{{${f}}}`))!;
    // A level from the registry (the second one, so it is not always the most severe), never an id typed here.
    const level = severity.levels[Math.min(1, severity.levels.length - 1)];
    const now = new Date('2026-11-23T10:00:00Z');
    const page = session.page;
    await page.clock.setFixedTime(now);
    await page.goto(`${baseUrl()}/templates?template=${template.id}`);
    await page.selectOption('#f-severity', level.id);
    await page.fill(`#f-${field}`, 'Checkout errors for INC-0042');
    // No detection time entered: detection is now, and the first update is due first_update_within after it.
    const expected = formatUtc(new Date(now.getTime() + parseDuration(level.response.first_update_within)!));
    await expect.poll(() => page.getByTestId('filled-text').textContent()).toContain(expected);
    await page.getByRole('tab', { name: 'Slack' }).click();
    await page.getByRole('button', { name: /^Copy as Slack/ }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('Checkout errors for INC-0042');
    expect(copied).toContain(expected);
    await screenshot(page, 'template-filler');
  });
});
