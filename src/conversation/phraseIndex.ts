import { normalizeText } from '../i18n/normalizeText';
import { COMMAND_IDS, type CommandId, type Commands, type Topic } from './topicSchema';

/** What a message means when it is exactly a command phrase or a button label. */
export type ExactIntent =
  { type: 'command'; command: CommandId } | { type: 'topic'; topic: string } | { type: 'faqMenu' };

/** Menu buttons that stand for commands; their labels live in locales, so both languages work. */
const MENU_COMMANDS: readonly (readonly [string, ExactIntent])[] = [
  ['chat:menu.checkPhoto', { type: 'command', command: 'check_photo' }],
  ['chat:menu.checkInfo', { type: 'command', command: 'check_info' }],
  ['chat:menu.human', { type: 'command', command: 'human' }],
  ['chat:menu.attempts', { type: 'command', command: 'attempts' }],
  ['reminders:remindMe', { type: 'command', command: 'remind_me' }],
  ['reminders:cancelButton', { type: 'command', command: 'cancel_reminder' }],
  ['chat:menu.faq', { type: 'faqMenu' }],
  ['chat:language.menuEn', { type: 'command', command: 'language_en' }],
  ['chat:language.menuZh', { type: 'command', command: 'language_zh' }],
];

const HAN = /\p{Script=Han}/u;

export type PhraseIndex = (text: string) => ExactIntent | undefined;

/** `inEveryLocale` gives a label key's text in each locale, as the buttons show it. */
export function createPhraseIndex(
  commands: Commands,
  topics: Iterable<Topic>,
  inEveryLocale: (key: string) => string[],
): PhraseIndex {
  const index = new Map<string, ExactIntent>();
  const add = (phrase: string, intent: ExactIntent): void => {
    const key = normalizeText(phrase);
    if (key && !index.has(key)) index.set(key, intent);
  };
  for (const command of COMMAND_IDS) {
    for (const phrases of Object.values(commands[command]))
      for (const phrase of phrases) add(phrase, { type: 'command', command });
  }
  for (const [key, intent] of MENU_COMMANDS) for (const label of inEveryLocale(key)) add(label, intent);
  for (const topic of topics)
    for (const label of inEveryLocale(topic.label)) add(label, { type: 'topic', topic: topic.id });
  return (text) => index.get(normalizeText(text));
}

/**
 * "can I talk to a person please", "我要找人工客服": a short message that contains a way of asking
 * for a person is that request. Only this command is guessed from part of a sentence: the others
 * change too much to act on a guess. Callers ask it after buttons, whose labels may contain the
 * same words ("找人工客服帮忙" continues a walk-through to its own escalation).
 */
export function createPersonRequestDetector(commands: Commands, topics: Iterable<Topic>): (text: string) => boolean {
  // A one-word way of asking in another language ("support" in French) that topics use too ("can
  // support speed it up?") is a request only as the whole message, which the exact phrases catch.
  const topicWords = new Set<string>();
  for (const topic of topics)
    for (const phrase of Object.values(topic.triggers).flat())
      for (const word of normalizeText(phrase).split(' ')) topicWords.add(word);
  const phrases = Object.entries(commands.human)
    .flatMap(([language, list]) => list.map((phrase) => ({ language, phrase: normalizeText(phrase) })))
    .filter(
      ({ language, phrase }) =>
        phrase &&
        (language === 'en' ||
          language === 'zh-CN' ||
          phrase.includes(' ') ||
          HAN.test(phrase) ||
          !topicWords.has(phrase)),
    )
    .map(({ phrase }) => phrase);
  // Chinese has no word boundaries, so a phrase there is found as a substring; elsewhere as whole
  // words, looked up as every run of the message's words (a message has at most a few).
  const unspaced = phrases.filter((phrase) => HAN.test(phrase));
  const spaced = new Set(phrases.filter((phrase) => !HAN.test(phrase)));
  const longest = Math.max(0, ...[...spaced].map((phrase) => phrase.split(' ').length));
  return (text) => {
    const said = normalizeText(text);
    const words = said.split(' ');
    if (words.length > MAX_WORDS_FOR_PERSON_REQUEST) return false;
    for (let from = 0; from < words.length; from++)
      for (let to = from + 1; to <= Math.min(words.length, from + longest); to++)
        if (spaced.has(words.slice(from, to).join(' '))) return true;
    return unspaced.some((phrase) => said.includes(phrase));
  };
}

const MAX_WORDS_FOR_PERSON_REQUEST = 7;
