import { parseFailureCount } from '../policy/attemptPolicy';
import type { TurnContext } from 'botbuilder';
import { DialogSet, type Dialog, type DialogContext, type DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { isLanguageCommand, LANGUAGE_COMMANDS, type CommandId } from './topicSchema';
import { isLocale, LOCALES, type Language } from '../i18n/locales';
import { languageOfTag } from '../i18n/resolveLocale';
import { AttemptsDialog } from './attemptsDialog';
import { emptyConversationData } from './conversationState';
import { createPhraseIndex, type PhraseIndex } from './phraseIndex';
import { sendText, sendTextWithCardButton } from './replies';
import type { ConversationServices } from './services';
import {
  ATTEMPTS_DIALOG,
  ESCALATION_DIALOG,
  INFO_CHECK_DIALOG,
  PHOTO_CHECK_DIALOG,
  SELFIE_CHECK_DIALOG,
  TOPIC_DIALOG,
  TopicDialog,
} from './topicDialog';
import { FORGET_ME_DIALOG } from './forgetMeDialog';
import { PhotoCheckDialog } from './photoCheckDialog';
import { SelfieCheckDialog } from './selfieCheckDialog';
import { formatUserTime, userClockFrom } from '../policy/localTime';
import { inEveryLocale, switchLocale, turnEnv, type TurnEnv } from './turnEnv';
import { cancelReminder, remindWhenRestrictionEnds, showHeldReminder } from './reminderActions';
import { normalizeText } from '../i18n/normalizeText';
import { askForRating, takeRatingAnswer } from './satisfaction';

/** Longer messages are not failure prompts; answering them would only waste the user's time. */
export const MAX_TEXT_LENGTH = 4000;
/** The causes the welcome offers as buttons: the four prompts the playbook names first. */
const WELCOME_TOPICS = ['photo_unclear', 'info_mismatch', 'document_expired', 'face_verification_failed'] as const;
/** The redacted failure prompt kept for a ticket: prompts are short; anything longer is not one. */
const PROMPT_TEXT_LIMIT = 500;
/** Below this a match is offered as "did you mean", not acted on. */
const SUGGEST_CONFIDENCE = 0.3;
/**
 * Where botbuilder-dialogs looks for the memory scopes and path resolvers of a turn before it
 * builds them anew (through its component registry and a zod parse) for every DialogContext.
 * If a release renames it, turns still work, only slower.
 */
const DIALOG_STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

/** Decides what a message means (command, answer, failure prompt, photo) and runs the right dialog. */
export class KycConversation {
  private readonly dialogs: DialogSet;
  private readonly phrases: PhraseIndex;
  /** The first turn's memory scopes and path resolvers, reused like DialogManager's `stateConfiguration`. */
  private stateConfiguration: DialogStateManagerConfiguration | undefined;

  constructor(
    private readonly services: ConversationServices,
    /** The photo and information checks, registered by the composition root. */
    extraDialogs: readonly Dialog[] = [],
  ) {
    this.dialogs = new DialogSet(services.state.dialogState);
    this.dialogs.add(new TopicDialog(services));
    this.dialogs.add(new AttemptsDialog(services));
    for (const dialog of extraDialogs) this.dialogs.add(dialog);
    this.phrases = createPhraseIndex(services.commands, services.topics.values(), (key) =>
      inEveryLocale(services, key),
    );
  }

  /** First contact: greet and show what the bot can do. */
  async welcome(context: TurnContext): Promise<void> {
    const env = await turnEnv(context, this.services);
    const channelLanguage = languageOfTag(context.activity.locale);
    if (channelLanguage) await this.offerLanguage(context, env, channelLanguage);
    env.data.welcomed = true;
    const text = [env.t('chat:welcome.greeting'), env.t('chat:welcome.howTo'), env.t('chat:welcome.safety')].join(
      '\n\n',
    );
    await sendText(context, text, this.menuChoices(env));
  }

  async onMessage(context: TurnContext): Promise<void> {
    const env = await turnEnv(context, this.services);
    if (!env.data.counted) {
      env.data.counted = true;
      this.services.outcomes.record({ kind: 'conversation' });
    }
    await this.showPendingReplies(context, env);
    await showHeldReminder(context, env, this.services);
    const raw = (context.activity.text ?? '').trim();
    if (await takeRatingAnswer(context, this.services, raw)) return;
    const dc = await this.dialogContext(context);
    const hasAttachment = (context.activity.attachments?.length ?? 0) > 0;
    const photoDialog = this.dialogs.find(PHOTO_CHECK_DIALOG);

    if (raw.length > MAX_TEXT_LENGTH) {
      await sendText(context, env.t('chat:input.tooLong', { max: MAX_TEXT_LENGTH }));
      return;
    }
    const selfieDialog = this.dialogs.find(SELFIE_CHECK_DIALOG);
    // A photo sent while the bot waits for a selfie is that selfie.
    if (
      dc.activeDialog?.id === SELFIE_CHECK_DIALOG &&
      selfieDialog instanceof SelfieCheckDialog &&
      selfieDialog.hasPhoto(context.activity.attachments ?? [])
    ) {
      await dc.continueDialog();
      return;
    }
    // Teams sends every typed message with a text/html attachment: only a photo goes to the checks.
    if (photoDialog instanceof PhotoCheckDialog && photoDialog.hasPhoto(context.activity.attachments ?? [])) {
      // A photo sent at any point is diagnosed: continue a waiting photo step, or start one.
      if (dc.activeDialog?.id === PHOTO_CHECK_DIALOG) await dc.continueDialog();
      else await dc.beginDialog(PHOTO_CHECK_DIALOG, { topicId: env.data.currentTopic, photoAlreadySent: true });
      return;
    }
    if (!raw) {
      await sendText(context, env.t(hasAttachment ? 'chat:input.unsupported' : 'chat:input.empty'));
      return;
    }

    const exact = this.phrases(raw);
    if (exact?.type === 'command') return this.runCommand(dc, env, exact.command);
    if (exact?.type === 'faqMenu') return this.showFaqMenu(context, env);
    if (exact?.type === 'topic') return this.startTopic(dc, env, exact.topic, raw);

    // Only another language than the conversation's is worth a guess; the guesser skips the rest cheaply.
    const guess = this.services.guessLanguage(raw, env.locale);
    if (guess?.clear) await this.offerLanguage(context, env, guess.language);

    if (dc.activeDialog) {
      env.data.unplaced = 0;
      await dc.continueDialog();
      return;
    }
    if (this.services.asksForPerson(raw)) return this.runCommand(dc, env, 'human');
    const match = this.services.matcher.match(raw, env.locale);
    if (match.topic) return this.startTopic(dc, env, match.topic, raw);
    // Refusals are answers to a clear request, never something to suggest.
    const suggestions = match.alternatives
      .filter((a) => a.kind !== 'safety' && a.confidence >= SUGGEST_CONFIDENCE)
      .slice(0, 3);
    if (suggestions.length && normalizeText(raw)) {
      const labels = suggestions.flatMap((a) => {
        const topic = this.services.topics.get(a.topic);
        return topic ? [env.t(topic.label)] : [];
      });
      await sendText(context, env.t('chat:ambiguous.prompt'), [...labels, env.t('chat:menu.human')]);
      return;
    }
    await this.notPlaced(context, env);
  }

  /** Web Chat's language switch sends an event; other events are not for us. */
  async onEvent(context: TurnContext): Promise<void> {
    if (context.activity.name !== 'setLocale') return;
    const value: unknown = context.activity.value;
    const locale = LOCALES.find((l) => l === value);
    if (!locale) return;
    await switchLocale(context, this.services, locale);
  }

  /** An agent resolved the user's ticket: say so in their conversation, with the 1–5 question. */
  async ticketResolved(context: TurnContext, ticket: { number: string; cause: string | null }): Promise<void> {
    const env = await turnEnv(context, this.services);
    const lead = env.t('satisfaction:ticketResolved', { number: ticket.number });
    await askForRating(context, env, { source: 'ticket', cause: ticket.cause }, lead);
  }

  private async dialogContext(context: TurnContext): Promise<DialogContext> {
    if (this.stateConfiguration) context.turnState.set(DIALOG_STATE_CONFIGURATION, this.stateConfiguration);
    const dc = await this.dialogs.createContext(context);
    this.stateConfiguration ??= dc.state.configuration;
    return dc;
  }

  async saveState(context: TurnContext): Promise<void> {
    await this.services.state.saveChanges(context);
  }

  private async startTopic(dc: DialogContext, env: TurnEnv, topicId: string, utterance: string): Promise<void> {
    env.data.unplaced = 0;
    env.data.welcomed = true;
    env.data.promptText = this.services.redactPrompt(utterance).slice(0, PROMPT_TEXT_LIMIT);
    await dc.cancelAllDialogs();
    await dc.beginDialog(TOPIC_DIALOG, { topicId, toldFailures: parseFailureCount(utterance) });
  }

  private async notPlaced(context: TurnContext, env: TurnEnv): Promise<void> {
    env.data.unplaced += 1;
    if (!env.data.welcomed) {
      env.data.unplaced = 0;
      await this.welcome(context);
      return;
    }
    if (env.data.unplaced >= 2) {
      env.data.unplaced = 0;
      await sendText(context, env.t('chat:fallback.second'), this.menuChoices(env));
      return;
    }
    await sendText(context, env.t('chat:fallback.first'));
  }

  private async runCommand(dc: DialogContext, env: TurnEnv, command: CommandId): Promise<void> {
    const context = dc.context;
    env.data.unplaced = 0;
    switch (command) {
      case 'menu':
        await dc.cancelAllDialogs();
        await sendText(context, env.t('chat:menu.prompt'), this.menuChoices(env));
        return;
      case 'restart': {
        await dc.cancelAllDialogs();
        Object.assign(env.data, emptyConversationData());
        await sendText(context, env.t('chat:restarted'));
        await this.welcome(context);
        return;
      }
      case 'cancel':
        await dc.cancelAllDialogs();
        await sendText(context, env.t('chat:cancelled'), this.menuChoices(env));
        return;
      case 'help':
        // Mid-question, help must not lose the question: say it, then ask the question again.
        if (dc.activeDialog) {
          await sendText(context, env.t('chat:help.body'));
          await dc.repromptDialog();
        } else await sendText(context, env.t('chat:help.body'), this.menuChoices(env));
        return;
      case 'human':
        await dc.cancelAllDialogs();
        await dc.beginDialog(ESCALATION_DIALOG, {
          reasonKey: 'chat:escalate.humanReason',
          topicId: env.data.currentTopic,
        });
        return;
      case 'my_ticket':
        await this.showMyTicket(context, env);
        return;
      case 'forget_me':
        await dc.cancelAllDialogs();
        await dc.beginDialog(FORGET_ME_DIALOG);
        return;
      case 'attempts':
        await dc.cancelAllDialogs();
        await dc.beginDialog(ATTEMPTS_DIALOG, {});
        return;
      case 'remind_me':
        // Like help, it keeps the question the user was answering: said, then asked again.
        if (await remindWhenRestrictionEnds(context, env, this.services)) {
          if (dc.activeDialog) await dc.repromptDialog();
          return;
        }
        await dc.cancelAllDialogs();
        await dc.beginDialog(ATTEMPTS_DIALOG, { remind: true });
        return;
      case 'cancel_reminder':
        await cancelReminder(context, env, this.services);
        if (dc.activeDialog) await dc.repromptDialog();
        return;
      case 'check_photo':
      case 'check_selfie':
      case 'check_info': {
        const id =
          command === 'check_photo'
            ? PHOTO_CHECK_DIALOG
            : command === 'check_selfie'
              ? SELFIE_CHECK_DIALOG
              : INFO_CHECK_DIALOG;
        await dc.cancelAllDialogs();
        if (this.dialogs.find(id)) await dc.beginDialog(id, { topicId: env.data.currentTopic });
        else await sendText(context, env.t('chat:menu.prompt'), this.menuChoices(env));
        return;
      }
      default: {
        if (!isLanguageCommand(command)) return;
        const switched = await switchLocale(context, this.services, LANGUAGE_COMMANDS[command]);
        if (dc.activeDialog) {
          await sendText(context, switched.t('chat:language.switched'));
          await dc.repromptDialog();
        } else await sendText(context, switched.t('chat:language.switched'), this.menuChoices(switched));
        return;
      }
    }
  }

  /**
   * A message clearly in another language than the conversation's (or a channel that asks for
   * one) gets one line in that language with a button to switch: the bot never switches on its
   * own. For a language without a locale the line says that the bot answers in English. Each
   * language is offered once per conversation.
   */
  private async offerLanguage(context: TurnContext, env: TurnEnv, language: Language): Promise<void> {
    if (language === env.locale) return;
    const offered = env.data.languagesOffered ?? [];
    if (offered.includes(language)) return;
    const texts = this.services.languageTexts;
    if (isLocale(language)) {
      env.data.languagesOffered = [...offered, language];
      await sendTextWithCardButton(context, texts.offer(language), texts.name(language));
      return;
    }
    const notice = texts.englishOnly(language);
    if (!notice) return;
    env.data.languagesOffered = [...offered, language];
    if (env.locale === 'en') await sendText(context, notice);
    else await sendTextWithCardButton(context, notice, texts.name('en'));
  }

  /** "my ticket": the latest ticket's status and the latest agent reply. */
  private async showMyTicket(context: TurnContext, env: TurnEnv): Promise<void> {
    const { activity } = context;
    const ticket = await this.services.tickets.findLatestByUserKey(
      this.services.userKey(activity.channelId, activity.from.id),
    );
    if (!ticket) {
      await sendText(context, env.t('tickets:myTicket.none'));
      return;
    }
    const created = formatUserTime(
      Date.parse(ticket.createdAt),
      userClockFrom(activity.localTimezone, activity.localTimestamp, activity.entities),
      env.locale,
    );
    const lines = [
      env.t('tickets:myTicket.status', {
        number: ticket.number,
        status: env.t(`tickets:status.${ticket.status}`),
        created,
      }),
    ];
    const reply = ticket.replies.at(-1);
    lines.push(reply ? env.t('tickets:myTicket.lastReply', { text: reply.text }) : env.t('tickets:myTicket.noReply'));
    await sendText(context, lines.join('\n\n'));
  }

  /** Agent replies that could not be delivered when sent are shown the next time the user writes. */
  private async showPendingReplies(context: TurnContext, env: TurnEnv): Promise<void> {
    if (!env.profile.hasTickets) return;
    const { activity } = context;
    const pending = await this.services.tickets.pendingReplies(
      this.services.userKey(activity.channelId, activity.from.id),
    );
    for (const { ticketNumber, reply } of pending) {
      // Only the process that marks it shows it, so two servers never show one reply twice.
      if (await this.services.tickets.markReplyDelivered(ticketNumber, reply.id)) {
        await sendText(context, env.t('tickets:agentReply', { number: ticketNumber, text: reply.text }));
      }
    }
  }

  private async showFaqMenu(context: TurnContext, env: TurnEnv): Promise<void> {
    const faqs = [...this.services.topics.values()].filter((t) => t.kind === 'faq').map((t) => env.t(t.label));
    await sendText(context, env.t('chat:faqMenu.prompt'), faqs);
  }

  private menuChoices(env: TurnEnv): string[] {
    const topics = WELCOME_TOPICS.flatMap((id) => {
      const topic = this.services.topics.get(id);
      return topic ? [env.t(topic.label)] : [];
    });
    return [...topics, env.t('chat:menu.checkPhoto'), env.t('chat:menu.faq'), env.t('chat:menu.human')];
  }
}
