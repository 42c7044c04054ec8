import fs from 'node:fs';
import path from 'node:path';
import { openReminderStore } from '../../src/reminders/openReminderStore';
import { tempDbDir } from '../support/appHarness';
import { reminderStoreContract } from './reminderStoreContract';

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
});
