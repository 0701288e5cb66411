import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';

/**
 * Keep-alive agents for upstream connections: without one, http-proxy sends `connection: close` and
 * throughput drops about fivefold.
 */

export interface UpstreamAgentOptions {
  /**
   * Host name → IP address used instead of DNS when connecting upstream. For tests that need a local
   * upstream behind a name matching `--intercept` (`record --resolve HOST=ADDRESS`).
   */
  resolve?: Record<string, string>;
  /** Extra CA certificate(s) (PEM) trusted for HTTPS upstreams, on top of Node's root store. */
  upstreamCa?: string | string[];
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export function upstreamAgents(options: UpstreamAgentOptions): { http: http.Agent; https: https.Agent } {
  const lookup = options.resolve ? staticLookup(options.resolve) : undefined;
  const common = { keepAlive: true, keepAliveMsecs: 1000, scheduling: 'lifo' as const, ...(lookup ? { lookup } : {}) };
  const extraCa = options.upstreamCa ? [options.upstreamCa].flat() : [];
  return {
    http: new http.Agent(common),
    https: new https.Agent({ ...common, ...(extraCa.length > 0 ? { ca: [...rootCertificates, ...extraCa] } : {}) }),
  };
}

function staticLookup(map: Record<string, string>) {
  const table = new Map(Object.entries(map).map(([host, ip]) => [host.toLowerCase(), ip]));
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const address = table.get(hostname.toLowerCase());
    if (!address) {
      dnsLookup(hostname, options, callback as never);
      return;
    }
    const family = isIP(address);
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}
