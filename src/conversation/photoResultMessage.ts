import { CardFactory, MessageFactory, type Activity, type Attachment } from 'botbuilder';
import type { CheckResult, CheckStatus } from '../diagnosis/photo/checkResult';
import type { PhotoDiagnosis } from '../diagnosis/photo/diagnosePhoto';
import { adaptiveCardVersionFor } from '../channels/teams/teamsActivity';
import type { TurnTranslate } from './services';

const ICONS: Record<CheckStatus, string> = { pass: '✓', warn: '⚠', fail: '✗', skipped: '–' };
/** Problems first (the fix the user needs), then warnings, then what passed. */
const ORDER: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2, skipped: 3 };
/** Channels that render Adaptive Cards; elsewhere the plain text is the whole answer. */
const CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator', 'test']);

/** A check as the user reads it; the message carries the measured value and the requirement, with units. */
export interface RenderedCheck {
  id: string;
  status: CheckStatus;
  icon: string;
  name: string;
  message: string;
}

export function renderChecks(checks: readonly CheckResult[], t: TurnTranslate): RenderedCheck[] {
  return [...checks]
    .sort((a, b) => ORDER[a.status] - ORDER[b.status])
    .map((check) => ({
      id: check.id,
      status: check.status,
      icon: ICONS[check.status],
      name: t(`photo:name.${check.id}`),
      message: t(`photo:${check.messageKey}`, check.messageParams),
    }));
}

function summary(diagnosis: PhotoDiagnosis, t: TurnTranslate): string {
  const failed = diagnosis.checks.filter((c) => c.status === 'fail').length;
  return diagnosis.verdict === 'pass'
    ? t('photoChat:result.passIntro')
    : t('photoChat:result.failIntro', { count: failed });
}

function closing(diagnosis: PhotoDiagnosis, t: TurnTranslate): string {
  if (diagnosis.verdict !== 'pass') return t('photoChat:result.nextAfterFail');
  // A good photo of a document the exchange does not take is not one to resubmit: the advice follows.
  if (diagnosis.document?.accepted === false) return t('photoChat:result.passCaveat');
  return `${t('photoChat:result.passCaveat')}\n\n${t('photoChat:result.nextAfterPass')}`;
}

export function plainTextResult(diagnosis: PhotoDiagnosis, t: TurnTranslate): string {
  const lines = renderChecks(diagnosis.checks, t)
    .filter((c) => c.status !== 'skipped')
    .map((c) => `${c.icon} ${c.name}: ${c.message}`);
  return [summary(diagnosis, t), lines.join('\n\n'), closing(diagnosis, t)].join('\n\n');
}

function card(diagnosis: PhotoDiagnosis, t: TurnTranslate, previewDataUri: string, channelId: string): Attachment {
  const rows = renderChecks(diagnosis.checks, t)
    .filter((c) => c.status !== 'skipped')
    .map((c) => ({
      type: 'ColumnSet',
      spacing: 'Small',
      columns: [
        {
          type: 'Column',
          width: 'auto',
          items: [
            {
              type: 'TextBlock',
              text: c.icon,
              weight: 'Bolder',
              color: c.status === 'pass' ? 'Good' : c.status === 'fail' ? 'Attention' : 'Warning',
            },
          ],
        },
        {
          type: 'Column',
          width: 'stretch',
          items: [
            { type: 'TextBlock', text: c.name, weight: 'Bolder', wrap: true },
            { type: 'TextBlock', text: c.message, wrap: true, spacing: 'None', isSubtle: c.status === 'pass' },
          ],
        },
      ],
    }));
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: adaptiveCardVersionFor(channelId),
    fallbackText: plainTextResult(diagnosis, t),
    speak: summary(diagnosis, t),
    body: [
      { type: 'TextBlock', text: t('photoChat:result.title'), size: 'Medium', weight: 'Bolder', wrap: true },
      ...rows,
      {
        type: 'Image',
        url: previewDataUri,
        altText: t('photoChat:result.previewAlt'),
        size: 'Large',
        spacing: 'Medium',
      },
      { type: 'TextBlock', text: closing(diagnosis, t), wrap: true, spacing: 'Medium' },
    ],
  });
}

/**
 * The photo check result: an Adaptive Card (checks ✓/✗, measured vs required, the fix, and the
 * marked-up preview) where the channel renders cards, plain text elsewhere. The preview is the
 * re-encoded copy without EXIF, never the photo the user sent.
 */
export function photoResultMessage(diagnosis: PhotoDiagnosis, t: TurnTranslate, channelId: string): Partial<Activity> {
  const previewDataUri = `data:image/jpeg;base64,${diagnosis.preview.toString('base64')}`;
  if (!CARD_CHANNELS.has(channelId)) return MessageFactory.text(plainTextResult(diagnosis, t));
  // The summary goes in the text so notifications and screen readers get it; the card has the rest.
  return MessageFactory.attachment(card(diagnosis, t, previewDataUri, channelId), summary(diagnosis, t));
}
