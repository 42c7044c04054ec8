import type { Box } from './checkResult';
import { connectedComponents, type Component, type Point } from './connectedComponents';
import { greyPipeline, histogram, otsuThreshold, scaleBox, toGreyImage, type GreyImage } from './greyImage';
import type { PhotoSettings } from './photoSettings';

export type FrameEdge = 'left' | 'top' | 'right' | 'bottom';

/** Where the document is, in the coordinates of the grey image it was searched in. */
export interface DocumentLocation {
  found: boolean;
  /** Bounding box of the document (the whole image when not found). */
  box: Box;
  corners: Point[];
  /** Area of the document quadrilateral over the frame's. */
  fillFraction: number;
  /** Frame edges the document touches or crosses: a corner or side is cut off. */
  cutEdges: FrameEdge[];
}

function quadArea(points: Point[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i];
    const b = points[(i + 1) % points.length];
    twice += a.x * b.y - b.x * a.y;
  }
  return Math.abs(twice) / 2;
}

function cornersOf(component: Component): Point[] {
  const { topLeft, topRight, bottomRight, bottomLeft } = component.corners;
  return [topLeft, topRight, bottomRight, bottomLeft];
}

function edgesTouched(box: Box, width: number, height: number, marginFraction: number): FrameEdge[] {
  const marginX = Math.max(1, Math.round(marginFraction * width));
  const marginY = Math.max(1, Math.round(marginFraction * height));
  const edges: FrameEdge[] = [];
  if (box.left < marginX) edges.push('left');
  if (box.top < marginY) edges.push('top');
  if (box.left + box.width > width - marginX) edges.push('right');
  if (box.top + box.height > height - marginY) edges.push('bottom');
  return edges;
}

/** A document is a large, nearly convex blob: most of its quadrilateral is covered. */
function documentCandidate(
  mask: Uint8Array,
  width: number,
  height: number,
  minFraction: number,
): Component | undefined {
  const frameArea = width * height;
  const [largest] = connectedComponents(mask, width, height, Math.max(4, minFraction * frameArea));
  if (!largest) return undefined;
  const area = quadArea(cornersOf(largest));
  if (area < minFraction * frameArea || largest.area < 0.5 * area) return undefined;
  return largest;
}

/** A location in the shrunk copy, with that copy's width so it can be scaled back. */
export type SmallLocation = DocumentLocation & { width: number };

/**
 * Finds the document as the largest bright blob against the (usually darker) surface it lies
 * on, falling back to a document-sized dark blob on a light surface. Pure: runs in a worker.
 */
export function findDocument(small: GreyImage, settings: PhotoSettings['framing']): SmallLocation {
  const threshold = otsuThreshold(histogram(small));
  const bright = new Uint8Array(small.data.length);
  const dark = new Uint8Array(small.data.length);
  for (let i = 0; i < small.data.length; i++) {
    if (small.data[i] > threshold) bright[i] = 1;
    else dark[i] = 1;
  }
  let candidate = documentCandidate(bright, small.width, small.height, settings.minDocumentFraction);
  // A light document on a light table: the bright blob is the table, wrapping the whole frame.
  // A dark blob stands in only if it is document-sized, so a tight scan keeps its own outline.
  if (!candidate || edgesTouched(candidate.box, small.width, small.height, settings.marginFraction).length === 4) {
    const darkCandidate = documentCandidate(dark, small.width, small.height, settings.minFillFraction);
    if (
      darkCandidate &&
      edgesTouched(darkCandidate.box, small.width, small.height, settings.marginFraction).length <= 2
    ) {
      candidate = darkCandidate;
    }
  }
  if (!candidate) {
    return {
      found: false,
      box: { left: 0, top: 0, width: small.width, height: small.height },
      corners: [],
      fillFraction: 0,
      cutEdges: [],
      width: small.width,
    };
  }
  const corners = cornersOf(candidate);
  return {
    found: true,
    box: candidate.box,
    corners,
    fillFraction: quadArea(corners) / (small.width * small.height),
    cutEdges: edgesTouched(candidate.box, small.width, small.height, settings.marginFraction),
    width: small.width,
  };
}

/** Shrinks the grey working copy (sharp, off the event loop) and maps the result back onto it. */
export async function locateDocument(
  grey: GreyImage,
  settings: PhotoSettings['framing'],
  find: (small: GreyImage) => Promise<SmallLocation>,
): Promise<DocumentLocation> {
  const small = await toGreyImage(
    greyPipeline(grey).resize({
      width: settings.analysisLongSide,
      height: settings.analysisLongSide,
      fit: 'inside',
      withoutEnlargement: true,
    }),
  );
  const found = await find(small);
  const scale = grey.width / found.width;
  if (!found.found) return { ...found, box: { left: 0, top: 0, width: grey.width, height: grey.height } };
  return {
    found: true,
    box: scaleBox(found.box, scale),
    corners: found.corners.map((p) => ({ x: Math.round(p.x * scale), y: Math.round(p.y * scale) })),
    fillFraction: found.fillFraction,
    cutEdges: found.cutEdges,
  };
}
