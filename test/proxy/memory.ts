import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';

/**
 * Memory of this process while something runs. The recorder's worker is a thread of this process, so its
 * RSS counts. Linux keeps the peak (VmHWM), and writing 5 to clear_refs resets it: a peak between samples
 * (a synchronous decode that allocates and frees) is still seen. Elsewhere, the largest sampled RSS.
 */
export function peakRss(): { stop(): number } {
  let sampled = process.memoryUsage().rss;
  let hwm = false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    hwm = true;
  } catch {
    // Not Linux, or not allowed: sampling alone.
  }
  const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 10);
  return {
    stop() {
      clearInterval(timer);
      sampled = Math.max(sampled, process.memoryUsage().rss);
      if (!hwm) return sampled;
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
      return Math.max(sampled, kb ? Number(kb[1]) * 1024 : 0);
    },
  };
}

/** A request whose response body is counted, not kept (the text only when it is small). */
export function drainRequest(url: string, options: http.RequestOptions & { body?: string }): Promise<{ status: number; bytes: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent: false, ...options }, (res) => {
      let bytes = 0;
      let text = '';
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (text.length < 4096) text += c.toString('latin1');
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
