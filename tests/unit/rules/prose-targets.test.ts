import { describe, expect, it } from 'vitest';
import { humanDuration, parseDuration } from '../../../plugins/lint/duration';
import { brief, fixtureProject, lintDocs } from '../helpers';
import { severityLevels } from '../../../plugins/lint/registries';

const RULE = 'prose-targets';
const FILE = 'docs/page.md';
const lint = (body: string) => lintDocs({ [FILE]: `---\ntitle: Response targets\ntype: reference\n---\n\n${body}` }, FILE, { rule: RULE }).then(brief);

// Everything about the scale comes from the fixture's data/severity.yaml.
const level = severityLevels(fixtureProject().project)[0];
const ID: string = level.id;
const ack = humanDuration(parseDuration(level.response.acknowledge_within)!);
const every = humanDuration(parseDuration(level.response.update_every)!);
/** A duration no level of the fixture uses: a prime number of minutes. */
const WRONG = '37 minutes';
const says = [
  `acknowledge within ${ack}`,
  `first update within ${humanDuration(parseDuration(level.response.first_update_within)!)}`,
  `update every ${every}`,
  `postmortem due within ${humanDuration(parseDuration(level.postmortem.due_within)!)}`,
].join(', ');
const message = (found: string, field: string) =>
  `"${found}" next to ${ID} is not a time data/ gives for ${ID} (${says}): write <SeverityFact level="${ID}" field="${field}" /> so the page shows the registry's value`;

describe(RULE, () => {
  const valid: [string, string][] = [
    ['the registry value', `Acknowledge a ${ID} page within ${ack}.`],
    ['the update cadence', `During a ${ID}, post an update every ${every}.`],
    ['the component', `Acknowledge a ${ID} page within <SeverityFact level="${ID}" field="acknowledge_within" />.`],
    ['another deadline, not a response target', `Action items of a ${ID} are due within ${WRONG}.`],
    ['a time in another sentence', `This is about ${ID}. Acknowledge within ${WRONG}.`],
    ['code is not prose', `Acknowledge a \`${ID}\` page \`within ${WRONG}\`.\n\n\`\`\`text\n${ID}: acknowledge within ${WRONG}\n\`\`\``],
  ];
  it.each(valid)('valid: %s', async (_name, body) => {
    expect(await lint(body)).toEqual([]);
  });

  const invalid: [string, string, (string | number)[][]][] = [
    ['a wrong acknowledgement time', `Acknowledge a ${ID} page within ${WRONG}.`, [[6, 21 + ID.length, message(`within ${WRONG}`, 'acknowledge_within')]]],
    ['a wrong cadence', `Update a ${ID} every ${WRONG}.`, [[6, 11 + ID.length, message(`every ${WRONG}`, 'update_every')]]],
    ['a short unit', `${ID}: respond within 37 min`, [[6, 11 + ID.length, message('within 37 min', 'acknowledge_within')]]],
    [
      'on a continuation line of a list item',
      `- When a ${ID} pages you, acknowledge\n  within ${WRONG}.`,
      [[7, 3, message(`within ${WRONG}`, 'acknowledge_within')]],
    ],
    [
      'in a table row',
      `| Level | Acknowledge |\n| --- | --- |\n| ${ID} | within ${WRONG} |`,
      [[8, 6 + ID.length, message(`within ${WRONG}`, 'acknowledge_within')]],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, body, expected) => {
    expect(await lint(body)).toEqual(expected);
  });
});
