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
          /\p{Script=Han}/u.test(phrase) ||
          !topicWords.has(phrase)),
    )
    .map(({ phrase }) => phrase);
  return (text) => {
    const said = normalizeText(text);
    return (
      said.split(' ').length <= MAX_WORDS_FOR_PERSON_REQUEST && phrases.some((phrase) => containsPhrase(said, phrase))
    );
  };
}

const MAX_WORDS_FOR_PERSON_REQUEST = 7;

/** Whole words for spaced scripts; Chinese has no word boundaries, so a substring is the phrase. */
function containsPhrase(text: string, phrase: string): boolean {
  if (/\p{Script=Han}/u.test(phrase)) return text.includes(phrase);
  return ` ${text} `.includes(` ${phrase} `);
}
