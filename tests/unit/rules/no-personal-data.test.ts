import { describe, expect, it } from 'vitest';
import { brief, lintDocs } from '../helpers';

const RULE = 'no-personal-data';
const doc = (body: string) => `---\ntitle: Contacts test page\ntype: reference\n---\n\n${body}\n`;
const lint = (text: string) => lintDocs({ 'docs/c.md': text }, 'docs/c.md', { rule: RULE }).then(brief);

describe(RULE, () => {
  const valid: [string, string][] = [
    ['a team alias from teams.yaml', doc('Write to sre@example.com or page the SRE rotation.')],
    ['role addresses on reserved domains', doc('Customers write to support@example.com; the regulator form goes from privacy@example.com.')],
    ['numbers that are not phone numbers', doc('Scale to 3 replicas at 10:45; port 5432; run `kubectl get pods` on 2026-11-23; version 1.24.3.')],
  ];
  it.each(valid)('valid: %s', async (_n, text) => expect(await lint(text)).toEqual([]));

  const invalid: [string, string, (string | number)[][]][] = [
    [
      'a personal email',
      doc('Ask jane.doe@gmail.com for access.'),
      [[6, 1, 'Email address "jane.doe@gmail.com" looks personal: use a team alias from data/teams.yaml or the paging tool']],
    ],
    [
      'an international phone number',
      doc('Call Priya on +44 7700 900123 if the page fails.'),
      [[6, 1, 'Phone number "+44 7700 900123" in a document: page people through the paging tool instead of listing numbers']],
    ],
    [
      'a national phone number in code',
      doc('```text\nescalate: 07700 900456\n```'),
      [[6, 1, 'Phone number "07700 900456" in a document: page people through the paging tool instead of listing numbers']],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_n, text, expected) => expect(await lint(text)).toEqual(expected));

  const phone = (v: string) => `Phone number "${v}" in a document: page people through the paging tool instead of listing numbers`;
  const more: [string, string, (string | number)[][]][] = [
    ['a North American number in brackets', doc('Call (415) 555-0132 after hours.'), [[6, 1, phone('(415) 555-0132')]]],
    ['a dotted North American number', doc('Bridge line 415.555.0132.'), [[6, 1, phone('415.555.0132')]]],
    ['a French mobile number', doc('Appelez le +33 6 12 34 56 78.'), [[6, 1, phone('+33 6 12 34 56 78')]]],
    [
      'a tel: link',
      doc('[Call the duty manager](tel:+14155550132)'),
      [[6, 1, 'Phone link "tel:+14155550132" in a document: page people through the paging tool instead of listing numbers']],
    ],
  ];
  it.each(more)('invalid: %s', async (_n, text, expected) => expect(await lint(text)).toEqual(expected));

  const clean: [string, string][] = [
    ['business hours', doc('Support is staffed 0800-1700 UTC, weekends 1000-1400.')],
    ['dotted IP addresses', doc('Fail over from 10.20.30.40 to 192.168.100.200; the VIP is 172.16.254.1.')],
    [
      'SSH and git targets',
      doc('```bash\ngit clone git@github.com:acme/ops.git\nssh deploy@bastion.prod.example.net\nscp -i key.pem backup.tar ops@db-1.internal:/tmp\n```'),
    ],
    ['PostgreSQL WAL segment names', doc('The replica stopped at `000000010000000A000000B2`; `000000010000002300000041.partial` is safe to delete.')],
  ];
  it.each(clean)('valid: %s', async (_n, text) => expect(await lint(text)).toEqual([]));
});
