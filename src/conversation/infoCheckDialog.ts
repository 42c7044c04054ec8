import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { checkInfo, type InfoCheckInput, type InfoValues } from '../diagnosis/info/infoCheck';
import type { DocumentType } from '../diagnosis/info/infoCheck';
import type { DocumentReading } from '../diagnosis/info/documentReading';
import { INFO_FIELDS, type InfoField } from '../diagnosis/info/infoFinding';
import { cursorOf } from './dialogCursor';
import { matchChoice } from './choiceMatch';
import { sendText } from './replies';
import type { SensitiveValues } from './sensitiveValues';
import type { ConversationServices } from './services';
import { INFO_CHECK_DIALOG } from './topicDialog';
import { inEveryLocale, turnEnv, type TurnEnv } from './turnEnv';

/** The values typed during one check; in memory only (see SensitiveValues). */
interface TypedValues {
  entered: InfoValues;
  document: InfoValues;
  documentType?: DocumentType;
  fromPhoto?: DocumentReading;
}

type Phase = 'consent' | 'documentType' | 'entered' | 'document';

/** Where the check is: only the position, never a value (this part is persisted with the dialog stack). */
interface InfoCursor {
  phase: Phase;
  field: number;
}

const DOCUMENT_TYPES: readonly DocumentType[] = ['passport', 'id_card', 'cn_resident_id'];
const DOCUMENT_PROMPTS: Record<InfoField, string> = {
  name: 'info:prompt.documentName',
  dateOfBirth: 'info:prompt.documentDateOfBirth',
  documentNumber: 'info:prompt.documentDocumentNumber',
};

export interface InfoCheckStores {
  typed: SensitiveValues<TypedValues>;
  /** Filled by the photo check, keyed by conversation id. */
  documents: SensitiveValues<DocumentReading>;
}

/**
 * "Information does not match the document": asks what the user typed into the form and what
 * is printed on the document (or, with consent, reads it from the photo checked earlier), then
 * shows the exact character to change. Every question can be skipped; values never reach
 * conversation state, logs or tickets — only each finding's field and rule are kept.
 */
export class InfoCheckDialog extends Dialog {
  constructor(
    private readonly services: ConversationServices,
    private readonly stores: InfoCheckStores,
  ) {
    super(INFO_CHECK_DIALOG);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    const key = this.key(dc);
    this.stores.typed.delete(key);
    this.stores.typed.set(key, { entered: {}, document: {} });
    const intro = [env.t('info:intro')];
    if (!env.data.infoPrivacyShown) {
      intro.push(env.t('info:privacy'));
      env.data.infoPrivacyShown = true;
    }
    await sendText(dc.context, intro.join('\n\n'));
    const start: InfoCursor = this.stores.documents.get(key)
      ? { phase: 'consent', field: 0 }
      : { phase: 'documentType', field: 0 };
    return this.ask(dc, env, start);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const env = await turnEnv(dc.context, this.services);
    const cursor = cursorOf<InfoCursor>(dc.activeDialog);
    const typed = this.stores.typed.get(this.key(dc));
    if (!cursor || !typed) {
      // Past 15 minutes, after a restart, or on another server: the values are gone by design.
      await sendText(dc.context, env.t('info:expired'));
      return dc.endDialog();
    }
    // Typed values keep their spaces: a stray leading or trailing space is one of the findings.
    const raw = dc.context.activity.text ?? '';
    const text = raw.trim();
    const skipped = this.isSkip(text);
    switch (cursor.phase) {
      case 'consent': {
        const yes = matchChoice(text, [this.labels('info:consent.yes'), this.labels('info:consent.no')]) === 0;
        if (yes) typed.fromPhoto = this.stores.documents.get(this.key(dc));
        return this.ask(dc, env, { phase: 'documentType', field: 0 });
      }
      case 'documentType': {
        const picked = matchChoice(
          text,
          DOCUMENT_TYPES.map((type) => this.labels(`info:documentType.${type}`)),
        );
        if (picked !== undefined) typed.documentType = DOCUMENT_TYPES[picked];
        else if (!skipped) return this.ask(dc, env, cursor, true);
        return this.ask(dc, env, { phase: 'entered', field: 0 });
      }
      case 'entered':
      case 'document': {
        const field = INFO_FIELDS[cursor.field];
        if (!skipped && text) typed[cursor.phase][field] = raw;
        this.stores.typed.set(this.key(dc), typed);
        return this.ask(dc, env, this.nextField(cursor, typed));
      }
    }
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const cursor = cursorOf<InfoCursor>(instance);
    if (!cursor) return;
    const env = await turnEnv(context, this.services);
    await this.sendQuestion(context, env, cursor);
  }

