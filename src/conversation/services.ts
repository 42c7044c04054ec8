import type { Localizer, Translate } from '../i18n/localizer';
import type { LanguageGuesser } from '../i18n/languageGuess';
import type { LanguageTexts } from '../i18n/languageTexts';
import type { InfoSettings } from '../diagnosis/info/infoSettings';
import type { Policy } from '../settings';
import type { ReminderStore } from '../reminders/reminderStore';
import type { ReminderSettings } from '../reminders/reminderSettings';
import type { TicketStore } from '../tickets/ticketStore';
import type { TurnContext } from 'botbuilder';
import type { StateAccessors } from './conversationState';
import type { Commands, Topic, TopicKind } from './topicSchema';
import type { Language } from '../i18n/locales';
import type { OutcomeRecorder } from '../reports/outcomes';

export interface TopicMatch {
  topic: string | null;
  kind: TopicKind | null;
  confidence: number;
  alternatives: { topic: string; kind: TopicKind; confidence: number }[];
}

export interface TopicMatcherLike {
  match(text: string, language?: Language): TopicMatch;
}

/** Why a conversation is handed to a person; the escalation dialog turns it into a ticket. */
export interface EscalationRequest {
  /** i18n key saying why, e.g. a topic's escalate reason or "the user asked for a person". */
  reasonKey: string;
  topicId?: string;
  /** The review has waited longer than the policy allows (the playbook's priority-queue case). */
  reviewOverdue?: boolean;
}

/** The lockout-end reminder: where reminders are kept, and whether a turn's conversation can be messaged later. */
export interface ReminderServices {
  store: ReminderStore;
  /** What a reminder says (the cause checklists), for one shown when the user comes back. */
  settings: ReminderSettings;
  /** False where the bot has no way to write first (an expectReplies caller, a channel without credentials). */
  reachable: (context: TurnContext) => boolean;
}

/** Everything the conversation needs, wired once in the composition root. */
export interface ConversationServices {
  topics: ReadonlyMap<string, Topic>;
  commands: Commands;
  matcher: TopicMatcherLike;
  /** True for a short message asking for a person in other words than the command phrases. */
  asksForPerson: (text: string) => boolean;
  /** What a ticket may keep of a message: its failure-prompt words, never a name or a number. */
  redactPrompt: (text: string) => string;
  localizer: Localizer;
  /** Each language's own name and its one-line switch offer or English-only notice. */
  languageTexts: LanguageTexts;
  /** The language a message is written in, and whether it says so clearly enough to offer a switch. */
  guessLanguage: LanguageGuesser;
  policy: Policy;
  /** How the information check compares (date format, name case): `info` in dialogs/settings.json. */
  infoSettings: InfoSettings;
  brandName: string;
  state: StateAccessors;
  tickets: TicketStore;
  /** Absent when the bot runs without reminders: then none is offered. */
  reminders?: ReminderServices;
  /** A keyed hash of the channel's user id: finds a user's tickets without storing the id. */
  userKey: (channelId: string, userId: string) => string;
  now: () => number;
  /** Counts of what happened (walk-through outcomes, check verdicts, ratings) for the reports. */
  outcomes: OutcomeRecorder;
}

/** A translator for one turn, with the policy numbers every text may use already filled in. */
export type TurnTranslate = (key: string, params?: Record<string, string | number>) => string;

export function bindTranslate(t: Translate, baseParams: Record<string, string | number>): TurnTranslate {
  return (key, params) => t(key, { ...baseParams, ...params });
}
