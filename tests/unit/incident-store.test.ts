import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IncidentStore, lockFileOf } from '../../plugins/incidents/store';
import { LockTimeout, withLock } from '../../plugins/incidents/lock';
import { editRecord, newRecordText } from '../../plugins/incidents/record';
import { projectWith } from './helpers';

const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));
function tempRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'store-'));
  dirs.push(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

const record = (id: string, title = 'Checkout errors') =>
  newRecordText(
    { title, type: 'incident', id, incident_type: 'x', severity: 'S', status: 'investigating', services: ['a'], detected_at: '2026-07-01T10:00:00Z' },
    'Something broke and the responders are looking into it right now, more soon.',
    { at: '2026-07-01T10:00:00Z', text: 'Opened.' },
  );

describe('incident store', () => {
  it('gives 20 concurrent declarations 20 distinct ids', async () => {
    const store = new IncidentStore({ root: tempRoot() });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.create((id) => ({ text: record(id, `Incident ${i}`), title: `Incident ${i}`, year: 2026 }))),
    );
    const ids = results.map((r) => r.incident.id).sort();
    expect(new Set(ids).size).toBe(20);
    expect(ids[0]).toBe('INC-0001');
    expect(ids[19]).toBe('INC-0020');
    expect(store.list()).toHaveLength(20);
  });

  it('serialises concurrent updates of one record: none is lost', async () => {
    const store = new IncidentStore({ root: tempRoot() });
    const { incident } = await store.create((id) => ({ text: record(id), title: 'x', year: 2026 }));
    await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        store.update(incident.id, (cur) => editRecord(cur.text, () => undefined, [{ at: '2026-07-01T10:01:00Z', text: `note ${i}` }]), 'note'),
      ),
    );
    const text = readFileSync(incident.abs, 'utf8');
    for (let i = 0; i < 15; i++) expect(text).toContain(`note ${i}\n`);
  });

  it('returns the existing record instead of creating a second one for the same key', async () => {
    const store = new IncidentStore({ root: tempRoot() });
    const make = (id: string) => ({ text: record(id).replace('status: investigating', 'status: investigating\nalert_group: g1'), title: 'x', year: 2026 });
    const same = (all: { fm: Record<string, unknown> }[]) => all.find((i) => i.fm.alert_group === 'g1') as never;
    const [a, b, c] = await Promise.all([store.create(make, same), store.create(make, same), store.create(make, same)]);
    expect([a.created, b.created, c.created].filter(Boolean)).toHaveLength(1);
    expect(new Set([a.incident.id, b.incident.id, c.incident.id]).size).toBe(1);
  });

  it('writes nothing when validation refuses the new text', async () => {
    const root = tempRoot();
    const store = new IncidentStore({
      root,
      validate: (_f, text) => {
        if (text.includes('bad')) throw new Error('refused');
      },
    });
    const { incident } = await store.create((id) => ({ text: record(id), title: 'x', year: 2026 }));
    const before = readFileSync(incident.abs, 'utf8');
    await expect(store.update(incident.id, (cur) => `${cur.text}bad\n`, 'x')).rejects.toThrow('refused');
    expect(readFileSync(incident.abs, 'utf8')).toBe(before);
    expect(existsSync(lockFileOf(root))).toBe(false);
  });
});

describe('store lock', () => {
  it('recovers a lock whose owner process is gone', async () => {
    const file = path.join(tempRoot(), 'x.lock');
    // A pid far above pid_max on Linux: no process has it.
    writeFileSync(file, `99999999 ${Date.now()}\n`);
    expect(await withLock(file, () => 'ran', { timeoutMs: 2000 })).toBe('ran');
    expect(existsSync(file)).toBe(false);
  });

  it('recovers a lock older than the stale limit even when its pid is alive', async () => {
    const file = path.join(tempRoot(), 'x.lock');
    writeFileSync(file, `${process.ppid} 1\n`);
    const old = new Date(Date.now() - 120_000);
    utimesSync(file, old, old);
    expect(await withLock(file, () => 'ran', { timeoutMs: 2000, staleMs: 60_000 })).toBe('ran');
  });

  it('waits for a live holder and gives up with a clear error', async () => {
    const file = path.join(tempRoot(), 'x.lock');
    writeFileSync(file, `${process.ppid} ${Date.now()}\n`);
    await expect(withLock(file, () => 'ran', { timeoutMs: 100, staleMs: 60_000 })).rejects.toThrow(LockTimeout);
    expect(readFileSync(file, 'utf8')).toContain(String(process.ppid));
  });
});

describe('handbook incident (CLI) under concurrency', () => {
  const CLI = path.resolve(__dirname, '../../scripts/handbook.mjs');
  const run = (root: string, args: string[]) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      const p = spawn(process.execPath, [CLI, ...args], { cwd: root, env: { ...process.env, HANDBOOK_NOW: '2026-07-01T10:00:00Z' } });
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.stderr.on('data', (d) => (out += d));
      p.on('close', (code) => resolve({ code: code ?? 1, out }));
    });

  it('parallel "incident open" runs get distinct ids; parallel notes are all kept', async () => {
    const { root, cleanup } = projectWith({});
    dirs.push(cleanup);
    mkdirSync(path.join(root, 'incidents'), { recursive: true });
    const { project } = (await import('../../plugins/lint/load')).loadProject(root);
    const severity = project.registries.get('severity')![0];
    const type = project.registries.get('incident-type')![0];
    const service = project.registries.get('service')![0];
    const opened = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        run(root, ['incident', 'open', '--title', `Parallel incident ${i}`, '--severity', severity, '--type', type, '--services', service]),
      ),
    );
    expect(opened.map((o) => o.code)).toEqual([0, 0, 0, 0, 0, 0]);
    const ids = opened.map((o) => /Opened (INC-\d+)/.exec(o.out)?.[1]);
    expect(new Set(ids).size).toBe(6);
    const notes = await Promise.all([
      run(root, ['incident', 'update', ids[0]!, '--note', 'first parallel note']),
      run(root, ['incident', 'update', ids[0]!, '--note', 'second parallel note']),
    ]);
    expect(notes.map((n) => n.code)).toEqual([0, 0]);
    const store = new IncidentStore({ root });
    const text = store.get(ids[0]!).text;
    expect(text).toContain('first parallel note');
    expect(text).toContain('second parallel note');
  }, 180_000);
});
