/**
 * The responder (`handbook serve`) a site build reads open incidents from, live: `responder_url` in
 * handbook.config.yaml, or HANDBOOK_RESPONDER_URL for one build. Only the address is built into the site, never a token.
 */
import { normaliseSiteUrl } from './site-url';

export const RESPONDER_URL_ENV = 'HANDBOOK_RESPONDER_URL';

export function responderLocation(configured: unknown, env: Record<string, string | undefined> = process.env): string | undefined {
  const fromEnv = env[RESPONDER_URL_ENV]?.trim();
  if (fromEnv) return normaliseSiteUrl(fromEnv, RESPONDER_URL_ENV);
  if (typeof configured === 'string' && configured.trim()) return normaliseSiteUrl(configured.trim(), 'handbook.config.yaml responder_url');
  return undefined;
}
