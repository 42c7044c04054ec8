import type { Box, CheckResult } from './checkResult';
import type { DocumentLocation, FrameEdge } from './documentLocator';
import type { PhotoSettings } from './photoSettings';

function percent(fraction: number): number {
  return Math.round(fraction * 100);
}

/** A strip along each cut edge, as long as the document's side there, for the preview. */
function edgeStrips(location: DocumentLocation, frame: { width: number; height: number }): Box[] {
  const thickness = Math.max(4, Math.round(0.02 * Math.min(frame.width, frame.height)));
  const { box } = location;
  const strip: Record<FrameEdge, Box> = {
    left: { left: 0, top: box.top, width: thickness, height: box.height },
    right: { left: frame.width - thickness, top: box.top, width: thickness, height: box.height },
    top: { left: box.left, top: 0, width: box.width, height: thickness },
    bottom: { left: box.left, top: frame.height - thickness, width: box.width, height: thickness },
  };
  return location.cutEdges.map((edge) => strip[edge]);
}

/** `location` must be in full-image coordinates. */
export function framingCheck(
  location: DocumentLocation,
  frame: { width: number; height: number },
  settings: PhotoSettings['framing'],
): CheckResult {
  const base = {
    id: 'framing' as const,
    measured: percent(location.fillFraction),
    threshold: percent(settings.minFillFraction),
  };
  if (!location.found) return { ...base, status: 'fail', measured: null, messageKey: 'framing.notFound' };
  if (location.cutEdges.length > 0) {
    return {
      ...base,
      status: 'fail',
      messageKey: 'framing.cutOff',
      messageParams: { count: location.cutEdges.length },
      regions: edgeStrips(location, frame),
    };
  }
  const params = { measured: base.measured, required: base.threshold };
  if (location.fillFraction < settings.minFillFraction)
    return { ...base, status: 'fail', messageKey: 'framing.tooSmall', messageParams: params };
  if (location.fillFraction < settings.warnFillFraction)
    return { ...base, status: 'warn', messageKey: 'framing.small', messageParams: params };
  return { ...base, status: 'pass', messageKey: 'framing.ok', messageParams: params };
}
