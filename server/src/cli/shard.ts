/**
 * `--shard i/n`: a deterministic partition of files by a hash of their root-relative
 * POSIX path, so every machine of a CI matrix computes the same split without talking
 * to the others, and a file stays in its shard when unrelated files come and go.
 */
import { createHash } from 'node:crypto';
import { UsageError } from './args';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  if (!m) throw new UsageError(`--shard must look like i/n (e.g. 1/4), not '${spec}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new UsageError(`--shard ${spec}: i must be between 1 and n`);
  return { index, count };
}

export function shardOf(file: string, count: number): number {
  const h = createHash('sha1').update(file).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

export function inShard(file: string, shard: Shard): boolean {
  return shardOf(file, shard.count) === shard.index;
}
