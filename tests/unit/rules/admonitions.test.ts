import { describe, expect, it } from 'vitest';
import { ADMONITION_TYPES } from '../../../plugins/lint/rules/admonitions';
import { brief, lintDocs } from '../helpers';

const RULE = 'admonitions';
const page = (body: string) => `---\ntitle: A page with boxes\ntype: reference\n---\n\n${body}`;
const lint = (body: string, file = 'docs/page.md') => lintDocs({ [file]: page(body) }, file, { rule: RULE }).then(brief);
const TYPES = ADMONITION_TYPES.join(', ');

describe(RULE, () => {
  const valid: [string, string][] = [
    ['a box with a bracketed title', ':::danger[In an incident right now?]\n\nPage the incident commander.\n\n:::\n'],
    ['a box without a title', ':::note\n\nText.\n\n:::\n'],
    ['nested boxes', '::::tip[Outer]\n\n:::note\n\nInner.\n\n:::\n\n::::\n'],
    ['colons inside a code block', '```md\n:::note Not a box here\n```\n'],
    ['colons inside text', 'Write `:::note[Title]` to open a box: a line ::: in the middle is text.\n'],
    ['a box in a quote', '> :::info[Quoted]\n> Text.\n> :::\n'],
    ['attributes in braces', ':::note{#box-id}\n\nText.\n\n:::\n'],
  ];
  it.each(valid)('valid: %s', async (_name, body) => {
    expect(await lint(body)).toEqual([]);
  });

  const invalid: [string, string, (string | number)[][]][] = [
    [
      'a title after a space',
      ':::danger In an incident right now?\n\nPage the IC.\n\n:::\n',
      [
        [
          6,
          11,
          'Admonition title must be in brackets: write ":::danger[In an incident right now?]" (written after a space, the title is shown as text and the box loses it)',
        ],
      ],
    ],
    ['an unknown type', ':::warn[Careful]\n\nText.\n\n:::\n', [[6, 4, `Unknown admonition type "warn": use one of ${TYPES}`]]],
    [
      'an unclosed box',
      '## Steps\n\n:::tip\n\nText.\n',
      [[8, 1, 'Admonition ":::tip" is never closed: add a line with ":::" where it ends (otherwise the rest of the page shows as text)']],
    ],
    ['a closing fence that closes nothing', 'Text.\n\n:::\n', [[8, 1, '":::" closes nothing: remove it, or open an admonition before it (:::note ... :::)']]],
    ['a space before the type', '::: note\n\nText.\n\n:::\n', [[6, 1, 'Admonition type must follow the colons directly: write ":::note"']]],
    ['an unclosed title bracket', ':::note[Title\n\nText.\n\n:::\n', [[6, 8, 'Admonition title is not closed: add "]" after the title']]],
    [
      'an indented box in a list, in MDX',
      '1. Step\n\n   :::caution Slow down\n\n   Text.\n\n   :::\n',
      [[8, 15, 'Admonition title must be in brackets: write ":::caution[Slow down]" (written after a space, the title is shown as text and the box loses it)']],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, body, expected) => {
    expect(await lint(body)).toEqual(expected);
  });

  it('checks .mdx files the same way', async () => {
    expect(await lint(':::note Title\n\nText.\n\n:::\n', 'docs/page.mdx')).toEqual([
      [6, 9, 'Admonition title must be in brackets: write ":::note[Title]" (written after a space, the title is shown as text and the box loses it)'],
    ]);
  });
});
