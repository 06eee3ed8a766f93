import { describe, expect, it } from 'vitest';
import { placeholderPattern } from '../../../plugins/lint/rules/no-placeholders';
import { brief, lintDocs } from '../helpers';

const RULE = 'no-placeholders';
const FILE = 'docs/page.md';
/** A reference page: `fm` adds front matter lines from line 4; the body starts at line 6 (line 6 + n with n front matter lines). */
const page = (body: string, fm = '') => `---\ntitle: Placeholder test page\ntype: reference\n${fm}---\n\n${body}`;
const lint = (text: string) => lintDocs({ [FILE]: text }, FILE, { rule: RULE }).then(brief);
const say = (word: string) => `Placeholder "${word}" left in the document: replace it with the real content`;

describe(RULE, () => {
  const valid: [string, string][] = [
    ['finished text', page('## About\n\nThe on-call engineer owns this page.\n')],
    ['words that only contain a placeholder', page('## About\n\nThe todo-list app, TODOS, tbd-service and Todo in a sentence are fine.\n')],
    ['a fenced code block', page('## About\n\n```bash\n# TODO: remove the TBD flag\necho "YYYY-MM-DD"\n```\n')],
    ['an indented code block', page('## About\n\nRun this:\n\n    grep -rn TODO .\n')],
    ['inline code', page('## About\n\nRun `grep -rn TODO` and `date +YYYY-MM-DD` to check.\n')],
    ['a link URL (not its text)', page('## About\n\nSee [the list](https://example.com/TODO).\n')],
    ['front matter keys are not values', page('## About\n\nText.\n', 'keywords: [todo-list, runbook]\n')],
  ];
  it.each(valid)('valid: %s', async (_name, text) => {
    expect(await lint(text)).toEqual([]);
  });

  const invalid: [string, string, (string | number)[][]][] = [
    ['TODO in a sentence', page('## About\n\nOwner: TODO.\n'), [[8, 8, say('TODO')]]],
    [
      'every kind of placeholder, each at its column',
      page('## About\n\nTBD and FIXME here, <fill in> the date YYYY-MM-DD, XXX.\n\nLorem ipsum dolor. LOREM IPSUM.\n'),
      [
        [8, 1, say('TBD')],
        [8, 9, say('FIXME')],
        [8, 21, say('<fill in>')],
        [8, 40, say('YYYY-MM-DD')],
        [8, 52, say('XXX')],
        [10, 1, say('Lorem ipsum')],
        [10, 20, say('LOREM IPSUM')],
      ],
    ],
    ['in a heading', page('## TODO section\n\nText.\n'), [[6, 4, say('TODO')]]],
    ['in emphasis', page('## About\n\nIt is **TBD** now.\n'), [[8, 9, say('TBD')]]],
    ['in link text', page('## About\n\nSee [TODO](https://example.com).\n'), [[8, 6, say('TODO')]]],
    ['on the second line of a paragraph', page('## About\n\nfirst line\nsecond TODO line\n'), [[9, 8, say('TODO')]]],
    ['on a continuation line of a list item', page('## About\n\n- first line\n  second TODO line\n'), [[9, 10, say('TODO')]]],
    ['in a block quote', page('## About\n\n> first line\n> second TODO line\n'), [[9, 10, say('TODO')]]],
    ['in a nested list', page('## About\n\n1. Step one\n   - check TBD\n'), [[9, 12, say('TBD')]]],
    ['after a character reference', page('## About\n\nA &amp; B &mdash; TODO\n'), [[8, 19, say('TODO')]]],
    ['after an escape', page('## About\n\nA \\* B TODO\n'), [[8, 8, say('TODO')]]],
    ['in a table cell', page('## About\n\n| a | b |\n|---|---|\n| x | TODO |\n'), [[10, 7, say('TODO')]]],
    ['in an HTML comment', page('## About\n\n<!-- TODO later -->\n'), [[8, 6, say('TODO')]]],
    [
      'the same word twice on a line',
      page('## About\n\nTODO: this, TODO: that.\n'),
      [
        [8, 1, say('TODO')],
        [8, 13, say('TODO')],
      ],
    ],
    ['a front matter value', page('## About\n\nText.\n', 'description: TBD\n'), [[4, 14, say('TBD')]]],
    ['a front matter list item (at the item)', page('## About\n\nText.\n', 'keywords: [ok, "TODO"]\n'), [[4, 16, say('TODO')]]],
    ['a front matter list item in block style', page('## About\n\nText.\n', 'tags:\n  - fine\n  - FIXME later\n'), [[6, 5, say('FIXME')]]],
  ];
  it.each(invalid)('invalid: %s', async (_name, text, expected) => {
    expect(await lint(text)).toEqual(expected);
  });

  describe('configured patterns', () => {
    const matches = (patterns: string[], text: string) => [...text.matchAll(placeholderPattern(patterns))].map((m) => [m.index, m[0]]);
    const patterns: [string, string[], string, (string | number)[][]][] = [
      [
        '(?i) makes a pattern case-insensitive',
        ['(?i)lorem ipsum'],
        'Lorem Ipsum, LOREM IPSUM',
        [
          [0, 'Lorem Ipsum'],
          [13, 'LOREM IPSUM'],
        ],
      ],
      [
        '(?i) keeps escapes such as \\b',
        ['(?i)\\btbd\\b'],
        'TBD, tbd and tbds',
        [
          [0, 'TBD'],
          [5, 'tbd'],
        ],
      ],
      [
        'several patterns, in text order',
        ['\\bTODO\\b', '(?i)fix\\s+me'],
        'fix  me, then TODO',
        [
          [0, 'fix  me'],
          [14, 'TODO'],
        ],
      ],
      ['no patterns match nothing', [], 'TODO TBD', []],
    ];
    it.each(patterns)('%s', (_name, list, text, expected) => {
      expect(matches(list, text)).toEqual(expected);
    });
  });
});
