/** Reads the training inputs out of a loaded project: requirements, completion records, modules, rotations. */
import type { Project, ProjectIndex } from '../lint/types';
import { parseDuration } from '../lint/duration';
import { requirementsFrom, type Completion, type ModuleInfo, type Rotation, type TrainingInput } from './status';

export const RECORDS_FOLDER = 'training-records';
const DEFAULT_PASS_MARK = 80;
const DEFAULT_WARN_BEFORE_MS = 14 * 86_400_000;

export interface TrainingSettings {
  passMark: number;
  warnBeforeMs: number;
}

export function trainingSettings(project: Project): TrainingSettings {
  const v = project.data.training?.value as { pass_mark?: unknown; warn_before?: unknown } | undefined;
  return {
    passMark: typeof v?.pass_mark === 'number' ? v.pass_mark : DEFAULT_PASS_MARK,
    warnBeforeMs: parseDuration(v?.warn_before) ?? DEFAULT_WARN_BEFORE_MS,
  };
}

/** Training modules by doc id, from the project index (documents with type: training-module). */
export function trainingModules(project: Project, index: ProjectIndex): Map<string, ModuleInfo> {
  const { passMark } = trainingSettings(project);
  const out = new Map<string, ModuleInfo>();
  for (const d of index.byPath.values()) {
    if (d.type !== 'training-module') continue;
    const fm = d.frontmatter;
    out.set(d.docId, {
      id: d.docId,
      title: typeof fm.title === 'string' ? fm.title : d.docId,
      version: typeof fm.version === 'number' ? fm.version : 1,
      passMark: typeof fm.pass_mark === 'number' ? fm.pass_mark : passMark,
      questions: Array.isArray(fm.quiz) ? fm.quiz.length : 0,
      route: d.route,
    });
  }
  return out;
}

/** Completion records from data/training-records/, skipping files too broken to read (the schema reports them). */
export function completionRecords(project: Project): Completion[] {
  const out: Completion[] = [];
  for (const [key, file] of Object.entries(project.data)) {
    if (!key.startsWith(`${RECORDS_FOLDER}/`)) continue;
    const v = file.value as Record<string, unknown> | null;
    if (!v || typeof v.person !== 'string' || typeof v.module !== 'string' || typeof v.completed_on !== 'string') continue;
    if (typeof v.score !== 'number' || typeof v.questions !== 'number' || v.questions <= 0) continue;
    out.push({
      relPath: file.relPath,
      person: v.person,
      module: v.module,
      moduleVersion: typeof v.module_version === 'number' ? v.module_version : 1,
      score: v.score,
      questions: v.questions,
      completedOn: v.completed_on,
    });
  }
  return out;
}

export function rotationsOf(project: Project): Rotation[] {
  const list = (project.data.oncall?.value as { rotations?: unknown } | undefined)?.rotations;
  return Array.isArray(list) ? (list as Rotation[]) : [];
}

export function trainingInput(project: Project, index: ProjectIndex, now: Date): TrainingInput {
  return {
    requirements: requirementsFrom(project.data.training?.value),
    completions: completionRecords(project),
    modules: trainingModules(project, index),
    rotations: rotationsOf(project),
    now,
  };
}
