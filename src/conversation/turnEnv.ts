import type { TurnContext } from 'botbuilder';
import { languageOfTag, resolveLocale } from '../i18n/resolveLocale';
import { policyParams } from '../settings';
import { emptyConversationData, type ConversationData, type UserProfile } from './conversationState';
import { bindTranslate, type ConversationServices, type TurnTranslate } from './services';
import type { Locale } from '../i18n/locales';

/** What every step of one turn needs: the user's locale, a bound translator, and the state objects. */
export interface TurnEnv {
  locale: Locale;
  t: TurnTranslate;
  data: ConversationData;
  profile: UserProfile;
}

const TURN_ENV = Symbol('turnEnv');

const translators = new WeakMap<ConversationServices, Map<Locale, TurnTranslate>>();

/** One bound translator per locale and bot (the policy numbers never change while it runs). */
function translatorFor(services: ConversationServices, locale: Locale): TurnTranslate {
  let byLocale = translators.get(services);
  if (!byLocale) {
    byLocale = new Map();
    translators.set(services, byLocale);
  }
  let t = byLocale.get(locale);
  if (!t) {
    t = memoizeParameterless(
      bindTranslate(services.localizer.t(locale), policyParams(services.policy, services.brandName)),
    );
    byLocale.set(locale, t);
  }
  return t;
}

/**
 * A text without per-call params always renders the same (the policy numbers are fixed), and
 * i18next's lookup and interpolation were the largest cost of a text turn: remember them.
 */
function memoizeParameterless(t: TurnTranslate): TurnTranslate {
  const rendered = new Map<string, string>();
  return (key, params) => {
    if (params) return t(key, params);
    let text = rendered.get(key);
    if (text === undefined) {
      text = t(key);
      rendered.set(key, text);
    }
    return text;
  };
}

function build(services: ConversationServices, locale: Locale, data: ConversationData, profile: UserProfile): TurnEnv {
  return { locale, t: translatorFor(services, locale), data, profile };
}

/**
 * A button label as every locale shows it (policy numbers filled in), so an answer is understood
 * whichever language the user typed or pressed it in.
 */
export function inEveryLocale(services: ConversationServices, key: string): string[] {
  return services.localizer.locales.map((locale) => translatorFor(services, locale)(key));
}

export async function turnEnv(context: TurnContext, services: ConversationServices): Promise<TurnEnv> {
  const cached: TurnEnv | undefined = context.turnState.get(TURN_ENV);
  if (cached) return cached;
  const profile = await services.state.userProfile.get(context, {});
  const data = await services.state.conversationData.get(context, emptyConversationData());
  // A language the bot recognises without a locale (uk, ar, ja, ko) is answered in English, as its notice says.
  const fallback = languageOfTag(context.activity.locale) ? 'en' : services.localizer.defaultLocale;
  const locale = profile.locale ?? resolveLocale(context.activity.locale, fallback);
  const env = build(services, locale, data, profile);
  context.turnState.set(TURN_ENV, env);
  return env;
}

/** Switches the user's language for this turn and the ones after. */
export async function switchLocale(
  context: TurnContext,
  services: ConversationServices,
  locale: Locale,
): Promise<TurnEnv> {
  const current = await turnEnv(context, services);
  current.profile.locale = locale;
  const env = build(services, locale, current.data, current.profile);
  context.turnState.set(TURN_ENV, env);
  return env;
}
