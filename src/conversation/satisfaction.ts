import type { TurnContext } from 'botbuilder';
import { normalizeText } from '../i18n/normalizeText';
import type { Locale } from '../i18n/locales';
import { RATING_SCORES, type RatingScore, type RatingSource } from '../reports/outcomes';
import { sendTextWithCardButtons } from './replies';
import type { ConversationServices } from './services';
import { turnEnv, type TurnEnv } from './turnEnv';

/** "4/5" and "4 / 5" are a 4 too. */
const DIGIT = /^([1-5])(?:\s*\/\s*5)?$/;
/** "★★★★" or "⭐⭐⭐⭐⭐": one star a point. */
const STARS = /^(?:★|⭐){1,5}$/u;

/**
 * Asks for one tap 1–5 (a card with five buttons; typing the digit or a word works too) and
 * remembers what it is about, so the next message can answer it. `lead` comes first in the message.
 */
export async function askForRating(
  context: TurnContext,
  env: TurnEnv,
  request: { source: RatingSource; cause: string | null },
  lead?: string,
): Promise<void> {
  env.data.ratingAsked = request;
  const text = [lead, env.t('satisfaction:prompt')].filter(Boolean).join('\n\n');
  await sendTextWithCardButtons(context, text, RATING_SCORES.map(String));
}

const wordIndexes = new WeakMap<ConversationServices, Map<Locale, Map<string, RatingScore>>>();

/** Each locale's rating words (`satisfaction:words.<score>`, comma-separated), normalised. */
function ratingWords(services: ConversationServices): Map<Locale, Map<string, RatingScore>> {
  let byLocale = wordIndexes.get(services);
  if (!byLocale) {
    byLocale = new Map();
    for (const locale of services.localizer.locales) {
      const t = services.localizer.t(locale);
      const words = new Map<string, RatingScore>();
      for (const score of RATING_SCORES) {
        for (const word of t(`satisfaction:words.${score}`).split(',')) {
          const normal = normalizeText(word);
          if (normal && !words.has(normal)) words.set(normal, score);
        }
      }
      byLocale.set(locale, words);
    }
    wordIndexes.set(services, byLocale);
  }
  return byLocale;
}

/**
 * The score a message gives, or undefined when it is about something else: the digit (the
 * card's buttons post it; full-width digits fold to it), stars, or a rating word of the user's
 * locale or English. Not every locale's: "hai" is a 2 in Vietnamese and a greeting in Indonesian.
 */
export function ratingOf(services: ConversationServices, text: string, locale: Locale): RatingScore | undefined {
  const folded = text
    .normalize('NFKC')
    .trim()
    .replace(/[.!。！]+$/u, '');
  const digit = DIGIT.exec(folded);
  if (digit) return scoreOf(Number(digit[1]));
  if (STARS.test(folded)) return scoreOf([...folded].length);
  const said = normalizeText(text);
  if (!said) return undefined;
  const byLocale = ratingWords(services);
  return byLocale.get(locale)?.get(said) ?? byLocale.get('en')?.get(said);
}

function scoreOf(value: number): RatingScore | undefined {
  return RATING_SCORES.find((score) => score === value);
}

/**
 * When the 1–5 question is open, a message that answers it is stored (with the cause, nothing
 * else) and thanked; returns true then. Any other message closes the question and goes on.
 */
export async function takeRatingAnswer(
  context: TurnContext,
  services: ConversationServices,
  text: string,
): Promise<boolean> {
  const env = await turnEnv(context, services);
  const asked = env.data.ratingAsked;
  if (!asked) return false;
  env.data.ratingAsked = undefined;
  const score = (context.activity.attachments?.length ?? 0) > 0 ? undefined : ratingOf(services, text, env.locale);
  if (score === undefined) return false;
  services.outcomes.record({ kind: 'satisfaction', source: asked.source, cause: asked.cause, score });
  await context.sendActivity(env.t('satisfaction:thanks'));
  return true;
}
