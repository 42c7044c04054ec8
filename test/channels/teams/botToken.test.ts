import assert from 'node:assert/strict';
import { TestAdapter, TurnContext } from 'botbuilder';
import { botTokenProvider } from '../../../src/channels/teams/botToken';

describe('botTokenProvider', () => {
  const turn = (): TurnContext =>
    new TurnContext(new TestAdapter(), {
      type: 'message',
      channelId: 'msteams',
      text: '',
      conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' },
    });

  it("asks the turn's connector credentials for the bot token", async () => {
    const context = turn();
    let calls = 0;
    const credentials = {
      appId: 'bot',
      async getToken(this: { appId: string }): Promise<string> {
        calls++;
        return `token-for-${this.appId}`;
      },
    };
    context.turnState.set(context.adapter.ConnectorClientKey, { credentials });

    const getBotToken = botTokenProvider(context);

    assert.ok(getBotToken);
    assert.equal(calls, 0, 'no token is fetched until a download needs one');
    assert.equal(await getBotToken(), 'token-for-bot');
  });

  it('has no token to offer when the turn carries no connector client', () => {
    assert.equal(botTokenProvider(turn()), undefined);
  });

  it('fails clearly when the credentials hand back an empty token', async () => {
    const context = turn();
    context.turnState.set(context.adapter.ConnectorClientKey, { credentials: { getToken: async () => '' } });

    await assert.rejects(botTokenProvider(context)?.() ?? Promise.resolve(), /no token/);
  });
});
