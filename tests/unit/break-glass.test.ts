import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstStepsHtml } from '../../plugins/docusaurus-plugin-handbook/break-glass';
import { buildIndex, prepareFile } from '../../plugins/lint/engine';
import { fixtureProject } from './helpers';

const page = (steps: string) => `---\ntitle: Disk full\ntype: reference\n---\n\n## First 5 minutes\n\n${steps}\n\n## Diagnosis\n\nLater.\n`;

async function html(steps: string): Promise<string> {
  const { project } = fixtureProject();
  const doc = await prepareFile(project, path.join(project.root, 'runbooks/disk.md'), page(steps));
  return firstStepsHtml(doc, buildIndex(project, [doc]))!;
}

describe('break-glass HTML (rendered with dangerouslySetInnerHTML)', () => {
  it('drops javascript:, vbscript: and data: URLs from links and images', async () => {
    const out = await html(
      '1. [Check the disk](javascript:alert(document.cookie))\n2. [Also](vbscript:msgbox(1)) ![x](data:text/html,<script>alert(1)</script>)\n3. [Runbook](https://example.com/r)',
    );
    expect(out).not.toMatch(/javascript:|vbscript:|data:/i);
    expect(out).toContain('href="https://example.com/r"');
    expect(out).toContain('Check the disk');
  });

  it('keeps ordinary Markdown: lists, code (keyboard-reachable) and tables', async () => {
    const out = await html('1. Run:\n\n   ```bash\n   df -h\n   ```\n\n| a | b |\n| - | - |\n| 1 | 2 |');
    expect(out).toContain('<ol>');
    expect(out).toMatch(/<pre tabindex="0"><code class="language-bash">df -h/);
    expect(out).toMatch(/<table tabindex="0">/);
  });

  it('raw HTML never reaches the page', async () => {
    expect(await html('<img src=x onerror=alert(1)>\n\n<script>alert(1)</script>\n\nText.')).toBe('<p>Text.</p>');
  });
});
