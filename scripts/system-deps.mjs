#!/usr/bin/env node
// The system packages `npm test` needs, checked before any test runs (also the first step of `.ci/run`).
//
// When one is missing: as root with apt-get (CI, a fresh container) it is installed with a one-line notice;
// otherwise the run stops at once with the exact command to run. Never a silent `sudo`.
// Paths can be overridden (CHROMIUM_PATH, ALERTMANAGER_PATH, AMTOOL_PATH, PROMTOOL_PATH) for machines that are
// not Debian, and by the tests of this script.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the tests use, by Debian package. Each binary may be moved with its environment variable. */
export const SYSTEM_DEPENDENCIES = [
  { pkg: 'chromium', why: 'browser tests', binaries: [{ env: 'CHROMIUM_PATH', path: '/usr/bin/chromium' }] },
  {
    pkg: 'prometheus-alertmanager',
    why: 'the responder integration test (a real Alertmanager and amtool)',
    binaries: [
      { env: 'ALERTMANAGER_PATH', path: '/usr/bin/prometheus-alertmanager' },
      { env: 'AMTOOL_PATH', path: '/usr/bin/amtool' },
    ],
  },
  { pkg: 'prometheus', why: 'checking Prometheus alert rules with promtool', binaries: [{ env: 'PROMTOOL_PATH', path: '/usr/bin/promtool' }] },
];

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The packages whose binaries are missing, with the paths that were looked at. */
export function missingDependencies(env = process.env, deps = SYSTEM_DEPENDENCIES, isExecutable = executable) {
  const missing = [];
  for (const dep of deps) {
    const absent = dep.binaries.map((b) => env[b.env] || b.path).filter((p) => !isExecutable(p));
    if (absent.length > 0) missing.push({ ...dep, absent });
  }
  return missing;
}

export function installCommand(pkgs, prefix = '') {
  return `${prefix}apt-get update && ${prefix}apt-get install -y ${pkgs.join(' ')}`;
}

/**
 * Decide what to do: nothing, install (root and apt-get present), or stop with the command to run.
 * `env.HANDBOOK_SKIP_SYSTEM_DEPS=1` skips the check (for runs that only need parts of the suite).
 */
export function plan({ env = process.env, isRoot = process.getuid?.() === 0, aptGet = findOnPath('apt-get', env), isExecutable = executable } = {}) {
  if (env.HANDBOOK_SKIP_SYSTEM_DEPS === '1') return { action: 'skip', missing: [] };
  const missing = missingDependencies(env, SYSTEM_DEPENDENCIES, isExecutable);
  if (missing.length === 0) return { action: 'none', missing };
  const pkgs = missing.map((m) => m.pkg);
  // aptGet: its path, or null when the machine has none (the default looks it up on PATH).
  if (isRoot && aptGet) return { action: 'install', missing, aptGet, pkgs };
  return { action: 'stop', missing, command: installCommand(pkgs, isRoot ? '' : 'sudo ') };
}

function findOnPath(name, env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function describe(missing) {
  return missing.map((m) => `  ${m.pkg} (for ${m.why}): not found at ${m.absent.join(', ')}`).join('\n');
}

/** Runs the plan; returns the exit code. */
export function run({ env = process.env, log = console.log, error = console.error, ...rest } = {}) {
  const p = plan({ env, ...rest });
  if (p.action === 'skip') {
    log('system-deps: skipped (HANDBOOK_SKIP_SYSTEM_DEPS=1)');
    return 0;
  }
  if (p.action === 'none') {
    log(`system-deps: ${SYSTEM_DEPENDENCIES.map((d) => d.pkg).join(', ')} present`);
    return 0;
  }
  if (p.action === 'stop') {
    error(
      `npm test needs system packages that are missing:\n${describe(p.missing)}\nInstall them, then run npm test again:\n  ${p.command}\n(or point ${p.missing.flatMap((m) => m.binaries.map((b) => b.env)).join(', ')} at existing binaries)`,
    );
    return 1;
  }
  log(`system-deps: installing ${p.pkgs.join(' ')} with apt-get (missing: ${p.missing.map((m) => m.absent.join(', ')).join('; ')})`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...p.pkgs],
  ]) {
    const r = spawnSync(p.aptGet, args, { env: aptEnv, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) {
      error(`system-deps: "apt-get ${args.join(' ')}" failed (exit ${r.status ?? r.signal}); install by hand:\n  ${installCommand(p.pkgs)}`);
      return 1;
    }
  }
  const still = missingDependencies(env);
  if (still.length > 0) {
    error(`system-deps: installed, yet still missing:\n${describe(still)}`);
    return 1;
  }
  log(`system-deps: installed ${p.pkgs.join(' ')}`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(run());
}
