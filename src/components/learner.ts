/** The learner's chat handle, entered once and kept in this browser (no account, no server). */
const KEY = 'incident-handbook:learner:v1';

export function loadLearner(): string | undefined {
  if (typeof window === 'undefined') return undefined;
  try {
    const v = window.localStorage.getItem(KEY);
    return v && /^@[A-Za-z0-9._-]{1,40}$/.test(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function saveLearner(handle: string): void {
  try {
    window.localStorage.setItem(KEY, handle);
    window.dispatchEvent(new Event('handbook-learner'));
  } catch {
    // Private mode or a full quota: the handle is asked again next time.
  }
}
