import type { FileResult } from '../types';

/** ESLint's JSON formatter shape, so tools that read ESLint results read ours. */
export function json(results: FileResult[]): string {
  return (
    JSON.stringify(
      results.map((r) => ({
        filePath: r.filePath,
        messages: r.messages.map((m) => ({
          ruleId: m.ruleId,
          severity: m.severity,
          message: m.message,
          line: m.line,
          column: m.column,
          ...(m.endLine !== undefined ? { endLine: m.endLine, endColumn: m.endColumn } : {}),
          ...(m.fatal ? { fatal: true } : {}),
          nodeType: null,
        })),
        suppressedMessages: [],
        errorCount: r.errorCount,
        fatalErrorCount: r.fatalErrorCount,
        warningCount: r.warningCount,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      })),
    ) + '\n'
  );
}
