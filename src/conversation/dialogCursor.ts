import type { DialogInstance } from 'botbuilder-dialogs';

/**
 * The cursor a dialog keeps in its own instance state. botbuilder types `state` as `any`; only the
 * dialog that owns the instance writes it, always in its own cursor shape, so the cast is sound.
 */
export function cursorOf<T>(instance: DialogInstance | undefined): T | undefined {
  return instance?.state as T | undefined;
}
