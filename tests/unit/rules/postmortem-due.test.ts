import { describe, expect, it } from 'vitest';
import { humanDuration, parseDuration } from '../../../plugins/lint/duration';
import { brief, fixtureProject, incidentRecord, INCIDENT_PATH, lintDocs, NOW } from '../helpers';

const RULE = 'postmortem-due';
const PM = INCIDENT_PATH.replace(/\.md$/, '-postmortem.md');

/** Severity levels of the fixture's data, so the test follows data/severity.yaml instead of naming levels. */
interface Level {
  id: string;
  postmortem?: { required?: boolean; due_within?: string };
}
const levels = (fixtureProject().project.data.severity.value as { levels: Level[] }).levels;
const required = levels.find((l) => l.postmortem?.required && l.postmortem.due_within)!;
const optional = levels.find((l) => !l.postmortem?.required);
const dueMs = parseDuration(required.postmortem!.due_within)!;

const RESOLVED = '2026-10-01T10:00:00Z';
/** A resolved incident of `level`, resolved at `resolvedAt`. */
function resolved(level: string, resolvedAt = RESOLVED): string {
  return incidentRecord(`resolved_at: "${resolvedAt}"\n`)
    .replace('status: investigating', 'status: resolved')
    .replace(/^severity: .*$/m, `severity: ${level}`);
}
const postmortem = (status: string) =>
  `---\ntitle: Postmortem of INC-0042\ntype: postmortem\nincident: INC-0042\nstatus: ${status}\n---\n\n## Summary\n\nText.\n`;
const lint = (files: Record<string, string>) => lintDocs(files, INCIDENT_PATH, { rule: RULE }).then(brief);

const text = resolved(required.id);
const line = text.split('\n').findIndex((l) => l.startsWith('resolved_at:')) + 1;
const column = 'resolved_at: '.length + 1;
const due = new Date(Date.parse(RESOLVED) + dueMs).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

describe(RULE, () => {
  it('the fixture has a level that requires a postmortem', () => {
    expect(required).toBeDefined();
    expect(Date.parse(RESOLVED) + dueMs).toBeLessThan(NOW.getTime());
  });

  const valid: [string, Record<string, string>][] = [
    ['an open incident', { [INCIDENT_PATH]: incidentRecord() }],
    ['resolved, postmortem not due yet', { [INCIDENT_PATH]: resolved(required.id, new Date(NOW.getTime() - dueMs / 2).toISOString().replace(/\.\d+Z$/, 'Z')) }],
    ['resolved, a published postmortem', { [INCIDENT_PATH]: text, [PM]: postmortem('published') }],
    ...(optional ? ([['a level that does not require a postmortem', { [INCIDENT_PATH]: resolved(optional.id) }]] as [string, Record<string, string>][]) : []),
  ];
  it.each(valid)('valid: %s', async (_name, files) => {
    expect(await lint(files)).toEqual([]);
  });

  const invalid: [string, Record<string, string>, (string | number)[][]][] = [
    [
      'resolved long ago, no postmortem',
      { [INCIDENT_PATH]: text },
      [
        [
          line,
          column,
          `Postmortem overdue: ${required.id} needs a postmortem within ${humanDuration(dueMs)} of resolution (due ${due}); none names incident INC-0042. Create one with "npx handbook new postmortem"`,
        ],
      ],
    ],
    [
      'a postmortem still in draft',
      { [INCIDENT_PATH]: text, [PM]: postmortem('draft') },
      [[line, column, `Postmortem overdue: ${PM} is still "draft" and was due ${due}; finish the review and set status: published`]],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, files, expected) => {
    expect(await lint(files)).toEqual(expected);
  });
});
