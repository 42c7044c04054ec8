import fs from 'node:fs';
import path from 'node:path';
import { openReminderStore } from '../../src/reminders/openReminderStore';
import { tempDbDir } from '../support/appHarness';
import assert from 'node:assert/strict';
import { newReminder, reminderStoreContract } from './reminderStoreContract';

describe('SQLite reminder store', function () {
  let dir = '';
  let file = '';
  let n = 0;
  beforeEach(function () {
    dir = tempDbDir();
    n += 1;
    file = path.join(dir, `reminders-${n}.db`);
  });
  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  reminderStoreContract('SQLite', () => ({
    fresh: () => openReminderStore(`sqlite:${file}`),
    another: () => openReminderStore(`sqlite:${file}`),
  }));

  const onDisk = (): string =>
    fs
      .readdirSync(dir)
      .map((name) => fs.readFileSync(path.join(dir, name)).toString('latin1'))
      .join('');

  it("leaves no readable copy of a cancelled reminder's reference in the database files", async function () {
    const marker = 'conversation-marker-7f3a9c';
    const store = await openReminderStore(`sqlite:${file}`);
    try {
      await store.schedule(
        newReminder({
          conversationReference: { channelId: 'msteams', serviceUrl: 'https://x', conversation: { id: marker } },
        }),
      );
      assert.ok(onDisk().includes(marker), 'the marker is on disk while the reminder is pending');
      assert.equal(await store.cancelForUser('user-key-1'), 1);
      assert.ok(!onDisk().includes(marker));
    } finally {
      await store.close();
    }
  });

  it("erases a held reminder's conversation reference from the database files", async function () {
    const marker = 'conversation-marker-held-51c2';
    const store = await openReminderStore(`sqlite:${file}`);
    try {
      const reminder = newReminder({
        conversationReference: { channelId: 'directline', serviceUrl: 'http://x', conversation: { id: marker } },
      });
      await store.schedule(reminder);
      const [claimed] = await store.claimDue(reminder.dueAt, 10, 60_000);
      assert.ok(claimed && (await store.holdForUser(claimed, reminder.dueAt)));
      assert.ok(!onDisk().includes(marker));
      assert.equal((await store.takeHeld('user-key-1'))?.cause, 'photo_unclear');
    } finally {
      await store.close();
    }
  });
});
