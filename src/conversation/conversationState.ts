import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { InfoField } from '../diagnosis/info/infoFinding';
import type { InfoRuleId } from '../diagnosis/info/infoRuleIds';
import type { CheckId, CheckStatus } from '../diagnosis/photo/checkResult';
import type { SelfieCheckId } from '../diagnosis/selfie/selfieCheckResult';
import type { AttemptRecord } from '../policy/attemptPolicy';
import type { Locale } from '../i18n/locales';
import type { RatingSource } from '../reports/outcomes';

/** One step the user went through, for "what was tried" in an escalation. No user text here. */
export interface JourneyEntry {
  topic: string;
  step: string;
  at: number;
}

/** What a conversation keeps of an image check: ids and statuses, never the image or a measure read from it. */
export interface ImageCheckSummary<Id extends string> {
  at: number;
  verdict: 'pass' | 'fail';
  checks: { id: Id; status: CheckStatus }[];
}

export type PhotoCheckSummary = ImageCheckSummary<CheckId>;
export type SelfieCheckSummary = ImageCheckSummary<SelfieCheckId>;

export interface ConversationData {
  welcomed: boolean;
  /** Messages in a row the bot could not place; two in a row bring the menu and a person. */
  unplaced: number;
  journey: JourneyEntry[];
  /** The cause the user is working on, for escalation when they ask for a person mid-way. */
  currentTopic?: string;
  photoChecks: PhotoCheckSummary[];
  /** The one-line privacy notice is said with the first photo request only. */
  photoPrivacyShown?: boolean;
  /** Absent in conversations saved before the selfie check existed. */
  selfieChecks?: SelfieCheckSummary[];
  selfiePrivacyShown?: boolean;
  infoPrivacyShown?: boolean;
  /** The last information check's findings, field and rule only: never the values. */
  infoFindings?: { field: InfoField; rule: InfoRuleId }[];
  /** The failure prompt the user pasted that started the current topic (for the ticket). */
  promptText?: string;
  /** The number of the last ticket filed in this conversation. */
  lastTicket?: string;
  /** Languages the bot has offered to switch to (or said it answers in English for): each once. */
  languagesOffered?: string[];
  /** The conversation was counted in the reports (once, at the user's first message). */
  counted?: boolean;
  /** The cause walk-through under way, for its outcome in the reports; cleared when it ends or escalates. */
  walkthrough?: { cause: string; startedAt: number };
  /** The 1–5 question is open: the next message may answer it (any other message just goes on). */
  ratingAsked?: { source: RatingSource; cause: string | null };
}

export interface UserProfile {
  /** Set when the user picked a language; otherwise the activity's locale decides. */
  locale?: Locale;
  attempts?: AttemptRecord;
  /** The user has filed a ticket, so agent replies may be waiting (saves a query on every other turn). */
  hasTickets?: boolean;
  /** When the user's lockout-end reminder is due (epoch ms), so a cause picked later updates it without a query per topic. */
  reminderDueAt?: number;
}

export const JOURNEY_LIMIT = 50;

export function emptyConversationData(): ConversationData {
  return { welcomed: false, unplaced: 0, journey: [], photoChecks: [] };
}

/** The state accessors a turn needs; created once, shared by all turns. */
export interface StateAccessors {
  conversationState: BotState;
  userState: BotState;
  /** Saves what the turn changed in both scopes, in one storage write. */
  saveChanges(context: TurnContext): Promise<void>;
  dialogState: StatePropertyAccessor<DialogState>;
  conversationData: StatePropertyAccessor<ConversationData>;
  userProfile: StatePropertyAccessor<UserProfile>;
}

export function createStateAccessors(scopes: {
  conversationState: BotState;
  userState: BotState;
  saveChanges(context: TurnContext): Promise<void>;
}): StateAccessors {
  const { conversationState, userState } = scopes;
  return {
    conversationState,
    userState,
    saveChanges: (context) => scopes.saveChanges(context),
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    conversationData: conversationState.createProperty<ConversationData>('conversationData'),
    userProfile: userState.createProperty<UserProfile>('userProfile'),
  };
}
