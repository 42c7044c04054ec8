import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { CheckStatus } from '../diagnosis/photo/checkResult';
import type { SelfieDiagnosis } from '../diagnosis/selfie/diagnoseSelfie';
import { adaptiveCardVersionFor } from '../channels/teams/teamsActivity';
import type { TurnTranslate } from './services';

const ICONS: Record<CheckStatus, string> = { pass: '✓', warn: '⚠', fail: '✗', skipped: '–' };
const COLOURS: Record<CheckStatus, string> = { pass: 'Good', warn: 'Warning', fail: 'Attention', skipped: 'Default' };
/** What to change first, then warnings, then what passed; checks that could not run are left out. */
const ORDER: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2, skipped: 3 };
const CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator', 'test']);

interface Line {
  status: CheckStatus;
  name: string;
  message: string;
}

function lines(diagnosis: SelfieDiagnosis, t: TurnTranslate): Line[] {
  return [...diagnosis.checks]
    .filter((check) => check.status !== 'skipped' || check.id === 'background')
    .sort((a, b) => ORDER[a.status] - ORDER[b.status])
    .map((check) => ({
      status: check.status,
      name: t(`selfie:name.${check.id}`),
      message: t(`selfie:${check.messageKey}`, check.messageParams),
    }));
}

function summary(diagnosis: SelfieDiagnosis, t: TurnTranslate): string {
  const failed = diagnosis.checks.filter((c) => c.status === 'fail').length;
  return diagnosis.verdict === 'pass' ? t('selfie:chat.passIntro') : t('selfie:chat.failIntro', { count: failed });
}

function checklist(diagnosis: SelfieDiagnosis, t: TurnTranslate): string {
  return [t('selfie:confirm.intro'), ...diagnosis.confirm.map((id) => `☐ ${t(`selfie:confirm.${id}`)}`)].join('\n');
}

function closing(diagnosis: SelfieDiagnosis, t: TurnTranslate): string {
  return t(diagnosis.verdict === 'pass' ? 'selfie:chat.nextAfterPass' : 'selfie:chat.nextAfterFail');
}

export function plainSelfieResult(diagnosis: SelfieDiagnosis, t: TurnTranslate): string {
  const rows = lines(diagnosis, t).map((line) => `${ICONS[line.status]} ${line.name}: ${line.message}`);
  return [summary(diagnosis, t), rows.join('\n\n'), checklist(diagnosis, t), closing(diagnosis, t)].join('\n\n');
}

/**
 * The selfie result: one line per check (measured, required, the fix), the checklist the user
 * confirms, and the marked-up preview (the re-encoded copy without EXIF, never the selfie sent).
 */
export function selfieResultMessage(
  diagnosis: SelfieDiagnosis,
  t: TurnTranslate,
  channelId: string,
): Partial<Activity> {
  if (!CARD_CHANNELS.has(channelId)) return MessageFactory.text(plainSelfieResult(diagnosis, t));
  const rows = lines(diagnosis, t).map((line) => ({
    type: 'TextBlock',
    text: `${ICONS[line.status]} **${line.name}**: ${line.message}`,
    color: COLOURS[line.status],
    wrap: true,
    spacing: 'Small',
  }));
  const card = CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: adaptiveCardVersionFor(channelId),
    fallbackText: plainSelfieResult(diagnosis, t),
    speak: summary(diagnosis, t),
    body: [
      { type: 'TextBlock', text: t('selfie:chat.title'), size: 'Medium', weight: 'Bolder', wrap: true },
      ...rows,
      {
        type: 'Image',
        url: `data:image/jpeg;base64,${diagnosis.preview.toString('base64')}`,
        altText: t('selfie:chat.previewAlt'),
        size: 'Large',
        spacing: 'Medium',
      },
      { type: 'TextBlock', text: checklist(diagnosis, t), wrap: true, spacing: 'Medium' },
      { type: 'TextBlock', text: closing(diagnosis, t), wrap: true, spacing: 'Medium' },
    ],
  });
  return MessageFactory.attachment(card, summary(diagnosis, t));
}
