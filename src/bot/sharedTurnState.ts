import { BotState, ConversationState, UserState, type Storage, type StoreItems, type TurnContext } from 'botbuilder';

type StateObject = Record<string, unknown>;

/** A scope's state as read this turn, and its JSON then, to tell whether the turn changed it. */
interface Loaded {
  state: StateObject;
  json: string;
}

/** One state scope: where its state is stored for a turn, and what to say when the activity lacks the ids. */
interface Scope {
  readonly name: string;
  getStorageKey(context: TurnContext): string | undefined;
}

function isStateObject(value: unknown): value is StateObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The JSON the storage keeps, without the eTag: comparing it is botbuilder's change check
 * (its calculateChangeHash) without a replacer call per value and a SHA-256 on top.
 */
function snapshot(state: StateObject): string {
  return JSON.stringify({ ...state, eTag: undefined });
}

/**
 * The conversation and user state of one turn, read together in one storage read and saved
 * together in one write (one transaction in SqlStorage), with botbuilder's BotState semantics
 * otherwise: a scope is written only when the turn changed it, `force` rereads or rewrites, and
 * the write is unconditional (eTag '*'), as BotState's is.
 */
export class SharedTurnState {
  readonly conversationState: BotState;
  readonly userState: BotState;
  private readonly scopes: readonly Scope[];
  private readonly turnKey = Symbol('sharedTurnState');

  constructor(private readonly storage: Storage) {
    // botbuilder's own classes name the keys, so state saved before this class existed is found.
    const conversation = new ConversationState(storage);
    const user = new UserState(storage);
    const conversationScope: Scope = { name: 'ConversationState', getStorageKey: (c) => conversation.getStorageKey(c) };
    const userScope: Scope = { name: 'UserState', getStorageKey: (c) => user.getStorageKey(c) };
    this.scopes = [conversationScope, userScope];
    this.conversationState = new SharedScope(storage, this, conversationScope);
    this.userState = new SharedScope(storage, this, userScope);
  }

  /** Saves every scope the turn changed, in one storage write. */
  saveChanges(context: TurnContext): Promise<void> {
    return this.save(context, this.scopes, false);
  }

  /** Internal to the scopes below. */
  async load(context: TurnContext, scope: Scope, force: boolean): Promise<StateObject> {
    const loaded = this.loadedIn(context);
    const cached = loaded.get(scope);
    if (cached && !force) return cached.state;
    // The first scope a turn reads brings the others with it (those the activity has a key for).
    const wanted = force ? [scope] : this.scopes.filter((s) => s === scope || !loaded.has(s));
    const keys = new Map<Scope, string>();
    for (const s of wanted) {
      const key = s === scope ? storageKeyOf(context, s) : s.getStorageKey(context);
      if (key !== undefined) keys.set(s, key);
    }
    const items = await this.storage.read([...keys.values()]);
    for (const [s, key] of keys) {
      // A scope another read of this turn brought in the meantime keeps the object its caller holds.
      if (!force && loaded.has(s)) continue;
      const item: unknown = items[key];
      const state: StateObject = isStateObject(item) ? item : {};
      loaded.set(s, { state, json: snapshot(state) });
    }
    return this.loadedIn(context).get(scope)?.state ?? {};
  }

  /** Internal to the scopes below. */
  async save(context: TurnContext, scopes: readonly Scope[], force: boolean): Promise<void> {
    const loaded = this.loadedIn(context);
    const changes: StoreItems = {};
    const written: [Loaded, string][] = [];
    for (const scope of scopes) {
      let cached = loaded.get(scope);
      if (!cached) {
        if (!force) continue;
        cached = { state: {}, json: '' };
        loaded.set(scope, cached);
      }
      const json = snapshot(cached.state);
      if (!force && json === cached.json) continue;
      cached.state.eTag = '*';
      changes[storageKeyOf(context, scope)] = cached.state;
      written.push([cached, json]);
    }
    if (written.length === 0) return;
    await this.storage.write(changes);
    for (const [cached, json] of written) cached.json = json;
  }

  /** Internal to the scopes below. */
  clear(context: TurnContext, scope: Scope): void {
    // An empty snapshot never matches, so the cleared scope is written by the next save.
    this.loadedIn(context).set(scope, { state: {}, json: '' });
  }

  /** Internal to the scopes below. */
  async delete(context: TurnContext, scope: Scope): Promise<void> {
    this.loadedIn(context).delete(scope);
    await this.storage.delete([storageKeyOf(context, scope)]);
  }

  /** Internal to the scopes below. */
  cached(context: TurnContext, scope: Scope): StateObject | undefined {
    return this.loadedIn(context).get(scope)?.state;
  }

  private loadedIn(context: TurnContext): Map<Scope, Loaded> {
    let loaded: Map<Scope, Loaded> | undefined = context.turnState.get(this.turnKey);
    if (!loaded) {
      loaded = new Map();
      context.turnState.set(this.turnKey, loaded);
    }
    return loaded;
  }
}

/** The scope's key, or BotState's error for an activity that lacks the ids. */
function storageKeyOf(context: TurnContext, scope: Scope): string {
  const key = scope.getStorageKey(context);
  if (key === undefined) throw new Error(`${scope.name}: the activity lacks the ids its state is stored under.`);
  return key;
}

/** A BotState whose reads, saves and per-turn cache are SharedTurnState's. */
class SharedScope extends BotState {
  constructor(
    storage: Storage,
    private readonly shared: SharedTurnState,
    private readonly scope: Scope,
  ) {
    super(storage, (context) => Promise.resolve().then(() => storageKeyOf(context, scope)));
  }

  override load(context: TurnContext, force = false): Promise<StateObject> {
    return this.shared.load(context, this.scope, force);
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return this.shared.save(context, [this.scope], force);
  }

  override clear(context: TurnContext): Promise<void> {
    this.shared.clear(context, this.scope);
    return Promise.resolve();
  }

  override delete(context: TurnContext): Promise<void> {
    return this.shared.delete(context, this.scope);
  }

  override get(context: TurnContext): StateObject | undefined {
    return this.shared.cached(context, this.scope);
  }
}
