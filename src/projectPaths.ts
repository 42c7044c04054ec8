import path from 'node:path';

/** The project root, the same from `src/` under tsx and from `dist/` after a build. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const DIALOGS_DIR = path.join(PROJECT_ROOT, 'dialogs');
export const LOCALES_DIR = path.join(PROJECT_ROOT, 'locales');
