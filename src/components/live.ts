/**
 * The open incidents, live from the responder (`handbook serve`), for the incidents index. The site is static and
 * never embeds a token: where the responder is comes from /responder.json (written by the build from responder_url
 * or HANDBOOK_RESPONDER_URL), and the viewer pastes a read token that stays in this tab (sessionStorage) and is sent
 * only to that responder. Without an address, a token, a network or an answer, the page keeps the last build's rows
 * and says which of these it is.
 */
import { useCallback, useEffect, useState } from 'react';
import type { IncidentRow } from '@site/plugins/docusaurus-plugin-handbook/incidents';

const TOKEN_KEY = 'incident-handbook:responder-token';
const REFRESH_MS = 30_000;

export type LiveState =
  | { kind: 'loading' }
  | { kind: 'no-responder' }
  | { kind: 'no-token'; responder: string; refused?: string }
  | { kind: 'offline'; responder: string }
  | { kind: 'error'; responder: string; detail: string }
  | { kind: 'live'; responder: string; rows: IncidentRow[]; at: string };

/** A record from GET /api/incidents as a row of the index: the commander is the role whose function is command. */
export function liveRow(record: Record<string, unknown>, commanderRole: string | undefined, routes: Map<string, string>): IncidentRow | undefined {
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const id = str(record.id);
  const detected = str(record.detected_at);
  if (!id || !detected) return undefined;
  const roles = record.roles && typeof record.roles === 'object' ? (record.roles as Record<string, unknown>) : {};
  return {
    id,
    title: str(record.title) ?? id,
    route: routes.get(id) ?? '',
    severity: str(record.severity) ?? '?',
    status: str(record.status) ?? '?',
    type: str(record.incident_type) ?? '',
    services: Array.isArray(record.services) ? record.services.filter((s): s is string => typeof s === 'string') : [],
    commander: commanderRole ? str(roles[commanderRole]) : undefined,
    detected_at: detected,
    next_update_due: str(record.next_update_due),
    example: false,
  };
}

/** Most severe first (the order of the severity registry), then the oldest. */
export function sortRows(rows: IncidentRow[], severities: string[]): IncidentRow[] {
  const rank = (s: string) => (severities.includes(s) ? severities.indexOf(s) : severities.length);
  return [...rows].sort((a, b) => rank(a.severity) - rank(b.severity) || a.detected_at.localeCompare(b.detected_at));
}

function storedToken(): string | undefined {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function storeToken(token: string | undefined): void {
  try {
    if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
    else window.sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // No session storage: the token lives only as long as this page.
  }
}

export function useLiveIncidents(opts: { sourceUrl: string; commanderRole?: string; severities: string[]; routes: Map<string, string> }) {
  const { sourceUrl, commanderRole, severities, routes } = opts;
  const [responder, setResponder] = useState<string | null>();
  const [token, setTokenState] = useState<string>();
  const [state, setState] = useState<LiveState>({ kind: 'loading' });

  useEffect(() => {
    setTokenState(storedToken());
    let cancelled = false;
    fetch(sourceUrl, { cache: 'no-cache' })
      .then((r) => (r.ok ? r.json() : { url: null }))
      .then((j: { url?: unknown }) => !cancelled && setResponder(typeof j.url === 'string' && /^https?:\/\//.test(j.url) ? j.url.replace(/\/+$/, '') : null))
      .catch(() => !cancelled && setResponder(null));
    return () => {
      cancelled = true;
    };
  }, [sourceUrl]);

  const load = useCallback(async () => {
    if (responder === undefined) return;
    if (responder === null) return setState({ kind: 'no-responder' });
    if (!token) return setState((s) => (s.kind === 'no-token' && s.refused ? s : { kind: 'no-token', responder }));
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return setState({ kind: 'offline', responder });
    try {
      const res = await fetch(`${responder}/api/incidents?status=open`, {
        headers: { Authorization: `Bearer ${token}` },
        cache: 'no-store',
        credentials: 'omit',
        signal: AbortSignal.timeout(15_000),
      });
      if (res.status === 401 || res.status === 403) {
        storeToken(undefined);
        setTokenState(undefined);
        return setState({ kind: 'no-token', responder, refused: `the responder refused the token (HTTP ${res.status})` });
      }
      if (!res.ok) return setState({ kind: 'error', responder, detail: `HTTP ${res.status}` });
      const body = (await res.json()) as { incidents?: unknown };
      const list = Array.isArray(body.incidents) ? body.incidents : [];
      const rows = list
        .flatMap((r) => (r && typeof r === 'object' ? [liveRow(r as Record<string, unknown>, commanderRole, routes)] : []))
        .filter((r): r is IncidentRow => Boolean(r));
      setState({ kind: 'live', responder, rows: sortRows(rows, severities), at: new Date().toISOString() });
    } catch (e) {
      if (typeof navigator !== 'undefined' && navigator.onLine === false) return setState({ kind: 'offline', responder });
      setState({
        kind: 'error',
        responder,
        detail: (e as Error).name === 'TimeoutError' ? 'no answer within 15 seconds' : 'the request failed (network, certificate or CORS)',
      });
    }
  }, [responder, token, commanderRole, severities, routes]);

  useEffect(() => {
    void load();
    if (!responder || !token) return undefined;
    const t = setInterval(() => void load(), REFRESH_MS);
    const again = () => void load();
    window.addEventListener('online', again);
    window.addEventListener('offline', again);
    return () => {
      clearInterval(t);
      window.removeEventListener('online', again);
      window.removeEventListener('offline', again);
    };
  }, [load, responder, token]);

  const setToken = (value: string | undefined) => {
    const v = value?.trim() || undefined;
    storeToken(v);
    setTokenState(v);
  };
  return { state, setToken, hasToken: Boolean(token) };
}
