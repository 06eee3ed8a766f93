/** Severity recommendation from classifier answers. Pure: used by the browser page and by tests. */
import type { ClassifierAnswer, ClassifierQuestion } from '../lint/registries';

export type { ClassifierAnswer, ClassifierQuestion } from '../lint/registries';

export interface Recommendation {
  /** The recommended level id, or undefined when nothing is answered. */
  level?: string;
  /** The answers that require that level: the reasons to show. */
  because: { question: string; answer: string }[];
  answered: number;
}

/**
 * Each answer allows no level less severe than its `at_least`; the recommendation is the most severe of them.
 * `ranking` lists level ids from most to least severe (the order of severity.yaml).
 */
export function recommend(questions: ClassifierQuestion[], ranking: string[], chosen: Record<string, string>): Recommendation {
  let best = Infinity;
  const picked: { q: ClassifierQuestion; a: ClassifierAnswer; rank: number }[] = [];
  for (const q of questions) {
    const a = q.answers.find((x) => x.id === chosen[q.id]);
    if (!a) continue;
    const rank = ranking.indexOf(a.at_least);
    if (rank === -1) continue;
    picked.push({ q, a, rank });
    best = Math.min(best, rank);
  }
  if (!picked.length) return { because: [], answered: 0 };
  return {
    level: ranking[best],
    because: picked.filter((p) => p.rank === best).map((p) => ({ question: p.q.text, answer: p.a.text })),
    answered: picked.length,
  };
}
