import path from 'node:path';
import { assetLoader, type AssetSource } from '../../http/staticAssets';
import { PROJECT_ROOT } from '../../projectPaths';

const PUBLIC_DIR = path.join(PROJECT_ROOT, 'src', 'channels', 'webchat', 'public');
const WEBCHAT_DIST = path.resolve(path.dirname(require.resolve('botframework-webchat')), '..', 'dist');

const SOURCES: Readonly<Record<string, AssetSource>> = {
  'webchat.js': {
    file: path.join(WEBCHAT_DIST, 'webchat.js'),
    contentType: 'text/javascript; charset=utf-8',
    cacheControl: 'public, max-age=86400',
  },
  'app.js': {
    file: path.join(PUBLIC_DIR, 'app.js'),
    contentType: 'text/javascript; charset=utf-8',
    cacheControl: 'no-cache',
  },
  'page.css': {
    file: path.join(PUBLIC_DIR, 'page.css'),
    contentType: 'text/css; charset=utf-8',
    cacheControl: 'no-cache',
  },
  'icon.svg': { file: path.join(PUBLIC_DIR, 'icon.svg'), contentType: 'image/svg+xml', cacheControl: 'no-cache' },
};

/** What `/webchat/:asset` serves; `undefined` for any name not in the table. */
export const loadAsset = assetLoader(SOURCES);
