import { describe, expect, it } from 'vitest';
import { brief, lintDocs, runbook, RUNBOOK_BODY } from '../helpers';

const RULE = 'required-sections';
const lint = (text: string) => lintDocs({ 'runbooks/db.md': text }, 'runbooks/db.md', { rule: RULE }).then(brief);
const ORDER = 'First 5 minutes, Overview, Symptoms, Impact, Diagnosis, Mitigation, Rollback/Recovery, Escalation, Communication, References';
const NEEDS = 'a runbook needs: First 5 minutes, Overview, Symptoms, Impact, Diagnosis, Mitigation, Rollback/Recovery, Escalation, Communication, References';

describe(RULE, () => {
  const valid: [string, string][] = [
    ['all sections in order', runbook()],
    [
      'aliases and extra sections',
      runbook({
        body: RUNBOOK_BODY.replace('## Rollback and recovery', '## Rollback').replace(
          '## Overview',
          '## Background\n\nSome history of this service.\n\n## Overview',
        ),
      }),
    ],
    [
      'a section whose content is a component counts as content',
      runbook({ body: RUNBOOK_BODY.replace(/## References\n\n.*\n/, '## References\n\n```text\nlinks\n```\n') }),
    ],
  ];
  it.each(valid)('valid: %s', async (_name, text) => {
    expect(await lint(text)).toEqual([]);
  });

  const invalid: [string, string, (string | number)[][]][] = [
    [
      'missing section',
      runbook({ body: RUNBOOK_BODY.replace(/## Rollback and recovery\n\n.*\n/, '') }),
      [[1, 1, `Missing required section "## Rollback/Recovery" (or "Rollback", "Recovery", "Rollback and recovery", "Recovery and rollback"); ${NEEDS}`]],
    ],
    [
      'empty section',
      runbook({ body: RUNBOOK_BODY.replace(/## Diagnosis\n\n.*\n/, '## Diagnosis\n') }),
      [[28, 1, 'Section "Diagnosis" is empty: write its content or remove the document from publication']],
    ],
    [
      'too short',
      runbook({ body: RUNBOOK_BODY.replace(/## Overview\n\n.*\n/, '## Overview\n\nShort text.\n') }),
      [[16, 1, 'Section "Overview" has 2 words; a runbook\'s "Overview" needs at least 15']],
    ],
    [
      'out of order',
      runbook({ body: RUNBOOK_BODY.replace(/## Symptoms\n\n.*\n\n/, '').replace('## Overview', '## Symptoms\n\nx y z a b c.\n\n## Overview') }),
      [[20, 1, `Section "Overview" is out of order: it must come before "Symptoms" (order: ${ORDER})`]],
    ],
    [
      'First 5 minutes after the overview',
      runbook({
        body: RUNBOOK_BODY.replace(/## First 5 minutes\n\n.*\n\n/, '').replace(
          '## Symptoms',
          '## First 5 minutes\n\nPage the owner of the service now and stop the bleeding before you read any further down.\n\n## Symptoms',
        ),
      }),
      [[16, 1, `Section "First 5 minutes" is out of order: it must come before "Overview" (order: ${ORDER})`]],
    ],
    [
      'a section above First 5 minutes',
      runbook({ body: '## Background\n\nSome history of this service.\n\n' + RUNBOOK_BODY }),
      [
        [
          16,
          1,
          'Section "First 5 minutes" must be the first section of a runbook: move it above "Background" (readers act on it before reading anything else)',
        ],
      ],
    ],
    [
      'no First 5 minutes',
      runbook({ body: RUNBOOK_BODY.replace(/## First 5 minutes\n\n.*\n\n/, '') }),
      [[1, 1, `Missing required section "## First 5 minutes"; ${NEEDS}`]],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, text, expected) => {
    expect(await lint(text)).toEqual(expected);
  });
});
