/** Worker-thread entry: loads the face model once, then measures one selfie per message. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyseFace } from './analyseFace';
import { loadFaceModel } from './faceModel';
import { FaceRequest, FaceWorkerInit } from './faceWorkerMessages';

const port = parentPort;
if (port) {
  const { settings } = FaceWorkerInit.parse(workerData);
  const model = loadFaceModel(settings);
  void model.then(
    () => port.postMessage({ ready: true }),
    (error: unknown) => {
      throw error instanceof Error ? error : new Error(String(error));
    },
  );
  port.on('message', (message: unknown) => {
    const request = FaceRequest.safeParse(message);
    if (!request.success) {
      port.postMessage({ id: -1, ok: false, error: 'malformed face request' });
      return;
    }
    const { id, rgb, width, height } = request.data;
    void model
      .then((loaded) => analyseFace(loaded, rgb, width, height, settings))
      .then(
        (result) => port.postMessage({ id, ok: true, result }),
        (error: unknown) =>
          port.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  });
}
