/**
 * What the bot needs to serialise turns that share state (implemented in storage/, wired by the
 * composition root). botbuilder's BotState writes with eTag '*', so two overlapping turns of one
 * conversation would each save what they read, and the later write would drop the earlier result.
 */
export interface TurnLock {
  /** Runs `work` once no other holder of any of `keys` is running, and holds them until it settles. */
  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T>;
}
