import { describe, expect, it } from 'vitest';
import { brief, lintDocs, runbook } from '../helpers';

const RULE = 'frontmatter-schema';
const lint = (text: string) => lintDocs({ 'runbooks/db.md': text }, 'runbooks/db.md', { rule: RULE }).then(brief);
const TYPES = 'runbook, policy, procedure, role, template, postmortem, training-module, exercise, incident, reference, evidence';
const fm = (replace: string, by: string) => runbook().replace(replace, by);

describe(RULE, () => {
  const valid: [string, string][] = [
    ['a complete runbook', runbook()],
    [
      'optional keys of the type and Docusaurus keys',
      fm(
        'alerts: [DbConnectionsExhausted]',
        'alerts: [DbConnectionsExhausted]\nincident_types: [service-outage]\nsidebar_position: 2\ndescription: What to do when the database refuses connections.\ntags: [database]',
      ),
    ],
    ['an ISO 8601 review period', fm('review_every: 90d', 'review_every: P3M')],
    ['an empty list of alerts', fm('alerts: [DbConnectionsExhausted]', 'alerts: []')],
    // Unknown references are the *-ref rules' to report, not this one's.
    ['an unknown severity is left to severity-ref', fm('severities: [P1, P2]', 'severities: [P9]')],
  ];
  it.each(valid)('valid: %s', async (_name, text) => {
    expect(await lint(text)).toEqual([]);
  });

  const invalid: [string, string, (string | number)[][]][] = [
    ['no type', fm('type: runbook\n', ''), [[1, 1, `Missing required front matter key "type": set it to one of ${TYPES}`]]],
    ['an unknown type', fm('type: runbook', 'type: playbook'), [[3, 7, `Unknown document type "playbook": use one of ${TYPES}`]]],
    ['a type that is not a string', fm('type: runbook', 'type: [runbook]'), [[3, 1, `Unknown document type ["runbook"]: use one of ${TYPES}`]]],
    ['a missing required key', fm('services: [orders-db]\n', ''), [[2, 1, 'Missing required front matter key "services"']]],
    ['a missing key required of reviewed documents', fm('owner: data-platform\n', ''), [[2, 1, 'Missing required front matter key "owner"']]],
    [
      'an unknown key',
      fm('services: [orders-db]', 'services: [orders-db]\ncolour: red'),
      [[8, 9, 'Unknown front matter key "colour": remove it or check its spelling']],
    ],
    [
      'an invalid date',
      fm('last_reviewed: 2026-10-01', 'last_reviewed: 2026-13-01'),
      [[5, 16, '"last_reviewed" must be a valid date (YYYY-MM-DD), got "2026-13-01"']],
    ],
    [
      'an invalid duration',
      fm('review_every: 90d', 'review_every: quarterly'),
      [[6, 15, '"review_every" has an invalid value "quarterly" (An ISO 8601 duration (PT15M, P5D) or a short duration (30s, 15m, 2h, 5d, 2w))']],
    ],
    ['a string where a list is required', fm('services: [orders-db]', 'services: orders-db'), [[7, 11, '"services" must be a list, got string "orders-db"']]],
    ['an empty list that needs an item', fm('services: [orders-db]', 'services: []'), [[7, 1, '"services" needs at least 1 item']]],
    ['a duplicate list item', fm('severities: [P1, P2]', 'severities: [P1, P1]'), [[8, 1, '"severities" lists the same value twice (items 0 and 1)']]],
    ['a title that is too short', fm('title: Database connection failure', 'title: DB'), [[2, 8, '"title" is too short (at least 3 characters)']]],
    [
      'a boolean that is a string',
      fm('alerts: [DbConnectionsExhausted]', 'alerts: [DbConnectionsExhausted]\ndraft: "no"'),
      [[10, 8, '"draft" must be a boolean, got string "no"']],
    ],
    [
      'several problems, each at its key',
      fm('title: Database connection failure', 'title: DB').replace('review_every: 90d', 'review_every: 3 months'),
      [
        [2, 8, '"title" is too short (at least 3 characters)'],
        [6, 15, '"review_every" has an invalid value "3 months" (An ISO 8601 duration (PT15M, P5D) or a short duration (30s, 15m, 2h, 5d, 2w))'],
      ],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, text, expected) => {
    expect(await lint(text)).toEqual(expected);
  });
});
