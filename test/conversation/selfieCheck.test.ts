import assert from 'node:assert/strict';
import type { Attachment } from 'botbuilder';
import { photoAttachmentReader } from '../../src/channels/photoAttachments';
import { SelfieService } from '../../src/diagnosis/selfie/selfieService';
import { loadSettings } from '../../src/settings';
import { portrait, selfieVariant } from '../fixtures/faces/selfieVariants';
import { syntheticPhoto } from '../fixtures/syntheticDocument';
import { createBotHarness, type BotHarness } from '../support/botHarness';
import type { Reply } from '../support/json';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const MAX_BYTES = 15 * 1024 * 1024;

function selfieMessage(bytes: Buffer): { type: 'message'; text: string; locale: string; attachments: Attachment[] } {
  const contentUrl = `data:image/jpeg;base64,${bytes.toString('base64')}`;
  return {
    type: 'message',
    text: '',
    locale: 'en',
    attachments: [{ contentType: 'image/jpeg', name: 'selfie.jpg', contentUrl }],
  };
}

function everything(replies: Reply[]): string {
  return replies.map((r) => `${r.text ?? ''}\n${JSON.stringify(r.attachments ?? [])}`).join('\n');
}

function buttons(replies: Reply[]): string[] {
  return replies.flatMap((r) => r.suggestedActions?.actions.map((a) => a.title ?? '') ?? []);
}

describe('selfie check in the conversation (TestAdapter, real face model)', function () {
  this.timeout(120_000);
  const settings = loadSettings();
  const selfies = new SelfieService({
    settings: settings.selfie,
    maxBytes: MAX_BYTES,
    maxPixels: settings.photo.maxInputPixels,
    heicConcurrency: 1,
  });
  let photoChecks = 0;
  before(() => selfies.warm());
  after(() => selfies.close());

  function harness(): Promise<BotHarness> {
    const attachments = photoAttachmentReader({ maxBytes: MAX_BYTES, localDevelopment: true });
    return createBotHarness({
      selfie: { diagnoser: selfies, attachments },
      // Present so that a selfie going to the document photo check would show; it must never be called.
      photo: {
        diagnoser: {
          diagnose: () => {
            photoChecks += 1;
            return Promise.reject(new Error('a selfie reached the document photo check'));
          },
        },
        attachments,
      },
    });
  }

  it('offers the selfie check in the face walk-through, says what it checks once, and answers with the card', async () => {
    const bot = await harness();
    const t = bot.runtime.localizer.t('en');
    const start = await bot.deliver({ type: 'message', text: 'Facial recognition failed', locale: 'en' });
    assert.ok(buttons(start).includes(t('selfie:chat.offer')));
    const asked = await bot.deliver({ type: 'message', text: t('selfie:chat.offer'), locale: 'en' });
    assert.ok(everything(asked).includes(t('selfie:chat.prompt')));
    assert.ok(
      everything(asked).includes(t('selfie:chat.privacy')),
      'one line on what is checked and that nothing is stored',
    );

    const replies = await bot.deliver(selfieMessage(portrait('studio-portrait')));
    assert.equal(replies[0]?.type, 'typing');
    const result = replies.find((r) => r.attachments?.some((a) => a.contentType === ADAPTIVE_CARD));
    assert.ok(result, 'the result is an Adaptive Card');
    assert.equal(result.text, t('selfie:chat.passIntro'));
    const card = JSON.stringify(result.attachments);
    assert.ok(card.includes('data:image/jpeg;base64,'), 'with the marked-up preview');
    assert.ok(card.includes(t('selfie:chat.previewAlt')));
    for (const id of ['glasses', 'head_cover', 'makeup', 'contacts'])
      assert.ok(card.includes(t(`selfie:confirm.${id}`)), `asks the user to confirm ${id}`);
    assert.deepEqual(buttons(replies), [
      t('selfie:chat.retry'),
      t('selfie:chat.readyForLiveCheck'),
      t('topics:face_verification_failed.keepsFailing'),
    ]);
    assert.equal(photoChecks, 0);
  });

  it('checks a selfie from anywhere with "check my selfie" and says exactly what to change', async () => {
    const bot = await harness();
    const t = bot.runtime.localizer.t('en');
    await bot.deliver({ type: 'message', text: 'check my selfie', locale: 'en' });
    const replies = await bot.deliver(selfieMessage(await selfieVariant('studio-portrait', 'sideLight')));
    const text = everything(replies);
    assert.ok(text.includes(t('selfie:chat.failIntro', { count: 1 })));
    assert.match(text, /halves of your face differ by \d+% \(at most \d+%\); the left side of the picture is brighter/);
    assert.equal(photoChecks, 0);
  });

  it('tells a user who sends their ID card that it is a document, not a selfie (in Chinese)', async () => {
    const bot = await harness();
    const zh = bot.runtime.localizer.t('zh-CN');
    await bot.deliver({ type: 'message', text: '检查自拍', locale: 'zh-CN' });
    const card = await syntheticPhoto({ kind: 'idCard', width: 1600 });
    const replies = await bot.deliver({ ...selfieMessage(card), locale: 'zh-CN' });
    assert.ok(everything(replies).includes(zh('selfie:face_found.document')));
  });

  it('after two failed selfies offers another device, manual review and a person; the ticket has the results, never the photo', async () => {
    const bot = await harness();
    const t = bot.runtime.localizer.t('en');
    const dark = await selfieVariant('studio-portrait', 'dark');
    await bot.deliver({ type: 'message', text: 'face verification failed', locale: 'en' });
    await bot.deliver({ type: 'message', text: t('selfie:chat.offer'), locale: 'en' });
    const first = await bot.deliver(selfieMessage(dark));
    assert.ok(buttons(first).includes(t('selfie:chat.retry')), 'one failure: try again');
    await bot.deliver({ type: 'message', text: t('selfie:chat.retry'), locale: 'en' });
    const second = await bot.deliver(selfieMessage(dark));
    const text = everything(second);
    assert.ok(text.includes(t('selfie:chat.repeatedFailures')));
    assert.ok(text.includes(t('topics:face_verification_failed.switchDevice')));
    assert.ok(text.includes(t('topics:face_verification_failed.manualReview')));
    assert.deepEqual(buttons(second), [
      t('topics:face_verification_failed.tryOtherDevice'),
      t('topics:face_verification_failed.requestManualReview'),
      t('topics:common.talkToPerson'),
    ]);

    await bot.deliver({
      type: 'message',
      text: t('topics:face_verification_failed.requestManualReview'),
      locale: 'en',
    });
    await bot.deliver({ type: 'message', text: t('tickets:skip'), locale: 'en' });
    const ticket = await bot.runtime.services.tickets.findLatestByUserKey(
      bot.runtime.services.userKey('test', 'user-1'),
    );
    assert.ok(ticket, 'a ticket was filed');
    assert.equal(ticket.cause.id, 'face_verification_failed');
    assert.deepEqual(
      ticket.selfieChecks.find((c) => c.id === 'lighting'),
      { id: 'lighting', status: 'fail' },
    );
    const stored = JSON.stringify(ticket);
    assert.doesNotMatch(stored, /base64|data:image/);
    assert.ok(stored.length < 20_000, 'no image bytes in the ticket');
  });
});
