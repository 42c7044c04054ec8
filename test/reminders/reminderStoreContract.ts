import assert from 'node:assert/strict';
import { loadSettings } from '../../src/settings';
import { ReminderScheduler, type DeliveryResult, type ReminderDelivery } from '../../src/reminders/reminderScheduler';
import type { DueReminder, NewReminder, ReminderStore } from '../../src/reminders/reminderStore';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T09:00:00Z');
const settings = loadSettings().reminders;

export interface ReminderStoreTarget {
  /** A store on an empty reminders table. */
  fresh(): Promise<ReminderStore>;
  /** Another handle on the same database, as a second bot process would open it. */
  another(): Promise<ReminderStore>;
}

/** A clock the test moves by hand. */
export function fakeClock(start = T0): { now: () => number; advance: (ms: number) => void; set: (at: number) => void } {
  let at = start;
  return { now: () => at, advance: (ms) => (at += ms), set: (time) => (at = time) };
}

export function newReminder(overrides: Partial<NewReminder> = {}): NewReminder {
  return {
    userKey: 'user-key-1',
    conversationReference: { channelId: 'msteams', serviceUrl: 'https://smba.example', conversation: { id: 'c-1' } },
    locale: 'zh-CN',
    cause: 'photo_unclear',
    dueAt: new Date(T0 + 24 * HOUR),
    ...overrides,
  };
}

/** Records every delivery; `fail` makes it refuse (`notNow`), or answers another result. */
export function recordingDelivery(
  fail: () => boolean | Exclude<DeliveryResult, 'sent'> = () => false,
): ReminderDelivery & { sent: DueReminder[] } {
  const sent: DueReminder[] = [];
  const deliver = async (reminder: DueReminder): Promise<DeliveryResult> => {
    const failure = fail();
    if (failure !== false) return failure === true ? 'notNow' : failure;
    sent.push(reminder);
    return 'sent';
  };
  return Object.assign(deliver, { sent });
}

