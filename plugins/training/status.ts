/**
 * Training status: who must complete which module (data/training.yaml), who did (data/training-records/), and
 * who is ready for their shifts (data/oncall.yaml). Pure: everything comes in as arguments, nothing is read here,
 * so the lint rule, `handbook training status`, the coverage report, the responder and the site share it.
 */
import { parseDuration } from '../lint/duration';
import { shiftAt, shiftsBetween, type RotationInput } from '../lib/oncall';

const DAY_MS = 86_400_000;

export interface Requirement {
  role: string;
  modules: string[];
  /** How long a completion stays current: a duration as written in data (P2Y, 365d). */
  renewEvery: string;
}

/** The date `duration` after `date` (YYYY-MM-DD): whole years and months on the calendar, other durations exactly. */
export function addDuration(date: string, duration: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const cal = /^P(?:(\d+)Y)?(?:(\d+)M)?$/.exec(duration);
  if (cal && (cal[1] || cal[2])) {
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + Number(cal[2] ?? 0) + 12 * Number(cal[1] ?? 0));
    // 29 February plus a year is 28 February, not 1 March.
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return d.toISOString().slice(0, 10);
  }
  return new Date(d.getTime() + (parseDuration(duration) ?? 365 * DAY_MS)).toISOString().slice(0, 10);
}

/** Which of two renewal periods is shorter, measured from the same day. */
function shorter(a: string | undefined, b: string): string {
  if (a === undefined) return b;
  return addDuration('2000-01-01', a) <= addDuration('2000-01-01', b) ? a : b;
}

export interface Completion {
  relPath: string;
  person: string;
  module: string;
  moduleVersion: number;
  score: number;
  questions: number;
  completedOn: string;
}

export interface ModuleInfo {
  id: string;
  title: string;
  version: number;
  passMark: number;
  /** Questions in the module's quiz. */
  questions: number;
  route?: string;
}

export interface Rotation extends RotationInput {
  id: string;
  role: string;
  name?: string;
}

/** current: passed, current version, within the renewal period. The others say why it does not count. */
export type ItemState = 'current' | 'expired' | 'stale' | 'failed' | 'missing';

export interface TrainingItem {
  module: string;
  /** The roles that require the module. */
  roles: string[];
  state: ItemState;
  /** The record that decides the state (the latest passing one when there is one). */
  completion?: Completion;
  /** When the current completion must be renewed (YYYY-MM-DD). */
  renewBy?: string;
}

export interface RotationSlot {
  rotation: string;
  role: string;
  timezone: string;
  /** Index in the rotation's members, for positions in data/oncall.yaml. */
  rotationIndex: number;
  memberIndex: number;
  onCallNow: boolean;
  /** The shift that is on now, or the next one within the horizon. */
  shift?: { start: string; end: string };
}

/** ready: every required module current. due: something is missing before the first shift. overdue: on call without it. */
export type Readiness = 'ready' | 'due' | 'overdue';

export interface PersonStatus {
  person: string;
  roles: string[];
  slots: RotationSlot[];
  items: TrainingItem[];
  readiness: Readiness;
  /** The start of the first shift (now or coming) that the missing training blocks. */
  firstShift?: string;
}

export interface TrainingInput {
  requirements: Requirement[];
  completions: Completion[];
  modules: Map<string, ModuleInfo>;
  rotations: Rotation[];
  now: Date;
  /** How far ahead to look for a person's next shift. */
  horizonMs?: number;
}

/** Percentage of correct answers, rounded down. */
export function percent(c: Pick<Completion, 'score' | 'questions'>): number {
  return Math.floor((c.score * 100) / c.questions);
}

export function passed(c: Completion, module: ModuleInfo | undefined): boolean {
  return module !== undefined && c.score <= c.questions && percent(c) >= module.passMark;
}

/** The state of one required module for one person at `now`. */
export function itemState(
  person: string,
  module: string,
  renewEvery: string,
  completions: Completion[],
  modules: Map<string, ModuleInfo>,
  now: Date,
): Omit<TrainingItem, 'roles'> {
  const info = modules.get(module);
  const mine = completions.filter((c) => c.person === person && c.module === module).sort((a, b) => b.completedOn.localeCompare(a.completedOn));
  if (mine.length === 0) return { module, state: 'missing' };
  const passing = mine.filter((c) => passed(c, info));
  if (passing.length === 0) return { module, state: 'failed', completion: mine[0] };
  const version = info?.version ?? 1;
  const currentVersion = passing.filter((c) => c.moduleVersion >= version);
  if (currentVersion.length === 0) return { module, state: 'stale', completion: passing[0] };
  const latest = currentVersion[0];
  const renewBy = addDuration(latest.completedOn, renewEvery);
  if (renewBy <= now.toISOString().slice(0, 10)) return { module, state: 'expired', completion: latest, renewBy };
  return { module, state: 'current', completion: latest, renewBy };
}

