import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE, projectMessages, projectWith } from '../helpers';

const RULE = 'data-consistency';
const ROLES = [
  'incident-commander',
  'deputy-incident-commander',
  'scribe',
  'communications-lead',
  'subject-matter-expert',
  'oncall-primary',
  'oncall-secondary',
  'customer-liaison',
  'security-lead',
  'legal-privacy-contact',
];
const MODULES = ['incident-commander', 'scribe', 'communications-lead', 'responder-fundamentals', 'on-call-onboarding', 'security-incident-response'];

/** A role page per role and the training modules data/roles.yaml names: project rules only read their front matter. */
const DOCS: Record<string, string> = Object.fromEntries([
  ...ROLES.map((r) => [`docs/roles/${r}.mdx`, `---\ntitle: Role ${r}\ntype: role\nrole: ${r}\n---\n`]),
  ...MODULES.map((m) => [`docs/training/${m}.mdx`, `---\ntitle: Module ${m}\ntype: training-module\n---\n`]),
]);
const without = (rel: string) => Object.fromEntries(Object.entries(DOCS).filter(([k]) => k !== rel));
const data = (rel: string) => readFileSync(path.join(FIXTURE, rel), 'utf8');
/** The 1-based line of the first line of a fixture data file that contains `text`. */
const lineOf = (rel: string, text: string) =>
  data(rel)
    .split('\n')
    .findIndex((l) => l.includes(text)) + 1;
/** A data file of the fixture with one text replaced (the text must be there). */
function edit(rel: string, from: string, to: string): Record<string, string> {
  const text = data(rel);
  if (!text.includes(from)) throw new Error(`${rel} has no "${from}"`);
  return { [rel]: text.replace(from, to) };
}

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

/** The rule's messages as [file, line, column, message], with the copied project's data files changed. */
async function check(changes: Record<string, string>, docs: Record<string, string>) {
  const p = projectWith(changes);
  cleanup = p.cleanup;
  const { loaded, run } = projectMessages(p.root, docs);
  expect(loaded.dataProblems).toEqual([]); // every change keeps the file valid against its schema
  const byFile = await run();
  return [...byFile].flatMap(([file, ms]) => ms.filter((m) => m.ruleId === RULE).map((m) => [file, m.line, m.column, m.message]));
}

