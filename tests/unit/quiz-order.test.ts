/** Quiz option order per learner: deterministic for a learner and question, a permutation, different across learners. */
import { describe, expect, it } from 'vitest';
import { hashSeed, neededToPass, optionOrder, questionSeed } from '../../src/components/shuffle';

describe('quiz option order', () => {
  it('is a permutation, the same every time for the same seed', () => {
    for (const n of [1, 2, 3, 4, 5, 7]) {
      const a = optionOrder(n, questionSeed('@someone', 'training/x', 0));
      expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(optionOrder(n, questionSeed('@someone', 'training/x', 0))).toEqual(a);
    }
  });

  it('differs between learners and between questions', () => {
    const orders = new Set(Array.from({ length: 40 }, (_, i) => optionOrder(4, questionSeed(`@learner-${i}`, 'training/x', 0)).join('')));
    expect(orders.size).toBeGreaterThan(10);
    const byQuestion = new Set(Array.from({ length: 40 }, (_, q) => optionOrder(4, questionSeed('@one', 'training/x', q)).join('')));
    expect(byQuestion.size).toBeGreaterThan(10);
  });

  it('puts the first option anywhere about as often (no position is favoured)', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[optionOrder(4, `seed-${i}`).indexOf(0)]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });

  it('hashes strings to 32-bit numbers', () => {
    expect(hashSeed('')).toBe(0x811c9dc5);
    expect(hashSeed('a')).not.toBe(hashSeed('b'));
  });

  it('rounds the pass mark up to whole questions', () => {
    expect(neededToPass(80, 5)).toBe(4);
    expect(neededToPass(70, 10)).toBe(7);
    expect(neededToPass(80, 6)).toBe(5);
    expect(neededToPass(100, 3)).toBe(3);
  });
});
