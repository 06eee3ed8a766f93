/**
 * A durable, append-only journal of inbound alert notifications: the responder answers Alertmanager only once the
 * notification is on disk, and opens or updates incidents from the journal afterwards.
 *
 * - `append()` resolves once the entry is written and `fdatasync`ed. Appends that arrive while a write is in
 *   progress are written together in the next batch (group commit): one fsync for many notifications.
 * - Each entry is one JSON line `{"seq":N,"at":"…","payload":…}`. A line cut short by a crash was never
 *   acknowledged (the fsync had not returned), so it is dropped when the journal is opened.
 * - `done(seq)` records that an entry was processed. The checkpoint (the highest seq processed, in a file next to the
 *   journal) is written after each processed batch, atomically but without fsync: after a crash the entries after
 *   the checkpoint are replayed, and processing must be idempotent (the records remember the last journal entry
 *   applied to them, `alert_journal: <journal id>:<seq>`).
 * - Once every entry is processed and the file is larger than `compactBytes`, it is emptied; the sequence numbers
 *   continue from the checkpoint, and the journal id (first line of the checkpoint) stays.
 *
 * Knows nothing about alerts or HTTP: the payload is any JSON value.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeFileSync, renameSync, fdatasyncSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export interface JournalEntry<T> {
  seq: number;
  at: string;
  payload: T;
}

export interface JournalOptions {
  /** The journal file; the checkpoint is `<file>.done`. */
  file: string;
  /** Empty the file once everything in it is processed and it is larger than this (default 4 MiB). */
  compactBytes?: number;
  clock?: () => Date;
}

export interface JournalStats {
  /** The journal's id (random, kept across restarts and compactions). */
  id: string;
  /** Highest sequence number written and synced. */
  appended: number;
  /** Highest sequence number processed (every entry up to it is done). */
  processed: number;
  /** Entries written but not processed yet. */
  pending: number;
  /** Lines dropped when the journal was opened (cut short by a crash, or unreadable). */
  dropped: number;
}

interface Waiting {
  line: string;
  seq: number;
  resolve: (seq: number) => void;
  reject: (e: Error) => void;
}

function syncPath(p: string) {
  const fd = openSync(p, 'r');
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class JournalClosed extends Error {}

export class Journal<T> {
  readonly file: string;
  private readonly checkpointFile: string;
  private fh: FileHandle | undefined;
  private id = '';
  private nextSeq = 1;
  private durable = 0;
  private processed = 0;
  private dropped = 0;
  private size = 0;
  private queue: Waiting[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;
  private checkpointDirty = false;

  constructor(private readonly o: JournalOptions) {
    this.file = path.resolve(o.file);
    this.checkpointFile = `${this.file}.done`;
  }

  /**
   * Opens the journal (created when missing) and returns the entries not processed yet, oldest first. A torn last
   * line is cut off the file so the next append starts on a fresh line.
   */
  async open(): Promise<JournalEntry<T>[]> {
    mkdirSync(path.dirname(this.file), { recursive: true });
    let checkpoint = 0;
    if (existsSync(this.checkpointFile)) {
      const [idLine, seqLine] = readFileSync(this.checkpointFile, 'utf8').split('\n');
      if (/^[0-9a-f]{8,32}$/.test(idLine ?? '')) this.id = idLine;
      checkpoint = /^\d+$/.test(seqLine ?? '') ? Number(seqLine) : 0;
    }
    const pending: JournalEntry<T>[] = [];
    let highest = checkpoint;
    if (existsSync(this.file)) {
      const text = readFileSync(this.file, 'utf8');
      const end = text.lastIndexOf('\n') + 1; // after the last complete line
      if (end < text.length) {
        this.dropped++;
        const fd = openSync(this.file, 'r+');
        try {
          ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
          fdatasyncSync(fd);
        } finally {
          closeSync(fd);
        }
      }
      for (const line of text.slice(0, end).split('\n')) {
        if (!line) continue;
        let entry: JournalEntry<T>;
        try {
          entry = JSON.parse(line) as JournalEntry<T>;
        } catch {
          this.dropped++;
          continue;
        }
        if (!Number.isInteger(entry.seq)) {
          this.dropped++;
          continue;
        }
        highest = Math.max(highest, entry.seq);
        if (entry.seq > checkpoint) pending.push(entry);
      }
      this.size = Buffer.byteLength(text.slice(0, end));
    }
    if (!this.id) {
      this.id = randomBytes(8).toString('hex');
      this.writeCheckpoint(checkpoint, true);
    }
    this.processed = checkpoint;
    this.durable = highest;
    this.nextSeq = highest + 1;
    this.fh = await open(this.file, 'a');
    pending.sort((a, b) => a.seq - b.seq);
    return pending;
  }

  get journalId(): string {
    return this.id;
  }

  /** Writes the entry and resolves with its sequence number once it is on disk (fdatasync). */
  append(payload: T): Promise<number> {
    if (this.closed || !this.fh) return Promise.reject(new JournalClosed('the alert journal is closed'));
    const seq = this.nextSeq++;
    const line = `${JSON.stringify({ seq, at: (this.o.clock?.() ?? new Date()).toISOString(), payload })}\n`;
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ line, seq, resolve, reject });
      // Wait for the appends that arrive in this turn of the event loop, then write them in one batch.
      if (!this.flushing) this.flushing = new Promise<void>((r) => setImmediate(r)).then(() => this.flush());
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length && this.fh) {
      const batch = this.queue;
      this.queue = [];
      const data = batch.map((w) => w.line).join('');
      try {
        await this.fh.write(data);
        await this.fh.datasync();
        this.size += Buffer.byteLength(data);
        this.durable = Math.max(this.durable, batch[batch.length - 1].seq);
        for (const w of batch) w.resolve(w.seq);
      } catch (e) {
        for (const w of batch) w.reject(e as Error);
      }
    }
    this.flushing = undefined;
  }

  /** Marks entries up to `seq` processed (entries are processed in order). The checkpoint is written by `checkpoint()`. */
  done(seq: number): void {
    if (seq > this.processed) {
      this.processed = seq;
      this.checkpointDirty = true;
    }
  }

  /** Writes the checkpoint if it moved, and empties the journal when everything in it is processed and it is large. */
  checkpoint(): void {
    if (!this.checkpointDirty) return;
    this.checkpointDirty = false;
    this.writeCheckpoint(this.processed);
    const limit = this.o.compactBytes ?? 4 * 1024 * 1024;
    if (this.size > limit && this.processed === this.nextSeq - 1 && !this.flushing && !this.queue.length) {
      // The checkpoint is on disk first (file and folder synced), so an emptied journal never restarts the sequence.
      this.writeCheckpoint(this.processed, true);
      const fd = openSync(this.file, 'r+');
      try {
        ftruncateSync(fd, 0);
        fdatasyncSync(fd);
      } finally {
        closeSync(fd);
      }
      this.size = 0;
    }
  }

  private writeCheckpoint(seq: number, durable = false) {
    const tmp = `${this.checkpointFile}.${process.pid}.tmp`;
    writeFileSync(tmp, `${this.id}\n${seq}\n`);
    if (durable) syncPath(tmp);
    renameSync(tmp, this.checkpointFile);
    if (durable) syncPath(path.dirname(this.checkpointFile));
  }

  stats(): JournalStats {
    return { id: this.id, appended: this.durable, processed: this.processed, pending: Math.max(0, this.durable - this.processed), dropped: this.dropped };
  }

  /** Waits for appends in progress, writes the checkpoint and closes the file. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
    this.checkpoint();
    await this.fh?.close();
    this.fh = undefined;
  }
}
