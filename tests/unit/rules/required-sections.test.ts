import { describe, expect, it } from 'vitest';
import { brief, lintDocs, runbook, RUNBOOK_BODY } from '../helpers';

const RULE = 'required-sections';
const lint = (text: string) => lintDocs({ 'runbooks/db.md': text }, 'runbooks/db.md', { rule: RULE }).then(brief);
const NEEDS = 'a runbook needs: Overview, Symptoms, Impact, Diagnosis, Mitigation, Rollback/Recovery, Escalation, Communication, References';

describe(RULE, () => {
  const valid: [string, string][] = [
    ['all sections in order', runbook()],
    ['aliases and extra sections', runbook({ body: RUNBOOK_BODY.replace('## Rollback and recovery', '## Rollback').replace('## Overview', '## First 5 minutes\n\nPage someone now please do it.\n\n## Overview') })],
    ['a section whose content is a component counts as content', runbook({ body: RUNBOOK_BODY.replace(/## References\n\n.*\n/, '## References\n\n```text\nlinks\n```\n') })],
  ];
  it.each(valid)('valid: %s', async (_name, text) => {
    expect(await lint(text)).toEqual([]);
  });

  const invalid: [string, string, (string | number)[][]][] = [
    ['missing section', runbook({ body: RUNBOOK_BODY.replace(/## Rollback and recovery\n\n.*\n/, '') }), [[1, 1, `Missing required section "## Rollback/Recovery" (or "Rollback", "Recovery", "Rollback and recovery", "Recovery and rollback"); ${NEEDS}`]]],
    ['empty section', runbook({ body: RUNBOOK_BODY.replace(/## Diagnosis\n\n.*\n/, '## Diagnosis\n') }), [[24, 1, 'Section "Diagnosis" is empty: write its content or remove the document from publication']]],
    ['too short', runbook({ body: RUNBOOK_BODY.replace(/## Overview\n\n.*\n/, '## Overview\n\nShort text.\n') }), [[12, 1, 'Section "Overview" has 2 words; a runbook\'s "Overview" needs at least 15']]],
    [
      'out of order',
      runbook({ body: '## Symptoms\n\nx y z a b c.\n\n' + RUNBOOK_BODY.replace(/## Symptoms\n\n.*\n/, '') }),
      [[16, 1, 'Section "Overview" is out of order: it must come before "Symptoms" (order: Overview, Symptoms, Impact, Diagnosis, Mitigation, Rollback/Recovery, Escalation, Communication, References)']],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, text, expected) => {
    expect(await lint(text)).toEqual(expected);
  });
});
