import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';

let registered = false;

/**
 * Lets tfjs load `file://` model URLs from disk. Without tfjs-node (which downloads a native
 * library at install) tfjs only knows HTTP, and the models must never come from the network.
 */
export function registerModelFileLoader(): void {
  if (registered) return;
  registered = true;
  const route = (url: string | string[]): tf.io.IOHandler | null => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null;
    const file = fileURLToPath(url);
    return {
      load: async () => {
        // The model files ship inside the npm package: tfjs's own HTTP loader trusts them the same way.
        const modelJson = JSON.parse(readFileSync(file, 'utf8')) as tf.io.ModelJSON;
        return tf.io.getModelArtifactsForJSON(modelJson, (manifest) => {
          const specs = manifest.flatMap((group) => group.weights);
          const bytes = Buffer.concat(
            manifest.flatMap((group) => group.paths.map((part) => readFileSync(join(dirname(file), part)))),
          );
          const weights = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
          return Promise.resolve<[tf.io.WeightsManifestEntry[], ArrayBuffer]>([specs, weights]);
        });
      },
    };
  };
  // tfjs skips a router that answers null (its own HTTP router does so), but types routers as never null.
  tf.io.registerLoadRouter(route as Parameters<typeof tf.io.registerLoadRouter>[0]);
}
