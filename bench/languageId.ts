import { detectAll } from 'tinyld';
import { isoLanguageCode, LANGUAGES, type Language } from '../src/i18n/locales';
import { loadLabelledUtterances } from '../test/conversation/labelledUtterances';
import { createLanguageGuesser } from '../src/i18n/languageGuess';
import { loadDialogData, phrasesIn } from '../src/conversation/topicLoader';
import { DIALOGS_DIR } from '../src/projectPaths';

/** ISO 639-1 codes the detectors give, to our language codes (the detectors' "zh" is simplified Chinese). */
const FROM_ISO: Readonly<Record<string, Language>> = Object.fromEntries(
  LANGUAGES.filter((language) => language !== 'zh-TW').map((language) => [isoLanguageCode(language), language]),
);
const ISO = Object.keys(FROM_ISO);

interface EldModule {
  eld: {
    detect(text: string): { language: string; isReliable(): boolean };
    setLanguageSubset(l: string[]): unknown;
    load?(size?: string): Promise<unknown>;
  };
}

async function main(): Promise<void> {
  const utterances = loadLabelledUtterances();
  // eld is an ES module; this project is CommonJS, so it is loaded dynamically.
  const eldModule = (await import('eld/medium')) as EldModule;
  const { eld } = eldModule;
  eld.setLanguageSubset(ISO);
  const data = loadDialogData(DIALOGS_DIR);
  const guess = createLanguageGuesser((language) => phrasesIn(data, language));
  const detectors: Record<string, (text: string) => Language | undefined> = {
    'script + tinyld + phrases (the bot)': (text) => guess(text)?.language,
    tinyld: (text) => {
      const [best] = detectAll(text, { only: ISO });
      return best ? FROM_ISO[best.lang] : undefined;
    },
    eld: (text) => FROM_ISO[eld.detect(text).language],
  };
  // zh-TW and zh-CN are one language to both detectors: the script decides between them.
  const expected = (language: Language, name: string): Language =>
    language === 'zh-TW' && !name.startsWith('script') ? 'zh-CN' : language;
  for (const [name, detect] of Object.entries(detectors)) {
    const line = LANGUAGES.map((language) => {
      const mine = utterances.filter((u) => u.locale === language);
      const hits = mine.filter((u) => detect(u.text) === expected(language, name)).length;
      return `${language} ${Math.round((100 * hits) / Math.max(mine.length, 1))}%`;
    });
    const all = utterances.filter((u) => detect(u.text) === expected(u.locale, name)).length;
    const short = utterances.filter((u) => u.text.split(/\s+/).length <= 4);
    const shortHits = short.filter((u) => detect(u.text) === expected(u.locale, name)).length;
    const clear = name.startsWith('script')
      ? `, said clearly: ${utterances.filter((u) => guess(u.text)?.clear).length}/${utterances.length}, of them wrong: ${utterances.filter((u) => guess(u.text)?.clear && guess(u.text)?.language !== u.locale).length}`
      : '';
    console.log(
      `${name}${clear}\n  all ${((100 * all) / utterances.length).toFixed(1)} %, ≤4 words ${((100 * shortHits) / short.length).toFixed(1)} % | ${line.join(', ')}`,
    );
  }
}

void main();
