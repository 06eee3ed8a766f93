import { humanDuration } from '../duration';
import { dataPosition } from '../load';
import type { DataFile, ProjectProblem, ProjectRule, Span } from '../types';
import { trainingInput, trainingSettings } from '../../training/project';
import { percent, trainingStatus, type TrainingItem } from '../../training/status';

const FIRST_LINE: Span = { start: { line: 1, column: 1 } };

function where(file: DataFile | undefined, p: (string | number)[]): Span {
  return file ? dataPosition(file, p) : FIRST_LINE;
}

function why(item: TrainingItem): string {
  switch (item.state) {
    case 'missing':
      return `${item.module} (no record)`;
    case 'failed':
      return `${item.module} (last score below the pass mark)`;
    case 'stale':
      return `${item.module} (record of an older version of the module)`;
    case 'expired':
      return `${item.module} (expired ${item.renewBy})`;
    default:
      return item.module;
  }
}

/** "2026-12-07 09:00 Europe/London": the shift start as the rotation's members read it. */
function localMinute(iso: string, timeZone: string): string {
  try {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
        .formatToParts(new Date(iso))
        .map((x) => [x.type, x.value]),
    );
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${timeZone}`;
  } catch {
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  }
}

/**
 * Everyone in an on-call rotation holds a current completion of every module their role requires
 * (data/training.yaml) before their first shift: a warning within `warn_before` of the shift, an error once it has
 * started. Completion records are checked against the module: known module, score at or above the pass mark,
 * version not newer than the module, not dated in the future.
 */
export const trainingReadiness: ProjectRule = {
  meta: {
    id: 'training-readiness',
    description: 'People on call hold current completions of the training their role requires; completion records are valid.',
    severity: 'error',
    scope: 'project',
  },
  check(project, index, { now }) {
    const training = project.data.training;
    if (!training) return [];
    const out: ProjectProblem[] = [];
    const input = trainingInput(project, index, now);
    const { warnBeforeMs } = trainingSettings(project);

    // Requirements name modules that exist.
    const reqs = (training.value as { requirements?: unknown[] })?.requirements ?? [];
    reqs.forEach((r, i) => {
      const modules = (r as { modules?: unknown[] })?.modules ?? [];
      modules.forEach((m, j) => {
        if (typeof m === 'string' && !input.modules.has(m)) {
          out.push({ file: training.relPath, message: `Training module "${m}" does not exist: name the doc id of a document with type: training-module`, at: where(training, ['requirements', i, 'modules', j]) });
        }
      });
    });

    // Each record is valid against its module.
    const today = now.toISOString().slice(0, 10);
    for (const c of input.completions) {
      const file = project.data[c.relPath.replace(/^data\//, '').replace(/\.ya?ml$/, '')];
      const m = input.modules.get(c.module);
      if (!m) {
        out.push({ file: c.relPath, message: `Training module "${c.module}" does not exist`, at: where(file, ['module']) });
        continue;
      }
      if (c.score > c.questions) {
        out.push({ file: c.relPath, message: `Score ${c.score} is more than the ${c.questions} questions`, at: where(file, ['score']) });
      } else if (percent(c) < m.passMark) {
        out.push({ file: c.relPath, message: `Score ${c.score} of ${c.questions} (${percent(c)}%) is below the pass mark of ${m.passMark}% for ${c.module}: this record does not count`, at: where(file, ['score']) });
      }
      if (c.moduleVersion > m.version) {
        out.push({ file: c.relPath, message: `${c.module} is at version ${m.version}; a record cannot be for version ${c.moduleVersion}`, at: where(file, ['module_version']) });
      }
      if (c.completedOn > today) {
        out.push({ file: c.relPath, message: `Completed on ${c.completedOn}, which is after today (${today})`, at: where(file, ['completed_on']) });
      }
    }

    // People are ready for their shifts.
    const oncall = project.data.oncall;
    for (const p of trainingStatus(input)) {
      if (p.readiness === 'ready') continue;
      const needed = p.items.filter((i) => i.state !== 'current');
      const blocking = p.slots.filter((s) => needed.some((i) => i.roles.includes(s.role)));
      const list = needed.map(why).join(', ');
      const now_ = blocking.find((s) => s.onCallNow);
      if (now_) {
        out.push({
          file: oncall?.relPath ?? 'data/oncall.yaml',
          message: `${p.person} is on call now (${now_.rotation}) without current training: ${list}`,
          at: where(oncall, ['rotations', now_.rotationIndex, 'members', now_.memberIndex]),
        });
        continue;
      }
      const next = blocking.filter((s) => s.shift).sort((a, b) => a.shift!.start.localeCompare(b.shift!.start))[0];
      if (next?.shift && Date.parse(next.shift.start) - now.getTime() <= warnBeforeMs) {
        out.push({
          file: oncall?.relPath ?? 'data/oncall.yaml',
          message: `${p.person} starts a shift on ${next.rotation} at ${localMinute(next.shift.start, next.timezone)}, within ${humanDuration(warnBeforeMs)}, without current training: ${list}`,
          at: where(oncall, ['rotations', next.rotationIndex, 'members', next.memberIndex]),
          level: 'warn',
        });
      }
    }
    return out;
  },
};
