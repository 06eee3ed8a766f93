import { openLinter } from './project';

export async function rulesCommand(opts: { format: string }): Promise<number> {
  const rows = openLinter().describeRules();
  if (opts.format === 'json') {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) process.stdout.write(`${r.id.padEnd(w)}  ${r.severity.padEnd(5)}  ${r.description}\n${' '.repeat(w + 9)}${r.url}\n`);
  return 0;
}
