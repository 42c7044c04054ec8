import assert from 'node:assert/strict';
import { MemoryStorage, type Attachment } from 'botbuilder';
import { PhotoService } from '../../src/diagnosis/photoService';
import { photoAttachmentReader } from '../../src/channels/photoAttachments';
import { loadSettings } from '../../src/settings';
import { pdfDocument } from '../fixtures/badPhotoInputs';
import { syntheticPhoto } from '../fixtures/syntheticDocument';
import { createBotHarness, type BotHarness } from '../support/botHarness';
import type { Reply } from '../support/json';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

function asAttachment(bytes: Buffer, contentType: string, name: string): Attachment {
  return { contentType, name, contentUrl: `data:${contentType};base64,${bytes.toString('base64')}` };
}

function texts(replies: Reply[]): string {
  return replies.map((r) => `${r.text ?? ''}\n${JSON.stringify(r.attachments ?? [])}`).join('\n');
}

describe('photo check in the conversation (TestAdapter, real checks and OCR)', function () {
  this.timeout(120_000);
  let photos: PhotoService;
  let clean: Buffer;
  const settings = loadSettings();

  before(async () => {
    photos = await PhotoService.create({
      photo: settings.photo,
      ocr: settings.ocr,
      maxBytes: 15 * 1024 * 1024,
      ocrWorkers: 1,
      concurrency: 1,
      maxWaiting: 4,
    });
    clean = await syntheticPhoto({ width: 2400, cameraExif: true });
  });
  after(async () => photos.close());

  async function harness(storage = new MemoryStorage()): Promise<BotHarness> {
    return createBotHarness({
      storage,
      photo: {
        diagnoser: photos,
        attachments: photoAttachmentReader({ maxBytes: 15 * 1024 * 1024, localDevelopment: true }),
      },
    });
  }

  it('asks for the photo with the privacy line, then answers with a typing indicator, the result card and the preview', async () => {
    const bot = await harness();
    const t = bot.runtime.localizer.t('en');
    const asked = await bot.deliver({ type: 'message', text: 'check my photo', locale: 'en' });
    assert.ok(texts(asked).includes(t('photoChat:ask.privacy')), 'says what is checked and that nothing is stored');

    const replies = await bot.deliver({
      type: 'message',
      text: '',
      locale: 'en',
      attachments: [asAttachment(clean, 'image/jpeg', 'passport.jpg')],
    });
    assert.equal(replies[0]?.type, 'typing', 'a typing indicator comes first');
    const result = replies.find((r) => r.attachments?.some((a) => a.contentType === ADAPTIVE_CARD));
    assert.ok(result, 'the result is an Adaptive Card');
    assert.equal(result.text, t('photoChat:result.passIntro'));
    const card = JSON.stringify(result.attachments);
    assert.ok(card.includes('data:image/jpeg;base64,'), 'with the marked-up preview');
    assert.ok(card.includes(t('photoChat:result.previewAlt')), 'which has alt text');
    assert.ok(card.includes(t('photoChat:result.passCaveat')), 'a pass comes with the honest caveat');
  });

  it('diagnoses a photo sent at any point, and says exactly what to fix in Chinese', async () => {
    const bot = await harness();
    const zh = bot.runtime.localizer.t('zh-CN');
    const small = await syntheticPhoto({ width: 1000, cameraExif: true });
    const replies = await bot.deliver({
      type: 'message',
      text: '',
      locale: 'zh-CN',
      attachments: [asAttachment(small, 'image/jpeg', 'small.jpg')],
    });
    const all = texts(replies);
    assert.ok(all.includes(zh('photoChat:result.failIntro', { count: 1 }).slice(0, 6)), all);
    assert.ok(all.includes(zh('photo:name.resolution')));
  });

  it('walks photo_unclear into the photo check and back to "did that help?"', async () => {
    const bot = await harness();
    const t = bot.runtime.localizer.t('en');
    await bot.deliver({ type: 'message', text: 'Document photo unclear', locale: 'en' });
    const asked = await bot.deliver({ type: 'message', text: t('topics:common.checkPhotoYes'), locale: 'en' });
    assert.ok(texts(asked).includes(t('photoChat:ask.prompt')));
    const replies = await bot.deliver({
      type: 'message',
      text: '',
      locale: 'en',
      attachments: [asAttachment(clean, 'image/jpeg', 'passport.jpg')],
    });
    assert.ok(texts(replies).includes(t('topics:common.askHelped')), 'the walk-through continues after the result');
  });

  it('tells a user who sent a visa why it is not accepted and walks them into the unsupported-document advice', async () => {
    const bot = await harness();
    const t = bot.runtime.localizer.t('en');
    await bot.deliver({ type: 'message', text: 'Document photo unclear', locale: 'en' });
    await bot.deliver({ type: 'message', text: t('topics:common.checkPhotoYes'), locale: 'en' });
    const visa = await syntheticPhoto({ kind: 'visa', width: 2400, cameraExif: true });
    const replies = texts(
      await bot.deliver({
        type: 'message',
        text: '',
        locale: 'en',
        attachments: [asAttachment(visa, 'image/jpeg', 'visa.jpg')],
      }),
    );
    assert.ok(replies.includes(t('photoChat:notAccepted.visa')), 'the reason is said');
    assert.ok(replies.includes(t('topics:unsupported_document.askDocument')), 'then the advice for another document');
    assert.ok(!replies.includes(t('photoChat:result.nextAfterPass')), 'and no "resubmit it"');
    assert.ok(!replies.includes(t('topics:common.askHelped')), 'the photo walk-through gave way to the advice');
  });

  it('reads a Teams message with its text/html copy as text, not as a photo', async () => {
    const bot = await harness();
    const t = bot.runtime.localizer.t('en');
    const replies = await bot.deliver({
      type: 'message',
      channelId: 'msteams',
      text: 'Document photo unclear',
      locale: 'en',
      attachments: [{ contentType: 'text/html', content: '<p>Document photo unclear</p>' }],
    });
    assert.ok(texts(replies).includes(t('topics:photo_unclear.why')));
  });

  it('refuses a PDF with a clear message and keeps the conversation going', async () => {
    const bot = await harness();
    const t = bot.runtime.localizer.t('en');
    const replies = await bot.deliver({
      type: 'message',
      text: '',
      locale: 'en',
      attachments: [asAttachment(pdfDocument(), 'image/jpeg', 'scan.jpg')],
    });
    assert.ok(texts(replies).includes(t('photo:input.unsupported_type')));
    const next = await bot.deliver({ type: 'message', text: 'help', locale: 'en' });
    assert.ok(texts(next).includes(t('chat:help.body').slice(0, 20)));
  });

  it('never fetches a contentUrl pointing at the metadata service or loopback from a remote channel', async () => {
    const bot = await createBotHarness({
      photo: {
        diagnoser: photos,
        attachments: photoAttachmentReader({ maxBytes: 15 * 1024 * 1024, localDevelopment: false }),
      },
    });
    const t = bot.runtime.localizer.t('en');
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'https://127.0.0.1/photo.jpg']) {
      const replies = await bot.deliver({
        type: 'message',
        text: '',
        locale: 'en',
        attachments: [{ contentType: 'image/jpeg', contentUrl: url, name: 'id.jpg' }],
      });
      assert.ok(texts(replies).includes(t('photoChat:download.failed')), `refused ${url} with a clear message`);
    }
  });

  it('keeps the results in conversation state for a ticket, never the photo', async () => {
    const storage = new MemoryStorage();
    const bot = await harness(storage);
    await bot.deliver({
      type: 'message',
      text: '',
      locale: 'en',
      attachments: [asAttachment(clean, 'image/jpeg', 'passport.jpg')],
    });
    // MemoryStorage serialises its items under `memory`.
    const dump = JSON.parse(JSON.stringify(storage)) as { memory?: Record<string, unknown> };
    const keys = Object.keys(dump.memory ?? {});
    const stored = JSON.stringify(await storage.read(keys));
    assert.ok(
      stored.includes('"photoChecks"') && stored.includes('"camera_metadata"'),
      'check ids and statuses are kept',
    );
    assert.ok(!stored.includes(clean.subarray(100, 160).toString('base64').slice(0, 40)), 'the photo is not');
    assert.ok(!stored.includes('L898902C3') && !stored.includes('ERIKSSON'), 'nor anything read from it');
  });

  it('with consent, reads the document side of the information check from the checked photo', async () => {
    const bot = await harness();
    const t = bot.runtime.localizer.t('en');
    await bot.deliver({
      type: 'message',
      text: '',
      locale: 'en',
      attachments: [asAttachment(clean, 'image/jpeg', 'passport.jpg')],
    });
    const consent = await bot.deliver({ type: 'message', text: 'check my information', locale: 'en' });
    assert.ok(texts(consent).includes(t('info:consent.readFromPhoto')));
    await bot.deliver({ type: 'message', text: t('info:consent.yes'), locale: 'en' });
    await bot.deliver({ type: 'message', text: t('info:documentType.passport'), locale: 'en' });
    await bot.deliver({ type: 'message', text: 'ERIKSSON  ANNA MARIA', locale: 'en' });
    await bot.deliver({ type: 'message', text: '1974-8-12', locale: 'en' });
    const result = texts(await bot.deliver({ type: 'message', text: 'L898902c3', locale: 'en' }));
    assert.ok(result.includes(t('info:foundIntro')), result);
    assert.ok(result.includes('1974-08-12'), 'the date of birth needs leading zeros');
    assert.ok(result.includes('L898902C3'), 'the number is typed with a lowercase letter');
  });
});
