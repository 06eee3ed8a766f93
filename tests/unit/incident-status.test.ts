/** Which statuses end an incident: the last ones of the lifecycle, from `resolved` on, and nothing else. */
import { describe, expect, it } from 'vitest';
import { STATUS_ORDER } from '../../plugins/lib/incident-file';
import { isClosed } from '../../plugins/lib/incident-status';

describe('isClosed', () => {
  it('is true from resolved on in the lifecycle, false before it and for anything else', () => {
    const from = STATUS_ORDER.indexOf('resolved');
    expect(STATUS_ORDER.map(isClosed)).toEqual(STATUS_ORDER.map((_, i) => i >= from));
    for (const other of [undefined, null, '', 'Resolved', 'unknown', 3]) expect(isClosed(other)).toBe(false);
  });
});
