import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { AttachmentReader } from '../channels/attachmentReader';
import type { SelfieDiagnosis } from '../diagnosis/selfie/diagnoseSelfie';
import type { SelfieCheckId } from '../diagnosis/selfie/selfieCheckResult';
import type { SelfieDiagnoser } from '../diagnosis/selfie/selfieService';
import type { ImageCheckSummary } from './conversationState';
import { ImageCheckDialog, KEPT_RESULTS, type ImageCheck } from './imageCheckDialog';
import { selfieResultMessage } from './selfieResultMessage';
import type { ConversationServices } from './services';
import { SELFIE_CHECK_DIALOG } from './topicDialog';
import type { TurnEnv } from './turnEnv';

const SELFIE_CHECK: ImageCheck = {
  dialogId: SELFIE_CHECK_DIALOG,
  keyPrefix: 'selfie:chat.',
  busyKey: 'selfie:chat.busy',
  privacyShown: 'selfiePrivacyShown',
  outcome: 'selfieChecked',
};

/**
 * The selfie check, taken where the live face check will happen: answers with one line per check,
 * the checklist to confirm and the marked-up preview.
 */
export class SelfieCheckDialog extends ImageCheckDialog<SelfieCheckId, SelfieDiagnosis> {
  constructor(services: ConversationServices, diagnoser: SelfieDiagnoser, attachments: AttachmentReader) {
    super(SELFIE_CHECK, services, diagnoser, attachments);
  }

  protected keep(env: TurnEnv, summary: ImageCheckSummary<SelfieCheckId>): void {
    env.data.selfieChecks = [...(env.data.selfieChecks ?? []), summary].slice(-KEPT_RESULTS);
  }

  protected async answer(dc: DialogContext, env: TurnEnv, diagnosis: SelfieDiagnosis): Promise<DialogTurnResult> {
    await dc.context.sendActivity(selfieResultMessage(diagnosis, env.t, dc.context.activity.channelId));
    return dc.endDialog(diagnosis.verdict);
  }
}
