/** Training progress kept in the browser (localStorage): per module, the chosen answer of each question. */
export interface ModuleProgress {
  answers: Record<string, number>;
  completedAt?: string;
}

const KEY = 'incident-handbook:training:v1';
export const PASS_MARK = 0.8;

export function loadProgress(): Record<string, ModuleProgress> {
  if (typeof window === 'undefined') return {};
  try {
    const v = JSON.parse(window.localStorage.getItem(KEY) ?? '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

export function saveModule(id: string, progress: ModuleProgress | undefined): void {
  const others = Object.entries(loadProgress()).filter(([key]) => key !== id);
  const all = Object.fromEntries(progress ? [...others, [id, progress]] : others);
  try {
    window.localStorage.setItem(KEY, JSON.stringify(all));
    window.dispatchEvent(new Event('handbook-progress'));
  } catch {
    // Private mode or a full quota: progress is simply not kept.
  }
}
