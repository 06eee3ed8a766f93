/** The package's version, read from its package.json (next to the sources, or one folder above the compiled files). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { codeDir } from './code-dir';

let memo: string | undefined;
export function packageVersion(): string {
  if (memo) return memo;
  for (const rel of ['package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(codeDir(), rel), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@incident-handbook/lint' && pkg.version) return (memo = pkg.version);
    } catch {
      // not this one
    }
  }
  return (memo = '0.0.0');
}
