import { describe, expect, it } from 'vitest';
import { brief, incidentRecord, INCIDENT_PATH, lintDocs, runbook } from '../helpers';

const RULE = 'service-ref';
const lint = (file: string, text: string) => lintDocs({ [file]: text }, file, { rule: RULE }).then(brief);
// The catalogue has 17 services: the message lists the first 12.
const KNOWN =
  'known: public-api, web-app, checkout, payment-provider, accounts, orders-db, accounts-db, cache, job-queue, notifications, email-provider, kubernetes, ... (data/services.yaml)';
const RB = 'runbooks/db.md';

describe(RULE, () => {
  const valid: [string, string, string][] = [
    ['runbook services', RB, runbook().replace('services: [orders-db]', 'services: [orders-db, backups, observability]')],
    ['incident services', INCIDENT_PATH, incidentRecord()],
  ];
  it.each(valid)('valid: %s', async (_name, file, text) => {
    expect(await lint(file, text)).toEqual([]);
  });

  const invalid: [string, string, string, (string | number)[][]][] = [
    [
      'an unknown service',
      RB,
      runbook().replace('services: [orders-db]', 'services: [orders-db, nope-db]'),
      [[7, 23, `Unknown service "nope-db" in "services[1]": ${KNOWN}`]],
    ],
    [
      'a misspelt service, with a suggestion',
      RB,
      runbook().replace('services: [orders-db]', 'services: [order-db]'),
      [[7, 12, `Unknown service "order-db" in "services[0]": did you mean "orders-db"? ${KNOWN}`]],
    ],
    [
      'an incident service in block style',
      INCIDENT_PATH,
      incidentRecord().replace('services: [checkout, public-api]', 'services:\n  - checkout\n  - payments-api'),
      [[13, 5, `Unknown service "payments-api" in "services[1]": ${KNOWN}`]],
    ],
  ];
  it.each(invalid)('invalid: %s', async (_name, file, text, expected) => {
    expect(await lint(file, text)).toEqual(expected);
  });
});
