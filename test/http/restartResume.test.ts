import assert from 'node:assert/strict';
import { createLocalizer, type Localizer } from '../../src/i18n/localizer';
import { LOCALES_DIR } from '../../src/projectPaths';
import { startApp, tempDbDir } from '../support/appHarness';

describe('restarting the server mid-conversation', () => {
  let localizer: Localizer;
  before(async () => {
    localizer = await createLocalizer(LOCALES_DIR, 'en');
  });

  it('resumes the walk-through where it was and keeps the chosen language', async () => {
    const dbDir = tempDbDir();
    const zh = localizer.t('zh-CN');

    const first = await startApp({}, { dbDir });
    const say1 = first.deliverIn('restart-conv', 'restart-user');
    await say1({ type: 'message', text: '中文', locale: 'en' });
    const asked = await say1({ type: 'message', text: 'Document photo unclear', locale: 'en' });
    assert.ok(asked.at(-1)?.suggestedActions, 'the bot should be waiting on a question');
    await first.stop();

    const second = await startApp({}, { dbDir });
    try {
      const replies = await second.deliverIn(
        'restart-conv',
        'restart-user',
      )({ type: 'message', text: zh('topics:common.notNow'), locale: 'en' });
      const text = replies.map((r) => r.text ?? '').join('\n');
      assert.ok(text.includes(zh('topics:common.askHelped')), `expected the next step in Chinese, got: ${text}`);
    } finally {
      await second.stop();
    }
  });
});
