import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertTransition,
  canTransition,
  TICKET_STATES,
  TicketStateError,
  type TTicketState,
} from './ticket-states';

// The agreed life of a ticket, written out edge by edge so a change to the
// table must be a deliberate change to this list too.
const LEGAL: Array<[TTicketState, TTicketState]> = [
  ['draft', 'pending'],
  ['draft', 'approved'],
  ['draft', 'cancelled'],
  ['pending', 'pending'],
  ['pending', 'approved'],
  ['pending', 'rejected'],
  ['pending', 'expired'],
  ['pending', 'cancelled'],
  ['approved', 'pending'],
  ['approved', 'rejected'],
  ['approved', 'expired'],
  ['approved', 'scheduled'],
  ['approved', 'deployed'],
  ['approved', 'cancelled'],
  ['rejected', 'pending'],
  ['rejected', 'cancelled'],
  ['expired', 'pending'],
  ['expired', 'approved'],
  ['expired', 'cancelled'],
  ['scheduled', 'approved'],
  ['scheduled', 'deployed'],
  ['scheduled', 'expired'],
  ['scheduled', 'pending'],
  ['scheduled', 'cancelled'],
];

describe('ticket states', () => {
  for (const from of TICKET_STATES) {
    for (const to of TICKET_STATES) {
      const legal = LEGAL.some(([f, t]) => f === from && t === to);
      test(`${from} -> ${to} is ${legal ? 'allowed' : 'refused'}`, () => {
        assert.equal(canTransition(from, to), legal);
        if (legal) assertTransition(from, to);
        else assert.throws(() => assertTransition(from, to), TicketStateError);
      });
    }
  }

  test('deployed and cancelled tickets are final', () => {
    for (const to of TICKET_STATES) {
      assert.equal(canTransition('deployed', to), false);
      assert.equal(canTransition('cancelled', to), false);
    }
  });

  test('a rejected ticket cannot be approved without a content change', () => {
    assert.throws(
      () => assertTransition('rejected', 'approved'),
      /A rejected ticket cannot become approved/,
    );
  });
});
