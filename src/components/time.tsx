/**
 * Times in reports, always with their zone: records may carry any offset (2026-03-01T10:00:00+01:00), so a time is
 * parsed and shown in UTC ("2026-03-01 09:00 UTC"), inside a <time> element that keeps the exact instant.
 */
import React from 'react';

/** "YYYY-MM-DD HH:MM UTC" for an ISO timestamp; the text as given when it does not parse. */
export function utcStamp(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function UtcTime({ iso, fallback = '-' }: { iso?: string; fallback?: string }) {
  if (!iso) return <>{fallback}</>;
  const t = Date.parse(iso);
  return <time dateTime={Number.isNaN(t) ? iso : new Date(t).toISOString()}>{utcStamp(iso)}</time>;
}
