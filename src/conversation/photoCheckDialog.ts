import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { AttachmentReader } from '../channels/attachmentReader';
import type { DocumentReading } from '../diagnosis/info/documentReading';
import type { CheckId } from '../diagnosis/photo/checkResult';
import type { PhotoDiagnoser } from '../diagnosis/photoDiagnoser';
import type { ImageCheckSummary } from './conversationState';
import { ImageCheckDialog, KEPT_RESULTS, type ImageCheck } from './imageCheckDialog';
import { photoResultMessage } from './photoResultMessage';
import type { SensitiveValues } from './sensitiveValues';
import { sendText } from './replies';
import type { ConversationServices } from './services';
import { PHOTO_CHECK_DIALOG, TOPIC_DIALOG } from './topicDialog';
import type { TurnEnv } from './turnEnv';

const UNSUPPORTED_DOCUMENT_TOPIC = 'unsupported_document';
/** Reasons with their own sentence in photoChat:notAccepted; any other configured type gets the general one. */
const NOT_ACCEPTED_REASONS = new Set(['visa', 'temporary']);

type CheckedPhoto = Awaited<ReturnType<PhotoDiagnoser['diagnose']>>;

const PHOTO_CHECK: ImageCheck = {
  dialogId: PHOTO_CHECK_DIALOG,
  keyPrefix: 'photoChat:ask.',
  busyKey: 'photoChat:busy',
  privacyShown: 'photoPrivacyShown',
  outcome: 'photoChecked',
};

/**
 * The document photo check: answers with the result card and the marked-up preview, keeps what
 * was read for the information check, and sends a document the exchange does not take to the
 * unsupported-document advice.
 */
export class PhotoCheckDialog extends ImageCheckDialog<CheckId, CheckedPhoto> {
  constructor(
    services: ConversationServices,
    diagnoser: PhotoDiagnoser,
    attachments: AttachmentReader,
    /** Where a document read from the photo waits (15 minutes) for the information check. */
    private readonly documents: SensitiveValues<DocumentReading>,
  ) {
    super(PHOTO_CHECK, services, diagnoser, attachments);
  }

  protected keep(env: TurnEnv, summary: ImageCheckSummary<CheckId>): void {
    env.data.photoChecks = [...env.data.photoChecks, summary].slice(-KEPT_RESULTS);
  }

  protected async answer(dc: DialogContext, env: TurnEnv, diagnosis: CheckedPhoto): Promise<DialogTurnResult> {
    const context = dc.context;
    if (diagnosis.reading) this.documents.set(context.activity.conversation.id, diagnosis.reading);
    await context.sendActivity(photoResultMessage(diagnosis, env.t, context.activity.channelId));
    const notAccepted = diagnosis.document?.accepted === false ? diagnosis.document.notAcceptedReason : undefined;
    if (notAccepted) return this.adviseOtherDocument(dc, env, notAccepted);
    return dc.endDialog(diagnosis.verdict);
  }

  /** A document the exchange does not take (a visa, a temporary ID): say why, then the unsupported-document advice. */
  private async adviseOtherDocument(dc: DialogContext, env: TurnEnv, reason: string): Promise<DialogTurnResult> {
    const key = NOT_ACCEPTED_REASONS.has(reason) ? reason : 'other';
    await sendText(dc.context, env.t(`photoChat:notAccepted.${key}`));
    if (env.data.currentTopic === UNSUPPORTED_DOCUMENT_TOPIC) return dc.endDialog('fail');
    await dc.cancelAllDialogs();
    return dc.beginDialog(TOPIC_DIALOG, { topicId: UNSUPPORTED_DOCUMENT_TOPIC });
  }
}
