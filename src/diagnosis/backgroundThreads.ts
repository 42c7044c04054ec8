import { readdirSync } from 'node:fs';
import os from 'node:os';

/** Nice value of every thread but the event loop's: 10 gives it about a tenth of the weight. */
export const BACKGROUND_NICE = 10;

const TASKS = '/proc/self/task';

/**
 * Lowers the CPU priority of every thread of this process except the main one (the event loop):
 * OCR, pixel and face-model workers, libvips and libuv threads. On a machine with fewer cores than
 * busy threads they would otherwise take the event loop's share and text turns would wait behind
 * photos. Linux sets priorities per thread id; elsewhere, or without /proc, nothing changes.
 * Returns how many threads run lowered.
 */
export function lowerBackgroundThreads(nice = BACKGROUND_NICE): number {
  let tasks: string[];
  try {
    tasks = readdirSync(TASKS);
  } catch {
    return 0;
  }
  let lowered = 0;
  for (const task of tasks) {
    const tid = Number(task);
    if (tid === process.pid || !Number.isInteger(tid)) continue;
    try {
      if (os.getPriority(tid) < nice) os.setPriority(tid, nice);
      lowered++;
    } catch {
      // The thread ended between the listing and the call.
    }
  }
  return lowered;
}

/**
 * Keeps background threads lowered, including those started later (a recycled OCR worker, a
 * libuv thread on first use): new threads inherit the priority of the thread that starts them,
 * which for workers is the main one. Returns the stop function.
 */
export function keepBackgroundThreadsLow(everyMs: number, nice = BACKGROUND_NICE): () => void {
  lowerBackgroundThreads(nice);
  const timer = setInterval(() => lowerBackgroundThreads(nice), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
