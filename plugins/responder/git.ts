/**
 * --git-commit: each change to a record is committed in the responder's checkout (author "handbook responder",
 * message "INC-0042: acknowledged (by alice)"), so git history is the audit trail. --git-push <remote> <branch>
 * pushes after each commit, in the background, one push at a time; a failed push is logged and retried with the
 * next change. Only the record's own file is staged.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { redact } from '../lib/notify';

const run = promisify(execFile);

export interface GitOptions {
  root: string;
  push?: { remote: string; branch: string };
  log: (entry: Record<string, unknown>) => void;
}

export function gitRecorder(o: GitOptions) {
  let pushing: Promise<void> | undefined;
  let again = false;
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'handbook responder',
    GIT_AUTHOR_EMAIL: 'responder@handbook.invalid',
    GIT_COMMITTER_NAME: 'handbook responder',
    GIT_COMMITTER_EMAIL: 'responder@handbook.invalid',
  };
  const push = () => {
    if (!o.push) return;
    if (pushing) {
      again = true;
      return;
    }
    pushing = run('git', ['push', o.push.remote, `HEAD:${o.push.branch}`], { cwd: o.root, env, timeout: 60_000 })
      .then(() => undefined)
      .catch((e: Error & { stderr?: string }) =>
        o.log({ msg: 'git push failed; retried with the next change', error: redact(String(e.stderr ?? e.message).split('\n')[0]) }),
      )
      .finally(() => {
        pushing = undefined;
        if (again) {
          again = false;
          push();
        }
      });
  };
  return async (change: { relPath: string; message: string }) => {
    try {
      await run('git', ['add', '--', change.relPath], { cwd: o.root, env, timeout: 30_000 });
      await run('git', ['commit', '--quiet', '--no-verify', '-m', change.message, '--', change.relPath], { cwd: o.root, env, timeout: 30_000 });
      push();
    } catch (e) {
      o.log({
        msg: 'git commit failed; the record is written but not committed',
        file: change.relPath,
        error: redact(String((e as Error & { stderr?: string }).stderr ?? (e as Error).message).split('\n')[0]),
      });
    }
  };
}
