import type { TurnContext } from 'botbuilder';

/**
 * The `getBotToken` for `fetchAttachmentBytes`: the token of the connector client CloudAdapter
 * put in this turn's state, which is the right one for multi-tenant, single-tenant and managed
 * identity bots alike. `undefined` when the turn has no such client (TestAdapter, the local
 * Direct Line). Checked structurally: botbuilder does not re-export the connector's types.
 */
export function botTokenProvider(context: TurnContext): (() => Promise<string>) | undefined {
  const client: unknown = context.turnState.get(context.adapter.ConnectorClientKey);
  if (typeof client !== 'object' || client === null || !('credentials' in client)) return undefined;
  const credentials: unknown = client.credentials;
  if (typeof credentials !== 'object' || credentials === null || !('getToken' in credentials)) return undefined;
  const getToken = credentials.getToken;
  if (typeof getToken !== 'function') return undefined;
  return async () => {
    const token: unknown = await getToken.call(credentials);
    if (typeof token !== 'string' || token === '') throw new Error('the connector credentials returned no token');
    return token;
  };
}
