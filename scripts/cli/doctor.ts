/** `handbook doctor`: the sample values still to replace and the escalation targets nobody can reach, from data/. */
import { doctor, reasonText, type DoctorReport } from '../../plugins/lib/doctor';
import { contactsData } from '../../plugins/lint/registries';
import { UsageError } from './errors';
import { openProject } from './project';

export function doctorReport(): DoctorReport {
  const { project } = openProject();
  const files = Object.values(project.data).map((f) => ({ relPath: f.relPath, text: f.text }));
  const v = (k: string) => project.data[k]?.value;
  return doctor(files, { escalation: v('escalation'), contacts: contactsData(project), teams: v('teams'), oncall: v('oncall') });
}

export async function doctorCommand(opts: { format: string; strict?: boolean }): Promise<number> {
  if (!['table', 'json'].includes(opts.format)) throw new UsageError(`--format must be table or json, got "${opts.format}"`);
  const r = doctorReport();
  if (opts.format === 'json') {
    process.stdout.write(JSON.stringify(r, null, 2) + '\n');
  } else {
    const lines: string[] = [];
    if (r.unreachable.length) {
      lines.push(`Escalation targets nobody can reach (${r.unreachable.length}):`);
      for (const u of r.unreachable) lines.push(`  data/escalation.yaml  policy ${u.policy}: ${u.message}`);
      lines.push('');
    }
    if (r.sampleFiles.length) {
      lines.push("Files marked `sample: true` (every value is the sample organisation's; remove the marker once they are yours):");
      for (const f of r.sampleFiles) lines.push(`  ${f}`);
      lines.push('');
    }
    lines.push(`Sample values to replace (${r.samples.length}):`);
    for (const s of r.samples) lines.push(`  ${s.file}:${s.line}  ${s.path}  ${s.value}  (${reasonText(s.reason)})`);
    if (!r.samples.length) lines.push('  none');
    lines.push('');
    lines.push(
      r.unreachable.length ? 'Fix the unreachable targets first: an escalation that reaches nobody fails silently.' : 'Every escalation target can be reached.',
    );
    process.stdout.write(lines.join('\n') + '\n');
  }
  if (r.unreachable.length) return 1;
  return opts.strict && (r.samples.length || r.sampleFiles.length) ? 1 : 0;
}
