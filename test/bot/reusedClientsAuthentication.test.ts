import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { ReusedClientsAuthentication } from '../../src/bot/reusedClientsAuthentication';

const activity = (serviceUrl: string): Activity =>
  ({
    type: 'message',
    channelId: 'test',
    serviceUrl,
    conversation: { id: 'c1' },
    from: { id: 'u1' },
    recipient: { id: 'bot' },
  }) as Activity;

describe('ReusedClientsAuthentication', () => {
  // Without an app id botbuilder accepts unauthenticated calls, as the local setup does.
  const auth = new ReusedClientsAuthentication({});

  async function connectorFor(serviceUrl: string, audience?: string) {
    const request = await auth.authenticateRequest(activity(serviceUrl), '');
    assert.ok(request.connectorFactory);
    return request.connectorFactory.create(serviceUrl, audience ?? request.audience);
  }

  it('hands every turn for one service URL the same connector client', async () => {
    const first = await connectorFor('https://one.invalid');
    const second = await connectorFor('https://one.invalid');
    assert.equal(first, second);
  });

  it('builds another client for another service URL or audience, each pointed at its own', async () => {
    const one = await connectorFor('https://one.invalid');
    const two = await connectorFor('https://two.invalid');
    const otherAudience = await connectorFor('https://one.invalid', 'https://audience.invalid');
    assert.notEqual(one, two);
    assert.notEqual(one, otherAudience);
    // baseUri is protected in the SDK's types; it is where the client sends its calls.
    const baseUri = (client: object): unknown => Reflect.get(client, 'baseUri');
    assert.equal(baseUri(one), 'https://one.invalid');
    assert.equal(baseUri(two), 'https://two.invalid');
  });

  it('reuses the user token client of a bot, and the clients of a proactive connector factory', async () => {
    const request = await auth.authenticateRequest(activity('https://one.invalid'), '');
    const tokens = await auth.createUserTokenClient(request.claimsIdentity);
    assert.equal(await auth.createUserTokenClient(request.claimsIdentity), tokens);
    const proactive = auth.createConnectorFactory(request.claimsIdentity);
    assert.equal(
      await proactive.create('https://one.invalid', request.audience),
      await connectorFor('https://one.invalid'),
    );
  });
});