  override endDialog(context: TurnContext): Promise<void> {
    this.stores.typed.delete(context.activity.conversation.id);
    return Promise.resolve();
  }

  private nextField(cursor: InfoCursor, typed: TypedValues): InfoCursor | undefined {
    if (cursor.field + 1 < INFO_FIELDS.length) return { phase: cursor.phase, field: cursor.field + 1 };
    // Nothing typed means nothing to compare: do not ask for the document's values too.
    const enteredSomething = Object.values(typed.entered).some(Boolean);
    if (cursor.phase === 'entered' && enteredSomething && !typed.fromPhoto) return { phase: 'document', field: 0 };
    return undefined;
  }

  private async ask(
    dc: DialogContext,
    env: TurnEnv,
    cursor: InfoCursor | undefined,
    again = false,
  ): Promise<DialogTurnResult> {
    if (!cursor) return this.finish(dc, env);
    if (dc.activeDialog) dc.activeDialog.state = cursor;
    await this.sendQuestion(dc.context, env, cursor, again);
    return Dialog.EndOfTurn;
  }

  private async sendQuestion(context: TurnContext, env: TurnEnv, cursor: InfoCursor, again = false): Promise<void> {
    const prefix = again ? `${env.t('chat:choice.notUnderstood')}\n\n` : '';
    switch (cursor.phase) {
      case 'consent':
        await sendText(context, prefix + env.t('info:consent.readFromPhoto'), [
          env.t('info:consent.yes'),
          env.t('info:consent.no'),
        ]);
        return;
      case 'documentType':
        await sendText(context, prefix + env.t('info:prompt.documentType'), [
          ...DOCUMENT_TYPES.map((type) => env.t(`info:documentType.${type}`)),
          env.t('info:skip'),
        ]);
        return;
      case 'entered':
        await sendText(context, prefix + env.t(`info:prompt.${INFO_FIELDS[cursor.field]}`), [env.t('info:skip')]);
        return;
      case 'document':
        await sendText(context, prefix + env.t(DOCUMENT_PROMPTS[INFO_FIELDS[cursor.field]]), [env.t('info:skip')]);
        return;
    }
  }

  private async finish(dc: DialogContext, env: TurnEnv): Promise<DialogTurnResult> {
    const typed = this.stores.typed.get(this.key(dc));
    this.stores.typed.delete(this.key(dc));
    if (!typed || !Object.values(typed.entered).some(Boolean)) {
      await sendText(dc.context, env.t('info:nothingEntered'));
      return dc.endDialog();
    }
    const document = typed.fromPhoto ? typed.fromPhoto.values : typed.document;
    const input: InfoCheckInput = {
      entered: typed.entered,
      ...(Object.values(document).some(Boolean) ? { document } : {}),
      documentType: typed.documentType ?? typed.fromPhoto?.documentType,
      mrz: typed.fromPhoto?.mrz,
    };
    const result = checkInfo(input, { settings: this.services.infoSettings, today: new Date(this.services.now()) });
    env.data.infoFindings = result.findings.map((f) => ({ field: f.field, rule: f.rule }));
    this.services.outcomes.record({
      kind: 'infoChecked',
      match: result.match,
      rules: result.findings.map((f) => f.rule),
    });
    if (result.match) {
      await sendText(dc.context, env.t(input.document ? 'info:allMatch' : 'info:noDocumentAllMatch'));
    } else {
      const lines = result.findings.map((f) => `• ${env.t(`info:${f.messageKey}`, f.messageParams)}`);
      await sendText(dc.context, [env.t('info:foundIntro'), ...lines].join('\n'));
    }
    return dc.endDialog(result.match);
  }

  private isSkip(text: string): boolean {
    return matchChoice(text, [this.labels('info:skip')]) !== undefined;
  }

  private labels(key: string): string[] {
    return inEveryLocale(this.services, key);
  }

  private key(dc: DialogContext): string {
    return dc.context.activity.conversation.id;
  }
}
