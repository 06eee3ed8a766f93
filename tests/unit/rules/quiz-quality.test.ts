import { describe, expect, it } from 'vitest';
import { brief, lintDocs } from '../helpers';

const RULE = 'quiz-quality';
const FILE = 'docs/training/module.md';

/** A question whose correct option sits at `at` among `n` options; `long` makes the correct option the longest. */
function question(i: number, at: number, n = 3, long = false, explain = true): string {
  const opts = Array.from({ length: n }, (_, k) => {
    const correct = k === at;
    const text = correct ? (long ? `Right answer number ${i} with many extra words` : `Right ${i}`) : `Wrong answer ${i}.${k}`;
    return `      - text: "${text}"${correct ? '\n        correct: true' : ''}${explain ? `\n        explanation: "Why ${i}.${k}."` : ''}`;
  });
  return `  - question: "Question ${i}?"\n    options:\n${opts.join('\n')}`;
}

/** Front matter lines before `quiz:`: the quiz key is on line 2. */
const module = (questions: string[]) => `---\nquiz:\n${questions.join('\n')}\n---\n\nText.\n`;
const lint = (text: string, ruleLevels?: Record<string, 'error'>) => lintDocs({ [FILE]: text }, FILE, { rule: RULE, ruleLevels }).then(brief);

describe(RULE, () => {
  const valid: [string, string[]][] = [
    ['positions spread, lengths mixed', [question(1, 0), question(2, 1), question(3, 2, 3, true), question(4, 1), question(5, 0)]],
    ['exactly half at one position is allowed', [question(1, 0), question(2, 0), question(3, 1), question(4, 2)]],
    ['a single question proves nothing', [question(1, 0, 3, true)]],
  ];
  it.each(valid)('valid: %s', async (_name, qs) => {
    expect(await lint(module(qs))).toEqual([]);
  });

  const invalid: [string, string[], (string | number)[][]][] = [
    [
      'every correct answer first',
      [question(1, 0), question(2, 0), question(3, 0), question(4, 1)],
      [[2, 1, 'The correct answer is option 1 in 3 of 4 questions (more than 50%): move some correct answers to other positions']],
    ],
    [
      'the correct answer is usually the longest',
      [question(1, 0, 3, true), question(2, 1, 3, true), question(3, 2, 3, true), question(4, 1)],
      [
        [
          2,
          1,
          'The correct answer is the longest option in 3 of 4 questions (more than 50%): make the wrong options as specific as the right one, or the right one shorter',
        ],
      ],
    ],
    [
      'an option without an explanation',
      [question(1, 0), question(2, 1, 2, false, false), question(3, 2)],
      [
        [14, 9, 'Option 1 of question 2 has no explanation: say why it is right or wrong, so a learner who picks it learns something'],
        [15, 9, 'Option 2 of question 2 has no explanation: say why it is right or wrong, so a learner who picks it learns something'],
      ],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, qs, expected) => {
    expect(await lint(module(qs))).toEqual(expected);
  });
});
