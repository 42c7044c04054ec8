import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startApp } from '../support/appHarness';
import { z } from 'zod';
import { HelpdeskStandIn, type ReceivedWebhook } from '../helpdesk/helpdeskStandIn';

const SECRET = 'webhook-secret-for-tests-0123456789';
const webhookBody = z.object({
  event: z.string(),
  ticket: z.looseObject({
    number: z.string(),
    applicationReference: z.string().nullable(),
    anonymisedAt: z.string().nullable(),
  }),
});

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every byte SQLite keeps for the database: the file (free pages included) and its WAL. */
function databaseBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter((part) => existsSync(part)).map((part) => readFileSync(part)));
}

describe('"forget me" on SQLite', function () {
  it('leaves no copy of the erased values in the database file or its WAL, and tells the helpdesk', async function () {
    this.timeout(60_000);
    const helpdesk = new HelpdeskStandIn(SECRET);
    await helpdesk.start();
    const running = await startApp({ HELPDESK_WEBHOOK_URL: helpdesk.url, HELPDESK_WEBHOOK_SECRET: SECRET });
    try {
      const reference = `REF-${randomBytes(6).toString('hex')}`;
      const deliver = running.deliverIn('forget-me', 'forgetful');
      const text = async (message: string): Promise<string> =>
        (await deliver({ type: 'message', text: message, locale: 'en' })).map((reply) => reply.text ?? '').join('\n');
      await text('talk to a person');
      const shown = await text(reference);
      const number = /KYC-[0-9A-Z]{7}/.exec(shown)?.[0];
      assert.ok(number, `a ticket was filed: ${shown}`);
      const file = path.join(running.dbDir, 'bot.db');
      assert.ok(databaseBytes(file).includes(reference), 'the reference was stored before the erase');

      await text('forget me');
      await text('Yes, forget me');

      assert.ok(!databaseBytes(file).includes(reference), 'no copy of the reference is left on disk');
      const anonymisedEvent = (): ReceivedWebhook | undefined =>
        helpdesk.received.find((hook) => {
          const body = webhookBody.safeParse(hook.body);
          return body.success && body.data.event === 'ticket.anonymised' && body.data.ticket.number === number;
        });
      await waitFor(() => anonymisedEvent() !== undefined, 20_000);
      const event = anonymisedEvent();
      assert.ok(event?.signatureValid, 'the event is signed');
      assert.equal(event.idempotencyKey, `${number}:ticket.anonymised`);
      const { ticket } = webhookBody.parse(event.body);
      assert.equal(ticket.applicationReference, null);
      assert.notEqual(ticket.anonymisedAt, null);
    } finally {
      await running.stop();
      await helpdesk.stop();
    }
  });
});
