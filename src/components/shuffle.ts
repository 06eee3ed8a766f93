/**
 * Quiz option order per learner: a deterministic shuffle seeded by the learner and the question, so the order is the
 * same for that learner on every visit and differs between learners (the right answer's position says nothing).
 * Pure functions plus one localStorage key; runs in Node (tests) and in the browser.
 */
import { seededRandom } from '../../plugins/lib/seeded-random.mjs';
import { loadLearner } from './learner';

/** 32-bit FNV-1a hash of a string. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The display order of `count` options: a Fisher-Yates permutation of 0..count-1 seeded by `seed`. */
export function optionOrder(count: number, seed: string): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  const next = seededRandom(hashSeed(seed));
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The seed of one question for one learner. */
export function questionSeed(learner: string, moduleId: string, question: number): string {
  return `${learner}|${moduleId}|${question}`;
}

const ANON_KEY = 'incident-handbook:quiz-seed:v1';

/**
 * Who the order is for: the learner's handle once entered, otherwise a random seed made once and kept in this browser
 * (so an anonymous learner also sees the same order on every visit). Undefined outside a browser.
 */
export function learnerSeed(): string | undefined {
  if (typeof window === 'undefined') return undefined;
  const handle = loadLearner();
  if (handle) return handle;
  try {
    let seed = window.localStorage.getItem(ANON_KEY);
    if (!seed || !/^anon-[0-9a-f]{16}$/.test(seed)) {
      const bytes = new Uint8Array(8);
      window.crypto.getRandomValues(bytes);
      seed = `anon-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
      window.localStorage.setItem(ANON_KEY, seed);
    }
    return seed;
  } catch {
    // No storage (private mode): a seed for this page view only.
    return `anon-${Math.random().toString(16).slice(2)}`;
  }
}

/** Correct answers needed to pass: the pass mark is a percentage of the questions, rounded up. */
export function neededToPass(passMarkPercent: number, questions: number): number {
  return Math.ceil((passMarkPercent * questions) / 100);
}
