/**
 * The only hosts that ever receive the bot's Bot Framework token: the Bot Connector service of
 * Teams in the public cloud, GCC, GCC High and DoD (the `serviceUrl` hosts Microsoft documents
 * for proactive messages), which also serve pasted-image `contentUrl`s. Exact names, no
 * suffix matching: anyone can register `<name>.trafficmanager.net`. Direct Line and Web Chat
 * URLs on `*.botframework.com` carry their own token in the URL and get no bearer from us.
 * The port is not restricted: the token is only sent over https to a server whose certificate
 * is valid for one of these names.
 */
export const BOT_CONNECTOR_TOKEN_HOSTS: ReadonlySet<string> = new Set([
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
]);

export function acceptsBotToken(hostname: string): boolean {
  return BOT_CONNECTOR_TOKEN_HOSTS.has(hostname.toLowerCase());
}
