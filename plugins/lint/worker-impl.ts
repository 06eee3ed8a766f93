/** A lint worker: loads the project and rules once, then checks files sent by the pool (phase 1: document rules). */
import { parentPort, workerData } from 'node:worker_threads';
import { checkLocal, prepareFile, summarize, type Env } from './engine';
import { loadProject } from './load';
import { RuleSet } from './ruleset';
import { rules as builtin } from './rules/index';
import type { RuleInput } from './types';
import type { WorkerReply, WorkerSetup, WorkerTask } from './worker-protocol';

const port = parentPort!;
const send = (m: WorkerReply) => port.postMessage(m);
const setup = workerData as WorkerSetup;

try {
  const rules: readonly RuleInput[] = setup.rulesModule ? ((await import(setup.rulesModule)) as { rules: readonly RuleInput[] }).rules : builtin;
  const { project } = loadProject(setup.root);
  const env: Env = { project, rules: new RuleSet(project, rules, setup.ruleLevels), now: new Date(setup.now) };
  port.on('message', async (task: WorkerTask) => {
    try {
      const doc = await prepareFile(project, task.abs, undefined, Buffer.from(task.buf));
      const { messages, summary } = task.summaryOnly ? { messages: [], summary: summarize(doc) } : await checkLocal(env, doc);
      send({ kind: 'done', id: task.id, messages, summary });
    } catch (e) {
      send({ kind: 'error', id: task.id, error: (e as Error).message });
    }
  });
  send({ kind: 'ready' });
} catch (e) {
  send({ kind: 'setup-failed', error: (e as Error).message });
}
