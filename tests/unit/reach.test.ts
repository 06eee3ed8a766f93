/**
 * How to reach a target, from contact entries written in the test: one resolution for the on-call view, the
 * break-glass page, escalation timelines and runbook facts.
 */
import { describe, expect, it } from 'vitest';
import { contactChain, reachFor, telHref, toolFor, type ContactsData } from '../../plugins/lib/reach';

const data: ContactsData = {
  tools: [
    { id: 'pager', kind: 'paging', name: 'Pager', url: 'https://pager.example/' },
    { id: 'bridge', kind: 'bridge', name: 'Bridge', url: 'https://bridge.example/' },
  ],
  contacts: [
    { for: { role: 'commander' }, page_url: 'https://pager.example/commander' },
    { for: { team: 'sre' }, chat: '#sre', phone: '+1 555 0100 800' },
    { for: { rotation: 'sre-primary' }, page_url: 'https://pager.example/sre-primary' },
    { for: { team: 'db' }, chat: '#db' },
  ],
} as ContactsData;

describe('reach', () => {
  it('orders contacts from the most specific: rotation, team, role, then the teams staffing the role', () => {
    const chain = contactChain(data, { rotation: 'sre-primary', team: 'sre', role: 'commander' }, ['db', 'sre']);
    expect(chain.map((c) => Object.values(c.for)[0])).toEqual(['sre-primary', 'sre', 'commander', 'db']);
  });

  it('a role alone reaches its own entries, then those of the teams that staff it', () => {
    expect(contactChain(data, { role: 'commander' }, ['db']).map((c) => c.chat ?? c.page_url)).toEqual(['https://pager.example/commander', '#db']);
  });

  it('takes each way to reach from the most specific entry that has it, and the tools for the rest', () => {
    expect(reachFor(data, { rotation: 'sre-primary', team: 'sre' })).toEqual({
      page: { href: 'https://pager.example/sre-primary', label: 'Page in Pager' },
      chat: { href: undefined, label: '#sre' },
      call: { href: 'tel:+15550100800', label: '+1 555 0100 800' },
    });
    expect(reachFor(data, { team: 'db' })).toEqual({
      page: { href: 'https://pager.example/', label: 'Open Pager' },
      chat: { href: undefined, label: '#db' },
      call: { href: 'https://bridge.example/', label: 'Bridge' },
    });
  });

  it('finds a tool by its kind first, then by its id', () => {
    const tools = { tools: [{ id: 'paging', kind: 'other', name: 'Named like a kind', url: 'https://x.example/' }, ...data.tools!] } as ContactsData;
    expect(toolFor(tools, 'paging')?.name).toBe('Pager');
    expect(toolFor(tools, 'bridge')?.name).toBe('Bridge');
    expect(toolFor(tools, 'pager')?.name).toBe('Pager');
    expect(toolFor(tools, 'status-page')).toBeUndefined();
    expect(toolFor({}, 'paging')).toBeUndefined();
  });

  it('writes tel: links as global numbers without separators', () => {
    expect(telHref('+1 (555) 0100-800')).toBe('tel:+15550100800');
  });
});
