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

/** What a sanitize or check run found: counts per field, and each place (for --check's list). */
export class Tally {
  readonly byField = new Map<string, number>();
  readonly locations: SecretLocation[] = [];
  /** Units (entries, lines) that held at least one secret. */
  units = 0;
  /** Units read. */
  seen = 0;

  /** Values found outside every unit (a HAR's pages, comments, creator): counted apart, no unit read. */
  outside = 0;

  add(place: string, exposures: readonly Exposure[], where?: 'text'): void {
    this.seen++;
    if (exposures.length === 0) return;
    this.units++;
    this.record(place, exposures, where);
  }

  /** Values found in what surrounds the units (`log` of a HAR), which is no entry: "3 of 3 entries and 2 outside them". */
  addOutside(place: string, exposures: readonly Exposure[]): void {
    this.outside += exposures.length;
    this.record(place, exposures);
  }

  private record(place: string, exposures: readonly Exposure[], where?: 'text'): void {
    for (const x of exposures) {
      this.byField.set(x.field, (this.byField.get(x.field) ?? 0) + 1);
      this.locations.push({ place, where: where ?? x.where, field: x.field, ...(x.path && x.path !== x.field ? { path: x.path } : {}), ...(x.preview ? { preview: x.preview } : {}) });
    }
  }

  get total(): number {
    return this.locations.length;
  }

  /** Fields by descending count, then name. */
  counts(): [string, number][] {
    return [...this.byField].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }
}
