/** A lint worker: loads the project once, then checks files sent by the pool (phase 1: local rules). */
import { parentPort, workerData } from 'node:worker_threads';
import { checkLocal, prepareFromBuffer } from './engine';
import { loadProject } from './load';

const { root, now, ruleLevels } = workerData as { root: string; now: string; ruleLevels?: Record<string, any> };
const { project } = loadProject(root);
const opts = { now: new Date(now), ruleLevels };

parentPort!.on('message', async (task: { id: number; abs: string; buf: Uint8Array }) => {
  try {
    const doc = await prepareFromBuffer(project, task.abs, Buffer.from(task.buf));
    const { messages, summary } = await checkLocal(project, doc, opts);
    parentPort!.postMessage({ id: task.id, messages, summary });
  } catch (e) {
    parentPort!.postMessage({ id: task.id, error: (e as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
