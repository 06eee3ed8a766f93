/** Coverage as CSV, Markdown or a terminal table: for auditors and for CI logs. */
import type { FrameworkCoverage } from './coverage';

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function coverageCsv(fws: FrameworkCoverage[], siteUrl = ''): string {
  const lines = ['framework,control,title,status,evidence_required,documents,evidence'];
  for (const f of fws)
    for (const c of f.controls)
      lines.push(
        [
          f.id,
          c.control,
          c.title,
          c.status,
          c.evidenceRequired ? 'yes' : 'no',
          c.documents.map((d) => `${siteUrl}${d.route}`).join(' '),
          c.evidence.map((d) => `${siteUrl}${d.route}`).join(' '),
        ]
          .map((x) => csvCell(String(x)))
          .join(','),
      );
  return lines.join('\n') + '\n';
}

export function coverageMarkdown(fws: FrameworkCoverage[], siteUrl = ''): string {
  const out: string[] = ['# Compliance coverage', ''];
  for (const f of fws) {
    out.push(`## ${f.name}`, '', `Source: ${f.source ?? f.id}. Covered ${f.covered}, partial ${f.partial}, missing ${f.missing} of ${f.controls.length}.`, '');
    out.push('| Control | Title | Status | Documents | Evidence |', '| --- | --- | --- | --- | --- |');
    for (const c of f.controls) {
      const links = (list: typeof c.documents) => list.map((d) => `[${d.title.replace(/\|/g, '\\|')}](${siteUrl}${d.route})`).join(', ') || '–';
      out.push(`| ${c.control} | ${c.title} | ${c.status} | ${links(c.documents)} | ${links(c.evidence)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function coverageTable(fws: FrameworkCoverage[]): string {
  const out: string[] = [];
  for (const f of fws) {
    out.push(`${f.name}: ${f.covered} covered, ${f.partial} partial, ${f.missing} missing`);
    const w = Math.max(...f.controls.map((c) => c.control.length));
    for (const c of f.controls) {
      const docs = [...c.documents.map((d) => d.relPath), ...c.evidence.map((d) => `evidence: ${d.relPath}`)];
      out.push(`  ${c.control.padEnd(w)}  ${c.status.padEnd(7)}  ${c.title}${docs.length ? `\n  ${' '.repeat(w)}           ${docs.join(', ')}` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}
