import pc from 'picocolors';
import type { FileResult } from '../types';

/** Human output, grouped by file, like ESLint's stylish formatter. */
export function stylish(results: FileResult[], color = pc.isColorSupported): string {
  const c = pc.createColors(color);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    if (!r.messages.length) continue;
    lines.push(c.underline(r.relPath));
    for (const m of r.messages) {
      const where = `${m.line}:${m.column}`.padEnd(8);
      const sev = m.severity === 2 ? c.red('error  ') : c.yellow('warning');
      lines.push(`  ${c.dim(where)} ${sev}  ${m.message}  ${c.dim(m.ruleId)}`);
    }
    lines.push('');
    errors += r.errorCount;
    warnings += r.warningCount;
  }
  const total = errors + warnings;
  if (total === 0) return c.green(`✔ ${results.length} file${results.length === 1 ? '' : 's'} checked, no problems`) + '\n';
  const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}) in ${results.length} file${results.length === 1 ? '' : 's'} checked`;
  lines.push((errors ? c.red : c.yellow)(c.bold(summary)));
  return lines.join('\n') + '\n';
}
