import { describe, expect, it } from 'vitest';
import { brief, lintDocs, runbook } from '../helpers';

const RULE = 'heading-structure';
const FILE = 'docs/page.md';
/** A reference page whose body starts at line 6 (line 5 without a title). */
const page = (body: string, title: string | null = 'Heading test page') => `---\n${title === null ? '' : `title: ${title}\n`}type: reference\n---\n\n${body}`;
const lint = (text: string) => lintDocs({ [FILE]: text }, FILE, { rule: RULE }).then(brief);

describe(RULE, () => {
  const valid: [string, string][] = [
    ['a title and nested sections', page('## A\n\nText.\n\n### B\n\n#### C\n\n## D\n\n### E\n')],
    ['going back up several levels', page('## A\n\n### B\n\n#### C\n\n## D\n')],
    ['no headings at all', page('Just a paragraph.\n')],
    ['a single h1 and no front matter title', page('# Only title\n\n## A\n\n### B\n', null)],
    ['a # line inside a code block is not a heading', page('## A\n\n```bash\n# a comment\n#### another\n```\n')],
    ['a full runbook', runbook()],
  ];
  it.each(valid)('valid: %s', async (_name, text) => {
    expect(await lint(text)).toEqual([]);
  });

  const invalid: [string, string, (string | number)[][]][] = [
    [
      'an h1 with a front matter title',
      page('# Heading test page\n\n## A\n'),
      [[6, 1, 'Extra h1 "# Heading test page": the front matter title is the page\'s h1; make this a ## heading']],
    ],
    [
      'a setext h1 with a front matter title',
      page('Big\n===\n\n## A\n'),
      [[6, 1, 'Extra h1 "# Big": the front matter title is the page\'s h1; make this a ## heading']],
    ],
    [
      'an h1 with a custom id',
      page('## A\n\n# Title {#t}\n'),
      [[8, 1, 'Extra h1 "# Title": the front matter title is the page\'s h1; make this a ## heading']],
    ],
    [
      'a second h1 without a title',
      page('# Only\n\n## A\n\n# Second\n', null),
      [[9, 1, 'Second h1 "# Second": a document has one h1; make this a ## heading']],
    ],
    ['no title at all', page('## A\n', null), [[1, 1, 'The document has no title: add "title:" to the front matter']]],
    ['a blank title', page('## A\n', '"  "'), [[1, 1, 'The document has no title: add "title:" to the front matter']]],
    ['a skipped level', page('## A\n\n#### C\n\n## D\n'), [[8, 1, 'Heading level skipped: h4 "C" follows h2; use "###"']]],
    ['starting at h3', page('### A\n'), [[6, 1, 'Heading level skipped: h3 "A" follows h1; use "##"']]],
    [
      'an extra h1 and a skip after it',
      page('## A\n\n# B\n\n### C\n'),
      [
        [8, 1, 'Extra h1 "# B": the front matter title is the page\'s h1; make this a ## heading'],
        [10, 1, 'Heading level skipped: h3 "C" follows h1; use "##"'],
      ],
    ],
    [
      'two skips',
      page('## A\n\n#### B\n\n###### C\n'),
      [
        [8, 1, 'Heading level skipped: h4 "B" follows h2; use "###"'],
        [10, 1, 'Heading level skipped: h6 "C" follows h4; use "#####"'],
      ],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, text, expected) => {
    expect(await lint(text)).toEqual(expected);
  });
});
