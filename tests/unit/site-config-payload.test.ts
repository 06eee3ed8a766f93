/**
 * Docusaurus writes the site config (plugin options included) into the JavaScript every page loads. The linter
 * passed to the site and remark plugins must appear there as a name, not as the loaded project.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLinter } from '../../plugins/lint/linter';
import { rules } from '../../plugins/lint/rules/index';
import { FIXTURE } from './helpers';

describe('the linter in the site config', () => {
  it('serialises to a name: no project data, schemas or paths reach the browser', () => {
    const linter = createLinter({ root: FIXTURE, rules, summaryCache: false });
    const json = JSON.stringify({ plugins: [['handbook', { linter }]], remarkPlugins: [[null, { linter }]] });
    expect(json).toBe('{"plugins":[["handbook",{"linter":"handbook linter"}]],"remarkPlugins":[[null,{"linter":"handbook linter"}]]}');
  });

  it("keeps the site's own config small", async () => {
    const config = (await import(path.resolve(__dirname, '../../docusaurus.config.ts'))).default;
    const json = JSON.stringify(config);
    // The site config is a few kilobytes; the linter's project alone was several hundred.
    expect(json.length).toBeLessThan(32 * 1024);
    expect(json).not.toContain('"dataProblems"');
    expect(json).toContain('"linter":"handbook linter"');
  });
});
