/**
 * Alert intake: Alertmanager notifications are acknowledged once they are durably in the alert journal, and applied
 * to the incident records afterwards, one at a time and in order (grouping, opening, timeline events, escalation).
 *
 * On start, the entries a crash left unprocessed are applied first; applying is idempotent (a record remembers the
 * last journal entry applied to it), so an entry that was applied just before the crash changes nothing the second
 * time. Nothing is lost (the sender got its 2xx only after fdatasync) and nothing is opened twice.
 */
import { LockTimeout } from './lock';
import { Journal, type JournalEntry } from './journal';
import type { AlertmanagerPayload } from './alert-routing';
import type { Responder } from './responder';

export interface IntakeOptions {
  journal: Journal<AlertmanagerPayload>;
  responder: Responder;
  log?: (entry: Record<string, unknown>) => void;
  /** Journal only, apply nothing (maintenance; tests use it to stop between the journal and the records). */
  hold?: boolean;
  /**
   * While notifications keep arriving (one within `quietMs`, default 20 ms), apply at most one every `busyEveryMs`
   * (default 100 ms): acknowledging new alerts comes first, and the backlog is applied as soon as the storm eases.
   */
  quietMs?: number;
  busyEveryMs?: number;
}

export interface IntakeStats {
  journal: string;
  appended: number;
  processed: number;
  pending: number;
  failed: number;
  dropped: number;
}

/** Errors worth another attempt: the store lock is busy, the disk had a hiccup. Anything else is reported and skipped. */
function transient(e: unknown): boolean {
  if (e instanceof LockTimeout) return true;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  return ['EBUSY', 'EAGAIN', 'EMFILE', 'ENFILE', 'ENOSPC', 'EIO'].includes(code);
}

const yieldToIo = () => new Promise<void>((r) => setImmediate(r));
const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class AlertIntake {
  private queue: JournalEntry<AlertmanagerPayload>[] = [];
  private running: Promise<void> | undefined;
  private stopped = false;
  private failed = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  private lastAccept = 0;
  private lastApplied = 0;

  constructor(private readonly o: IntakeOptions) {}

  /** Opens the journal and starts applying what a previous run left unprocessed. Returns how many entries that is. */
  async start(): Promise<number> {
    const pending = await this.o.journal.open();
    const stats = this.o.journal.stats();
    if (stats.dropped) this.o.log?.({ msg: 'alert journal: dropped lines cut short by a crash (never acknowledged)', count: stats.dropped });
    this.queue.push(...pending);
    if (pending.length) this.o.log?.({ msg: 'alert journal: applying notifications left unprocessed by the previous run', count: pending.length });
    this.kick();
    return pending.length;
  }

  /**
   * Accepts a notification: checks it (throws the responder's 4xx errors), writes it to the journal and resolves
   * once it is on disk. Heartbeats are recorded at once (they change no record).
   */
  async accept(p: AlertmanagerPayload): Promise<{ accepted: true; seq?: number; journal?: string; heartbeat?: true }> {
    const r = this.o.responder;
    if (r.isHeartbeat(p)) {
      r.heartbeat();
      return { accepted: true, heartbeat: true };
    }
    r.precheck(p);
    this.lastAccept = Date.now();
    const seq = await this.o.journal.append(p);
    this.queue.push({ seq, at: '', payload: p });
    this.kick();
    return { accepted: true, seq, journal: this.o.journal.journalId };
  }

  stats(): IntakeStats {
    const s = this.o.journal.stats();
    return { journal: s.id, appended: s.appended, processed: s.processed, pending: s.pending, failed: this.failed, dropped: s.dropped };
  }

  /** Resolves when every accepted notification has been applied (tests, drills, shutdown). */
  idle(): Promise<void> {
    if (!this.queue.length && !this.running) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private kick() {
    if (this.running || this.stopped || this.o.hold || this.retryTimer) return;
    this.running = this.run().finally(() => {
      this.running = undefined;
      this.o.journal.checkpoint();
      if (this.queue.length && !this.stopped && !this.retryTimer) this.kick();
      else if (!this.queue.length) for (const w of this.idleWaiters.splice(0)) w();
    });
  }

  private async run(): Promise<void> {
    const j = this.o.journal;
    let sinceCheckpoint = 0;
    const quietMs = this.o.quietMs ?? 20;
    const busyEveryMs = this.o.busyEveryMs ?? 100;
    while (this.queue.length && !this.stopped) {
      // Scheduling only (wall clock on purpose): no record or escalation time depends on it.
      const now = Date.now();
      if (now - this.lastAccept < quietMs && now - this.lastApplied < busyEveryMs) {
        await pause(Math.min(quietMs, busyEveryMs - (now - this.lastApplied)));
        continue;
      }
      this.lastApplied = now;
      const entry = this.queue[0];
      try {
        const t0 = performance.now();
        const result = await this.o.responder.alertmanager(entry.payload, { journal: j.journalId, seq: entry.seq });
        this.o.log?.({ msg: 'alert notification applied', seq: entry.seq, ms: Math.round(performance.now() - t0), action: result.action, id: result.id, group: entry.payload.groupKey });
      } catch (e) {
        if (transient(e)) {
          this.o.log?.({ msg: 'alert notification not applied yet, retrying', seq: entry.seq, error: (e as Error).message });
          this.retryTimer = setTimeout(() => {
            this.retryTimer = undefined;
            this.kick();
          }, 1000);
          return;
        }
        this.failed++;
        this.o.log?.({ msg: 'alert notification could not be applied; it stays in the alert journal', seq: entry.seq, group: entry.payload.groupKey, error: (e as Error).message });
      }
      this.queue.shift();
      j.done(entry.seq);
      if (++sinceCheckpoint >= 50) {
        j.checkpoint();
        sinceCheckpoint = 0;
      }
      // Let waiting webhooks in between two notifications: acknowledging new alerts comes first.
      await yieldToIo();
    }
  }

  /** Stops applying after the current notification; what is left stays in the journal for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.running;
    await this.o.journal.close();
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
