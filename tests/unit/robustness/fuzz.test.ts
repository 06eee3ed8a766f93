import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createLinter } from '../../../plugins/lint/linter';
import { rules } from '../../../plugins/lint/rules/index';
import { parseFrontMatter } from '../../../plugins/lint/frontmatter';
import { fixtureProject, NOW } from '../helpers';

const loaded = fixtureProject();

/** Markdown built from pieces that exercise the parser and every rule: headings, lists, code, tables, links, HTML, MDX. */
const piece = fc.oneof(
  fc.constantFrom(
    '## Overview',
    '# Title',
    '#### Deep',
    '## Diagnosis {#custom}',
    '- item',
    '1. step',
    '> quote',
    '```bash\nkubectl get pods\n```',
    '| a | b |\n| - | - |\n| 1 | 2 |',
  ),
  fc.constantFrom(
    '[link](./x.md#y)',
    '[site](/runbooks/none)',
    '<!-- handbook-disable-next-line no-placeholders -- fuzz -->',
    '<script>x</script>',
    '<Quiz />',
    '{1+1}',
    'TODO',
    'TBD',
    '*a* _b_ **c**',
    '[ref]: /x',
    'ghp_' + 'a'.repeat(36),
  ),
  fc.string({ maxLength: 40 }),
  fc.stringMatching(/^[\[\]*_`<>#\-{}()!|\\\n ]{0,30}$/),
);
const markdown = fc.array(piece, { maxLength: 25 }).map((parts) => parts.join('\n\n'));

const scalar = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('P1', 'P9', 'sre', 'nope', '2026-01-01', '90d', 'runbook', 'reference'),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('id', 'title', 'owner', 'due', 'status', 'x'), tie('v'), { maxKeys: 3 }),
  ),
})).v;
const frontmatter = fc.record(
  {
    title: fc.oneof(fc.string({ maxLength: 30 }), scalar),
    type: fc.oneof(
      fc.constantFrom('runbook', 'policy', 'procedure', 'role', 'template', 'postmortem', 'training-module', 'exercise', 'incident', 'reference', 'unknown'),
      scalar,
    ),
    owner: scalar,
    last_reviewed: scalar,
    review_every: scalar,
    services: value,
    severities: value,
    alerts: value,
    quiz: value,
    action_items: value,
  },
  { requiredKeys: [] },
);
const rawFront = fc.oneof(
  frontmatter.map((f) => `---\n${stringify(f)}---\n`),
  fc.string({ maxLength: 60 }).map((s) => `---\n${s}\n---\n`),
  fc.constantFrom('---js\n{}\n---\n', '---\n', '', '---\na: &a [*a]\n---\n', '---\n__proto__: {x: 1}\n---\n', '---\nk: 1\nk: 2\n---\n'),
);

describe('fuzz: any front matter and Markdown', () => {
  it('never throws, and every message names a rule and a position', async () => {
    await fc.assert(
      fc.asyncProperty(rawFront, markdown, fc.constantFrom('runbooks/f.md', 'docs/f.mdx', 'incidents/INC-0001-f.md'), async (fm, body, rel) => {
        const text = fm + '\n' + body;
        const result = await createLinter({ project: loaded, rules, files: { [rel]: text }, now: NOW, workers: 0 }).lintText(rel, text);
        for (const m of result.messages) {
          expect(typeof m.ruleId).toBe('string');
          expect(m.line).toBeGreaterThanOrEqual(1);
          expect(m.column).toBeGreaterThanOrEqual(1);
          expect(m.message.length).toBeGreaterThan(0);
          expect([1, 2]).toContain(m.severity);
        }
        expect(result.errorCount + result.warningCount).toBe(result.messages.length);
      }),
      { numRuns: 1500 },
    );
    // 1,500 documents through every rule: on a loaded two-core machine this takes minutes, not seconds. The limit only
    // stops a hang; no verdict depends on it.
  }, 600_000);

  it('front matter parsing never pollutes prototypes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        parseFrontMatter(`---\n${s}\n---\n`);
        parseFrontMatter(`---\n__proto__:\n  polluted: ${JSON.stringify(s)}\n---\n`);
        expect(({} as any).polluted).toBeUndefined();
      }),
      { numRuns: 1500 },
    );
  });
});
