/**
 * Worker threads that run phase 1 on files. Each file has a time budget: a worker that overruns it (a
 * pathological document that makes the parser crawl) is terminated and replaced, and the file gets a clear error.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocSummary } from './engine';
import type { Level, LintMessage } from './types';
import type { WorkerReply, WorkerSetup, WorkerTask } from './worker-protocol';

export interface PoolResult {
  messages: LintMessage[];
  summary?: DocSummary;
  /** Set when the worker was stopped: too slow or out of memory. */
  failure?: 'timeout' | 'crash';
  error?: string;
}

interface Task {
  id: number;
  abs: string;
  buf: Uint8Array;
  summaryOnly?: boolean;
  resolve: (r: PoolResult) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  task?: Task;
  timer?: NodeJS.Timeout;
}

export interface PoolOptions {
  root: string;
  now: Date;
  ruleLevels?: Record<string, Level>;
  rulesModule?: string;
  size?: number;
  timeBudgetMs: number;
  memoryMb?: number;
}

export class LintPool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private opts: PoolOptions) {
    const size = Math.max(1, opts.size ?? Math.min(4, os.availableParallelism?.() ?? os.cpus().length));
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /**
   * Worker threads worth starting for `files` files: one per 500 files, at most one per core and no more than the
   * cores the machine has free (1-minute load average). A worker costs its start-up and a second warm-up of the
   * parser, so on a busy machine checking in this thread uses less CPU for the same result. 0: check in this thread.
   */
  static defaultSize(files: number, loadAverage = os.loadavg()[0]): number {
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    const free = Math.max(0, Math.round(cores - loadAverage));
    const size = Math.min(cores, Math.ceil(files / 500), free);
    return size < 2 ? 0 : size;
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./worker.mjs', import.meta.url), {
      workerData: {
        root: this.opts.root,
        now: this.opts.now.toISOString(),
        ruleLevels: this.opts.ruleLevels,
        rulesModule: this.opts.rulesModule,
      } satisfies WorkerSetup,
      resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb ?? 768, stackSizeMb: 16 },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, ready: Promise.resolve() };
    slot.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: WorkerReply) => {
        if (m.kind === 'ready') {
          worker.off('message', onMessage);
          resolve();
        } else if (m.kind === 'setup-failed') {
          worker.off('message', onMessage);
          reject(new Error(m.error));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    worker.on('message', (m: WorkerReply) => {
      if ((m.kind !== 'done' && m.kind !== 'error') || !slot.task || m.id !== slot.task.id) return;
      const task = slot.task;
      this.release(slot);
      task.resolve(m.kind === 'error' ? { messages: [], error: m.error } : { messages: m.messages, summary: m.summary });
      this.pump();
    });
    worker.on('error', (e) => this.fail(slot, 'crash', e.message));
    worker.on('exit', (code) => {
      if (slot.task) this.fail(slot, 'crash', `worker exited with code ${code}`);
    });
    return slot;
  }

  private release(slot: Slot) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.task = undefined;
  }

  private fail(slot: Slot, failure: 'timeout' | 'crash', error: string) {
    const task = slot.task;
    this.release(slot);
    const i = this.slots.indexOf(slot);
    void slot.worker.terminate();
    if (i !== -1 && !this.closed) this.slots[i] = this.spawn();
    task?.resolve({ messages: [], failure, error });
    this.pump();
  }

  /** Checks one file (document rules), or with `summaryOnly` only parses and summarises it. */
  run(abs: string, buf: Uint8Array, summaryOnly = false): Promise<PoolResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, abs, buf, summaryOnly, resolve });
      this.pump();
    });
  }

  private pump() {
    for (const slot of this.slots) {
      if (slot.task || !this.queue.length) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      void slot.ready.then(
        () => {
          if (slot.task !== task) return;
          // The budget starts when the worker is ready, so start-up time is not charged to the first file.
          slot.timer = setTimeout(() => this.fail(slot, 'timeout', `over ${this.opts.timeBudgetMs} ms`), this.opts.timeBudgetMs);
          slot.worker.postMessage({ id: task.id, abs: task.abs, buf: task.buf, summaryOnly: task.summaryOnly } satisfies WorkerTask);
        },
        (e) => this.fail(slot, 'crash', String(e)),
      );
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
