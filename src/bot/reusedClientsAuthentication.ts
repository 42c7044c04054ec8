import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>[0];
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;
type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** Distinct bots, service URLs and audiences kept; past this the cache starts over (claimed service URLs). */
const CLIENT_CACHE_LIMIT = 256;

/**
 * The bot's app id as botframework-connector reads it from a turn's claims: the audience claim for
 * channels, the appid claim for the Emulator, none when authentication is off.
 */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
}

/** A bounded map of clients that are built once per key. */
class ClientCache<T> {
  private readonly clients = new Map<string, Promise<T>>();

  get(key: string, build: () => Promise<T>): Promise<T> {
    let client = this.clients.get(key);
    if (client === undefined) {
      if (this.clients.size >= CLIENT_CACHE_LIMIT) this.clients.clear();
      client = build();
      // A failed build (credentials unavailable) is tried again by the next turn.
      void client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }
}

/**
 * CloudAdapter builds a ConnectorClient and a UserTokenClient (each an Azure HTTP pipeline) for
 * every incoming activity, a good part of a text turn's CPU. They hold nothing of the turn, only
 * the bot's credentials (which cache and renew their tokens themselves) and the service URL, so
 * one per bot, service URL and audience is reused, as the older BotFrameworkAdapter did.
 */
export class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly tokenClients = new ClientCache<UserTokenClient>();

  override async authenticateRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(...args);
    const factory = result.connectorFactory;
    return { ...result, connectorFactory: factory && this.reusing(factory, appIdOf(result.claimsIdentity)) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  /** The factory is new for this turn and held by nobody else, so its own create is routed through the cache. */
  private reusing(factory: ConnectorFactory, appId: string): ConnectorFactory {
    const create = factory.create.bind(factory);
    factory.create = (serviceUrl, audience) =>
      this.connectors.get(JSON.stringify([appId, serviceUrl, audience ?? '']), () => create(serviceUrl, audience));
    return factory;
  }
}