/** What the SQLite and PostgreSQL reminder stores both promise, driven by a fake clock. */
export function reminderStoreContract(name: string, target: () => ReminderStoreTarget): void {
  describe(`${name}: reminder store and scheduler`, function () {
    const open: ReminderStore[] = [];
    const fresh = async (): Promise<ReminderStore> => {
      const store = await target().fresh();
      open.push(store);
      return store;
    };
    const another = async (): Promise<ReminderStore> => {
      const store = await target().another();
      open.push(store);
      return store;
    };
    afterEach(async function () {
      await Promise.all(open.splice(0).map((store) => store.close()));
    });
    const scheduler = (store: ReminderStore, deliver: ReminderDelivery, now: () => number): ReminderScheduler =>
      new ReminderScheduler({ store, deliver, settings, now });

    /** The default reminder, fallen due into a conversation that is gone: one round holds it. */
    const heldAtDueTime = async (now: () => number) => {
      const store = await fresh();
      await store.schedule(newReminder());
      const run = scheduler(
        store,
        recordingDelivery(() => 'conversationGone'),
        now,
      );
      return { store, run, round: await run.runDue() };
    };

    it('fires a reminder at its due time, not before, and only once', async function () {
      const store = await fresh();
      const clock = fakeClock();
      const deliver = recordingDelivery();
      await store.schedule(newReminder());
      const run = scheduler(store, deliver, clock.now);

      clock.advance(24 * HOUR - 1000);
      assert.deepEqual(await run.runDue(), { sent: 0, retried: 0, gaveUp: 0, held: 0 });
      clock.advance(1000);
      assert.deepEqual(await run.runDue(), { sent: 1, retried: 0, gaveUp: 0, held: 0 });
      clock.advance(HOUR);
      assert.deepEqual(await run.runDue(), { sent: 0, retried: 0, gaveUp: 0, held: 0 });

      assert.equal(deliver.sent.length, 1);
      const [sent] = deliver.sent;
      assert.equal(sent?.locale, 'zh-CN');
      assert.equal(sent?.cause, 'photo_unclear');
      assert.equal(sent?.dueAt, new Date(T0 + 24 * HOUR).toISOString());
      assert.deepEqual(sent?.conversationReference, newReminder().conversationReference);
      assert.equal(await store.pendingFor('user-key-1'), undefined, 'the row and its reference are gone once sent');
    });

    it('survives a restart: a reminder that fell due while the store was closed fires when it reopens', async function () {
      const before = await fresh();
      await before.schedule(newReminder({ userKey: 'restart-user' }));
      await before.close();
      open.splice(open.indexOf(before), 1);

      const after = await another();
      const clock = fakeClock(T0 + 30 * HOUR);
      const deliver = recordingDelivery();
      assert.equal((await scheduler(after, deliver, clock.now).runDue()).sent, 1);
      assert.equal(deliver.sent.length, 1);
    });

    it('fires each reminder exactly once with two schedulers on the same database', async function () {
      const first = await fresh();
      const second = await another();
      const count = 40;
      for (let i = 0; i < count; i++)
        await first.schedule(newReminder({ userKey: `user-${i}`, dueAt: new Date(T0 + i * 1000) }));
      const clock = fakeClock(T0 + HOUR);
      const deliveries = new Map<string, number>();
      const deliver: ReminderDelivery = async (reminder) => {
        deliveries.set(reminder.id, (deliveries.get(reminder.id) ?? 0) + 1);
        // Lets the other scheduler's claim run while this one is mid-send.
        await new Promise((resolve) => setImmediate(resolve));
        return 'sent';
      };
      const small = { ...settings, batchSize: 3 };
      const a = new ReminderScheduler({ store: first, deliver, settings: small, now: clock.now });
      const b = new ReminderScheduler({ store: second, deliver, settings: small, now: clock.now });

      const rounds = await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);

      assert.equal(
        rounds.reduce((sum, round) => sum + round.sent, 0),
        count,
      );
      assert.equal(deliveries.size, count);
      assert.ok([...deliveries.values()].every((times) => times === 1));
    });

    it('retries a failed send with growing delays and gives up after the bound', async function () {
      const store = await fresh();
      const clock = fakeClock(T0 + 24 * HOUR);
      const deliver = recordingDelivery(() => true);
      const gaveUp: DueReminder[] = [];
      await store.schedule(newReminder());
      const run = new ReminderScheduler({ store, deliver, settings, now: clock.now, onGiveUp: (r) => gaveUp.push(r) });

      const { maxAttempts, firstDelaySeconds } = settings.retry;
      for (let attempt = 1; attempt < maxAttempts; attempt++) {
        assert.deepEqual(await run.runDue(), { sent: 0, retried: 1, gaveUp: 0, held: 0 }, `attempt ${attempt}`);
        const delay = Math.min(settings.retry.maxDelaySeconds, firstDelaySeconds * 2 ** (attempt - 1)) * 1000;
        clock.advance(delay - 1);
        assert.deepEqual(
          await run.runDue(),
          { sent: 0, retried: 0, gaveUp: 0, held: 0 },
          `not before its delay (${attempt})`,
        );
        clock.advance(1);
      }
      assert.deepEqual(await run.runDue(), { sent: 0, retried: 0, gaveUp: 1, held: 0 });
      assert.equal(gaveUp.length, 1);
      clock.advance(24 * HOUR);
      assert.deepEqual(await run.runDue(), { sent: 0, retried: 0, gaveUp: 0, held: 0 });
      assert.equal(await store.pendingFor('user-key-1'), undefined);
    });

    it('delivers on a later try once the channel answers again', async function () {
      const store = await fresh();
      const clock = fakeClock(T0 + 24 * HOUR);
      let down = true;
      const deliver = recordingDelivery(() => down);
      await store.schedule(newReminder());
      const run = scheduler(store, deliver, clock.now);

      assert.equal((await run.runDue()).retried, 1);
      down = false;
      clock.advance(settings.retry.firstDelaySeconds * 1000);
      assert.equal((await run.runDue()).sent, 1);
      assert.equal(deliver.sent[0]?.attempts, 1);
    });

    it('takes a reminder whose scheduler died mid-send once its lease has run out', async function () {
      const store = await fresh();
      await store.schedule(newReminder());
      const at = new Date(T0 + 24 * HOUR);
      const lease = settings.leaseSeconds * 1000;
      assert.equal((await store.claimDue(at, 10, lease)).length, 1);
      assert.equal((await store.claimDue(new Date(at.getTime() + lease - 1), 10, lease)).length, 0);
      const retaken = await store.claimDue(new Date(at.getTime() + lease), 10, lease);
      assert.equal(retaken.length, 1);
    });

    it('cancels: "cancel reminder" and "forget me" delete the user\'s reminder, others stay', async function () {
      const store = await fresh();
      await store.schedule(newReminder({ userKey: 'leaving' }));
      await store.schedule(newReminder({ userKey: 'staying' }));
      assert.ok(await store.pendingFor('leaving'));

      assert.equal(await store.cancelForUser('leaving'), 1);
      assert.equal(await store.cancelForUser('leaving'), 0);
      assert.equal(await store.pendingFor('leaving'), undefined);

      const deliver = recordingDelivery();
      await scheduler(store, deliver, fakeClock(T0 + 25 * HOUR).now).runDue();
      assert.deepEqual(
        deliver.sent.map((r) => r.conversationReference),
        [newReminder().conversationReference],
      );
    });

    it('keeps one reminder per user: asking again replaces the earlier one', async function () {
      const store = await fresh();
      await store.schedule(newReminder({ dueAt: new Date(T0 + 2 * HOUR) }));
      await store.schedule(newReminder({ dueAt: new Date(T0 + 5 * HOUR), locale: 'en' }));
      assert.equal(await store.pendingFor('user-key-1'), new Date(T0 + 5 * HOUR).toISOString());
      const deliver = recordingDelivery();
      await scheduler(store, deliver, fakeClock(T0 + 6 * HOUR).now).runDue();
      assert.deepEqual(
        deliver.sent.map((r) => r.locale),
        ['en'],
      );
    });

    it("changes the pending reminder's cause when the user goes on to work on one", async function () {
      const store = await fresh();
      await store.schedule(newReminder({ cause: null }));
      assert.equal(await store.updateCause('user-key-1', 'info_mismatch'), 1);
      assert.equal(await store.updateCause('someone-else', 'info_mismatch'), 0);
      const [due] = await store.claimDue(new Date(T0 + 24 * HOUR), 10, 60_000);
      assert.equal(due?.cause, 'info_mismatch');
    });

    it('holds a reminder whose conversation is gone, without its reference, and hands it to its user once', async function () {
      const clock = fakeClock(T0 + 24 * HOUR);
      const { store, run, round } = await heldAtDueTime(clock.now);
      assert.deepEqual(round, { sent: 0, retried: 0, gaveUp: 0, held: 1 });
      clock.advance(48 * HOUR);
      assert.deepEqual(await run.runDue(), { sent: 0, retried: 0, gaveUp: 0, held: 0 }, 'never claimed again');
      assert.equal(await store.pendingFor('user-key-1'), new Date(T0 + 24 * HOUR).toISOString());

      assert.equal(await store.takeHeld('someone-else'), undefined);
      const [first, second] = await Promise.all([
        store.takeHeld('user-key-1'),
        (await another()).takeHeld('user-key-1'),
      ]);
      const taken = [first, second].filter((held) => held !== undefined);
      assert.deepEqual(taken, [
        { locale: 'zh-CN', cause: 'photo_unclear', dueAt: new Date(T0 + 24 * HOUR).toISOString() },
      ]);
      assert.equal(await store.takeHeld('user-key-1'), undefined);
      assert.equal(await store.pendingFor('user-key-1'), undefined);
    });

    it('hands over no reminder that is still being tried, and cancels a held one with "forget me"', async function () {
      const store = await fresh();
      const reference = (id: string) => ({ ...newReminder().conversationReference, conversation: { id } });
      await store.schedule(newReminder({ userKey: 'retrying', conversationReference: reference('c-down') }));
      await store.schedule(newReminder({ userKey: 'leaving', conversationReference: reference('c-gone') }));
      const deliver: ReminderDelivery = async (reminder) =>
        JSON.stringify(reminder.conversationReference).includes('c-down') ? 'notNow' : 'conversationGone';
      const round = await scheduler(store, deliver, fakeClock(T0 + 24 * HOUR).now).runDue();
      assert.deepEqual(round, { sent: 0, retried: 1, gaveUp: 0, held: 1 });
      assert.equal(await store.takeHeld('retrying'), undefined, 'a reminder still being tried is not handed over');
      assert.equal(await store.cancelForUser('leaving'), 1);
      assert.equal(await store.takeHeld('leaving'), undefined);
    });

    it('drops a held reminder whose user has not written within heldDays', async function () {
      const clock = fakeClock(T0 + 24 * HOUR);
      const { store, run, round } = await heldAtDueTime(clock.now);
      assert.equal(round.held, 1);
      clock.advance(settings.heldDays * 24 * HOUR - 1);
      await run.runDue();
      assert.ok(await store.pendingFor('user-key-1'));
      clock.advance(1);
      await run.runDue();
      assert.equal(await store.pendingFor('user-key-1'), undefined);
    });

    it('replaces a held reminder when the user asks for a new one', async function () {
      const store = await fresh();
      await store.schedule(newReminder());
      const [claimed] = await store.claimDue(new Date(T0 + 24 * HOUR), 10, 60_000);
      assert.ok(claimed && (await store.holdForUser(claimed, new Date(T0 + 24 * HOUR))));
      assert.equal(await store.holdForUser(claimed, new Date(T0 + 24 * HOUR)), false, 'the lease is spent');
      await store.schedule(newReminder({ dueAt: new Date(T0 + 72 * HOUR), cause: null }));
      assert.equal(await store.takeHeld('user-key-1'), undefined);
      assert.equal(await store.pendingFor('user-key-1'), new Date(T0 + 72 * HOUR).toISOString());
    });

    it('does not send a reminder cancelled while its send was under way twice, nor mark a lost lease', async function () {
      const store = await fresh();
      await store.schedule(newReminder());
      const [claimed] = await store.claimDue(new Date(T0 + 24 * HOUR), 10, 60_000);
      assert.ok(claimed);
      await store.cancelForUser('user-key-1');
      assert.equal(await store.markSent(claimed), false);
      assert.equal(await store.markFailed(claimed, new Date(T0 + 25 * HOUR)), false);
      assert.equal((await store.claimDue(new Date(T0 + 48 * HOUR), 10, 60_000)).length, 0);
    });
  });
}
