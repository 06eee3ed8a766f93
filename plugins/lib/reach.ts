/**
 * How to reach the person holding a rotation, from data/contacts.yaml: the most specific contact wins
 * (the rotation's own entry, then its team's, then its role's), and the organisation's tools fill the gaps.
 * Pure data in, links out: used by the site's on-call view and usable by any other host.
 */
import type { ContactEntry, ContactsData, ToolEntry } from '../lint/registries';

export type { ContactEntry, ContactsData, ToolEntry } from '../lint/registries';

export interface Reach {
  /** Opens the paging tool for this target. */
  page?: { href: string; label: string };
  /** The chat channel (and a link to the chat tool or channel when there is one). */
  chat?: { href?: string; label: string };
  /** A phone line (tel: link) or, failing that, a call bridge. */
  call?: { href: string; label: string };
}

/** `tel:` URI for a number written "+1 555 0100 800" (RFC 3966 global number, visual separators dropped). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+0-9]/g, '')}`;
}

/** The organisation's (first) tool of a kind (`paging`, `chat`, `bridge`, ...), failing that the tool with that id. */
export function toolFor(data: Pick<ContactsData, 'tools'>, kindOrId: string): ToolEntry | undefined {
  const tools = data.tools ?? [];
  return tools.find((t) => t.kind === kindOrId) ?? tools.find((t) => t.id === kindOrId);
}

export interface ContactTarget {
  rotation?: string;
  role?: string;
  team?: string;
}

/**
 * The contact entries that apply to a target, most specific first: the rotation's, the team's, the role's, then
 * those of `roleTeams` (the teams whose rotations staff the role).
 */
export function contactChain(data: ContactsData, target: ContactTarget, roleTeams: readonly string[] = []): ContactEntry[] {
  const entries = data.contacts ?? [];
  const own = (key: 'rotation' | 'role' | 'team', id?: string) => (id ? entries.filter((c) => c.for[key] === id) : []);
  const staffing = entries.filter((c) => c.for.team !== undefined && c.for.team !== target.team && roleTeams.includes(c.for.team));
  return [...own('rotation', target.rotation), ...own('team', target.team), ...own('role', target.role), ...staffing];
}

export function reachFor(data: ContactsData, target: ContactTarget, team?: { chat?: string }): Reach {
  const chain = contactChain(data, target);
  const first = <K extends keyof ContactEntry>(k: K) => chain.find((c) => c[k])?.[k] as string | undefined;
  const tool = (kind: string) => toolFor(data, kind);

  const reach: Reach = {};
  const pageUrl = first('page_url');
  const pager = tool('paging');
  if (pageUrl) reach.page = { href: pageUrl, label: pager ? `Page in ${pager.name}` : 'Page' };
  else if (pager) reach.page = { href: pager.url, label: `Open ${pager.name}` };

  const channel = first('chat') ?? team?.chat;
  const chatUrl = first('chat_url') ?? tool('chat')?.url;
  if (channel || chatUrl) reach.chat = { href: chatUrl, label: channel ?? tool('chat')?.name ?? 'Chat' };

  const phone = first('phone');
  const bridge = first('bridge_url') ?? tool('bridge')?.url;
  if (phone) reach.call = { href: telHref(phone), label: phone };
  else if (bridge) reach.call = { href: bridge, label: tool('bridge')?.name ?? 'Call bridge' };
  return reach;
}
