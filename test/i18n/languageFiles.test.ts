import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkLanguageFiles, PROJECT_LANGUAGE_DIRS } from '../../scripts/checkLocaleParity';

/** Writes `value` as JSON at `dir/name`, creating `dir`. */
function writeJson(dir: string, name: string, value: unknown): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), JSON.stringify(value));
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('language files (scripts/checkLocaleParity.ts)', () => {
  it('finds no problem in the project: locale parity, trigger coverage, utterance labels and holdout', () => {
    const { problems } = checkLanguageFiles();
    assert.deepEqual(problems, []);
  });

  describe('on broken files', () => {
    let scratch: string;
    let problems: string[];

    before(() => {
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'language-files-'));
      const localesDir = path.join(scratch, 'locales');
      fs.cpSync(path.join(PROJECT_LANGUAGE_DIRS.localesDir, 'en'), path.join(localesDir, 'en'), { recursive: true });
      for (const code of ['fr', 'ru', 'zh-TW'])
        fs.cpSync(path.join(PROJECT_LANGUAGE_DIRS.localesDir, 'en'), path.join(localesDir, code), { recursive: true });
      writeJson(path.join(localesDir, 'fr'), 'photoChat.json', {
        ...(readJson(path.join(localesDir, 'en', 'photoChat.json')) as object),
        busy: 'Réessayez dans {{seconds}} secondes.',
        extra: 'pas dans en',
      });
      const chat = readJson(path.join(localesDir, 'en', 'chat.json')) as { help: { body: string } };
      writeJson(path.join(localesDir, 'fr'), 'chat.json', {
        ...chat,
        help: { body: chat.help.body.replace(/\n/g, ' ') },
      });
      fs.rmSync(path.join(localesDir, 'fr', 'policy.json'));

      const dialogsDir = path.join(scratch, 'dialogs');
      fs.cpSync(PROJECT_LANGUAGE_DIRS.dialogsDir, dialogsDir, { recursive: true });
      const triggersDir = path.join(dialogsDir, 'triggers');
      const fr = readJson(path.join(triggersDir, 'fr.json')) as {
        topics: Record<string, string[]>;
        commands: Record<string, string[]>;
      };
      fr.topics.photo_unclear = ['photo floue'];
      fr.topics.info_mismatch.push('photo floue');
      fr.topics.safety_scam.push('contacter le support arnaque');
      delete fr.commands.language_fr;
      writeJson(triggersDir, 'fr.json', fr);

      const utterancesDir = path.join(scratch, 'utterances');
      writeJson(utterancesDir, 'fr.json', [
        { text: 'photo floue', locale: 'fr', topic: 'photo_unclear', holdout: true },
        { text: 'je veux un humain, arnaque', locale: 'fr', topic: 'safety_scam' },
        { text: 'bonjour', locale: 'es', topic: 'no_such_topic' },
      ]);

      ({ problems } = checkLanguageFiles({ dialogsDir, localesDir, triggersDir, utterancesDir }));
    });

    after(() => fs.rmSync(scratch, { recursive: true, force: true }));

    function reported(fragment: string): void {
      assert.ok(
        problems.some((p) => p.includes(fragment)),
        `expected a problem containing "${fragment}", got:\n${problems.join('\n')}`,
      );
    }

    it('reports a missing namespace, a foreign key, a changed placeholder and lost line breaks', () => {
      reported('locales/fr/policy.json: missing');
      reported('locales/fr/photoChat.json extra: not a key of en');
      reported('locales/fr/photoChat.json busy: placeholders {seconds}');
      reported('locales/fr/chat.json help.body: 0 line breaks');
    });

    it('asks for the plural forms of the language, not those of English', () => {
      reported('locales/ru/photoChat.json result.failIntro_few: missing');
      reported('locales/zh-TW/photoChat.json result.failIntro_one: not a key of en');
    });

    it('reports thin topics, missing commands, a phrase under two topics and one the engine hands to a person', () => {
      reported('dialogs/triggers/fr.json topics.photo_unclear: 1 phrases');
      reported('dialogs/triggers/fr.json commands.language_fr: missing');
      reported('dialogs/triggers/fr.json topics.info_mismatch: "photo floue" is also under topics.photo_unclear');
      reported('topics.safety_scam: "contacter le support arnaque" is taken for a person request');
    });

    it('reports unknown topics, wrong locales, low counts and held-out lines copied from the triggers', () => {
      reported('no such topic no_such_topic');
      reported('locale es, file is fr');
      reported('held out but copied from dialogs/triggers/fr.json');
      reported('3 lines, at least 48');
      reported('taken for a person request, not safety_scam');
    });
  });
});
