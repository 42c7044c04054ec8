import assert from 'node:assert/strict';
import { ConversationState, MemoryStorage, TestAdapter, UserState, type Storage, type StoreItems } from 'botbuilder';
import { createBotHarness } from '../support/botHarness';
import { userActivity } from '../support/userActivity';

/** A MemoryStorage that notes every read and write it is asked for. */
class CountingStorage implements Storage {
  readonly reads: string[][] = [];
  readonly writes: string[][] = [];
  constructor(private readonly inner = new MemoryStorage()) {}

  read(keys: string[]): Promise<StoreItems> {
    this.reads.push([...keys]);
    return this.inner.read(keys);
  }

  write(changes: StoreItems): Promise<void> {
    this.writes.push(Object.keys(changes));
    return this.inner.write(changes);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }

  reset(): void {
    this.reads.splice(0);
    this.writes.splice(0);
  }
}

const CONVERSATION_KEY = 'test/conversations/conversation-1/';
const USER_KEY = 'test/users/user-1/';

describe('conversation and user state of a turn', () => {
  it('reads both scopes in one storage read and saves both in one write', async () => {
    const storage = new CountingStorage();
    const harness = await createBotHarness({ storage });
    // Picking a language changes the user's profile as well as the conversation.
    const replies = await harness.deliver({ text: '中文' });
    assert.ok(replies.length > 0);
    assert.equal(storage.reads.length, 1);
    assert.deepEqual([...storage.reads[0]].sort(), [CONVERSATION_KEY, USER_KEY].sort());
    assert.equal(storage.writes.length, 1);
    assert.deepEqual([...storage.writes[0]].sort(), [CONVERSATION_KEY, USER_KEY].sort());
  });

  it('writes only the scope a turn changed, and nothing for a turn that changed nothing', async () => {
    const storage = new CountingStorage();
    const harness = await createBotHarness({ storage });
    await harness.deliver({ text: 'menu' });
    storage.reset();
    // A message the bot cannot place counts in the conversation; the user's profile stays as it was.
    await harness.deliver({ text: 'qwzx vbnm' });
    assert.deepEqual(storage.writes, [[CONVERSATION_KEY]]);
    storage.reset();
    // Asked mid-question, help says the help and asks the question again: nothing to keep.
    await harness.deliver({ text: 'Document photo unclear' });
    storage.reset();
    await harness.deliver({ text: 'help' });
    assert.equal(storage.reads.length, 1);
    assert.deepEqual(storage.writes, []);
    storage.reset();
    // An event the bot does not handle reads no state, so there is nothing to save.
    await harness.deliver({ type: 'event', name: 'somethingElse' });
    assert.deepEqual(storage.reads, []);
    assert.deepEqual(storage.writes, []);
  });

  it('keeps what a turn said across turns and stores it where botbuilder reads it', async () => {
    const storage = new MemoryStorage();
    const harness = await createBotHarness({ storage });
    await harness.deliver({ text: '中文' });
    const second = await harness.deliver({ text: 'help' });
    // The language the user picked in the first turn answers the second.
    assert.match(second.map((reply) => reply.text ?? '').join(' '), /[\u4e00-\u9fff]/);

    // State written before this class existed (by botbuilder's own classes) is found, and the reverse.
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    const profile = userState.createProperty<{ locale?: string }>('userProfile');
    const data = conversationState.createProperty<{ counted?: boolean }>('conversationData');
    const adapter = new TestAdapter(async (context) => {
      assert.equal((await profile.get(context, {})).locale, 'zh-CN');
      assert.equal((await data.get(context, {})).counted, true);
    });
    await adapter.processActivity(userActivity('conversation-1', 'user-1', { text: 'anything' }));
  });
});
