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
      fs.cpSync(path.join(PROJECT_LANGUAGE_DIRS.localesDir, 'en'), path.join(localesDir, 'fr'), { recursive: true });
      writeJson(path.join(localesDir, 'fr'), 'photoChat.json', {
        ...(readJson(path.join(localesDir, 'en', 'photoChat.json')) as object),
        busy: 'Réessayez dans {{seconds}} secondes.',
        extra: 'pas dans en',
      });
      fs.rmSync(path.join(localesDir, 'fr', 'policy.json'));

      const triggersDir = path.join(scratch, 'triggers');
      writeJson(triggersDir, 'fr.json', { topics: { photo_unclear: ['photo floue'] }, commands: { menu: ['menu'] } });

      const utterancesDir = path.join(scratch, 'utterances');
      writeJson(utterancesDir, 'fr.json', [
        { text: 'photo floue', locale: 'fr', topic: 'photo_unclear', holdout: true },
        { text: 'bonjour', locale: 'es', topic: 'no_such_topic' },
      ]);

      ({ problems } = checkLanguageFiles({
        dialogsDir: PROJECT_LANGUAGE_DIRS.dialogsDir,
        localesDir,
        triggersDir,
        utterancesDir,
      }));
    });

    after(() => fs.rmSync(scratch, { recursive: true, force: true }));

    function reported(fragment: string): void {
      assert.ok(
        problems.some((p) => p.includes(fragment)),
        `expected a problem containing "${fragment}", got:\n${problems.join('\n')}`,
      );
    }

    it('reports a missing namespace, a foreign key and a changed placeholder', () => {
      reported('locales/fr/policy.json: missing');
      reported('locales/fr/photoChat.json extra: not a key of en');
      reported('locales/fr/photoChat.json busy: placeholders {seconds}');
    });

    it('asks for the plural forms of the language, not those of English', () => {
      reported('locales/fr/photoChat.json result.failIntro_many: missing');
    });

    it('reports topics with too few phrases and missing commands', () => {
      reported('dialogs/triggers/fr.json topics.photo_unclear: 1 phrases');
      reported('dialogs/triggers/fr.json topics.faq_ban: 0 phrases');
      reported('dialogs/triggers/fr.json commands.language_fr: missing');
    });

    it('reports unknown topics, wrong locales, low counts and held-out lines copied from the triggers', () => {
      reported('no such topic no_such_topic');
      reported('locale es, file is fr');
      reported('test/conversation/utterances/fr.json: 2 lines, at least 48');
      reported('held out but copied from dialogs/triggers/fr.json');
    });
  });
});
