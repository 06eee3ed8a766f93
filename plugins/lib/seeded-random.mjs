// A small seeded generator (mulberry32), shared by the site (quiz option order) and the benchmark corpus. Plain
// JavaScript so that bench/*.mjs, which Node runs without a TypeScript loader, can import it as the site does.

/**
 * Numbers in [0, 1), the same sequence for the same seed.
 * @param {number} seed
 * @returns {() => number}
 */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
