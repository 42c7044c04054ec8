import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { Localizer } from '../../src/i18n/localizer';
import { policyParams, type Settings } from '../../src/settings';
import type { Reply } from './json';
import type { Expected, Transcript } from './transcript';

/** Sends one user activity to the bot (in-process or over HTTP) and returns the bot's replies. */
export type Deliver = (activity: Partial<Activity>) => Promise<Reply[]>;

export interface RunnerDeps {
  localizer: Localizer;
  settings: Settings;
  brandName: string;
}

function visibleText(activity: Reply): string {
  const parts = [activity.text ?? ''];
  for (const attachment of activity.attachments ?? []) parts.push(JSON.stringify(attachment.content ?? ''));
  return parts.join('\n');
}

/**
 * Plays a transcript: each user turn goes to the bot, and the replies must show the expected
 * texts (rendered from their keys in the transcript's locale), offer the expected buttons, and
 * leave out what must not be said.
 */
export async function playTranscript(transcript: Transcript, deliver: Deliver, deps: RunnerDeps): Promise<void> {
  const t = deps.localizer.t(transcript.locale);
  const base = policyParams(deps.settings.policy, deps.brandName);
  const render = (e: Expected): string => (typeof e === 'string' ? t(e, base) : t(e.key, { ...base, ...e.params }));
  for (const [index, turn] of transcript.turns.entries()) {
    const where = `${transcript.name} [${transcript.locale}] turn ${index + 1}`;
    const activity: Partial<Activity> =
      typeof turn.user === 'string'
        ? { type: 'message', text: turn.user }
        : 'button' in turn.user
          ? { type: 'message', text: t(turn.user.button, base) }
          : { type: 'event', name: turn.user.event, value: turn.user.value };
    const replies = (
      await deliver({ ...activity, locale: transcript.locale, localTimezone: transcript.timezone })
    ).filter((r) => r.type === 'message');
    const texts = replies.map(visibleText);
    const all = texts.join('\n---\n');
    // assert.fail keeps the whole message: mocha cuts ok()'s message at its first ": expected".
    for (const e of turn.expect) {
      const want = render(e);
      if (want.includes(typeof e === 'string' ? e : e.key))
        assert.fail(`${where}: key ${typeof e === 'string' ? e : e.key} has no text`);
      if (!all.includes(want))
        assert.fail(`${where} - the bot should say\n  ${want}\nbut said\n  ${all || '(nothing)'}`);
    }
    for (const e of turn.absent)
      if (all.includes(render(e))) assert.fail(`${where} - the bot must not say\n  ${render(e)}`);
    for (const s of turn.contains) if (!all.includes(s)) assert.fail(`${where} - missing "${s}" in\n  ${all}`);
    if (turn.buttons.length) {
      const last = replies.at(-1);
      const offered = last?.suggestedActions?.actions.map((a) => a.title) ?? [];
      for (const key of turn.buttons)
        if (!offered.includes(t(key, base)))
          assert.fail(`${where} - no button "${t(key, base)}" in ${JSON.stringify(offered)}`);
    }
  }
}
