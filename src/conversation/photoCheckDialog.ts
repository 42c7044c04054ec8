import type { Attachment, TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { AttachmentUnavailableError, type AttachmentReader } from '../channels/attachmentReader';
import type { DocumentReading } from '../diagnosis/info/documentReading';
import type { PhotoDiagnosis } from '../diagnosis/photo/diagnosePhoto';
import type { PhotoDiagnoser } from '../diagnosis/photoDiagnoser';
import { isPhotoInputError } from '../diagnosis/photo/photoInputError';
import { OverloadedError } from '../diagnosis/overloadedError';
import { cursorOf } from './dialogCursor';
import { matchChoice } from './choiceMatch';
import type { PhotoCheckSummary } from './conversationState';
import { photoResultMessage } from './photoResultMessage';
import type { SensitiveValues } from './sensitiveValues';
import { sendText, sendTyping } from './replies';
import type { ConversationServices } from './services';
import { PHOTO_CHECK_DIALOG, switchTopicIfAsked, TOPIC_DIALOG } from './topicDialog';
import { inEveryLocale, turnEnv, type TurnEnv } from './turnEnv';

export interface PhotoCheckOptions {
  promptKeys?: string[];
  topicId?: string;
  /** The photo is in the current message: check it now instead of asking for one. */
  photoAlreadySent?: boolean;
}

interface PhotoCursor {
  prompts: number;
}

const UNSUPPORTED_DOCUMENT_TOPIC = 'unsupported_document';
/** Reasons with their own sentence in photoChat:notAccepted; any other configured type gets the general one. */
const NOT_ACCEPTED_REASONS = new Set(['visa', 'temporary']);

/** How many times the bot asks for the photo again before letting the user go on. */
const MAX_PROMPTS = 3;
/** Photo results kept for a later ticket (results only, never the photo). */
const KEPT_RESULTS = 5;

/**
 * Asks for a photo of the document (saying once what is checked and that nothing is stored),
 * downloads it at the edge, runs the checks with a typing indicator, and answers with the
 * result card and the marked-up preview. Returns the verdict to the walk-through.
 */
export class PhotoCheckDialog extends Dialog<PhotoCheckOptions> {
  constructor(
    private readonly services: ConversationServices,
    private readonly diagnoser: PhotoDiagnoser,
    private readonly attachments: AttachmentReader,
    /** Where a document read from the photo waits (15 minutes) for the information check. */
    private readonly documents: SensitiveValues<DocumentReading>,
  ) {
    super(PHOTO_CHECK_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: PhotoCheckOptions): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    if (options?.photoAlreadySent) return this.checkPhoto(dc, env);
    const cursor: PhotoCursor = { prompts: 1 };
    if (dc.activeDialog) dc.activeDialog.state = cursor;
    const lines = [...(options?.promptKeys ?? []).map((key) => env.t(key)), env.t('photoChat:ask.prompt')];
    if (!env.data.photoPrivacyShown) {
      lines.push(env.t('photoChat:ask.privacy'));
      env.data.photoPrivacyShown = true;
    }
    await sendText(dc.context, lines.join('\n\n'), [env.t('photoChat:ask.skip')]);
    return Dialog.EndOfTurn;
  }

  /** Whether a message carries something that may be a photo (not a card, not Teams' HTML copy of the text). */
  hasPhoto(attachments: readonly Attachment[]): boolean {
    return this.attachments.pick(attachments) !== undefined;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    if (this.attachments.pick(dc.context.activity.attachments ?? [])) return this.checkPhoto(dc, env);
    const skip = inEveryLocale(this.services, 'photoChat:ask.skip');
    const cursor: PhotoCursor = cursorOf<PhotoCursor>(dc.activeDialog) ?? { prompts: MAX_PROMPTS };
    if (matchChoice(dc.context.activity.text ?? '', [skip]) !== undefined || cursor.prompts >= MAX_PROMPTS) {
      await sendText(dc.context, env.t('photoChat:ask.later'));
      return dc.endDialog();
    }
    const switched = await switchTopicIfAsked(dc, this.services, dc.context.activity.text ?? '', env.data.currentTopic);
    if (switched) return switched;
    cursor.prompts += 1;
    await sendText(dc.context, env.t('photoChat:ask.notAPhoto'), [env.t('photoChat:ask.skip')]);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext): Promise<void> {
    const env = await turnEnv(context, this.services);
    await sendText(context, env.t('photoChat:ask.prompt'), [env.t('photoChat:ask.skip')]);
  }

  private async checkPhoto(dc: DialogContext, env: TurnEnv): Promise<DialogTurnResult> {
    const context = dc.context;
    const attachment = this.attachments.pick(context.activity.attachments ?? []);
    if (!attachment) {
      await sendText(context, env.t('photoChat:ask.notAPhoto'));
      return dc.endDialog();
    }
    await sendTyping(context);
    try {
      const bytes = await this.attachments.read(context, attachment);
      const diagnosis = await this.diagnoser.diagnose(bytes);
      this.remember(env, diagnosis);
      if (diagnosis.reading) this.documents.set(context.activity.conversation.id, diagnosis.reading);
      await context.sendActivity(photoResultMessage(diagnosis, env.t, context.activity.channelId));
      const notAccepted = diagnosis.document?.accepted === false ? diagnosis.document.notAcceptedReason : undefined;
      if (notAccepted) return await this.adviseOtherDocument(dc, env, notAccepted);
      return await dc.endDialog(diagnosis.verdict);
    } catch (error) {
      const key = refusalKey(error);
      if (!key) throw error;
      await sendText(context, env.t(key));
      return dc.endDialog('refused');
    }
  }

  /** A document the exchange does not take (a visa, a temporary ID): say why, then the unsupported-document advice. */
  private async adviseOtherDocument(dc: DialogContext, env: TurnEnv, reason: string): Promise<DialogTurnResult> {
    const key = NOT_ACCEPTED_REASONS.has(reason) ? reason : 'other';
    await sendText(dc.context, env.t(`photoChat:notAccepted.${key}`));
    if (env.data.currentTopic === UNSUPPORTED_DOCUMENT_TOPIC) return dc.endDialog('fail');
    await dc.cancelAllDialogs();
    return dc.beginDialog(TOPIC_DIALOG, { topicId: UNSUPPORTED_DOCUMENT_TOPIC });
  }

  private remember(env: TurnEnv, diagnosis: PhotoDiagnosis): void {
    const summary: PhotoCheckSummary = {
      at: this.services.now(),
      verdict: diagnosis.verdict,
      checks: diagnosis.checks.map((c) => ({ id: c.id, status: c.status })),
    };
    env.data.photoChecks = [...env.data.photoChecks, summary].slice(-KEPT_RESULTS);
    this.services.outcomes.record({ kind: 'photoChecked', verdict: summary.verdict, checks: summary.checks });
  }
}

/** The message for a photo we could not check, or undefined for a real failure. */
function refusalKey(error: unknown): string | undefined {
  if (isPhotoInputError(error)) return `photo:${error.messageKey}`;
  if (error instanceof OverloadedError) return 'photoChat:busy';
  if (error instanceof AttachmentUnavailableError)
    return error.reason === 'auth_failed' ? 'photoChat:download.authFailed' : 'photoChat:download.failed';
  return undefined;
}
