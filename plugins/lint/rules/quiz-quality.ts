import type { FileContext, FileRule } from '../types';

interface QuizOption {
  text?: unknown;
  correct?: unknown;
  explanation?: unknown;
}

export const QUIZ_DEFAULTS = { max_position_share: 0.5, max_longest_share: 0.5 };

function option(ctx: FileContext, key: keyof typeof QUIZ_DEFAULTS): number {
  const v = ctx.project.config.ruleOptions?.['quiz-quality']?.[key];
  return typeof v === 'number' ? v : QUIZ_DEFAULTS[key];
}

const length = (o: QuizOption) => (typeof o.text === 'string' ? o.text.trim().length : 0);
const share = (x: number) => `${Math.round(x * 100)}%`;

/**
 * A quiz tests understanding, not patterns: the correct option is not always in the same place, not always the
 * longest, and every option says why it is right or wrong.
 */
export const quizQuality: FileRule = {
  meta: {
    id: 'quiz-quality',
    description: "A module's correct answers are spread over the positions, are not systematically the longest option, and every option has an explanation.",
    severity: 'error',
    scope: 'file',
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
          ctx.report({
            message: `Option ${oi + 1} of question ${qi + 1} has no explanation: say why it is right or wrong, so a learner who picks it learns something`,
            path: ['quiz', qi, 'options', oi],
          });
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
    const maxPosition = option(ctx, 'max_position_share');
    for (const [pos, n] of [...positions].sort((a, b) => a[0] - b[0])) {
      if (n / counted > maxPosition) {
        ctx.report({
          message: `The correct answer is option ${pos + 1} in ${n} of ${counted} questions (more than ${share(maxPosition)}): move some correct answers to other positions`,
          path: ['quiz'],
        });
      }
    }
    const maxLongest = option(ctx, 'max_longest_share');
    if (longest / counted > maxLongest) {
      ctx.report({
        message: `The correct answer is the longest option in ${longest} of ${counted} questions (more than ${share(maxLongest)}): make the wrong options as specific as the right one, or the right one shorter`,
        path: ['quiz'],
      });
    }
  },
};
