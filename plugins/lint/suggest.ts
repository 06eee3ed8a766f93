/** "Did you mean" suggestions for unknown ids (registry values, rule ids). */

/** The known id within edit distance 2, if exactly one is that close. */
export function closest(value: string, known: readonly string[]): string | undefined {
  const near = known.filter((k) => distance(value.toLowerCase(), k.toLowerCase()) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

/** Levenshtein distance, cut off above 2 (only small typos are worth suggesting). */
export function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return dp[a.length][b.length];
}
