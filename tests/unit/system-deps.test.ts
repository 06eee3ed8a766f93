import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as systemDeps from '../../scripts/system-deps.mjs';

interface Dep {
  pkg: string;
  binaries: { env: string; path: string }[];
}
interface Options {
  env?: Record<string, string>;
  isRoot?: boolean;
  aptGet?: string | null;
  log?: (s: string) => void;
  error?: (s: string) => void;
}
// The script is plain JavaScript (it runs before npm ci); these are the parts the tests use.
const { plan, run, SYSTEM_DEPENDENCIES } = systemDeps as unknown as {
  plan: (o: Options) => { action: string };
  run: (o: Options) => number;
  SYSTEM_DEPENDENCIES: Dep[];
};
const deps = SYSTEM_DEPENDENCIES;
const script = path.resolve(__dirname, '../../scripts/system-deps.mjs');
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every dependency's binary moved into a temp folder, where none exists yet. */
function overriddenEnv(): Record<string, string> {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sysdeps-'));
  const env: Record<string, string> = { PATH: dir }; // no apt-get on this PATH
  for (const d of deps) for (const b of d.binaries) env[b.env] = path.join(dir, path.basename(b.path));
  return env;
}

function capture() {
  const out: string[] = [];
  return { out, log: (s: string) => out.push(s), error: (s: string) => out.push(s) };
}

describe('system dependencies of npm test', () => {
  it('does nothing when every binary exists', () => {
    const env = overriddenEnv();
    for (const d of deps) for (const b of d.binaries) writeFileSync(env[b.env], '#!/bin/sh\n', { mode: 0o755 });
    expect(plan({ env, isRoot: false }).action).toBe('none');
  });

  it('stops without root, naming every missing package and the command', () => {
    const env = overriddenEnv();
    const c = capture();
    expect(run({ env, isRoot: false, aptGet: '/usr/bin/apt-get', ...c })).toBe(1);
    const text = c.out.join('\n');
    for (const d of deps) expect(text).toContain(d.pkg);
    expect(text).toContain(`sudo apt-get update && sudo apt-get install -y ${deps.map((d) => d.pkg).join(' ')}`);
  });

  it('stops as root when apt-get is not there', () => {
    const env = overriddenEnv();
    expect(plan({ env, isRoot: true, aptGet: null }).action).toBe('stop');
  });

  it('installs as root with apt-get, with a one-line notice', () => {
    const env = overriddenEnv();
    // A stand-in apt-get that records its arguments and "installs" by creating the overridden binaries.
    const fake = path.join(dir, 'apt-get');
    const creates = deps.flatMap((d) => d.binaries.map((b) => env[b.env]));
    writeFileSync(
      fake,
      `#!/bin/sh\nPATH=/usr/bin:/bin\necho "$@" >> ${dir}/calls\nif [ "$1" = install ]; then for f in ${creates.join(' ')}; do printf '#!/bin/sh\\n' > "$f"; chmod +x "$f"; done; fi\n`,
    );
    chmodSync(fake, 0o755);
    const c = capture();
    expect(run({ env, isRoot: true, aptGet: fake, ...c })).toBe(0);
    expect(readFileSync(path.join(dir, 'calls'), 'utf8')).toBe(`update -qq\ninstall -y -qq ${deps.map((d) => d.pkg).join(' ')}\n`);
    expect(c.out[0]).toMatch(/^system-deps: installing /);
    for (const f of creates) expect(existsSync(f)).toBe(true);
  });

  it('reports a failed apt-get with the command to run by hand', () => {
    const env = overriddenEnv();
    const fake = path.join(dir, 'apt-get');
    writeFileSync(fake, '#!/bin/sh\nexit 100\n', { mode: 0o755 });
    const c = capture();
    expect(run({ env, isRoot: true, aptGet: fake, ...c })).toBe(1);
    expect(c.out.join('\n')).toContain('failed (exit 100)');
  });

  it('as a command: exits non-zero before anything else when a package is missing and cannot be installed', () => {
    const env = overriddenEnv(); // PATH without apt-get: even root cannot install
    const r = spawnSync(process.execPath, [script], { env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('npm test needs system packages that are missing');
    expect(r.stderr).toContain('apt-get install -y');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
