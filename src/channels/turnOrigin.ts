import type { TurnContext } from 'botbuilder';

const LOOPBACK_EMULATOR = Symbol('loopbackEmulatorTurn');

/** Set by the server for a turn whose request the Bot Framework Emulator made on this machine. */
export function markLoopbackEmulatorTurn(context: TurnContext): void {
  context.turnState.set(LOOPBACK_EMULATOR, true);
}

/** Only such a turn may have the bot fetch the Emulator's loopback attachment URLs. */
export function isLoopbackEmulatorTurn(context: TurnContext): boolean {
  return context.turnState.get(LOOPBACK_EMULATOR) === true;
}