/** Requirements as read from data/training.yaml (unreadable durations count as one year). */
export function requirementsFrom(value: unknown): Requirement[] {
  const list = (value as { requirements?: unknown })?.requirements;
  if (!Array.isArray(list)) return [];
  return list
    .filter((r): r is { role: string; modules: string[]; renew_every?: string } => typeof r?.role === 'string' && Array.isArray(r?.modules))
    .map((r) => ({
      role: r.role,
      modules: r.modules.filter((m) => typeof m === 'string'),
      renewEvery: parseDuration(r.renew_every) !== undefined ? r.renew_every! : 'P1Y',
    }));
}

/** Status of every person who is in a rotation whose role requires training. */
export function trainingStatus(input: TrainingInput): PersonStatus[] {
  const { requirements, completions, modules, rotations, now } = input;
  const horizon = input.horizonMs ?? 366 * DAY_MS;
  const byRole = new Map<string, Requirement[]>();
  for (const r of requirements) byRole.set(r.role, [...(byRole.get(r.role) ?? []), r]);

  const people = new Map<string, RotationSlot[]>();
  rotations.forEach((rot, rotationIndex) => {
    if (!Array.isArray(rot.members) || rot.members.length === 0) return;
    let current: ReturnType<typeof shiftAt> | undefined;
    let upcoming: ReturnType<typeof shiftsBetween> = [];
    try {
      current = shiftAt(rot, now);
      upcoming = shiftsBetween(rot, current.end, now.getTime() + horizon, rot.members.length);
    } catch {
      return; // an unreadable rotation is reported by the data schema and data-consistency
    }
    rot.members.forEach((person, memberIndex) => {
      const onCallNow = current?.index === memberIndex;
      const shift = onCallNow ? current : upcoming.find((s) => s.index === memberIndex);
      const slot: RotationSlot = {
        rotation: rot.id,
        role: rot.role,
        timezone: rot.timezone,
        rotationIndex,
        memberIndex,
        onCallNow,
        shift: shift ? { start: shift.start.toISOString(), end: shift.end.toISOString() } : undefined,
      };
      people.set(person, [...(people.get(person) ?? []), slot]);
    });
  });

  const out: PersonStatus[] = [];
  for (const [person, slots] of [...people].sort(([a], [b]) => a.localeCompare(b))) {
    const roles = [...new Set(slots.map((s) => s.role))].sort();
    // A module required by several roles is renewed at the shortest of their periods.
    const needed = new Map<string, { roles: string[]; renewEvery: string }>();
    for (const role of roles) {
      for (const req of byRole.get(role) ?? []) {
        for (const m of req.modules) {
          const prev = needed.get(m);
          needed.set(m, { roles: [...new Set([...(prev?.roles ?? []), role])], renewEvery: shorter(prev?.renewEvery, req.renewEvery) });
        }
      }
    }
    if (needed.size === 0) continue;
    const items: TrainingItem[] = [...needed].map(([m, n]) => ({ ...itemState(person, m, n.renewEvery, completions, modules, now), roles: n.roles }));
    const missing = items.filter((i) => i.state !== 'current');
    const blocking = slots.filter((s) => missing.some((i) => i.roles.includes(s.role)));
    const firstShift = blocking
      .map((s) => s.shift?.start)
      .filter((s): s is string => s !== undefined)
      .sort()[0];
    const readiness: Readiness = missing.length === 0 ? 'ready' : blocking.some((s) => s.onCallNow) ? 'overdue' : 'due';
    out.push({ person, roles, slots, items, readiness, firstShift: missing.length ? firstShift : undefined });
  }
  return out;
}

/** Counts for summaries (coverage, the site). */
export function summarise(status: PersonStatus[]): { people: number; ready: number; due: number; overdue: number } {
  return {
    people: status.length,
    ready: status.filter((p) => p.readiness === 'ready').length,
    due: status.filter((p) => p.readiness === 'due').length,
    overdue: status.filter((p) => p.readiness === 'overdue').length,
  };
}
