import pc from 'picocolors';
import type { FileResult } from '../types';

/**
 * Control characters (a newline in a file name, an escape sequence in a message) would let a file forge lines or
 * terminal output: print them as \u escapes.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Human output, grouped by file, like ESLint's stylish formatter. */
export function stylish(results: FileResult[], color = pc.isColorSupported): string {
  const c = pc.createColors(color);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    if (!r.messages.length) continue;
    lines.push(c.underline(printable(r.relPath)));
    for (const m of r.messages) {
      const where = `${m.line}:${m.column}`.padEnd(8);
      const sev = m.severity === 2 ? c.red('error  ') : c.yellow('warning');
      lines.push(`  ${c.dim(where)} ${sev}  ${printable(m.message)}  ${c.dim(m.ruleId)}`);
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
