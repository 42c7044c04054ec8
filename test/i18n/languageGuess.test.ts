import assert from 'node:assert/strict';
import { loadDialogData, phrasesIn } from '../../src/conversation/topicLoader';
import { createLanguageGuesser } from '../../src/i18n/languageGuess';
import { isLocale, type Language } from '../../src/i18n/locales';
import { DIALOGS_DIR } from '../../src/projectPaths';
import { loadLabelledUtterances } from '../conversation/labelledUtterances';

describe('language guess', () => {
  const data = loadDialogData(DIALOGS_DIR);
  const guess = createLanguageGuesser((language) => phrasesIn(data, language));

  it("skips the detector only where no other language than the conversation's could be clear", () => {
    let skipped = 0;
    for (const { text, locale } of loadLabelledUtterances()) {
      const full = guess(text);
      const conversations: Language[] = isLocale(locale) && locale !== 'en' ? ['en', locale] : ['en'];
      for (const conversation of conversations) {
        const quick = guess(text, conversation);
        if (quick === undefined) {
          skipped += 1;
          assert.ok(!full?.clear || full.language === conversation, `${conversation} chat: ${JSON.stringify(text)}`);
        } else assert.deepEqual(quick, full, `${conversation} chat: ${JSON.stringify(text)}`);
      }
    }
    assert.ok(skipped >= 400, `the detector was skipped only ${skipped} times`);
  });

  it('still guesses a clear other language in a conversation that has one', () => {
    assert.deepEqual(guess('Documento caducado, ¿qué hago ahora?', 'en'), { language: 'es', clear: true });
    assert.deepEqual(guess('my passport has expired, what now', 'es'), { language: 'en', clear: true });
    assert.equal(guess('hola', 'en'), undefined, 'one word is never clear');
  });
});
