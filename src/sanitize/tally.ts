import type { Exposure } from '../model/exchange.js';

/** Where one clear secret stood: `entries[3] request.body newPassword` or `thread.md:58 newPassword`. */
export interface SecretLocation {
  /** `entries[3]` for a HAR entry, `log` for the rest of a HAR, the line number for text. */
  place: string;
  where: Exposure['where'] | 'text';
  field: string;
  path?: string;
  /** The masked preview of the value (safe to print, see Exposure.preview). */
  preview?: string;
}

/** The field a body sanitize could not read is listed under: a place a secret may stand, never passed as clean. */
export const UNREAD_BODY = 'undecodable body';

/** A body sanitize could not read (a compressed body that does not decode): left out of the copy, and why. */
export interface UnreadBody {
  place: string;
  what: string;
}

/** What a sanitize or check run found: counts per field, and each place (for --check's list). */
export class Tally {
  readonly byField = new Map<string, number>();
  readonly locations: SecretLocation[] = [];
  /** Bodies left out unread, also listed in `locations` (as UNREAD_BODY) so that --check names them. */
  readonly unread: UnreadBody[] = [];
  /** Units (entries, lines) that held at least one secret. */
  units = 0;
  /** Units read. */
  seen = 0;

  /** Values found outside every unit (a HAR's pages, comments, creator): counted apart, no unit read. */
  outside = 0;

  add(place: string, exposures: readonly Exposure[], where?: 'text'): void {
    this.seen++;
    if (exposures.length === 0) return;
    if (exposures.some((x) => x.field !== UNREAD_BODY)) this.units++;
    this.record(place, exposures, where);
  }

  /** Values found in what surrounds the units (`log` of a HAR), which is no entry: "3 of 3 entries and 2 outside them". */
  addOutside(place: string, exposures: readonly Exposure[]): void {
    this.outside += exposures.length;
    this.record(place, exposures);
  }

  private record(place: string, exposures: readonly Exposure[], where?: 'text'): void {
    for (const x of exposures) {
      this.list({ place, where: where ?? x.where, field: x.field, ...(x.path && x.path !== x.field ? { path: x.path } : {}), ...(x.preview ? { preview: x.preview } : {}) });
    }
  }

  /** One place listed, counted under its field; a body left out (UNREAD_BODY) is also one of `unread`. No unit is counted. */
  list(loc: SecretLocation): void {
    if (loc.field === UNREAD_BODY) this.unread.push({ place: loc.place, what: loc.path ?? '' });
    this.byField.set(loc.field, (this.byField.get(loc.field) ?? 0) + 1);
    this.locations.push(loc);
  }

  /** A body left out unread at `place` (`what` it is: `gzip that does not decode`); the unit is counted by its reader. */
  leftOut(place: string, where: Exposure['where'], what: string): void {
    this.list({ place, where, field: UNREAD_BODY, path: what });
  }

  /** `own`'s findings (one message's, masked on its own) under `place:line`; `unit`: whether that message counts as one unit read. */
  merge(own: Tally, place: string, unit: boolean): void {
    for (const loc of own.locations) this.list({ ...loc, place: `${place}:${loc.place}` });
    if (!unit) return;
    this.seen += 1;
    if (own.locations.length > 0) this.units += 1;
  }

  /** Every place listed: the clear secrets and the bodies left out unread. */
  get total(): number {
    return this.locations.length;
  }

  /** The values masked (what is listed, less the bodies left out). */
  get masked(): number {
    return this.locations.length - this.unread.length;
  }

  /** Fields by descending count, then name. */
  counts(): [string, number][] {
    return [...this.byField].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }
}
