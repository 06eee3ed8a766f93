/** Where the linter's code is, for its version and for the code hash in cache keys. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set by scripts/build-cli.mjs in the CLI bundle: the folder of the linter's sources the bundle was built from. */
declare const __HANDBOOK_CODE_DIR__: string | undefined;

/**
 * The folder whose files are the linter's code: the one this module was loaded from (the sources, or the package's
 * compiled files), or, in the repository's CLI bundle, the sources it was built from. The bundle and the site build
 * (which compiles the same sources) then agree on the version and on cache keys, so the build reuses what
 * `handbook lint --cache` stored.
 */
export function codeDir(): string {
  if (typeof __HANDBOOK_CODE_DIR__ === 'string' && existsSync(__HANDBOOK_CODE_DIR__)) return __HANDBOOK_CODE_DIR__;
  return path.dirname(fileURLToPath(import.meta.url));
}
