import { humanDuration } from '../duration';
import { dataPosition } from '../load';
import type { DataFile, Span, WholeProjectRule } from '../types';
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
type Messages = 'unknownRequired' | 'unknownModule' | 'scoreOver' | 'belowPass' | 'futureVersion' | 'futureDate' | 'onCallNow' | 'shiftSoon';

export const trainingReadiness: WholeProjectRule<Record<string, never>, Messages> = {
  meta: {
    id: 'training-readiness',
    kind: 'project',
    description: 'People on call hold current completions of the training their role requires; completion records are valid.',
    severity: 'error',
    messages: {
      unknownRequired: 'Training module "{{module}}" does not exist: name the doc id of a document with type: training-module',
      unknownModule: 'Training module "{{module}}" does not exist',
      scoreOver: 'Score {{score}} is more than the {{questions}} questions',
      belowPass: 'Score {{score}} of {{questions}} ({{percent}}%) is below the pass mark of {{passMark}}% for {{module}}: this record does not count',
      futureVersion: '{{module}} is at version {{version}}; a record cannot be for version {{recordVersion}}',
      futureDate: 'Completed on {{date}}, which is after today ({{today}})',
      onCallNow: '{{person}} is on call now ({{rotation}}) without current training: {{list}}',
      shiftSoon: '{{person}} starts a shift on {{rotation}} at {{start}}, within {{within}}, without current training: {{list}}',
    },
  },
  check(ctx) {
    const { project, index, now } = ctx;
    const training = project.data.training;
    if (!training) return;
    const input = trainingInput(project, index, now);
    const { warnBeforeMs } = trainingSettings(project);

    // Requirements name modules that exist.
    const reqs = (training.value as { requirements?: unknown[] })?.requirements ?? [];
    reqs.forEach((r, i) => {
      const modules = (r as { modules?: unknown[] })?.modules ?? [];
      modules.forEach((m, j) => {
        if (typeof m === 'string' && !input.modules.has(m)) {
          ctx.report({ messageId: 'unknownRequired', data: { module: m }, file: training.relPath, at: where(training, ['requirements', i, 'modules', j]) });
        }
      });
    });

    // Each record is valid against its module.
    const today = now.toISOString().slice(0, 10);
    for (const c of input.completions) {
      const file = project.data[c.relPath.replace(/^data\//, '').replace(/\.ya?ml$/, '')];
      const m = input.modules.get(c.module);
      if (!m) {
        ctx.report({ messageId: 'unknownModule', data: { module: c.module }, file: c.relPath, at: where(file, ['module']) });
        continue;
      }
      if (c.score > c.questions) {
        ctx.report({ messageId: 'scoreOver', data: { score: c.score, questions: c.questions }, file: c.relPath, at: where(file, ['score']) });
      } else if (percent(c) < m.passMark) {
        ctx.report({
          messageId: 'belowPass',
          data: { score: c.score, questions: c.questions, percent: percent(c), passMark: m.passMark, module: c.module },
          file: c.relPath,
          at: where(file, ['score']),
        });
      }
      if (c.moduleVersion > m.version) {
        ctx.report({
          messageId: 'futureVersion',
          data: { module: c.module, version: m.version, recordVersion: c.moduleVersion },
          file: c.relPath,
          at: where(file, ['module_version']),
        });
      }
      if (c.completedOn > today)
        ctx.report({ messageId: 'futureDate', data: { date: c.completedOn, today }, file: c.relPath, at: where(file, ['completed_on']) });
    }

    // People are ready for their shifts.
    const oncall = project.data.oncall;
    const oncallFile = oncall?.relPath ?? 'data/oncall.yaml';
    for (const p of trainingStatus(input)) {
      if (p.readiness === 'ready') continue;
      const needed = p.items.filter((i) => i.state !== 'current');
      const blocking = p.slots.filter((s) => needed.some((i) => i.roles.includes(s.role)));
      const list = needed.map(why).join(', ');
      const current = blocking.find((s) => s.onCallNow);
      if (current) {
        ctx.report({
          messageId: 'onCallNow',
          data: { person: p.person, rotation: current.rotation, list },
          file: oncallFile,
          at: where(oncall, ['rotations', current.rotationIndex, 'members', current.memberIndex]),
        });
        continue;
      }
      const next = blocking.filter((s) => s.shift).sort((a, b) => a.shift!.start.localeCompare(b.shift!.start))[0];
      if (next?.shift && Date.parse(next.shift.start) - now.getTime() <= warnBeforeMs) {
        ctx.report({
          messageId: 'shiftSoon',
          data: { person: p.person, rotation: next.rotation, start: localMinute(next.shift.start, next.timezone), within: humanDuration(warnBeforeMs), list },
          file: oncallFile,
          at: where(oncall, ['rotations', next.rotationIndex, 'members', next.memberIndex]),
          level: 'warn',
        });
      }
    }
  },
};
