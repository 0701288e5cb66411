import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The heap a streamed analysis may grow to before it asks for a full collection. */
export const HEAP_BOUND = 512 << 20;

/**
 * A check, run between units, that collects garbage when the heap has grown past `bound`. V8 lets the
 * garbage of a long analysis grow the heap far beyond what it keeps (1M exchanges: 1.3 GB resident for about
 * 200 MB live) unless node is started with --max-old-space-size, which a user's `authtrail` is not. The bound
 * follows what is live, so a large live set is not collected again and again.
 */
export function heapBound(bound: number): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let limit = bound;
  return () => {
    if (getHeapStatistics().total_heap_size < limit) return;
    gc();
    limit = Math.max(bound, getHeapStatistics().used_heap_size * 2);
  };
}
