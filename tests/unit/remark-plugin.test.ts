import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import remarkHandbook from '../../plugins/remark-handbook/index';
import { projectWith, runbook, RUNBOOK_BODY } from './helpers';

let root: string;
let cleanup: () => void;
const cases: [string, string, string][] = [
  ['a deleted required section', runbook({ body: RUNBOOK_BODY.replace(/## Mitigation\n\n.*\n/, '') }), 'Missing required section "## Mitigation"'],
  ['severity P9', runbook().replace('severities: [P1, P2]', 'severities: [P9]'), 'Unknown severity "P9" in "severities[0]"'],
  ['an unknown team', runbook().replace('owner: data-platform', 'owner: wizards'), 'Unknown team "wizards" in "owner"'],
  ['a broken relative link', runbook({ body: RUNBOOK_BODY.replace('## References\n\n', '## References\n\n[gone](./gone.md)\n\n') }), 'Broken link "./gone.md": runbooks/gone.md does not exist'],
  ['a two-year-old review', runbook().replace('last_reviewed: 2026-10-01', 'last_reviewed: 2024-10-01'), 'Review overdue: last reviewed 2024-10-01'],
  ['TBD left in', runbook({ body: RUNBOOK_BODY + '\nOwner TBD.\n' }), 'Placeholder "TBD" left in the document'],
  ['a planted GitHub token', runbook({ body: RUNBOOK_BODY + '\nexport GITHUB_TOKEN=ghp_' + 'A1b2C3d4'.repeat(5) + '\n' }), 'Possible GitHub token'],
  ['a planted script tag', runbook({ body: RUNBOOK_BODY + '\n<script>alert(1)</script>\n' }), 'HTML element <script> is not allowed in documents'],
];

beforeAll(() => {
  ({ root, cleanup } = projectWith({}));
  mkdirSync(path.join(root, 'runbooks'), { recursive: true });
  cases.forEach(([, text], i) => writeFileSync(path.join(root, 'runbooks', `case-${i}.md`), text));
  writeFileSync(path.join(root, 'runbooks', 'clean.md'), runbook());
});
afterAll(() => cleanup?.());

describe('remark plugin in the production build', () => {
  const plugin = () => remarkHandbook({ root, failOnError: true });
  it.each(cases.map(([name, , message], i) => [name, i, message] as const))('fails the build on %s, with file, line and rule id', async (_name, i, message) => {
    const file = new VFile({ path: path.join(root, 'runbooks', `case-${i}.md`) });
    await expect(plugin()({ type: 'root', children: [] }, file)).rejects.toThrow(new RegExp(`handbook lint failed for runbooks/case-${i}\\.md:\\n  runbooks/case-${i}\\.md:\\d+:\\d+  error  ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('passes a clean document', async () => {
    const file = new VFile({ path: path.join(root, 'runbooks', 'clean.md') });
    await expect(plugin()({ type: 'root', children: [] }, file)).resolves.toBeUndefined();
  });
});
