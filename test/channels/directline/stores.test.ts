import assert from 'node:assert/strict';
import { AttachmentStore } from '../../../src/channels/directline/attachmentStore';
import { Conversation } from '../../../src/channels/directline/conversation';
import { ConversationStore, type RemovalReason } from '../../../src/channels/directline/conversationStore';
import { TokenRegistry } from '../../../src/channels/directline/tokenRegistry';

const file = (size: number) => ({ name: 'a.png', contentType: 'image/png', bytes: Buffer.alloc(size) });

describe('Conversation history', () => {
  it('drops the oldest activities past the byte bound but always keeps the newest', () => {
    const conversation = new Conversation('c', 'u', 'http://x', '127.0.0.1', 0, {
      maxHistoryActivities: 100,
      maxHistoryBytes: 300,
    });
    for (let i = 0; i < 5; i += 1) conversation.append((id) => ({ id, text: 'x'.repeat(100) }));
    const page = conversation.activitiesFrom(0);
    assert.equal(page.activities.length, 2);
    assert.equal(page.watermark, '5');
    conversation.append((id) => ({ id, text: 'y'.repeat(1000) }));
    assert.equal(conversation.activitiesFrom(0).activities.length, 1, 'an oversized newest activity stays alone');
  });

  it('runs turns one after another even when one fails', async () => {
    const conversation = new Conversation('c', 'u', 'http://x', '127.0.0.1', 0, {
      maxHistoryActivities: 10,
      maxHistoryBytes: 10_000,
    });
    const order: string[] = [];
    const slow = conversation.enqueueTurn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('first');
      throw new Error('boom');
    });
    const fast = conversation.enqueueTurn(async () => {
      order.push('second');
    });
    await assert.rejects(slow, /boom/);
    await fast;
    assert.deepEqual(order, ['first', 'second']);
  });
});

describe('ConversationStore', () => {
  it('expires a conversation at its maximum age however active it is', () => {
    let clock = 0;
    const removed: RemovalReason[] = [];
    const store = new ConversationStore(
      {
        conversationIdleMs: 1000,
        conversationMaxAgeMs: 5000,
        maxConversations: 10,
        evictIdleMs: 1000,
        maxConversationsPerAddress: 10,
        maxHistoryActivities: 10,
        maxHistoryBytes: 1000,
      },
      () => clock,
      (_conversation, reason) => removed.push(reason),
    );
    const created = store.create('u', 'http://x', '127.0.0.1');
    assert.ok(created.created);
    const { conversation } = created;
    for (clock = 500; clock < 5000; clock += 500) {
      const alive = store.get(conversation.id);
      assert.ok(alive);
      store.touch(alive);
    }
    clock = 5000;
    assert.equal(store.get(conversation.id), undefined);
    assert.deepEqual(removed, ['expired']);
  });
});

describe('AttachmentStore', () => {
  it('evicts the oldest upload of a conversation past its share, leaving other conversations alone', () => {
    const store = new AttachmentStore({ maxConversationAttachmentBytes: 250, maxTotalAttachmentBytes: 10_000 });
    const other = store.add('b', 'http://x', file(100));
    const first = store.add('a', 'http://x', file(100));
    const second = store.add('a', 'http://x', file(100));
    const third = store.add('a', 'http://x', file(100));
    assert.equal(store.get(first.id), undefined);
    assert.ok(store.get(second.id));
    assert.ok(store.get(third.id));
    assert.ok(store.get(other.id));
    assert.equal(store.getByUrl(first.url), undefined);
  });

  it('evicts the oldest upload process-wide past the total bound and frees a conversation on delete', () => {
    const store = new AttachmentStore({ maxConversationAttachmentBytes: 10_000, maxTotalAttachmentBytes: 250 });
    const a = store.add('a', 'http://x', file(100));
    const b = store.add('b', 'http://x', file(100));
    const c = store.add('c', 'http://x', file(100));
    assert.equal(store.get(a.id), undefined);
    assert.ok(store.get(b.id) && store.get(c.id));
    store.deleteConversation('b');
    assert.equal(store.get(b.id), undefined);
    const d = store.add('d', 'http://x', file(150));
    assert.ok(store.get(c.id) && store.get(d.id), 'deleting b made room');
  });

  it('hands out URLs with 256 bits of randomness that differ every time', () => {
    const store = new AttachmentStore({ maxConversationAttachmentBytes: 10_000, maxTotalAttachmentBytes: 10_000 });
    const urls = new Set(Array.from({ length: 50 }, () => store.add('a', 'http://x', file(1)).url));
    assert.equal(urls.size, 50);
    for (const url of urls) assert.match(url, /^http:\/\/x\/v3\/attachments\/[A-Za-z0-9_-]{43}\/views\/original$/);
  });
});

describe('TokenRegistry', () => {
  it('keeps only the newest four tokens of a conversation', () => {
    const registry = new TokenRegistry(1000, () => 0);
    const tokens = Array.from({ length: 5 }, () => registry.issue('c').token);
    assert.deepEqual(
      tokens.map((token) => registry.lookup(token).status),
      ['unknown', 'valid', 'valid', 'valid', 'valid'],
    );
  });
});
