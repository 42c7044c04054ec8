import assert from 'node:assert/strict';
import path from 'node:path';
import { z } from 'zod';
import { openStorage } from '../../src/storage/openDatabase';
import { syntheticPhoto } from '../fixtures/syntheticDocument';
import { startApp } from '../support/appHarness';
import { sendTurn, startServerProcess } from '../support/serverProcess';
import { usePostgresTestSchema } from '../storage/postgresTestSchema';

const conversationState = z.looseObject({
  conversationData: z.looseObject({
    journey: z.array(z.looseObject({ topic: z.string() })),
    photoChecks: z.array(z.unknown()),
  }),
});

/** The conversation's state as the next turn would read it, from the database itself. */
async function storedConversation(
  databaseUrl: string,
  conversationId: string,
): Promise<z.infer<typeof conversationState>> {
  const storage = await openStorage(databaseUrl);
  try {
    const key = `test/conversations/${conversationId}/`;
    return conversationState.parse((await storage.read([key]))[key]);
  } finally {
    await storage.close();
  }
}

/** Each starts a different topic, so each turn leaves its own entries in the journey. */
const TOPIC_PROMPTS = {
  photo_unclear: 'Document photo unclear',
  document_expired: 'my document expired',
  unsupported_document: 'unsupported document type',
  face_verification_failed: 'face verification failed',
  document_already_used: 'this document was already used',
  faq_review_time: 'how long does the review take',
} as const;

describe('concurrent turns in one conversation', function () {
  it('keeps the result of every one of 4 photos sent at once (SQLite)', async function () {
    this.timeout(120_000);
    const running = await startApp();
    try {
      const photo = await syntheticPhoto({ width: 900, height: 600, cameraExif: true });
      const attachment = {
        contentType: 'image/jpeg',
        name: 'id.jpg',
        contentUrl: `data:image/jpeg;base64,${photo.toString('base64')}`,
      };
      const deliver = running.deliverIn('photo-race', 'photo-racer');
      await Promise.all(
        Array.from({ length: 4 }, () =>
          deliver({ type: 'message', text: '', locale: 'en', attachments: [attachment] }),
        ),
      );
      const stored = await storedConversation(`sqlite:${path.join(running.dbDir, 'bot.db')}`, 'photo-race');
      assert.equal(stored.conversationData.photoChecks.length, 4, 'one photo check result per photo');
    } finally {
      await running.stop();
    }
  });

  describe('on two processes sharing PostgreSQL', function () {
    const schema = usePostgresTestSchema();

    it('keeps the effect of every turn when turns of one conversation reach both processes at once', async function () {
      this.timeout(120_000);
      const env = { DATABASE_URL: schema().url, LOCAL_WEBCHAT: 'false' };
      const servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
      try {
        await Promise.all(
          Object.values(TOPIC_PROMPTS).map((text, index) =>
            sendTurn(servers[index % 2] ?? servers[0], 'text-race', 'text-racer', text),
          ),
        );
        const stored = await storedConversation(schema().url, 'text-race');
        const topics = new Set(stored.conversationData.journey.map((entry) => entry.topic));
        assert.deepEqual([...topics].sort(), Object.keys(TOPIC_PROMPTS).sort());
      } finally {
        for (const server of servers) server.child.kill('SIGTERM');
        await Promise.all(servers.map((server) => server.exited));
      }
    });
  });
});