describe(RULE, () => {
  it('valid: the fixture registries with their role pages and training modules have no problems at all', async () => {
    const { loaded, run } = projectMessages(FIXTURE, DOCS);
    expect(loaded.dataProblems).toEqual([]);
    expect([...(await run())]).toEqual([]);
  });

  const valid: [string, Record<string, string>, Record<string, string>][] = [
    ['equal targets for two levels', edit('data/severity.yaml', 'acknowledge_within: 15m', 'acknowledge_within: 5m'), DOCS],
    ['ISO 8601 and short durations compared as durations', edit('data/escalation.yaml', 'after: 1h\n', 'after: PT1H\n'), DOCS],
    [
      'a role page in another folder',
      {},
      { ...without('docs/roles/scribe.mdx'), 'docs/people/the-scribe.md': '---\ntitle: The scribe\ntype: role\nrole: scribe\n---\n' },
    ],
  ];
  it.each(valid)('valid: %s', async (_name, changes, docs) => {
    expect(await check(changes, docs)).toEqual([]);
  });

  const invalid: [string, Record<string, string>, Record<string, string>, (string | number)[][]][] = [
    [
      'a severity names an escalation policy that does not exist',
      edit('data/severity.yaml', 'escalation_policy: working-hours', 'escalation_policy: office-hours'),
      DOCS,
      [
        ['data/severity.yaml', 110, 24, 'Severity P3 names escalation policy "office-hours", which data/escalation.yaml does not define'],
        ['data/escalation.yaml', 49, 9, 'Escalation policy "working-hours" is not used by any severity level'],
      ],
    ],
    [
      'escalation delays that decrease',
      edit('data/escalation.yaml', 'after: 15m\n        notify: {role: communications-lead}', 'after: 5m\n        notify: {role: communications-lead}'),
      DOCS,
      [['data/escalation.yaml', 21, 16, 'Escalation delays must not decrease: step 4 of "major" is at 5m, earlier than the step before it']],
    ],
    ['an escalation step at the same time as the one before (several targets at once)', edit('data/escalation.yaml', 'after: 1d', 'after: 0m'), DOCS, []],
    [
      'a slower update cadence for a higher severity',
      edit('data/severity.yaml', 'update_every: 1h', 'update_every: 3h'),
      DOCS,
      [
        [
          'data/severity.yaml',
          85,
          21,
          'P2 has a faster update cadence (update_every) (2 hours) than the more severe P1 (3 hours): a higher severity is never slower',
        ],
      ],
    ],
    [
      'a slower acknowledgement target for a higher severity',
      edit('data/severity.yaml', 'acknowledge_within: 5m\n      first_update_within: 15m', 'acknowledge_within: 30m\n      first_update_within: 15m'),
      DOCS,
      [
        [
          'data/severity.yaml',
          58,
          27,
          'P1 has a faster acknowledge_within (5 minutes) than the more severe P0 (30 minutes): a higher severity is never slower',
        ],
      ],
    ],
    [
      'a missing training module',
      {},
      without('docs/training/scribe.mdx'),
      [
        [
          'data/roles.yaml',
          lineOf('data/roles.yaml', 'training_module: training/scribe'),
          22,
          'Training module "training/scribe" of role scribe does not exist: add docs/training/scribe.mdx or fix the id',
        ],
      ],
    ],
    [
      'a training module that is another type of document',
      {},
      { ...without('docs/training/scribe.mdx'), 'docs/training/scribe.mdx': '---\ntitle: Scribe notes\ntype: reference\n---\n' },
      [['data/roles.yaml', lineOf('data/roles.yaml', 'training_module: training/scribe'), 22, '"training/scribe" is a reference, not a training-module']],
    ],
    [
      'a role without a page',
      {},
      without('docs/roles/scribe.mdx'),
      [['data/roles.yaml', lineOf('data/roles.yaml', '- id: scribe'), 9, 'Role scribe has no page: add a document with type: role and role: scribe']],
    ],
    [
      'an unknown team as a service owner',
      edit('data/services.yaml', 'owner: platform\n    tier: 2', 'owner: platfrom\n    tier: 2'),
      DOCS,
      [['data/services.yaml', 47, 12, 'Unknown team "platfrom" (data/teams.yaml)']],
    ],
    [
      'an unknown service dependency',
      edit('data/services.yaml', 'dependencies: [accounts-db]', 'dependencies: [accounts-db, ldap]'),
      DOCS,
      [['data/services.yaml', 32, 33, 'Unknown service "ldap" in dependencies']],
    ],
    [
      'an unknown team and role in an escalation step',
      edit(
        'data/escalation.yaml',
        'notify: {role: oncall-secondary}\n        via: page\n        action: Join if the primary has not acknowledged.\n      - after: 1h\n        notify: {team: engineering-leadership}',
        'notify: {role: oncall-tertiary}\n        via: page\n        action: Join if the primary has not acknowledged.\n      - after: 1h\n        notify: {team: eng-leads}',
      ),
      DOCS,
      [
        ['data/escalation.yaml', 42, 24, 'Unknown role "oncall-tertiary" (data/roles.yaml)'],
        ['data/escalation.yaml', 46, 24, 'Unknown team "eng-leads" (data/teams.yaml)'],
      ],
    ],
    [
      'an unknown time zone in a rotation',
      edit('data/oncall.yaml', 'timezone: Europe/Berlin', 'timezone: Europe/Berlinn'),
      DOCS,
      [['data/oncall.yaml', 29, 15, 'Unknown time zone "Europe/Berlinn": use an IANA name such as Europe/London']],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, changes, docs, expected) => {
    expect(await check(changes, docs)).toEqual(expected);
  });
});
