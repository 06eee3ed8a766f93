import type { DocumentRule } from '../types';

interface QuizOption {
  text?: unknown;
  correct?: unknown;
  explanation?: unknown;
}

export const QUIZ_DEFAULTS = { max_position_share: 0.5, max_longest_share: 0.5 };

interface Options {
  max_position_share: number;
  max_longest_share: number;
}

const length = (o: QuizOption) => (typeof o.text === 'string' ? o.text.trim().length : 0);
const share = (x: number) => `${Math.round(x * 100)}%`;

/**
 * A quiz tests understanding, not patterns: the correct option is not always in the same place, not always the
 * longest, and every option says why it is right or wrong.
 */
export const quizQuality: DocumentRule<Options, 'noExplanation' | 'samePosition' | 'longest'> = {
  meta: {
    id: 'quiz-quality',
    kind: 'document',
    description: "A module's correct answers are spread over the positions, are not systematically the longest option, and every option has an explanation.",
    severity: 'error',
    messages: {
      noExplanation: 'Option {{option}} of question {{question}} has no explanation: say why it is right or wrong, so a learner who picks it learns something',
      samePosition:
        'The correct answer is option {{position}} in {{count}} of {{total}} questions (more than {{share}}): move some correct answers to other positions',
      longest:
        'The correct answer is the longest option in {{count}} of {{total}} questions (more than {{share}}): make the wrong options as specific as the right one, or the right one shorter',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { max_position_share: { type: 'number', minimum: 0, maximum: 1 }, max_longest_share: { type: 'number', minimum: 0, maximum: 1 } },
    },
    defaultOptions: QUIZ_DEFAULTS,
  },
  check(ctx) {
    const quiz = ctx.frontmatter.quiz;
    if (!Array.isArray(quiz)) return;
    const positions = new Map<number, number>();
    let longest = 0;
    let counted = 0;
    quiz.forEach((q, qi) => {
      const options: QuizOption[] = Array.isArray(q?.options) ? q.options : [];
      options.forEach((o, oi) => {
        if (typeof o?.explanation !== 'string' || o.explanation.trim() === '') {
          ctx.report({ messageId: 'noExplanation', data: { option: oi + 1, question: qi + 1 }, path: ['quiz', qi, 'options', oi] });
        }
      });
      const correct = options.findIndex((o) => o?.correct === true);
      if (correct === -1 || options.length < 2) return;
      counted++;
      positions.set(correct, (positions.get(correct) ?? 0) + 1);
      const len = length(options[correct]);
      if (options.every((o, i) => i === correct || length(o) < len)) longest++;
    });
    if (counted < 2) return;
    const maxPosition = ctx.options.max_position_share;
    for (const [pos, n] of [...positions].sort((a, b) => a[0] - b[0])) {
      if (n / counted > maxPosition) {
        ctx.report({ messageId: 'samePosition', data: { position: pos + 1, count: n, total: counted, share: share(maxPosition) }, path: ['quiz'] });
      }
    }
    const maxLongest = ctx.options.max_longest_share;
    if (longest / counted > maxLongest) {
      ctx.report({ messageId: 'longest', data: { count: longest, total: counted, share: share(maxLongest) }, path: ['quiz'] });
    }
  },
};
