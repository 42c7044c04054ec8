/** Serialises turns that share state keys (the bot's TurnLock). */
export interface ClosableTurnLock {
  /** Runs `work` once no other holder of any of `keys` is running, and holds them until it settles. */
  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A turn lock for one process: each key is a queue of waiting turns. */
export class InProcessTurnLock implements ClosableTurnLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    // One global order, so two turns that share two keys can never wait on each other.
    const releases: (() => void)[] = [];
    try {
      for (const key of [...new Set(keys)].sort()) releases.push(await this.acquire(key));
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => held);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}
