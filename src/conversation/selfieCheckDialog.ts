import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { cursorOf } from './dialogCursor';
import type { SelfieDiagnosis } from '../diagnosis/selfie/diagnoseSelfie';
import type { SelfieDiagnoser } from '../diagnosis/selfie/selfieService';
import { isPhotoInputError } from '../diagnosis/photo/photoInputError';
import { OverloadedError } from '../diagnosis/overloadedError';
import { matchChoice } from './choiceMatch';
import type { SelfieCheckSummary } from './conversationState';
import { AttachmentUnavailableError, type AttachmentReader } from '../channels/attachmentReader';
import { sendText, sendTyping } from './replies';
import { selfieResultMessage } from './selfieResultMessage';
import type { ConversationServices } from './services';
import { SELFIE_CHECK_DIALOG, switchTopicIfAsked } from './topicDialog';
import { inEveryLocale, turnEnv, type TurnEnv } from './turnEnv';

export interface SelfieCheckOptions {
  promptKeys?: string[];
  topicId?: string;
}

interface SelfieCursor {
  prompts: number;
}

/** How many times the bot asks for the selfie again before letting the user go on. */
const MAX_PROMPTS = 3;
/** Selfie results kept for a later ticket (ids and statuses only, never the selfie). */
const KEPT_RESULTS = 5;

/**
 * Asks for a selfie taken where the live face check will happen (saying once what is checked
 * and that nothing is stored), downloads it at the edge, runs the checks with a typing indicator
 * and answers with one line per check, the checklist to confirm and the marked-up preview.
 * Returns the verdict to the walk-through.
 */
export class SelfieCheckDialog extends Dialog<SelfieCheckOptions> {
  constructor(
    private readonly services: ConversationServices,
    private readonly diagnoser: SelfieDiagnoser,
    private readonly attachments: AttachmentReader,
  ) {
    super(SELFIE_CHECK_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: SelfieCheckOptions): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    const cursor: SelfieCursor = { prompts: 1 };
    if (dc.activeDialog) dc.activeDialog.state = cursor;
    const lines = [...(options?.promptKeys ?? []).map((key) => env.t(key)), env.t('selfie:chat.prompt')];
    if (!env.data.selfiePrivacyShown) {
      lines.push(env.t('selfie:chat.privacy'));
      env.data.selfiePrivacyShown = true;
    }
    await sendText(dc.context, lines.join('\n\n'), [env.t('selfie:chat.skip')]);
    return Dialog.EndOfTurn;
  }

  /** Whether a message carries something that may be a photo. */
  hasPhoto(attachments: Parameters<AttachmentReader['pick']>[0]): boolean {
    return this.attachments.pick(attachments) !== undefined;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    const attachment = this.attachments.pick(dc.context.activity.attachments ?? []);
    if (attachment) return this.checkSelfie(dc, env, attachment);
    const skip = inEveryLocale(this.services, 'selfie:chat.skip');
    const cursor: SelfieCursor = cursorOf<SelfieCursor>(dc.activeDialog) ?? { prompts: MAX_PROMPTS };
    if (matchChoice(dc.context.activity.text ?? '', [skip]) !== undefined || cursor.prompts >= MAX_PROMPTS) {
      await sendText(dc.context, env.t('selfie:chat.later'));
      return dc.endDialog('skipped');
    }
    const switched = await switchTopicIfAsked(dc, this.services, dc.context.activity.text ?? '', env.data.currentTopic);
    if (switched) return switched;
    cursor.prompts += 1;
    await sendText(dc.context, env.t('selfie:chat.notAPhoto'), [env.t('selfie:chat.skip')]);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext): Promise<void> {
    const env = await turnEnv(context, this.services);
    await sendText(context, env.t('selfie:chat.prompt'), [env.t('selfie:chat.skip')]);
  }

  private async checkSelfie(
    dc: DialogContext,
    env: TurnEnv,
    attachment: NonNullable<ReturnType<AttachmentReader['pick']>>,
  ): Promise<DialogTurnResult> {
    const context = dc.context;
    await sendTyping(context);
    try {
      const bytes = await this.attachments.read(context, attachment);
      const diagnosis = await this.diagnoser.diagnose(bytes);
      this.remember(env, diagnosis);
      await context.sendActivity(selfieResultMessage(diagnosis, env.t, context.activity.channelId));
      return await dc.endDialog(diagnosis.verdict);
    } catch (error) {
      const key = refusalKey(error);
      if (!key) throw error;
      await sendText(context, env.t(key));
      return dc.endDialog('refused');
    }
  }

  private remember(env: TurnEnv, diagnosis: SelfieDiagnosis): void {
    const summary: SelfieCheckSummary = {
      at: this.services.now(),
      verdict: diagnosis.verdict,
      checks: diagnosis.checks.map((c) => ({ id: c.id, status: c.status })),
    };
    env.data.selfieChecks = [...(env.data.selfieChecks ?? []), summary].slice(-KEPT_RESULTS);
    this.services.outcomes.record({ kind: 'selfieChecked', verdict: summary.verdict, checks: summary.checks });
  }
}

/** The message for a selfie we could not check, or undefined for a real failure. */
function refusalKey(error: unknown): string | undefined {
  if (isPhotoInputError(error)) return `photo:${error.messageKey}`;
  if (error instanceof OverloadedError) return 'selfie:chat.busy';
  if (error instanceof AttachmentUnavailableError)
    return error.reason === 'auth_failed' ? 'photoChat:download.authFailed' : 'photoChat:download.failed';
  return undefined;
}
