import type { GreyImage } from '../photo/greyImage';
import { inkBlobs, type InkBlob } from './inkBlobs';
import { inkMask } from './inkMask';

/**
 * Where an MRZ-like block of text lines lies, found from the characters themselves: chains of
 * evenly spaced, equally tall ink blobs, two or three of them parallel and stacked at the MRZ
 * line pitch. Works at any rotation: lines are chained along both image axes and their angle is
 * fitted through the character centres, so 90/180/270° and a skew of ±15° come out as one angle.
 */
export interface MrzBandGeometry {
  /** Reading direction in degrees, clockwise from +x (y points down); the 180° turn is tried too. */
  angle: number;
  /** Centre of the band, in the searched image's pixels. */
  cx: number;
  cy: number;
  /** Extent along the lines and across them, with a margin. */
  length: number;
  thickness: number;
  lineCount: number;
  /** Median character height. */
  charSize: number;
  /** Characters found on the longest line. */
  charsPerLine: number;
}

interface Chain {
  blobs: InkBlob[];
  /** Fitted direction in degrees and the line's perpendicular offset at u = 0. */
  angle: number;
  size: number;
  /** Extent along the direction, and the perpendicular position of the chain's middle. */
  u0: number;
  u1: number;
  v: number;
}

const MIN_CHAIN = 10;
const MAX_GAP = 2.6;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))] ?? 0;
}

const median = (values: number[]): number => quantile(values, 0.5);

/** The character height perpendicular to direction `phi` (0 = along x, 90 = along y). */
function across(blob: InkBlob, phi: number): number {
  return phi === 0 ? blob.height : blob.width;
}

/** Links each blob to its nearest plausible right-hand neighbour along direction `phi` and returns the chains. */
function chainsAlong(blobs: readonly InkBlob[], phi: 0 | 90): Chain[] {
  const u = (b: InkBlob): number => (phi === 0 ? b.cx : b.cy);
  const v = (b: InkBlob): number => (phi === 0 ? b.cy : -b.cx);
  const sorted = [...blobs].sort((a, b) => u(a) - u(b));
  const next = new Int32Array(sorted.length).fill(-1);
  const incomingCost = new Float64Array(sorted.length).fill(Infinity);
  const incomingFrom = new Int32Array(sorted.length).fill(-1);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    const sa = across(a, phi);
    let best = -1;
    let bestCost = Infinity;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      const du = u(b) - u(a);
      if (du > MAX_GAP * sa) break;
      if (du < 0.3 * sa) continue;
      const sb = across(b, phi);
      const ratio = sb / sa;
      if (ratio < 0.6 || ratio > 1.65) continue;
      const dv = Math.abs(v(b) - v(a));
      if (dv > 0.35 * sa + 0.3 * du) continue;
      const cost = du + 3 * dv;
      if (cost < bestCost) {
        bestCost = cost;
        best = j;
      }
    }
    if (best >= 0 && bestCost < incomingCost[best]!) {
      const previous = incomingFrom[best]!;
      if (previous >= 0) next[previous] = -1;
      incomingCost[best] = bestCost;
      incomingFrom[best] = i;
      next[i] = best;
    }
  }
  const chains: Chain[] = [];
  for (let head = 0; head < sorted.length; head++) {
    if (incomingFrom[head]! >= 0 && next[incomingFrom[head]!] === head) continue;
    const members: InkBlob[] = [];
    for (let at = head; at >= 0; at = next[at]!) members.push(sorted[at]!);
    if (members.length >= MIN_CHAIN) chains.push(fitChain(members, phi, u, v));
  }
  return chains;
}

function fitChain(blobs: InkBlob[], phi: 0 | 90, u: (b: InkBlob) => number, v: (b: InkBlob) => number): Chain {
  const n = blobs.length;
  let su = 0;
  let sv = 0;
  for (const b of blobs) {
    su += u(b);
    sv += v(b);
  }
  const mu = su / n;
  const mv = sv / n;
  let suu = 0;
  let suv = 0;
  for (const b of blobs) {
    suu += (u(b) - mu) ** 2;
    suv += (u(b) - mu) * (v(b) - mv);
  }
  const slope = suu > 0 ? suv / suu : 0;
  // v grows downwards for phi 0 and leftwards for phi 90; both give a clockwise angle.
  const angle = phi + (Math.atan(slope) * 180) / Math.PI;
  // Fillers are shorter than letters and digits; a name line is mostly fillers.
  const size = quantile(
    blobs.map((b) => across(b, phi)),
    0.8,
  );
  return { blobs, angle, size, u0: u(blobs[0]!), u1: u(blobs[n - 1]!), v: mv };
}

