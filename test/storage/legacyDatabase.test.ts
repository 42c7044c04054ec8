import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStorage } from '../../src/storage/openDatabase';
import { openTicketStore } from '../../src/tickets/ticketStore';

/** ./data/kyc-bot.db as the build before the shared SQL layer left it: bot_state keyed by its key text. */
const LEGACY_SCHEMA = `
  CREATE TABLE schema_migrations (
    component TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), PRIMARY KEY (component, version));
  CREATE TABLE bot_state (
    key TEXT NOT NULL PRIMARY KEY, etag TEXT NOT NULL, value TEXT NOT NULL CHECK (json_valid(value)), updated_at TEXT NOT NULL);
  CREATE TABLE tickets (
    number TEXT NOT NULL PRIMARY KEY, status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved')),
    priority TEXT NOT NULL CHECK (priority IN ('normal', 'high')), assignee TEXT, user_key TEXT,
    details TEXT NOT NULL CHECK (json_valid(details)), version INTEGER NOT NULL, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, anonymised_at TEXT);
  CREATE TABLE ticket_notes (ticket_number TEXT NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL, text TEXT NOT NULL,
    created_at TEXT NOT NULL, PRIMARY KEY (ticket_number, position));
  CREATE TABLE ticket_replies (ticket_number TEXT NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL, created_at TEXT NOT NULL, delivered_at TEXT, PRIMARY KEY (ticket_number, position));
  CREATE TABLE ticket_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_number TEXT NOT NULL, event TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, locked_until TEXT, lock_token TEXT,
    last_error TEXT, delivered_at TEXT, created_at TEXT NOT NULL);
  INSERT INTO schema_migrations (component, version, name) VALUES
    ('bot_state', 1, 'create bot_state'), ('tickets', 1, 'create tickets, notes, replies and the webhook outbox');
  INSERT INTO bot_state VALUES ('test/conversations/old/', 'etag-1', '{"conversationData":{"unplaced":1}}', '2026-11-01T00:00:00.000Z');
  INSERT INTO bot_state VALUES ('odd%0025key', 'etag-2', '{"n":2}', '2026-11-01T00:00:00.000Z');
  INSERT INTO tickets VALUES ('KYC-2345672', 'open', 'normal', NULL, NULL, '${JSON.stringify({
    cause: { id: 'photo_unclear', labelKey: 'topics:photo_unclear.label' },
    promptText: null,
    applicationReference: null,
    locale: 'en',
    channelId: 'msteams',
    conversationReference: null,
    steps: [],
    attempts: null,
    photoChecks: [],
    infoFindings: [],
  })}', 3, '2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z', NULL);
  INSERT INTO ticket_notes VALUES ('KYC-2345672', 1, 'note-1', 'Checked with review', '2026-11-02T00:00:00.000Z');`;

describe('a SQLite database written by the previous build', function () {
  let dir = '';

  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'kyc-legacy-'));
  });

  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates forward on open and keeps its state, eTags and tickets', async function () {
    const file = join(dir, 'kyc-bot.db');
    const legacy = new BetterSqlite3(file);
    legacy.exec(LEGACY_SCHEMA);
    legacy.close();

    const storage = await openStorage(`sqlite:${file}`);
    const tickets = await openTicketStore(`sqlite:${file}`, { webhookOutbox: false });
    try {
      assert.deepEqual(await storage.read(['test/conversations/old/', 'odd%key']), {
        'test/conversations/old/': { conversationData: { unplaced: 1 }, eTag: 'etag-1' },
        'odd%key': { n: 2, eTag: 'etag-2' },
      });
      await storage.write({ 'test/conversations/old/': { conversationData: { unplaced: 2 }, eTag: 'etag-1' } });
      await assert.rejects(storage.write({ 'test/conversations/old/': { stale: true, eTag: 'etag-1' } }));
      const ticket = await tickets.get('KYC-2345672');
      assert.equal(ticket?.version, 3);
      assert.deepEqual(
        ticket.notes.map((note) => note.text),
        ['Checked with review'],
      );
      assert.equal((await tickets.addNote('KYC-2345672', 'after the upgrade')).version, 4);
      assert.deepEqual(
        (await tickets.list({ cause: 'photo_unclear', limit: 10 })).tickets.map((listed) => listed.number),
        ['KYC-2345672'],
        'the cause column is filled in from the stored details',
      );
      assert.deepEqual((await tickets.list({ cause: null, limit: 10 })).tickets, []);
    } finally {
      await tickets.close();
      await storage.close();
    }
    const upgraded = new BetterSqlite3(file, { readonly: true });
    try {
      assert.deepEqual(
        upgraded.prepare('SELECT component, version FROM schema_migrations ORDER BY component, version').all(),
        [
          { component: 'bot_state', version: 1 },
          { component: 'bot_state', version: 2 },
          { component: 'tickets', version: 1 },
          { component: 'tickets', version: 2 },
        ],
      );
    } finally {
      upgraded.close();
    }
  });
});
