import assert from 'node:assert/strict';
import { ConversationState, TestAdapter, type Storage, type StoreItems } from 'botbuilder';
import { ETagConflictError } from '../../src/storage/eTagConflictError';
import type { ClosableStorage } from '../../src/storage/openDatabase';

export interface StorageContractOptions {
  /**
   * Every factory call opens the same data (a file, a server), so the suite also checks that
   * items survive close + reopen and that two handles racing on one eTag cannot both win.
   */
  readonly persistent: boolean;
}

function eTagOf(items: StoreItems, key: string): string {
  const eTag: unknown = items[key]?.eTag;
  assert.equal(typeof eTag, 'string', `no eTag read back for ${key}`);
  assert.notEqual(eTag, '');
  return String(eTag);
}

/** A bot that counts its turns in ConversationState, in one conversation with the given id. */
function turnCountingBot(storage: Storage, conversationId: string): TestAdapter {
  const conversationState = new ConversationState(storage);
  const turns = conversationState.createProperty<number>('turns');
  return new TestAdapter(
    async (context) => {
      const count = (await turns.get(context, 0)) + 1;
      await turns.set(context, count);
      await context.sendActivity(`turn ${count}`);
      await conversationState.saveChanges(context);
    },
    { conversation: { id: conversationId, name: 'storage contract', isGroup: false, conversationType: 'personal' } },
  );
}

/**
 * The botbuilder Storage contract as this bot relies on it (modelled on botbuilder-js
 * StorageBaseTests, plus eTag races and odd keys). Any backend registers it with its own factory.
 */
