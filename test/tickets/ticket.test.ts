import assert from 'node:assert/strict';
import { toPublicTicket, validateNewTicket, type Ticket } from '../../src/tickets/ticket';
import { InvalidTicketError } from '../../src/tickets/ticketErrors';
import { ticketPriority } from '../../src/tickets/ticketPriority';
import { userKeyOf } from '../../src/tickets/userKey';
import { newTicket, TEST_USER_KEY_SECRET } from './ticketFixtures';

const HOUR = 3_600_000;

describe('ticket model', function () {
  it('rejects a photo check id or info rule the diagnosis does not know', function () {
    assert.throws(
      () => validateNewTicket({ ...newTicket(), photoChecks: [{ id: 'selfie', status: 'pass' }] }),
      InvalidTicketError,
    );
    assert.throws(
      () => validateNewTicket({ ...newTicket(), infoFindings: [{ field: 'name', rule: 'made_up_rule' }] }),
      InvalidTicketError,
    );
  });

  it('refuses personal values smuggled into a finding or the cause', function () {
    assert.throws(
      () =>
        validateNewTicket({
          ...newTicket(),
          infoFindings: [{ field: 'name', rule: 'name_case', entered: 'ZHANG San' }],
        }),
      (error: unknown) => error instanceof InvalidTicketError && !error.message.includes('ZHANG'),
    );
    assert.throws(
      () => validateNewTicket({ ...newTicket(), cause: { id: 'photo_unclear', labelKey: null, name: 'Zhang' } }),
      InvalidTicketError,
    );
    assert.throws(() => validateNewTicket({ ...newTicket(), dateOfBirth: '1990-01-01' }), InvalidTicketError);
  });

  it('keeps only the latest 200 steps of a long conversation', function () {
    const steps = Array.from({ length: 250 }, (_, index) => ({ topic: 'photo_unclear', step: `step_${index}` }));
    const valid = validateNewTicket({ ...newTicket(), steps });
    assert.equal(valid.steps.length, 200);
    assert.equal(valid.steps[0]?.step, 'step_50');
  });

  it('refuses a conversation reference over 16 kB', function () {
    assert.throws(
      () => validateNewTicket({ ...newTicket(), conversationReference: { padding: 'x'.repeat(17_000) } }),
      InvalidTicketError,
    );
  });

  it('shows agents and the helpdesk everything but the user key and the conversation reference', function () {
    const ticket: Ticket = {
      ...validateNewTicket(newTicket()),
      number: 'KYC-2222222',
      status: 'open',
      assignee: null,
      notes: [],
      replies: [],
      activity: [],
      createdAt: '2026-11-28T08:00:00.000Z',
      updatedAt: '2026-11-28T08:00:00.000Z',
      version: 1,
      anonymisedAt: null,
    };
    const visible = toPublicTicket(ticket);
    assert.ok(!('userKey' in visible));
    assert.ok(!('conversationReference' in visible));
    assert.equal(visible.number, ticket.number);
    assert.deepEqual(visible.cause, ticket.cause);
  });

  it('files users under a keyed hash that differs per channel, user and secret', function () {
    const key = userKeyOf(TEST_USER_KEY_SECRET, 'msteams', 'user-1');
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.equal(userKeyOf(TEST_USER_KEY_SECRET, 'msteams', 'user-1'), key);
    assert.notEqual(userKeyOf(TEST_USER_KEY_SECRET, 'webchat', 'user-1'), key);
    assert.notEqual(userKeyOf(TEST_USER_KEY_SECRET, 'msteams', 'user-2'), key);
    assert.notEqual(userKeyOf(`${TEST_USER_KEY_SECRET}x`, 'msteams', 'user-1'), key);
    assert.notEqual(
      userKeyOf(TEST_USER_KEY_SECRET, 'ms', 'teamsuser-1'),
      userKeyOf(TEST_USER_KEY_SECRET, 'msteams', 'user-1'),
    );
    assert.throws(() => userKeyOf('short', 'msteams', 'user-1'));
  });

  it('puts a ticket in the priority queue when every photo check passed and the review waited over an hour', function () {
    const passed = [{ status: 'pass' as const }, { status: 'pass' as const }, { status: 'skipped' as const }];
    assert.equal(
      ticketPriority({ photoChecks: passed, reviewWaitingMs: 61 * 60_000, reviewWaitThresholdMs: HOUR }),
      'high',
    );
    assert.equal(
      ticketPriority({ photoChecks: passed, reviewWaitingMs: 59 * 60_000, reviewWaitThresholdMs: HOUR }),
      'normal',
    );
    assert.equal(ticketPriority({ photoChecks: passed, reviewWaitingMs: null, reviewWaitThresholdMs: HOUR }), 'normal');
    assert.equal(
      ticketPriority({
        photoChecks: [...passed, { status: 'warn' }],
        reviewWaitingMs: 2 * HOUR,
        reviewWaitThresholdMs: HOUR,
      }),
      'normal',
    );
    assert.equal(
      ticketPriority({ photoChecks: [{ status: 'fail' }], reviewWaitingMs: 2 * HOUR, reviewWaitThresholdMs: HOUR }),
      'normal',
    );
    assert.equal(ticketPriority({ photoChecks: [], reviewWaitingMs: 2 * HOUR, reviewWaitThresholdMs: HOUR }), 'normal');
  });
});
