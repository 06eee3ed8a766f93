import { describe, expect, it } from 'vitest';
import { genericRunbook, runbooksForServices, sameAlertIgnoringCase, servicesInAlertName, words } from '../../plugins/lib/alert-match';

// Fixtures written here: these tests pin the matching, not the sample organisation.
const services = [{ id: 'orders-db', name: 'Orders database' }, { id: 'orders', name: 'Orders' }, { id: 'web-app', name: 'Web application' }, { id: 'cache' }];
const runbooks = [
  { route: '/runbooks/db', services: ['orders-db'], incidentTypes: ['outage', 'slow'] },
  { route: '/runbooks/slow', services: ['web-app'], incidentTypes: ['slow'] },
  { route: '/runbooks/outage', services: ['web-app', 'orders'], incidentTypes: ['outage'] },
];

describe('alert names that no runbook lists', () => {
  it('splits alert names into words', () => {
    expect(words('OrdersDBConnectionsHigh')).toEqual(['orders', 'db', 'connections', 'high']);
    expect(words('web_app:errors-5xx')).toEqual(['web', 'app', 'errors', '5xx']);
  });

  it.each([
    ['OrdersDbDown', ['orders-db', 'orders']],
    ['WebAppLatencyHigh', ['web-app']],
    ['CacheEvictions', ['cache']],
    ['ordersdatabasefull', []],
    ['OrdersDatabaseFull', ['orders-db', 'orders']],
    ['SomethingElse', []],
  ])('%s names the services %j', (alert, expected) => {
    expect(servicesInAlertName(alert, services)).toEqual(expected);
  });

  it('finds a listed alert that differs only in case', () => {
    expect(sameAlertIgnoringCase('dbdown', ['DbDown', 'Other'])).toBe('DbDown');
    expect(sameAlertIgnoringCase('DbDown', ['DbDown'])).toBeUndefined();
    expect(sameAlertIgnoringCase('x', ['X', 'x'.toUpperCase()])).toBeUndefined();
  });

  it('picks the runbook named after the first incident type it alone covers', () => {
    expect(genericRunbook(runbooks, [{ id: 'outage' }, { id: 'slow' }])?.route).toBe('/runbooks/outage');
    expect(genericRunbook(runbooks, [{ id: 'slow' }, { id: 'outage' }])?.route).toBe('/runbooks/slow');
    expect(genericRunbook(runbooks, [{ id: 'none' }])).toBeUndefined();
  });

  it('lists the runbooks of the named services, without repeats', () => {
    expect(runbooksForServices(runbooks, ['orders-db', 'orders']).map((r) => r.route)).toEqual(['/runbooks/db', '/runbooks/outage']);
  });
});
