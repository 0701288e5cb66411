/** Files users give by mistake, by their first bytes: what each is and what to give instead. */
const KNOWN_BINARIES: readonly [magic: string, what: (path: string) => string][] = [
  ['1f8b', (p) => `is gzip-compressed; decompress it first (gunzip -k ${p}) and give the file inside`],
  ['504b0304', () => 'is a zip archive; unzip it and give the HAR file (or transcript) inside'],
  ['425a68', (p) => `is bzip2-compressed; decompress it first (bunzip2 -k ${p}) and give the file inside`],
  ['fd377a585a00', (p) => `is xz-compressed; decompress it first (unxz -k ${p}) and give the file inside`],
  ['28b52ffd', (p) => `is zstd-compressed; decompress it first (unzstd ${p}) and give the file inside`],
  ['377abcaf271c', () => 'is a 7-Zip archive; extract it and give the HAR file (or transcript) inside'],
  ['53514c69746520666f726d6174203300', (p) => `is an SQLite database; if authtrail wrote it, analyze it with --db ${p} (authtrail captures lists what it holds)`],
  ['d4c3b2a1', () => 'is a packet capture (pcap); authtrail reads HTTP, not packets: save the flow as HAR from the browser or a proxy, or record it with authtrail record'],
  ['a1b2c3d4', () => 'is a packet capture (pcap); authtrail reads HTTP, not packets: save the flow as HAR from the browser or a proxy, or record it with authtrail record'],
  ['0a0d0d0a', () => 'is a packet capture (pcapng); authtrail reads HTTP, not packets: save the flow as HAR from the browser or a proxy, or record it with authtrail record'],
];

/** What a binary file is when it is one users give by mistake, said so they know what to give instead; else null. */
export function knownBinary(head: Uint8Array, path: string): string | null {
  const hex = Buffer.from(head.subarray(0, 16)).toString('hex');
  // Fiddler's session archive is a zip of raw messages, not of a HAR: Fiddler exports one.
  if (hex.startsWith('504b0304') && /\.saz$/i.test(path)) return 'is a Fiddler session archive (.saz); in Fiddler, File > Export Sessions > All Sessions… > HTTPArchive v1.2, and give that file';
  const known = KNOWN_BINARIES.find(([magic]) => hex.startsWith(magic));
  if (known) return known[1](path);
  // Charles' own session format (.chls) is binary: its JSON session or a HAR is what authtrail reads.
  if (/\.chls$/i.test(path)) return 'is a binary Charles session; in Charles, File > Export Session… as a JSON Session File, an XML Session File or HTTP Archive (.har)';
  return null;
}
