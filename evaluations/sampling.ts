// Drawing a spot-check's sample (Art. 22), pure: the same seed and the same population give the same sample, so a
// draw can be checked afterwards from the stored seed and population count.
import { createHash, randomBytes } from 'node:crypto';

/** A fresh seed for a draw: 16 random bytes as hex. */
export const newSeed = () => randomBytes(16).toString('hex');

/** How many to draw: a count, or a percentage of the population rounded up; at least one, at most all. */
export function sampleSizeFor(population: number, ask: { size?: number; percent?: number }): number {
  const wanted = ask.size ?? Math.ceil((population * (ask.percent ?? 0)) / 100);
  return Math.min(population, Math.max(1, wanted));
}

/** A stream of uniform 32-bit numbers from SHA-256(seed:counter). */
function streamOf(seed: string) {
  let counter = 0;
  let block: Buffer = Buffer.alloc(0);
  let at = 0;
  return () => {
    if (at + 4 > block.length) {
      block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      at = 0;
    }
    const v = block.readUInt32BE(at);
    at += 4;
    return v;
  };
}

/** A uniform integer in [0, n) without modulo bias. */
function below(next: () => number, n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    const v = next();
    if (v < limit) return v % n;
  }
}

/**
 * The positions (0-based, in draw order) of `n` distinct members of a population of `population`, drawn with
 * `seed`: a partial Fisher–Yates shuffle. The population must be listed in a stable order (by filing id).
 */
export function drawPositions(seed: string, population: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 0 || n > population) throw new RangeError(`cannot draw ${n} of ${population}`);
  const order = Array.from({ length: population }, (_, i) => i);
  const next = streamOf(seed);
  for (let i = 0; i < n; i++) {
    const j = i + below(next, population - i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, n);
}
