import assert from 'node:assert/strict';
import { TurnContext, type Activity } from 'botbuilder';
import { adaptiveCardVersionFor, removeBotMention } from '../../../src/channels/teams/teamsActivity';

const BOT_ID = '28:00000000-0000-4000-8000-000000000002';

/** A group-chat message as Teams delivers it (ids replaced). */
function teamsGroupMessage(text: string | undefined, entities: Activity['entities']): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'msteams',
    text,
    textFormat: 'plain',
    from: { id: '29:1-user', name: 'Test User', aadObjectId: '00000000-0000-4000-8000-000000000001' },
    recipient: { id: BOT_ID, name: 'KYC Help' },
    conversation: { id: '19:chat@thread.v2', conversationType: 'groupChat', isGroup: true, name: '' },
    entities,
  };
}

const botMention = (text: string | undefined): NonNullable<Activity['entities']>[number] =>
  text === undefined
    ? { type: 'mention', mentioned: { id: BOT_ID, name: 'KYC Help' } }
    : { type: 'mention', mentioned: { id: BOT_ID, name: 'KYC Help' }, text };
const clientInfo = { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Berlin' };

describe('removeBotMention', () => {
  it('removes the leading bot mention Teams puts in a group chat message', () => {
    const activity = teamsGroupMessage('<at>KYC Help</at> check my photo\n', [
      botMention('<at>KYC Help</at>'),
      clientInfo,
    ]);

    assert.equal(removeBotMention(activity), 'check my photo');
    assert.equal(activity.text, 'check my photo');
  });

  it('removes every bot mention, including a name the new Teams client split into one <at> per word', () => {
    const activity = teamsGroupMessage('<at>KYC</at> <at>Help</at>&nbsp;talk to a person', [
      botMention('<at>KYC</at>'),
      botMention('<at>Help</at>'),
    ]);

    assert.equal(removeBotMention(activity), 'talk to a person');
  });

  it('keeps mentions of other people', () => {
    const activity = teamsGroupMessage('<at>KYC Help</at> help <at>Alice</at>', [
      botMention('<at>KYC Help</at>'),
      { type: 'mention', mentioned: { id: '29:alice', name: 'Alice' }, text: '<at>Alice</at>' },
    ]);

    assert.equal(removeBotMention(activity), 'help <at>Alice</at>');
  });

  it('falls back to the mentioned name when the mention entity has no text', () => {
    const activity = teamsGroupMessage('<at>KYC Help</at> menu', [botMention(undefined)]);

    assert.equal(removeBotMention(activity), 'menu');
  });

  it('leaves a personal-chat message without mentions untouched, whitespace included', () => {
    const activity = teamsGroupMessage('  Document photo unclear\nplease help ', [clientInfo]);

    assert.equal(removeBotMention(activity), '  Document photo unclear\nplease help ');
  });

  it('copes with a photo-only message that has no text', () => {
    const activity = teamsGroupMessage(undefined, [botMention('<at>KYC Help</at>')]);

    assert.equal(removeBotMention(activity), '');
  });

  it("does what botbuilder's removeRecipientMention cannot: a split name leaves no <at> behind", () => {
    const entities = [botMention('<at>KYC</at>'), botMention('<at>Help</at>')];
    const viaBotbuilder = teamsGroupMessage('<at>KYC</at> <at>Help</at> help', entities);
    TurnContext.removeRecipientMention(viaBotbuilder);

    assert.match(viaBotbuilder.text ?? '', /<at>Help<\/at>/);
    assert.equal(removeBotMention(teamsGroupMessage('<at>KYC</at> <at>Help</at> help', entities)), 'help');
  });
});

describe('adaptiveCardVersionFor', () => {
  it('answers 1.5 for Teams, 1.3 for the Emulator and 1.6 for Web Chat and Direct Line', () => {
    assert.deepEqual(['msteams', 'emulator', 'webchat', 'directline'].map(adaptiveCardVersionFor), [
      '1.5',
      '1.3',
      '1.6',
      '1.6',
    ]);
  });
});
