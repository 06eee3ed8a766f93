import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../plugins/lint/duration';
import { baseUrl, browserSession, screenshot } from './browser';
import { EXERCISE_FILE, EXERCISE_ROUTE, frontMatterOf } from './site';

const session = browserSession();

describe('exercise player', () => {
  it('reveals an inject when the timer reaches its minute mark (fake clock)', async () => {
    const injects = frontMatterOf(EXERCISE_FILE).injects as { at: string; title: string }[];
    const second = injects[1];
    const at = parseDuration(second.at)!;
    await session.page.clock.install({ time: new Date('2026-11-23T10:00:00Z') });
    await session.page.goto(`${baseUrl()}${EXERCISE_ROUTE}`);
    await session.page.getByTestId('toggle-player').click();
    await session.page.getByRole('button', { name: 'Start exercise' }).click();
    await session.page.clock.runFor(1000);
    const revealed = session.page.getByTestId('revealed-inject');
    await expect(revealed.count()).resolves.toBe(injects.filter((i) => parseDuration(i.at)! <= 1000).length);
    expect(await session.page.getByTestId('revealed-injects').textContent()).not.toContain(second.title);
    await session.page.clock.runFor(at);
    await expect.poll(() => session.page.getByTestId('revealed-injects').textContent()).toContain(second.title);
    await screenshot(session.page, 'exercise-player');
  });
});
