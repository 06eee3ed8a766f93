/** Durations as written in data and front matter: ISO 8601 (PT15M, P5D) or short form (15m, 2h, 5d, 2w). */
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const SHORT = /^(\d{1,6})(s|m|h|d|w)$/;
const ISO = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds, or undefined when the text is not a duration. Years count 365 days, months 30. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const s = SHORT.exec(text);
  if (s) return Number(s[1]) * UNIT_MS[s[2]];
  const m = ISO.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, y, mo, w, d, h, mi, se] = m.map((x) => Number(x ?? 0));
  return ((((y * 365 + mo * 30 + w * 7 + d) * 24 + h) * 60 + mi) * 60 + se) * 1000;
}

/** "5 minutes", "1 hour", "2 days": for people. */
export function humanDuration(ms: number): string {
  const units: [number, string][] = [
    [UNIT_MS.w, 'week'],
    [UNIT_MS.d, 'day'],
    [UNIT_MS.h, 'hour'],
    [UNIT_MS.m, 'minute'],
    [UNIT_MS.s, 'second'],
  ];
  if (ms === 0) return 'immediately';
  for (const [size, name] of units) {
    if (ms % size === 0) {
      const n = ms / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${Math.round(ms / 1000)} seconds`;
}
