import { describe, expect, it } from 'vitest';
import { brief, lintDocs } from '../helpers';

const RULE = 'no-conflict-markers';
const doc = (body: string) => `---\ntitle: Conflict test page\ntype: reference\n---\n\n${body}\n`;
const lint = (text: string) => lintDocs({ 'docs/m.md': text }, 'docs/m.md', { rule: RULE }).then(brief);
const msg = (m: string) => `Merge conflict marker "${m}": resolve the conflict and remove the marker lines`;

describe(RULE, () => {
  const valid: [string, string][] = [
    ['ordinary text and a setext heading underline', doc('Title\n=======\n\nText.')],
    ['markers shown in a code block', doc('```text\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> main\n```')],
    ['a block quote of arrows that is not a marker', doc('>>>>>>>quoted')],
  ];
  it.each(valid)('valid: %s', async (_n, text) => expect(await lint(text)).toEqual([]));

  const invalid: [string, string, (string | number)[][]][] = [
    [
      'adjacent markers',
      doc('<<<<<<< HEAD\nWait two minutes.\n=======\nWait five minutes.\n>>>>>>> feature'),
      [
        [6, 1, msg('<<<<<<<')],
        [8, 1, msg('=======')],
        [10, 1, msg('>>>>>>>')],
      ],
    ],
    [
      'markers separated by blank lines',
      doc('Restart.\n\n<<<<<<< HEAD\n\nWait two minutes.\n\n=======\n\nWait five minutes.\n\n>>>>>>> feature'),
      [
        [8, 1, msg('<<<<<<<')],
        [12, 1, msg('=======')],
        [16, 1, msg('>>>>>>>')],
      ],
    ],
    [
      'a diff3 base marker',
      doc('<<<<<<< ours\na\n||||||| base\nb\n=======\nc\n>>>>>>> theirs'),
      [
        [6, 1, msg('<<<<<<<')],
        [8, 1, msg('|||||||')],
        [10, 1, msg('=======')],
        [12, 1, msg('>>>>>>>')],
      ],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_n, text, expected) => expect(await lint(text)).toEqual(expected));
});
