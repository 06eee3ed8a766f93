import type { FileResult } from '../types';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProp = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: annotations on the pull request's lines. */
export function github(results: FileResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    for (const m of r.messages) {
      const kind = m.severity === 2 ? 'error' : 'warning';
      const props = [`file=${escapeProp(r.relPath)}`, `line=${m.line}`, `col=${m.column}`];
      if (m.endLine !== undefined) props.push(`endLine=${m.endLine}`, `endColumn=${m.endColumn}`);
      props.push(`title=${escapeProp(`handbook(${m.ruleId})`)}`);
      out.push(`::${kind} ${props.join(',')}::${escapeData(m.message)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
