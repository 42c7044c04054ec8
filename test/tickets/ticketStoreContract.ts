import assert from 'node:assert/strict';
import {
  InvalidTicketError,
  TicketAnonymisedError,
  TicketLimitError,
  TicketNotFoundError,
  VersionConflictError,
} from '../../src/tickets/ticketErrors';
import { generateTicketNumber, isValidTicketNumber } from '../../src/tickets/ticketNumber';
import type { TicketStore, TicketStoreOptions } from '../../src/tickets/ticketStore';
import { ManualClock, newTicket, userKey } from './ticketFixtures';

export interface TicketStoreHarness {
  /** A store on an empty database. */
  fresh(options?: Partial<TicketStoreOptions>): Promise<TicketStore>;
  /** Another store — as another bot process would open it — on the database of the last fresh(). */
  another(options?: Partial<TicketStoreOptions>): Promise<TicketStore>;
  /** Raw SQL on that database, to break it on purpose. */
  exec(sql: string): Promise<void>;
}

const DAY = 86_400_000;

/** The behaviour every ticket store shares; run once per backend. */
export function ticketStoreContract(backend: string, harness: () => TicketStoreHarness): void {
  describe(`ticket store contract (${backend})`, function () {
    let clock: ManualClock;
    let store: TicketStore;

    beforeEach(async function () {
      clock = new ManualClock();
      store = await harness().fresh({ now: clock.now });
    });

    afterEach(async function () {
      await store.close();
    });

    it('creates an open ticket with a valid number, version 1 and the fields it was given', async function () {
      const created = await store.create(newTicket());
      assert.ok(isValidTicketNumber(created.number), created.number);
      assert.match(created.number, /^KYC-[2-9A-HJKMNP-TV-Y]{7}$/);
      assert.equal(created.status, 'open');
      assert.equal(created.priority, 'normal');
      assert.equal(created.version, 1);
      assert.equal(created.createdAt, '2026-11-28T08:00:00.000Z');
      assert.deepEqual(created.cause, { id: 'photo_unclear', labelKey: 'topics:photo_unclear.label' });
      assert.equal(created.applicationReference, 'APP-2024-0001');
      assert.deepEqual(created.photoChecks, newTicket().photoChecks);
      assert.deepEqual(created.infoFindings, [{ field: 'name', rule: 'name_extra_space' }]);
      assert.deepEqual(created.conversationReference, newTicket().conversationReference);
      assert.deepEqual(await store.get(created.number), created);
    });

    it('cuts the pasted prompt to 500 characters and strips control characters', async function () {
      const created = await store.create(newTicket({ promptText: `证件\u0000照片${'模糊'.repeat(400)}` }));
      assert.equal(Array.from(created.promptText ?? '').length, 500);
      assert.ok(created.promptText?.startsWith('证件照片'));
    });

    it('rejects an application reference outside 4-64 letters, digits, - and _ without echoing it', async function () {
      await assert.rejects(
        store.create(newTicket({ applicationReference: "'; DROP TABLE tickets;--" })),
        (error: unknown) =>
          error instanceof InvalidTicketError &&
          error.message.includes('applicationReference') &&
          !error.message.includes('DROP'),
      );
      await assert.rejects(store.create(newTicket({ applicationReference: 'abc' })), InvalidTicketError);
    });

    it('answers undefined for a number nobody was given', async function () {
      assert.equal(await store.get(generateTicketNumber()), undefined);
    });

    it('lists newest first, filters by status and pages with a cursor', async function () {
      const numbers: string[] = [];
      for (let index = 0; index < 5; index += 1) {
        numbers.push((await store.create(newTicket())).number);
        clock.advance(1000);
      }
      const resolved = await store.get(numbers[1] ?? '');
      await store.update(numbers[1] ?? '', resolved?.version ?? 0, { status: 'resolved' });

      const all = await store.list({ limit: 10 });
      assert.deepEqual(
        all.tickets.map((ticket) => ticket.number),
        [...numbers].reverse(),
      );
      assert.equal(all.nextCursor, undefined);
      const onlyResolved = await store.list({ status: 'resolved', limit: 10 });
      assert.deepEqual(
        onlyResolved.tickets.map((ticket) => ticket.number),
        [numbers[1]],
      );
      const first = await store.list({ limit: 2 });
      assert.equal(first.tickets.length, 2);
      assert.ok(first.nextCursor !== undefined);
      const second = await store.list({ limit: 2, cursor: first.nextCursor });
      const third = await store.list({ limit: 2, cursor: second.nextCursor });
      assert.deepEqual(
        [...first.tickets, ...second.tickets, ...third.tickets].map((ticket) => ticket.number),
        [...numbers].reverse(),
      );
      assert.equal(third.nextCursor, undefined);
      await assert.rejects(store.list({ limit: 2, cursor: 'not-a-cursor' }), InvalidTicketError);
    });

    it('filters the list by cause (or no cause), priority and age, with the status and the cursor', async function () {
      const oldPhoto = await store.create(newTicket({ priority: 'high' }));
      clock.advance(2 * 3_600_000);
      const expired = await store.create(
        newTicket({ cause: { id: 'document_expired', labelKey: 'topics:document_expired.label' } }),
      );
      const unknown = await store.create(newTicket({ cause: { id: null, labelKey: null } }));
      const newPhoto = await store.create(newTicket());
      const numbers = async (filter: Omit<Parameters<TicketStore['list']>[0], 'limit'>) =>
        (await store.list({ limit: 10, ...filter })).tickets.map((ticket) => ticket.number);

      assert.deepEqual(await numbers({ cause: 'photo_unclear' }), [newPhoto.number, oldPhoto.number]);
      assert.deepEqual(await numbers({ cause: 'photo_unclear_' }), [], 'the cause is matched exactly');
      assert.deepEqual(await numbers({ cause: null }), [unknown.number]);
      assert.deepEqual(await numbers({ priority: 'high' }), [oldPhoto.number]);
      const hourAgo = new Date(clock.now().getTime() - 3_600_000).toISOString();
      assert.deepEqual(await numbers({ createdBefore: hourAgo }), [oldPhoto.number]);
      assert.deepEqual(await numbers({ cause: 'document_expired', status: 'open' }), [expired.number]);
      await store.update(expired.number, 1, { status: 'resolved' });
      assert.deepEqual(await numbers({ cause: 'document_expired', status: 'open' }), []);

      const first = await store.list({ limit: 1, cause: 'photo_unclear' });
      assert.ok(first.nextCursor);
      const second = await store.list({ limit: 1, cause: 'photo_unclear', cursor: first.nextCursor });
      assert.deepEqual(
        second.tickets.map((ticket) => ticket.number),
        [oldPhoto.number],
      );
      assert.equal(second.nextCursor, undefined);
    });

    it('lists the tickets changed since a time, oldest change first, for another process too', async function () {
      const a = await store.create(newTicket());
      clock.advance(1_000);
      const since = clock.now().toISOString();
      const b = await store.create(newTicket({ userKey: userKey('user-2') }));
      clock.advance(1_000);
      await store.update(a.number, 1, { status: 'in_progress' });
      const other = await harness().another({ now: clock.now });
      try {
        const changed = await other.listChanged({ since, limit: 10 });
        assert.deepEqual(
          changed.map((ticket) => [ticket.number, ticket.status]),
          [
            [b.number, 'open'],
            [a.number, 'in_progress'],
          ],
        );
        assert.deepEqual(await other.listChanged({ since, limit: 1 }).then((list) => list.map((t) => t.number)), [
          b.number,
        ]);
        clock.advance(1_000);
        assert.deepEqual(await other.listChanged({ since: clock.now().toISOString(), limit: 10 }), []);
      } finally {
        await other.close();
      }
    });

    it('records which agent changed the status, assigned, wrote a note or replied', async function () {
      const created = await store.create(newTicket());
      assert.deepEqual(created.activity, []);
      const changed = await store.update(created.number, 1, {
        status: 'in_progress',
        note: 'Checking',
        agent: 'alice',
      });
      clock.advance(1_000);
      await store.addNote(created.number, 'Second look', 'bob');
      const { reply } = await store.addReply(created.number, 'Please retake the photo', 'bob');
      const anonymous = await store.update(created.number, 4, { assignee: 'carol' });
      const ticket = await store.get(created.number);
      assert.ok(ticket);
      assert.equal(anonymous.activity.length, 4, 'a change without an agent records nothing');
      assert.deepEqual(
        ticket.activity.map((entry) => [entry.agent, entry.action, entry.value]),
        [
          ['alice', 'status', 'in_progress'],
          ['alice', 'note', changed.notes[0]?.id],
          ['bob', 'note', ticket.notes[1]?.id],
          ['bob', 'reply', reply.id],
        ],
      );
      assert.equal(ticket.activity[0]?.at, '2026-11-28T08:00:00.000Z');
      await assert.rejects(store.addNote(created.number, 'x', 'not a name!'), InvalidTicketError);
      await assert.rejects(store.update(created.number, 5, { status: 'open', agent: '' }), InvalidTicketError);
      assert.equal((await store.get(created.number))?.version, 5, 'a refused agent name changes nothing');
    });

    it('applies a change at the expected version, bumps it, and refuses a stale one', async function () {
      const created = await store.create(newTicket());
      clock.advance(5000);
      const updated = await store.update(created.number, 1, {
        status: 'in_progress',
        assignee: 'agent-7',
        note: 'Called the review team.',
      });
      assert.equal(updated.version, 2);
      assert.equal(updated.status, 'in_progress');
      assert.equal(updated.assignee, 'agent-7');
      assert.equal(updated.notes[0]?.text, 'Called the review team.');
      assert.equal(updated.updatedAt, '2026-11-28T08:00:05.000Z');
      await assert.rejects(
        store.update(created.number, 1, { status: 'resolved' }),
        (error: unknown) => error instanceof VersionConflictError && error.currentVersion === 2,
      );
      assert.equal((await store.get(created.number))?.status, 'in_progress');
      const unassigned = await store.update(created.number, 2, { assignee: null });
      assert.equal(unassigned.assignee, null);
      assert.equal(unassigned.status, 'in_progress');
      await assert.rejects(store.update(generateTicketNumber(), 1, { status: 'resolved' }), TicketNotFoundError);
    });

    it('lets exactly one of two concurrent updates with the same version win', async function () {
      const created = await store.create(newTicket());
      const second = await harness().another({ now: clock.now });
      try {
        const results = await Promise.allSettled([
          store.update(created.number, 1, { status: 'resolved', note: 'first' }),
          second.update(created.number, 1, { status: 'in_progress', note: 'second' }),
        ]);
        const won = results.filter((result) => result.status === 'fulfilled');
        const lost = results.filter((result) => result.status === 'rejected');
        assert.equal(won.length, 1);
        assert.equal(lost.length, 1);
        assert.ok(lost[0]?.status === 'rejected' && lost[0].reason instanceof VersionConflictError);
        const stored = await store.get(created.number);
        assert.equal(stored?.version, 2);
        assert.equal(stored?.notes.length, 1);
      } finally {
        await second.close();
      }
    });

    it('keeps notes in order and refuses a note over 4 kB or a 101st note', async function () {
      const created = await store.create(newTicket());
      await store.addNote(created.number, 'one');
      const withTwo = await store.addNote(created.number, 'two');
      assert.deepEqual(
        withTwo.notes.map((note) => note.text),
        ['one', 'two'],
      );
      assert.equal(withTwo.version, 3);
      await assert.rejects(
        store.addNote(created.number, 'x'.repeat(4097)),
        (error: unknown) => error instanceof TicketLimitError && error.limit === 'noteBytes',
      );
      await assert.rejects(store.addNote(created.number, '   '), InvalidTicketError);
      for (let index = 2; index < 100; index += 1) await store.addNote(created.number, `note ${index}`);
      await assert.rejects(
        store.addNote(created.number, 'one too many'),
        (error: unknown) => error instanceof TicketLimitError && error.limit === 'notes',
      );
      assert.equal((await store.get(created.number))?.notes.length, 100);
      await assert.rejects(store.addNote(generateTicketNumber(), 'x'), TicketNotFoundError);
    });

    it('keeps an agent reply pending until it is marked delivered, once', async function () {
      const created = await store.create(newTicket());
      const other = await store.create(newTicket({ userKey: userKey('user-2') }));
      const { reply, ticket } = await store.addReply(created.number, 'Your review is in the priority queue.');
      await store.addReply(other.number, 'For someone else.');
      assert.equal(reply.deliveredAt, null);
      assert.equal(ticket.replies.length, 1);
      const pending = await store.pendingReplies(userKey('user-1'));
      assert.deepEqual(pending, [{ ticketNumber: created.number, reply }]);

      clock.advance(1000);
      assert.equal(await store.markReplyDelivered(created.number, reply.id), true);
      assert.equal(await store.markReplyDelivered(created.number, reply.id), false);
      assert.deepEqual(await store.pendingReplies(userKey('user-1')), []);
      const delivered = await store.get(created.number);
      assert.equal(delivered?.replies[0]?.deliveredAt, '2026-11-28T08:00:01.000Z');
      assert.equal(await store.markReplyDelivered(created.number, 'no-such-reply'), false);
    });

    it('finds the newest ticket of a user by the user key', async function () {
      await store.create(newTicket());
      clock.advance(1000);
      const newest = await store.create(newTicket());
      await store.create(newTicket({ userKey: userKey('user-2') }));
      assert.equal((await store.findLatestByUserKey(userKey('user-1')))?.number, newest.number);
      assert.equal(await store.findLatestByUserKey(userKey('nobody')), undefined);
    });

    it('forgets a user: their tickets keep cause and checks but lose everything that leads back to them', async function () {
      const mine = await store.create(newTicket());
      const theirs = await store.create(newTicket({ userKey: userKey('user-2') }));
      await store.addNote(mine.number, 'User said the name is on page 2');
      await store.addReply(mine.number, 'Please wait');

      clock.advance(1000);
      assert.equal(await store.anonymiseByUserKey(userKey('user-1')), 1);
      const forgotten = await store.get(mine.number);
      assert.ok(forgotten !== undefined);
      assert.equal(forgotten.userKey, null);
      assert.equal(forgotten.conversationReference, null);
      assert.equal(forgotten.promptText, null);
      assert.equal(forgotten.applicationReference, null);
      assert.deepEqual(forgotten.notes, []);
      assert.deepEqual(forgotten.replies, []);
      assert.equal(forgotten.anonymisedAt, '2026-11-28T08:00:01.000Z');
      assert.deepEqual(forgotten.cause, mine.cause);
      assert.deepEqual(forgotten.photoChecks, mine.photoChecks);
      assert.equal(forgotten.version, mine.version + 3);
      assert.equal(await store.findLatestByUserKey(userKey('user-1')), undefined);
      assert.deepEqual(await store.pendingReplies(userKey('user-1')), []);
      await assert.rejects(store.addReply(mine.number, 'hello?'), TicketAnonymisedError);
      assert.deepEqual(await store.get(theirs.number), theirs);
      assert.equal(await store.anonymiseByUserKey(userKey('user-1')), 0);
    });

    it('purges tickets untouched for longer than the retention period, with their notes, replies and webhook rows', async function () {
      const purgeable = await harness().another({ now: clock.now, webhookOutbox: true });
      try {
        const old = await purgeable.create(newTicket());
        await purgeable.addNote(old.number, 'old note');
        await purgeable.addReply(old.number, 'old reply');
        clock.advance(80 * DAY);
        const touched = await purgeable.create(newTicket());
        clock.advance(11 * DAY);
        assert.equal(await purgeable.purgeOlderThan(90), 1);
        assert.equal(await purgeable.get(old.number), undefined);
        assert.ok((await purgeable.get(touched.number)) !== undefined);
        assert.deepEqual(
          (await purgeable.outbox.rows()).map((row) => row.ticketNumber),
          [touched.number],
        );
        assert.deepEqual(await purgeable.pendingReplies(userKey('user-1')), []);
        assert.equal(await purgeable.purgeOlderThan(90), 0);
      } finally {
        await purgeable.close();
      }
    });

    it('gives 200 tickets created at once 200 different numbers', async function () {
      this.timeout(60_000);
      const second = await harness().another();
      try {
        const created = await Promise.all(
          Array.from({ length: 200 }, (_, index) => (index % 2 === 0 ? store : second).create(newTicket())),
        );
        const numbers = new Set(created.map((ticket) => ticket.number));
        assert.equal(numbers.size, 200);
        assert.ok([...numbers].every(isValidTicketNumber));
        assert.equal((await store.list({ limit: 100 })).tickets.length, 100);
      } finally {
        await second.close();
      }
    });

    it('draws a new number when the random one is taken', async function () {
      const taken = generateTicketNumber();
      let fresh = taken;
      while (fresh === taken) fresh = generateTicketNumber();
      const queue = [taken, taken, taken, fresh];
      const colliding = await harness().another({
        now: clock.now,
        generateNumber: () => queue.shift() ?? generateTicketNumber(),
      });
      try {
        assert.equal((await colliding.create(newTicket())).number, taken);
        assert.equal((await colliding.create(newTicket())).number, fresh);
      } finally {
        await colliding.close();
      }
    });

    it('queues the webhook row in the ticket transaction when the outbox is on, and not otherwise', async function () {
      const withOutbox = await harness().another({ now: clock.now, webhookOutbox: true });
      try {
        const queued = await withOutbox.create(newTicket());
        const rows = await withOutbox.outbox.rows(queued.number);
        assert.equal(rows.length, 1);
        assert.equal(rows[0]?.attempts, 0);
        assert.equal(rows[0]?.deliveredAt, null);
        const quiet = await store.create(newTicket());
        assert.deepEqual(await store.outbox.rows(quiet.number), []);
      } finally {
        await withOutbox.close();
      }
    });

    it('queues a ticket.anonymised webhook row for each ticket a "forget me" anonymises', async function () {
      const withOutbox = await harness().another({ now: clock.now, webhookOutbox: true });
      try {
        const mine = await withOutbox.create(newTicket());
        const theirs = await withOutbox.create(newTicket({ userKey: userKey('user-2') }));
        assert.equal(await withOutbox.anonymiseByUserKey(userKey('user-1')), 1);
        assert.deepEqual(
          (await withOutbox.outbox.rows(mine.number)).map((row) => row.event),
          ['ticket.created', 'ticket.anonymised'],
        );
        assert.deepEqual(
          (await withOutbox.outbox.rows(theirs.number)).map((row) => row.event),
          ['ticket.created'],
        );
      } finally {
        await withOutbox.close();
      }
    });

    it('fills in the cause column of tickets stored before it existed', async function () {
      const photo = await store.create(newTicket());
      const unknown = await store.create(newTicket({ cause: { id: null, labelKey: null } }));
      await harness().exec(`
        DROP INDEX tickets_cause_newest;
        ALTER TABLE tickets DROP COLUMN cause_id;
        DELETE FROM schema_migrations WHERE component = 'tickets' AND version = 2;`);
      const upgraded = await harness().another({ now: clock.now });
      try {
        const numbers = async (cause: string | null) =>
          (await upgraded.list({ limit: 10, cause })).tickets.map((ticket) => ticket.number);
        assert.deepEqual(await numbers('photo_unclear'), [photo.number]);
        assert.deepEqual(await numbers(null), [unknown.number]);
      } finally {
        await upgraded.close();
      }
    });

    it('stores no ticket when its webhook row cannot be written', async function () {
      const withOutbox = await harness().another({ now: clock.now, webhookOutbox: true });
      try {
        await harness().exec('DROP TABLE ticket_outbox');
        await assert.rejects(withOutbox.create(newTicket()));
        assert.deepEqual((await store.list({ limit: 10 })).tickets, []);
      } finally {
        await withOutbox.close();
      }
    });
  });
}