export function storageContract(
  name: string,
  factory: () => Promise<ClosableStorage>,
  options: StorageContractOptions = { persistent: false },
): void {
  describe(`${name}: Storage contract`, function () {
    const opened: ClosableStorage[] = [];
    let storage: ClosableStorage;
    let prefix = '';
    let testNumber = 0;

    async function open(): Promise<ClosableStorage> {
      const handle = await factory();
      opened.push(handle);
      return handle;
    }

    // Persistent stores keep earlier runs' rows; a fresh prefix per test keeps tests independent.
    const key = (suffix: string): string => `${prefix}/${suffix}`;

    beforeEach(async function () {
      testNumber += 1;
      prefix = `contract-${process.pid}-${Date.now().toString(36)}-${testNumber}`;
      storage = await open();
    });

    afterEach(async function () {
      await Promise.all(opened.splice(0).map((handle) => handle.close()));
    });

    it('returns an empty object for keys that were never written', async function () {
      assert.deepEqual(await storage.read([key('missing'), key('also missing')]), {});
      assert.deepEqual(await storage.read([]), {});
    });

    it('reads back nested objects exactly as written, with an eTag', async function () {
      const item = {
        dialogStack: [{ id: 'cause:photo_unclear', state: { step: 'retake', options: { retries: 2 } } }],
        locale: 'zh-CN',
        text: '证件照片不清晰 😀 "quoted" \\ back\nslash \u0000 nul \uD800 lone',
        none: null,
        flags: [true, false],
        counts: { today: 3, ratio: 0.25, negative: -7 },
        empty: {},
      };
      await storage.write({ [key('state')]: item });

      const { eTag, ...value } = (await storage.read([key('state')]))[key('state')];

      assert.equal(typeof eTag, 'string');
      assert.deepEqual(value, item);
    });

    it('does not modify the object passed to write', async function () {
      const item = { count: 1, eTag: '*' };
      await storage.write({ [key('state')]: item });
      assert.deepEqual(item, { count: 1, eTag: '*' });
    });

    it('gives an item a new eTag on every write, conditional or not', async function () {
      await storage.write({ [key('state')]: { count: 1 } });
      const first = eTagOf(await storage.read([key('state')]), key('state'));
      await storage.write({ [key('state')]: { count: 2 } });
      const second = eTagOf(await storage.read([key('state')]), key('state'));
      await storage.write({ [key('state')]: { count: 3, eTag: second } });
      const third = eTagOf(await storage.read([key('state')]), key('state'));

      assert.equal(new Set([first, second, third]).size, 3);
    });

    it('accepts the item it just read, written back with its eTag', async function () {
      await storage.write({ [key('state')]: { count: 1 } });
      const read = await storage.read([key('state')]);
      read[key('state')].count = 2;

      await storage.write(read);

      assert.equal((await storage.read([key('state')]))[key('state')].count, 2);
    });

    it('rejects a write with a stale eTag and keeps the newer item', async function () {
      await storage.write({ [key('state')]: { count: 1 } });
      const stale = eTagOf(await storage.read([key('state')]), key('state'));
      await storage.write({ [key('state')]: { count: 2, eTag: stale } });

      await assert.rejects(storage.write({ [key('state')]: { count: 99, eTag: stale } }), (error: unknown) => {
        assert.ok(error instanceof ETagConflictError);
        assert.equal(error.message, `Storage: error writing "${key('state')}" due to eTag conflict.`);
        assert.equal(error.key, key('state'));
        return true;
      });
      assert.equal((await storage.read([key('state')]))[key('state')].count, 2);
    });

    it("overwrites whatever is stored when the eTag is '*' or missing", async function () {
      await storage.write({ [key('star')]: { count: 1 }, [key('none')]: { count: 1 } });
      await storage.write({ [key('star')]: { count: 2 }, [key('none')]: { count: 2 } });

      await storage.write({ [key('star')]: { count: 3, eTag: '*' }, [key('none')]: { count: 3 } });

      const read = await storage.read([key('star'), key('none')]);
      assert.equal(read[key('star')].count, 3);
      assert.equal(read[key('none')].count, 3);
    });

    it('lets exactly one of several concurrent writes with the same eTag win', async function () {
      await storage.write({ [key('state')]: { writer: -1 } });
      const eTag = eTagOf(await storage.read([key('state')]), key('state'));

      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, writer) => storage.write({ [key('state')]: { writer, eTag } })),
      );

      const winners = results.flatMap((result, writer) => (result.status === 'fulfilled' ? [writer] : []));
      assert.equal(winners.length, 1, `winners: ${winners.join(', ')}`);
      for (const result of results) {
        if (result.status === 'rejected') {
          assert.ok(result.reason instanceof ETagConflictError);
        }
      }
      assert.equal((await storage.read([key('state')]))[key('state')].writer, winners[0]);
    });

    it('writes nothing from a batch in which one item has a stale eTag', async function () {
      await storage.write({ [key('guarded')]: { count: 1 } });
      const stale = eTagOf(await storage.read([key('guarded')]), key('guarded'));
      await storage.write({ [key('guarded')]: { count: 2 } });

      await assert.rejects(
        storage.write({ [key('fresh')]: { count: 1 }, [key('guarded')]: { count: 3, eTag: stale } }),
        ETagConflictError,
      );

      const read = await storage.read([key('fresh'), key('guarded')]);
      assert.equal(read[key('fresh')], undefined);
      assert.equal(read[key('guarded')].count, 2);
    });

    it('writes a deleted item anew even with its old eTag, as MemoryStorage does', async function () {
      await storage.write({ [key('state')]: { count: 1 } });
      const eTag = eTagOf(await storage.read([key('state')]), key('state'));
      await storage.delete([key('state')]);

      await storage.write({ [key('state')]: { count: 2, eTag } });

      const read = await storage.read([key('state')]);
      assert.equal(read[key('state')].count, 2);
      assert.notEqual(eTagOf(read, key('state')), eTag);
    });

    it('deletes items and ignores keys that do not exist', async function () {
      await storage.write({ [key('a')]: { n: 1 }, [key('b')]: { n: 2 } });

      await storage.delete([key('a'), key('never written')]);
      await storage.delete([]);

      assert.deepEqual(Object.keys(await storage.read([key('a'), key('b')])), [key('b')]);
    });

    it('keeps keys with odd characters distinct and readable', async function () {
      const oddKeys = [
        'msteams/conversations/19:abc@thread.v2;messageid=1',
        "it's",
        '"double" \\back\\',
        "'; DROP TABLE bot_state; --",
        '%',
        '%0025',
        '%%25',
        '中文键/😀/עברית',
        'nul\u0000inside',
        'lone \uD800 high',
        'lone \uDC00 low',
        'replacement \uFFFD',
        'x'.repeat(1024),
        '证'.repeat(1024),
        '😀'.repeat(512),
        '',
      ].map(key);
      const items: StoreItems = {};
      oddKeys.forEach((oddKey, index) => {
        items[oddKey] = { index };
      });

      await storage.write(items);
      const read = await storage.read(oddKeys);

      assert.equal(Object.keys(read).length, oddKeys.length);
      oddKeys.forEach((oddKey, index) => assert.equal(read[oddKey]?.index, index, `key #${index}`));
      await storage.delete(oddKeys);
      assert.deepEqual(await storage.read(oddKeys), {});
    });

    it('reads many keys in one call and leaves out the missing ones', async function () {
      const written = Array.from({ length: 300 }, (_, index) => key(`item-${index}`));
      const items: StoreItems = {};
      written.forEach((writtenKey, index) => {
        items[writtenKey] = { index };
      });
      await storage.write(items);

      const missing = Array.from({ length: 20 }, (_, index) => key(`missing-${index}`));
      const read = await storage.read([...missing, ...written]);

      assert.equal(Object.keys(read).length, written.length);
      assert.equal(read[key('item-299')].index, 299);
      assert.equal(read[missing[0] ?? ''], undefined);
    });

    it('answers ping while open and stops answering once closed', async function () {
      await storage.ping();
      await storage.close();
      await assert.rejects(storage.ping());
      await storage.close();
    });

    if (options.persistent) {
      it('keeps items and their eTags across close and reopen', async function () {
        await storage.write({ [key('state')]: { dialog: ['a', 'b'] } });
        const eTag = eTagOf(await storage.read([key('state')]), key('state'));
        await storage.close();

        const reopened = await open();
        const read = await reopened.read([key('state')]);

        assert.deepEqual(read[key('state')], { dialog: ['a', 'b'], eTag });
        await reopened.write({ [key('state')]: { dialog: [], eTag } });
      });

      it('brings ConversationState back after reopening, as a restarted bot needs', async function () {
        await turnCountingBot(storage, key('conversation'))
          .send('hi')
          .assertReply('turn 1')
          .send('again')
          .assertReply('turn 2')
          .startTest();
        await storage.close();

        await turnCountingBot(await open(), key('conversation'))
          .send('after restart')
          .assertReply('turn 3')
          .startTest();
      });

      it('lets exactly one of two handles win when both write with the same eTag', async function () {
        const other = await open();
        await storage.write({ [key('state')]: { writer: 'none' } });
        const eTag = eTagOf(await other.read([key('state')]), key('state'));

        const results = await Promise.allSettled(
          Array.from({ length: 6 }, (_, index) => {
            const handle = index % 2 === 0 ? storage : other;
            return handle.write({ [key('state')]: { writer: `handle ${index % 2} #${index}`, eTag } });
          }),
        );

        const winners = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
        assert.equal(winners.length, 1, `winners: ${winners.join(', ')}`);
        const stored = (await other.read([key('state')]))[key('state')].writer;
        assert.equal(stored, `handle ${(winners[0] ?? 0) % 2} #${winners[0]}`);
      });
    }
  });
}
