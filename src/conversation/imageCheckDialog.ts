import type { Attachment, TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { AttachmentUnavailableError, type AttachmentReader } from '../channels/attachmentReader';
import type { CheckStatus } from '../diagnosis/photo/checkResult';
import { isPhotoInputError } from '../diagnosis/photo/photoInputError';
import { OverloadedError } from '../diagnosis/overloadedError';
import { checkOutcome } from '../reports/outcomes';
import { matchChoice } from './choiceMatch';
import type { ImageCheckSummary } from './conversationState';
import { cursorOf } from './dialogCursor';
import { sendText, sendTyping } from './replies';
import type { ConversationServices } from './services';
import { switchTopicIfAsked } from './topicDialog';
import { inEveryLocale, turnEnv, type TurnEnv } from './turnEnv';

export interface ImageCheckOptions {
  promptKeys?: string[];
  topicId?: string;
  /** The image is in the current message: check it now instead of asking for one. */
  photoAlreadySent?: boolean;
}

/**
 * What one image check is, as data. How it answers, and where it keeps the results (lists of different
 * check ids in the conversation's data, which one generic write could not type), stay in the subclass.
 * Its sentences are `<keyPrefix>prompt`, `privacy` (said with the first request only), `skip` (the button,
 * and what people type, to go on without an image), `later` and `notAPhoto`.
 */
export interface ImageCheck {
  readonly dialogId: string;
  readonly keyPrefix: string;
  /** The full key of the sentence for a full worker queue. */
  readonly busyKey: string;
  /** The conversation's flag that the privacy sentence was said. */
  readonly privacyShown: 'photoPrivacyShown' | 'selfiePrivacyShown';
  /** The outcome the reports count. */
  readonly outcome: 'photoChecked' | 'selfieChecked';
}

export interface CheckedImage<Id extends string> {
  readonly verdict: 'pass' | 'fail';
  readonly checks: readonly { readonly id: Id; readonly status: CheckStatus }[];
}

interface ImageCursor {
  prompts: number;
}

/** How many times the bot asks for the image again before letting the user go on. */
const MAX_PROMPTS = 3;
/** Results kept for a later ticket. */
export const KEPT_RESULTS = 5;

/**
 * The conversation around one image check: asks for the image (saying once what is checked and
 * that nothing is stored), lets the user skip or change topic, downloads the image at the edge,
 * checks it with a typing indicator, and turns unusable images, a full queue or a failed download
 * into a sentence. The subclass answers and keeps the results; the verdict goes back to the walk-through.
 */
export abstract class ImageCheckDialog<
  Id extends string,
  D extends CheckedImage<Id>,
> extends Dialog<ImageCheckOptions> {
  constructor(
    private readonly check: ImageCheck,
    protected readonly services: ConversationServices,
    private readonly diagnoser: { diagnose(bytes: Buffer): Promise<D> },
    private readonly attachments: AttachmentReader,
  ) {
    super(check.dialogId);
  }

  /** Sends the result and ends the dialog (or moves on). */
  protected abstract answer(dc: DialogContext, env: TurnEnv, diagnosis: D): Promise<DialogTurnResult>;
  /** Stores the summary in the conversation's data. */
  protected abstract keep(env: TurnEnv, summary: ImageCheckSummary<Id>): void;

  private text(name: 'prompt' | 'privacy' | 'skip' | 'later' | 'notAPhoto'): string {
    return this.check.keyPrefix + name;
  }

  override async beginDialog(dc: DialogContext, options?: ImageCheckOptions): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    if (options?.photoAlreadySent) return this.checkImage(dc, env);
    const cursor: ImageCursor = { prompts: 1 };
    if (dc.activeDialog) dc.activeDialog.state = cursor;
    const lines = [...(options?.promptKeys ?? []).map((key) => env.t(key)), env.t(this.text('prompt'))];
    if (!env.data[this.check.privacyShown]) {
      lines.push(env.t(this.text('privacy')));
      env.data[this.check.privacyShown] = true;
    }
    await sendText(dc.context, lines.join('\n\n'), [env.t(this.text('skip'))]);
    return Dialog.EndOfTurn;
  }

  /** Whether a message carries something that may be an image (not a card, not Teams' HTML copy of the text). */
  hasPhoto(attachments: readonly Attachment[]): boolean {
    return this.attachments.pick(attachments) !== undefined;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    if (this.hasPhoto(dc.context.activity.attachments ?? [])) return this.checkImage(dc, env);
    const skip = inEveryLocale(this.services, this.text('skip'));
    const cursor: ImageCursor = cursorOf<ImageCursor>(dc.activeDialog) ?? { prompts: MAX_PROMPTS };
    if (matchChoice(dc.context.activity.text ?? '', [skip]) !== undefined || cursor.prompts >= MAX_PROMPTS) {
      await sendText(dc.context, env.t(this.text('later')));
      return dc.endDialog('skipped');
    }
    const switched = await switchTopicIfAsked(dc, this.services, dc.context.activity.text ?? '', env.data.currentTopic);
    if (switched) return switched;
    cursor.prompts += 1;
    await sendText(dc.context, env.t(this.text('notAPhoto')), [env.t(this.text('skip'))]);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext): Promise<void> {
    const env = await turnEnv(context, this.services);
    await sendText(context, env.t(this.text('prompt')), [env.t(this.text('skip'))]);
  }

  private async checkImage(dc: DialogContext, env: TurnEnv): Promise<DialogTurnResult> {
    const context = dc.context;
    const attachment = this.attachments.pick(context.activity.attachments ?? []);
    if (!attachment) {
      await sendText(context, env.t(this.text('notAPhoto')));
      return dc.endDialog();
    }
    await sendTyping(context);
    try {
      const bytes = await this.attachments.read(context, attachment);
      const diagnosis = await this.diagnoser.diagnose(bytes);
      const summary: ImageCheckSummary<Id> = {
        at: this.services.now(),
        verdict: diagnosis.verdict,
        checks: diagnosis.checks.map((c) => ({ id: c.id, status: c.status })),
      };
      this.keep(env, summary);
      this.services.outcomes.record(checkOutcome(this.check.outcome, summary));
      return await this.answer(dc, env, diagnosis);
    } catch (error) {
      const key = this.refusalKey(error);
      if (!key) throw error;
      await sendText(context, env.t(key));
      return dc.endDialog('refused');
    }
  }

  /** The message for an image we could not check, or undefined for a real failure. */
  private refusalKey(error: unknown): string | undefined {
    if (isPhotoInputError(error)) return `photo:${error.messageKey}`;
    if (error instanceof OverloadedError) return this.check.busyKey;
    if (error instanceof AttachmentUnavailableError)
      return error.reason === 'auth_failed' ? 'photoChat:download.authFailed' : 'photoChat:download.failed';
    return undefined;
  }
}
