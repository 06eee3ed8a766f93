/** `handbook training status` output: a table for people, JSON and CSV for tools. */
import type { PersonStatus } from './status';

const STATE_LABEL: Record<string, string> = {
  current: 'current',
  expired: 'expired',
  stale: 'stale (module changed)',
  failed: 'below pass mark',
  missing: 'missing',
};

export interface StatusRow {
  person: string;
  roles: string;
  readiness: string;
  first_shift: string;
  module: string;
  state: string;
  completed_on: string;
  renew_by: string;
}

export function statusRows(status: PersonStatus[]): StatusRow[] {
  return status.flatMap((p) =>
    p.items.map((i) => ({
      person: p.person,
      roles: p.roles.join(' '),
      readiness: p.readiness,
      first_shift: p.firstShift ?? '',
      module: i.module,
      state: i.state,
      completed_on: i.completion?.completedOn ?? '',
      renew_by: i.renewBy ?? '',
    })),
  );
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) || /^[=+\-@\t]/.test(v) ? `"${v.replace(/^([=+\-@\t])/, "'$1").replace(/"/g, '""')}"` : v);

export function statusCsv(status: PersonStatus[]): string {
  const rows = statusRows(status);
  const head: (keyof StatusRow)[] = ['person', 'roles', 'readiness', 'first_shift', 'module', 'state', 'completed_on', 'renew_by'];
  return [head.join(','), ...rows.map((r) => head.map((k) => csvCell(r[k])).join(','))].join('\r\n') + '\r\n';
}

export function statusTable(status: PersonStatus[]): string {
  const lines: string[] = [];
  const count = (r: string) => status.filter((p) => p.readiness === r).length;
  lines.push(`${status.length} people on call rotations: ${count('ready')} ready, ${count('due')} due, ${count('overdue')} on call without required training`);
  for (const p of status) {
    const head = `${p.person.padEnd(14)} ${p.readiness.padEnd(8)} ${p.roles.join(', ')}${p.firstShift ? `  (first shift needing it: ${p.firstShift.slice(0, 16).replace('T', ' ')} UTC)` : ''}`;
    lines.push('', head);
    for (const i of p.items) {
      const when = i.completion ? ` ${i.completion.completedOn}${i.renewBy ? `, renew by ${i.renewBy}` : ''}` : '';
      lines.push(`  ${i.state === 'current' ? '✓' : '✗'} ${i.module.padEnd(36)} ${STATE_LABEL[i.state]}${when}`);
    }
  }
  return lines.join('\n') + '\n';
}
