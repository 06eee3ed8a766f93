import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../plugins/incidents/journal';
import { AlertIntake } from '../../plugins/incidents/alert-intake';
import { ResponderError, type Responder } from '../../plugins/incidents/responder';
import type { AlertmanagerPayload } from '../../plugins/incidents/alert-routing';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function journalFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'journal-'));
  dirs.push(dir);
  return path.join(dir, 'state', 'alerts.journal');
}

const payload = (group: string, status: 'firing' | 'resolved' = 'firing'): AlertmanagerPayload => ({
  version: '4',
  groupKey: group,
  status,
  alerts: [{ status, labels: { alertname: group }, startsAt: '2026-07-01T10:00:00Z' }],
});

/** A stand-in for the responder domain: records what is applied, and which records "exist" per group. */
function fakeResponder(opts: { fail?: (p: AlertmanagerPayload) => Error | undefined } = {}) {
  const applied: { group: string; seq: number }[] = [];
  const lastApplied = new Map<string, number>();
  const r = {
    isHeartbeat: (p: AlertmanagerPayload) => p.groupKey === 'heartbeat',
    heartbeat: () => ({ action: 'heartbeat' as const }),
    precheck: (p: AlertmanagerPayload) => {
      if (p.groupKey === 'refused') throw new ResponderError('refused at the door');
    },
    alertmanager: async (p: AlertmanagerPayload, source?: { journal: string; seq: number }) => {
      const e = opts.fail?.(p);
      if (e) throw e;
      // Idempotent like the real one: an entry at or below the last one applied to the group changes nothing.
      if (source && (lastApplied.get(p.groupKey) ?? 0) >= source.seq) return { action: 'unchanged' as const };
      if (source) lastApplied.set(p.groupKey, source.seq);
      applied.push({ group: p.groupKey, seq: source?.seq ?? 0 });
      return { action: 'opened' as const };
    },
  };
  return { responder: r as unknown as Responder, applied, lastApplied };
}

describe('alert journal', () => {
  it('acknowledges each append once it is on disk, batching concurrent appends, with increasing sequence numbers', async () => {
    const file = journalFile();
    const j = new Journal<AlertmanagerPayload>({ file });
    expect(await j.open()).toEqual([]);
    const seqs = await Promise.all(Array.from({ length: 50 }, (_, i) => j.append(payload(`g${i}`))));
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.seq)).toEqual(seqs);
    expect(lines[7].payload.groupKey).toBe('g7');
    expect(j.stats()).toMatchObject({ appended: 50, processed: 0, pending: 50 });
    await j.close();
  });

  it('after a crash returns exactly the entries after the checkpoint, and drops a line cut short (never acknowledged)', async () => {
    const file = journalFile();
    const j = new Journal<AlertmanagerPayload>({ file });
    await j.open();
    for (let i = 1; i <= 5; i++) await j.append(payload(`g${i}`));
    j.done(2);
    j.checkpoint();
    // The process dies here (no close); a write was cut short mid-line.
    appendFileSync(file, '{"seq":6,"at":"2026-07-01T10:00:00Z","payload":{"groupK');
    const again = new Journal<AlertmanagerPayload>({ file });
    const pending = await again.open();
    expect(pending.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(pending.map((e) => e.payload.groupKey)).toEqual(['g3', 'g4', 'g5']);
    expect(again.stats()).toMatchObject({ appended: 5, processed: 2, pending: 3, dropped: 1 });
    expect(again.journalId).toBe(j.journalId);
    // The torn tail was cut off: the next entry starts on its own line and continues the sequence.
    expect(await again.append(payload('g6'))).toBe(6);
    const third = new Journal<AlertmanagerPayload>({ file });
    expect((await third.open()).map((e) => e.seq)).toEqual([3, 4, 5, 6]);
    await Promise.all([again.close(), third.close()]);
  });

  it('empties the file once everything is processed, and the sequence continues after a restart', async () => {
    const file = journalFile();
    const j = new Journal<AlertmanagerPayload>({ file, compactBytes: 100 });
    await j.open();
    for (let i = 1; i <= 4; i++) await j.append(payload(`g${i}`));
    j.done(4);
    j.checkpoint();
    expect(statSync(file).size).toBe(0);
    await j.close();
    const again = new Journal<AlertmanagerPayload>({ file, compactBytes: 100 });
    expect(await again.open()).toEqual([]);
    expect(await again.append(payload('g5'))).toBe(5);
    await again.close();
  });
});

describe('alert intake', () => {
  it('acknowledges after the journal write, applies in order, and a restart applies only what was left', async () => {
    const file = journalFile();
    const first = fakeResponder();
    const held = new AlertIntake({ journal: new Journal({ file }), responder: first.responder, hold: true });
    await held.start();
    const acks = await Promise.all(['a', 'b', 'a', 'c'].map((g) => held.accept(payload(g))));
    expect(acks.map((a) => a.seq)).toEqual([1, 2, 3, 4]);
    expect(first.applied).toEqual([]); // held: journaled, not applied (a crash at this point loses nothing)

    const second = fakeResponder();
    const intake = new AlertIntake({ journal: new Journal({ file }), responder: second.responder });
    expect(await intake.start()).toBe(4);
    await intake.idle();
    expect(second.applied).toEqual([
      { group: 'a', seq: 1 },
      { group: 'b', seq: 2 },
      { group: 'a', seq: 3 },
      { group: 'c', seq: 4 },
    ]);
    expect(intake.stats()).toMatchObject({ appended: 4, processed: 4, pending: 0, failed: 0 });
    await intake.stop();

    // A crash after applying but before the checkpoint moved: the entries come again and change nothing.
    writeFileSync(`${file}.done`, `${readFileSync(`${file}.done`, 'utf8').split('\n')[0]}\n1\n`);
    const third = new AlertIntake({ journal: new Journal({ file }), responder: second.responder });
    expect(await third.start()).toBe(3);
    await third.idle();
    expect(second.applied).toHaveLength(4);
    await third.stop();
  });

  it('answers heartbeats without the journal and refuses what the responder refuses, writing nothing', async () => {
    const file = journalFile();
    const { responder, applied } = fakeResponder();
    const intake = new AlertIntake({ journal: new Journal({ file }), responder });
    await intake.start();
    expect(await intake.accept(payload('heartbeat'))).toEqual({ accepted: true, heartbeat: true });
    await expect(intake.accept(payload('refused'))).rejects.toThrow('refused at the door');
    expect(readFileSync(file, 'utf8')).toBe('');
    expect(applied).toEqual([]);
    await intake.stop();
  });

  it('counts a notification that cannot be applied, keeps it in the journal and goes on with the next', async () => {
    const file = journalFile();
    const logs: Record<string, unknown>[] = [];
    const { responder, applied } = fakeResponder({ fail: (p) => (p.groupKey === 'bad' ? new Error('record would be invalid') : undefined) });
    const intake = new AlertIntake({ journal: new Journal({ file }), responder, log: (e) => logs.push(e) });
    await intake.start();
    await intake.accept(payload('bad'));
    await intake.accept(payload('good'));
    await intake.idle();
    expect(applied.map((a) => a.group)).toEqual(['good']);
    expect(intake.stats()).toMatchObject({ failed: 1, pending: 0 });
    expect(logs.some((l) => l.seq === 1 && String(l.error).includes('record would be invalid'))).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('"groupKey":"bad"');
    await intake.stop();
  });
});
