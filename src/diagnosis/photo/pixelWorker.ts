/** Worker-thread entry: runs the pure pixel loops sent by PixelWorkerPool. */
import { parentPort } from 'node:worker_threads';
import { findMrzBands } from '../mrz/mrzBands';
import { findDocument } from './documentLocator';
import { measureDocument } from './documentMeasures';
import { PixelRequest } from './pixelWorkerMessages';

const port = parentPort;
if (port) {
  port.on('message', (message: unknown) => {
    const request = PixelRequest.safeParse(message);
    if (!request.success) {
      port.postMessage({ id: -1, ok: false, error: 'malformed pixel request' });
      return;
    }
    const value = request.data;
    try {
      const result =
        value.task === 'locate'
          ? findDocument(value.small, value.settings)
          : value.task === 'measure'
            ? measureDocument(value.sharpness, value.glare, value.settings)
            : findMrzBands(value.image, value.settings);
      port.postMessage({ id: value.id, ok: true, result });
    } catch (error) {
      port.postMessage({ id: value.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
