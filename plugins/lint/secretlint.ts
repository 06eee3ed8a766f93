/**
 * The one place the linter calls secretlint.
 *
 * secretlint's profiler (`@secretlint/profiler`) records a performance mark per rule per file and, while it is on,
 * scans every earlier mark on each new one: the cost of one file grows with the number of files already checked in
 * the process (O(n²) per worker). It is on by default for library users, so it is switched off here, once, before
 * the first call. `@secretlint/profiler` >= 13.1 is required for `setEnabled`.
 */
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';

secretLintProfiler.setEnabled(false);

const CONFIG = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };

export interface SecretFinding {
  message: string;
  range: readonly [number, number];
}

/** Runs secretlint's recommended preset on one text and returns its findings (character ranges into `content`). */
export async function secretlintFindings(filePath: string, content: string): Promise<SecretFinding[]> {
  const result = await lintSource({ source: { filePath, content, contentType: 'text' }, options: { config: CONFIG } });
  return result.messages.map((m) => ({ message: String(m.message), range: [m.range[0], m.range[1]] as const }));
}

/** Whether secretlint's profiler is recording (it must not be: see above). Exposed for the tests. */
export const secretlintProfilerEnabled = (): boolean => secretLintProfiler.isEnabled;
