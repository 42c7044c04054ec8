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
  /** Fitted reading direction in degrees (clockwise, y down). */
  angle: number;
  /** Character height. */
  size: number;
  /** Centroid of the character centres, in image pixels. */
  cx: number;
  cy: number;
}

/** Position of (x, y) along a line of direction `angle` (s) and across it, downwards (t). */
function project(x: number, y: number, angle: number): { s: number; t: number } {
  const r = (angle * Math.PI) / 180;
  return { s: x * Math.cos(r) + y * Math.sin(r), t: -x * Math.sin(r) + y * Math.cos(r) };
}

/** The extent of a chain along `angle`. */
function extent(chain: Chain, angle: number): { s0: number; s1: number } {
  const along = chain.blobs.map((b) => project(b.cx, b.cy, angle).s);
  return { s0: Math.min(...along), s1: Math.max(...along) };
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
    const a = sorted[i];
    const sa = across(a, phi);
    let best = -1;
    let bestCost = Infinity;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j];
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
    if (best >= 0 && bestCost < incomingCost[best]) {
      const previous = incomingFrom[best];
      if (previous >= 0) next[previous] = -1;
      incomingCost[best] = bestCost;
      incomingFrom[best] = i;
      next[i] = best;
    }
  }
  const chains: Chain[] = [];
  for (let head = 0; head < sorted.length; head++) {
    if (incomingFrom[head] >= 0 && next[incomingFrom[head]] === head) continue;
    const members: InkBlob[] = [];
    for (let at = head; at >= 0; at = next[at]) members.push(sorted[at]);
    if (members.length >= MIN_CHAIN) chains.push(fitChain(members, phi, u, v));
  }
  return chains;
}

function fitChain(blobs: InkBlob[], phi: 0 | 90, u: (b: InkBlob) => number, v: (b: InkBlob) => number): Chain {
  const n = blobs.length;
  let su = 0;
  let sv = 0;
  let sx = 0;
  let sy = 0;
  for (const b of blobs) {
    su += u(b);
    sv += v(b);
    sx += b.cx;
    sy += b.cy;
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
  return { blobs, angle, size, cx: sx / n, cy: sy / n };
}

/** Stacks of 2 or 3 parallel chains at the MRZ line pitch, best first. */
function mrzGroups(chains: Chain[]): Chain[][] {
  const longest = chains.reduce<Chain | undefined>(
    (top, c) => (!top || c.blobs.length > top.blobs.length ? c : top),
    undefined,
  );
  const reference = longest?.angle ?? 0;
  const sorted = [...chains].sort((a, b) => project(a.cx, a.cy, reference).t - project(b.cx, b.cy, reference).t);
  const follows = (a: Chain, b: Chain): boolean => {
    const size = (a.size + b.size) / 2;
    // Measured across a's own line, so a skewed stack keeps its true pitch.
    const gap = project(b.cx, b.cy, a.angle).t - project(a.cx, a.cy, a.angle).t;
    const ea = extent(a, a.angle);
    const eb = extent(b, a.angle);
    const overlap = Math.min(ea.s1, eb.s1) - Math.max(ea.s0, eb.s0);
    const shorter = Math.min(ea.s1 - ea.s0, eb.s1 - eb.s0);
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
    const group = [sorted[i]];
    for (let j = i + 1; j < sorted.length && group.length < 3; j++) {
      if (follows(group[group.length - 1], sorted[j])) group.push(sorted[j]);
    }
    if (group.length >= 2) groups.push(group);
  }
  // Long single lines stand in for a stack whose other lines broke apart (merged fillers, glare).
  for (const chain of sorted) if (chain.blobs.length >= 20) groups.push([chain]);
  const score = (group: Chain[]): number => {
    const counts = group.map((c) => c.blobs.length);
    const lengths = group.map((c) => {
      const e = extent(c, c.angle);
      return e.s1 - e.s0;
    });
    const evenness = Math.min(...lengths) / Math.max(...lengths);
    return counts.reduce((sum, c) => sum + c, 0) * (group.length > 1 ? 1 + evenness : 1);
  };
  return groups.sort((a, b) => score(b) - score(a));
}

function geometry(group: Chain[], scale: number): MrzBandGeometry {
  const weights = group.map((c) => c.blobs.length);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const angle = group.reduce((sum, c, i) => sum + c.angle * weights[i], 0) / total;
  const size = median(group.map((c) => c.size));
  const along = group.flatMap((c) => c.blobs.map((b) => project(b.cx, b.cy, angle).s));
  const lines = group.map((c) => project(c.cx, c.cy, angle).t);
  const s0 = Math.min(...along);
  const s1 = Math.max(...along);
  const t0 = Math.min(...lines);
  const t1 = Math.max(...lines);
  const sc = (s0 + s1) / 2;
  const tc = (t0 + t1) / 2;
  // Back from (s, t) to image x, y: the inverse rotation.
  const r = (angle * Math.PI) / 180;
  const cx = sc * Math.cos(r) - tc * Math.sin(r);
  const cy = sc * Math.sin(r) + tc * Math.cos(r);
  const pitch = group.length > 1 ? (t1 - t0) / (group.length - 1) : 1.8 * size;
  const single = group.length === 1;
  return {
    angle,
    cx: cx * scale,
    cy: cy * scale,
    length: (s1 - s0 + 3 * size) * 1.06 * scale,
    // A lone line may be either of a pair: cover one line pitch on both sides.
    thickness: (t1 - t0 + (single ? 2 * pitch : 0) + 2.4 * size) * scale,
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
        for (let dx = 0; dx < factor; dx++) sum += image.data[row + dx];
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
  const found: Chain[][] = [];
  for (const phi of [0, 90] as const) found.push(...mrzGroups(chainsAlong(blobs, phi)));
  const total = (g: Chain[]): number => g.reduce((sum, c) => sum + c.blobs.length, 0) * (g.length > 1 ? 2 : 1);
  found.sort((a, b) => total(b) - total(a));
  const bands: MrzBandGeometry[] = [];
  for (const group of found) {
    const band = geometry(group, factor);
    // Stacks found twice (as a pair and as its three lines, or line by line) count once.
    const duplicate = bands.some(
      (b) => Math.hypot(b.cx - band.cx, b.cy - band.cy) < Math.max(b.thickness, band.thickness) / 2,
    );
    if (!duplicate) bands.push(band);
    if (bands.length >= options.maxCandidates) break;
  }
  return bands;
}
