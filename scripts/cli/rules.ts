import { ruleUrl } from '../../plugins/lint/engine';
import { rules } from '../../plugins/lint/rules/index';
import { openProject } from './project';

export async function rulesCommand(opts: { format: string }): Promise<number> {
  const { project } = openProject();
  const rows = rules.map((r) => ({ id: r.meta.id, severity: r.meta.severity, scope: r.meta.scope, description: r.meta.description, url: ruleUrl(project, r.meta.id) }));
  if (opts.format === 'json') {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) process.stdout.write(`${r.id.padEnd(w)}  ${r.severity.padEnd(5)}  ${r.description}\n${' '.repeat(w + 9)}${r.url}\n`);
  return 0;
}
