import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENT_NAMES, ROLE_FIELDS, SEVERITY_FACT_FIELDS, propsSchemaPath } from '../../../plugins/lint/components';
import { closest } from '../../../plugins/lint/suggest';
import { brief, fixtureProject, lintDocs } from '../helpers';

const RULE = 'component-props';
const FILE = 'docs/page.mdx';
const lint = (body: string) => lintDocs({ [FILE]: `---\ntitle: A page with components\ntype: reference\n---\n\n${body}` }, FILE, { rule: RULE }).then(brief);
// Expectations come from the fixture's registries, never from a list typed here.
const known = (kind: string) => fixtureProject().project.registries.get(kind)!;
const list = (kind: string, source: string) => `known: ${known(kind).slice(0, 12).join(', ')}${known(kind).length > 12 ? ', ...' : ''} (${source})`;
/** The "did you mean" the message carries when exactly one known id is within two edits (computed, not typed here). */
const hint = (kind: string, value: string) => {
  const near = closest(value, known(kind));
  return near ? `did you mean "${near}"? ` : '';
};
const level = known('severity')[0];
const role = known('role')[0];
const template = known('template')[0];
const team = known('team')[0];
const service = known('service')[0];
const policy = known('policy')[0];

describe(RULE, () => {
  const valid: [string, string][] = [
    ['known severity and field', `Acknowledge within <SeverityFact level="${level}" field="acknowledge_within" />.`],
    ['known role and field', `<RoleField role="${role}" field="what" />`],
    ['known template', `<CommTemplate id="${template}" />`],
    ['a timeline for a known policy', `<EscalationTimeline policy="${policy}" />`],
    ['known team and service', `<ContactFact team="${team}" field="chat" />\n\n<ContactFact service="${service}" field="dashboard" />`],
    ['a badge and a timeline', `<SeverityBadge level="${level}" />\n\n<EscalationTimeline severity="${level}" />`],
    ['a component without props', '<SeverityMatrix />'],
    ['a schedule with weeks', '<OnCallSchedule weeks="6" />'],
    ['a component outside the registry is left to mdx-safety', '<Chart data="x" />'],
    // An expression value is mdx-safety's to report; it is not a missing property.
    ['an expression value', `<SeverityFact level={"x"} field="name" />`],
  ];
  it.each(valid)('valid: %s', async (_name, body) => {
    expect(await lint(body)).toEqual([]);
  });

  const invalid: [string, string, (string | number)[][]][] = [
    [
      'an unknown severity',
      'Ack within <SeverityFact level="SEV1" field="acknowledge_within" />.',
      [[6, 26, `Unknown severity "SEV1" in <SeverityFact level>: ${list('severity', 'data/severity.yaml')}`]],
    ],
    [
      'an unknown role on its own line',
      '<RoleField\n  role="incident-boss"\n  field="what" />',
      [[7, 3, `Unknown role "incident-boss" in <RoleField role>: ${list('role', 'data/roles.yaml')}`]],
    ],
    [
      'an unknown team',
      '<ContactFact team="platfrom" field="chat" />',
      [[6, 14, `Unknown team "platfrom" in <ContactFact team>: ${hint('team', 'platfrom')}${list('team', 'data/teams.yaml')}`]],
    ],
    [
      'an unknown service',
      'Open <ContactFact service="chekout" field="dashboard" />.',
      [[6, 19, `Unknown service "chekout" in <ContactFact service>: ${hint('service', 'chekout')}${list('service', 'data/services.yaml')}`]],
    ],
    [
      'an unknown team on an escalation step',
      `<EscalationStep level="${level}" team="nobody-team" />`,
      [[6, 26 + level.length, `Unknown team "nobody-team" in <EscalationStep team>: ${hint('team', 'nobody-team')}${list('team', 'data/teams.yaml')}`]],
    ],
    [
      'an unknown policy',
      '<EscalationTimeline policy="paging-only" />',
      [[6, 21, `Unknown policy "paging-only" in <EscalationTimeline policy>: ${hint('policy', 'paging-only')}${list('policy', 'data/escalation.yaml')}`]],
    ],
    [
      'a timeline with neither severity nor policy',
      '<EscalationTimeline />',
      [[6, 1, '<EscalationTimeline> needs one of the properties severity="..." or policy="..."']],
    ],
    [
      'a timeline with both',
      `<EscalationTimeline severity="${level}" policy="${policy}" />`,
      [[6, 1, '<EscalationTimeline> takes only one of severity="..." or policy="..."; it has severity and policy: keep one']],
    ],
    [
      'a contact with none of its alternatives',
      '<ContactFact field="chat" />',
      [[6, 1, '<ContactFact> needs one of the properties role="...", team="...", tool="..." or service="..."']],
    ],
    [
      'an unknown template',
      '<CommTemplate id="statuspage" />',
      [[6, 15, `Unknown template "statuspage" in <CommTemplate id>: ${list('template', 'data/templates.yaml')}`]],
    ],
    [
      'an unknown severity on a timeline',
      '<EscalationTimeline severity="SEV0" />',
      [[6, 21, `Unknown severity "SEV0" in <EscalationTimeline severity>: ${list('severity', 'data/severity.yaml')}`]],
    ],
    [
      'an unknown badge level',
      'See <SeverityBadge level="Sev9" />.',
      [[6, 20, `Unknown severity "Sev9" in <SeverityBadge level>: ${list('severity', 'data/severity.yaml')}`]],
    ],
    [
      'an unknown field',
      `<SeverityFact level="${level}" field="colour" />`,
      [[6, 24 + level.length, `"field" of <SeverityFact> must be one of: ${SEVERITY_FACT_FIELDS.join(', ')}; got "colour"`]],
    ],
    [
      'an unknown role field',
      `<RoleField role="${role}" field="duties" />`,
      [[6, 20 + role.length, `"field" of <RoleField> must be one of: ${ROLE_FIELDS.join(', ')}; got "duties"`]],
    ],
    ['a missing property', `<SeverityFact level="${level}" />`, [[6, 1, '<SeverityFact> needs the property field="..."']]],
    [
      'a misspelt property',
      `<SeverityBadge levle="${level}" />`,
      [
        [6, 1, '<SeverityBadge> needs the property level="..."'],
        [6, 16, '<SeverityBadge> has no property "levle": remove it or check its spelling'],
      ],
    ],
    [
      'a property on a component without props',
      '<SeverityMatrix compact />',
      [[6, 17, '<SeverityMatrix> has no property "compact": remove it or check its spelling']],
    ],
    ['weeks out of range', '<OnCallSchedule weeks="0" />', [[6, 17, '"weeks" of <OnCallSchedule> has an invalid value "0" (How many weeks to show, 1 to 99)']]],
  ];
  it.each(invalid)('invalid: %s', async (_name, body, expected) => {
    expect(await lint(body)).toEqual(expected);
  });

  it('every registered component has a props schema, and the schemas list the same fields as the components', () => {
    const root = path.resolve(__dirname, '../../..');
    for (const name of COMPONENT_NAMES) {
      const schema = JSON.parse(readFileSync(path.join(root, propsSchemaPath(name)), 'utf8'));
      expect(schema.$id).toMatch(new RegExp(`/components/${name}\\.schema\\.json$`));
    }
    const enumOf = (name: string) => JSON.parse(readFileSync(path.join(root, propsSchemaPath(name)), 'utf8')).properties.field.enum;
    expect(enumOf('SeverityFact')).toEqual([...SEVERITY_FACT_FIELDS]);
    expect(enumOf('RoleField')).toEqual([...ROLE_FIELDS]);
  });

  it('the site provides exactly the registered components', () => {
    const src = readFileSync(path.resolve(__dirname, '../../../src/theme/MDXComponents.tsx'), 'utf8');
    const body = /handbookComponents[^=]*= \{([\s\S]*?)\};/.exec(src)![1];
    expect(
      body
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .sort(),
    ).toEqual([...COMPONENT_NAMES].sort());
  });
});
