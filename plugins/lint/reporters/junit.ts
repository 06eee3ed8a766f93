import type { FileResult } from '../types';

// Control characters are not allowed in XML 1.0: they are removed on purpose.
const xml = (s: string) =>
  s
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

/** JUnit XML: one test suite per file, one failing test case per message (errors and warnings). */
export function junit(results: FileResult[]): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>'];
  const failures = results.reduce((n, r) => n + r.messages.length, 0);
  const tests = results.reduce((n, r) => n + Math.max(r.messages.length, 1), 0); // the test cases written below
  lines.push(`<testsuites name="handbook" tests="${tests}" failures="${failures}">`);
  for (const r of results) {
    const n = r.messages.length;
    lines.push(`  <testsuite name="${xml(r.relPath)}" tests="${Math.max(n, 1)}" failures="${n}" errors="0">`);
    if (n === 0) lines.push(`    <testcase classname="${xml(r.relPath)}" name="handbook lint" />`);
    for (const m of r.messages) {
      const name = `${r.relPath}:${m.line}:${m.column} ${m.ruleId}`;
      lines.push(`    <testcase classname="handbook.${xml(m.ruleId)}" name="${xml(name)}">`);
      lines.push(
        `      <failure type="${m.severity === 2 ? 'error' : 'warning'}" message="${xml(m.message)}">${xml(`${r.relPath}:${m.line}:${m.column} ${m.message} (${m.ruleId})`)}</failure>`,
      );
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}
