import type { DialogInstance } from 'botbuilder-dialogs';

/**
 * The cursor a dialog keeps in its own instance state. botbuilder hands out `DialogInstance<any>`;
 * only the dialog that owns the instance writes `state`, always in its own cursor shape, so reading
 * it back as that shape is sound.
 */
export function cursorOf<T>(instance: DialogInstance<T> | undefined): T | undefined {
  return instance?.state;
}
