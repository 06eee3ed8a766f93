/** `handbook training status` and `handbook training record`: who must train, who did, who is ready. */
import { trainingInput, trainingModules } from '../../plugins/training/project';
import { statusCsv, statusTable } from '../../plugins/training/format';
import { trainingStatus } from '../../plugins/training/status';
import { buildCompletion, CompletionError, writeCompletion } from '../../plugins/training/records';
import { UsageError } from './errors';
import { loadIndex, openProject, parseNow } from './project';

export async function trainingStatusCommand(opts: { role?: string; person?: string; format: string; now?: string }): Promise<number> {
  const { project } = openProject();
  const now = parseNow(opts.now);
  if (!['table', 'json', 'csv'].includes(opts.format)) throw new UsageError(`--format must be table, json or csv, not "${opts.format}"`);
  const roles = project.registries.get('role') ?? [];
  if (opts.role && !roles.includes(opts.role)) throw new UsageError(`unknown role "${opts.role}": use one of ${roles.join(', ')}`);
  let status = trainingStatus(trainingInput(project, await loadIndex(project), now));
  if (opts.role) status = status.filter((p) => p.roles.includes(opts.role!));
  if (opts.person) status = status.filter((p) => p.person === opts.person);
  if (opts.format === 'json') process.stdout.write(JSON.stringify({ now: now.toISOString(), people: status }, null, 2) + '\n');
  else if (opts.format === 'csv') process.stdout.write(statusCsv(status));
  else process.stdout.write(statusTable(status));
  // Like a failing check: someone is on call now without the training their role requires.
  return status.some((p) => p.readiness === 'overdue') ? 1 : 0;
}

export async function trainingRecordCommand(opts: {
  person: string;
  module: string;
  score: string;
  questions?: string;
  date?: string;
  now?: string;
}): Promise<number> {
  const { project } = openProject();
  const whole = (v: string, flag: string) => {
    if (!/^\d{1,3}$/.test(v)) throw new UsageError(`${flag} needs a whole number, got "${v}"`);
    return Number(v);
  };
  const modules = trainingModules(project, await loadIndex(project));
  try {
    const record = buildCompletion(
      project.root,
      {
        person: opts.person,
        module: opts.module,
        score: whole(opts.score, '--score'),
        questions: opts.questions ? whole(opts.questions, '--questions') : undefined,
        completed_on: opts.date,
        recorded_by: 'handbook training record',
      },
      modules,
      parseNow(opts.now),
    );
    const rel = writeCompletion(project.root, record);
    process.stdout.write(`Wrote ${rel}: commit it in a pull request.\n`);
    return 0;
  } catch (e) {
    if (e instanceof CompletionError) throw new UsageError(`refused, nothing was written: ${e.message}`);
    throw e;
  }
}