/** Stacks of 2 or 3 parallel chains at the MRZ line pitch, best first. */
function mrzGroups(chains: Chain[]): Chain[][] {
  const sorted = [...chains].sort((a, b) => a.v - b.v);
  const follows = (a: Chain, b: Chain): boolean => {
    const size = (a.size + b.size) / 2;
    const gap = b.v - a.v;
    const overlap = Math.min(a.u1, b.u1) - Math.max(a.u0, b.u0);
    const shorter = Math.min(a.u1 - a.u0, b.u1 - b.u0);
    return (
      Math.abs(a.angle - b.angle) < 4 &&
      a.size / b.size > 0.72 &&
      a.size / b.size < 1.38 &&
      gap > 1.15 * size &&
      gap < 2.9 * size &&
      overlap > 0.5 * shorter
    );
  };
  const groups: Chain[][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const group = [sorted[i]!];
    for (let j = i + 1; j < sorted.length && group.length < 3; j++) {
      if (follows(group[group.length - 1]!, sorted[j]!)) group.push(sorted[j]!);
    }
    if (group.length >= 2) groups.push(group);
  }
  // Long single lines stand in for a stack whose other lines broke apart (merged fillers, glare).
  for (const chain of sorted) if (chain.blobs.length >= 20) groups.push([chain]);
  const score = (group: Chain[]): number => {
    const counts = group.map((c) => c.blobs.length);
    const lengths = group.map((c) => c.u1 - c.u0);
    const evenness = Math.min(...lengths) / Math.max(...lengths);
    return counts.reduce((s, c) => s + c, 0) * (group.length > 1 ? 1 + evenness : 1);
  };
  return groups.sort((a, b) => score(b) - score(a));
}

function geometry(group: Chain[], phi: 0 | 90, scale: number): MrzBandGeometry {
  const weights = group.map((c) => c.blobs.length);
  const total = weights.reduce((s, w) => s + w, 0);
  const angle = group.reduce((s, c, i) => s + c.angle * weights[i]!, 0) / total;
  const size = median(group.map((c) => c.size));
  const u0 = Math.min(...group.map((c) => c.u0));
  const u1 = Math.max(...group.map((c) => c.u1));
  const v0 = group[0]!.v;
  const v1 = group[group.length - 1]!.v;
  // Back from (u, v) along phi to image x, y; then the fitted skew is applied around the centre.
  const uc = (u0 + u1) / 2;
  const vc = (v0 + v1) / 2;
  const cx = phi === 0 ? uc : -vc;
  const cy = phi === 0 ? vc : uc;
  const pitch = group.length > 1 ? (v1 - v0) / (group.length - 1) : 1.8 * size;
  const single = group.length === 1;
  return {
    angle,
    cx: cx * scale,
    cy: cy * scale,
    length: (u1 - u0 + 3 * size) * 1.06 * scale,
    // A lone line may be either of a pair: cover one line pitch on both sides.
    thickness: (v1 - v0 + (single ? 2 * pitch : 0) + 2.4 * size) * scale,
    lineCount: group.length,
    charSize: size * scale,
    charsPerLine: Math.max(...group.map((c) => c.blobs.length)),
  };
}

/** Box-averages the image down by an integer factor, so the blob search runs on ~1000 px. */
function shrink(image: GreyImage, factor: number): GreyImage {
  if (factor <= 1) return image;
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const data = new Uint8Array(width * height);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * image.width + x * factor;
        for (let dx = 0; dx < factor; dx++) sum += image.data[row + dx]!;
      }
      data[y * width + x] = Math.round(sum / area);
    }
  }
  return { data, width, height };
}

export interface LocatorOptions {
  /** The blob search runs on a copy no longer than this. */
  searchLongSide: number;
  maxCandidates: number;
}

/** Candidate MRZ bands, best first, in the given image's coordinates. */
export function locateMrzBands(image: GreyImage, options: LocatorOptions): MrzBandGeometry[] {
  const factor = Math.max(1, Math.round(Math.max(image.width, image.height) / options.searchLongSide));
  const small = shrink(image, factor);
  const longSide = Math.max(small.width, small.height);
  const mask = inkMask(small, Math.max(15, Math.round(longSide / 25)) | 1, 0.12);
  const blobs = inkBlobs(mask, small.width, small.height, 4, longSide / 10);
  const found: { group: Chain[]; phi: 0 | 90 }[] = [];
  for (const phi of [0, 90] as const) {
    for (const group of mrzGroups(chainsAlong(blobs, phi))) found.push({ group, phi });
  }
  const total = (g: Chain[]): number => g.reduce((s, c) => s + c.blobs.length, 0) * (g.length > 1 ? 2 : 1);
  found.sort((a, b) => total(b.group) - total(a.group));
  const bands: MrzBandGeometry[] = [];
  for (const { group, phi } of found) {
    const band = geometry(group, phi, factor);
    // Stacks found twice (as a pair and as its three lines, or line by line) count once.
    const duplicate = bands.some(
      (b) => Math.hypot(b.cx - band.cx, b.cy - band.cy) < Math.max(b.thickness, band.thickness) / 2,
    );
    if (!duplicate) bands.push(band);
    if (bands.length >= options.maxCandidates) break;
  }
  return bands;
}
