/**
 * PowerShell's table view: what the console shows for an object of four properties or fewer (Okta's SUCCESS
 * answer: expiresAt, status, sessionToken, _embedded), and for `| Format-Table`. A line of names, a line of
 * dashes under each name (as long as the name), then a row per object; each column as wide as its widest
 * value, one space between columns, text left-aligned and numbers right-aligned; a value wider than the
 * console allows cut with `...` (Windows PowerShell 5) or `…` (7), and with `-Wrap` carried on the next lines.
 */

/** The table as printed: a row per object, each cell's text; the columns whose name PowerShell cut. */
export interface TableView {
  rows: Record<string, string>[];
  /** Names cut with `...` / `…`: which property the column holds is unknown, its cells are left out. */
  cutNames: string[];
  /** Rows whose cells do not line up with the columns (spaces lost in the paste): left out. */
  unread: number;
}

/** The dashes line: two runs of dashes or more (one run under a lone name is a Markdown heading's underline). */
const DASHES = /^\s*-+(?: +-+)+\s*$/;
const CUT_NAME = /(?:\.\.\.|…)$/;

interface Column {
  name: string;
  start: number;
  end: number;
}

/**
 * The first table view among the lines, or null when there is none. A `Name  Value` table is a hashtable's
 * view (`$headers`, `$body`, `$PSVersionTable` printed between the calls), never what Invoke-RestMethod returns.
 */
export function tableView(lines: string[]): TableView | null {
  for (let i = 0; i + 1 < lines.length; i++) {
    const columns = DASHES.test(lines[i + 1]!) ? columnsOf(lines[i]!, lines[i + 1]!) : null;
    if (columns && columns.map((c) => c.name).join(' ') !== 'Name Value') return rowsOf(columns, lines.slice(i + 2));
  }
  return null;
}

/** The columns, when each run of dashes lies under exactly one name and nothing else stands in the names line. */
function columnsOf(names: string, dashes: string): Column[] | null {
  const columns: Column[] = [];
  for (const m of dashes.matchAll(/-+/g)) {
    const start = m.index;
    const end = start + m[0].length - 1;
    const name = names.slice(start, end + 1);
    if (/\s/.test(name) || name.length !== m[0].length || /\S/.test(names[start - 1] ?? '') || /\S/.test(names[end + 1] ?? '')) return null;
    columns.push({ name, start, end });
  }
  const rest = columns.reduceRight((t, c) => t.slice(0, c.start) + ' '.repeat(c.end - c.start + 1) + t.slice(c.end + 1), names);
  return /\S/.test(rest) || !columns.every((c) => /^[A-Za-z_$][\w$]*(?:\.\.\.|…)?$/.test(c.name)) ? null : columns;
}

function rowsOf(columns: Column[], lines: string[]): TableView {
  const cellRows: string[][] = [];
  let unread = 0;
  let joinable = false;
  for (const line of lines) {
    if (line.trim() === '') {
      if (cellRows.length > 0 || unread > 0) break;
      continue;
    }
    const cells = cellsOf(columns, line.trimEnd());
    const last = cellRows[cellRows.length - 1];
    if (!cells) {
      unread++;
      joinable = false;
    } else if (joinable && last && cells[0] === '' && cells.some((c) => c !== '')) {
      // `-Wrap`: a line with nothing under the first column carries on the row above.
      cells.forEach((c, k) => (last[k] = c === '' ? last[k]! : joinWrapped(last[k]!, c)));
    } else {
      cellRows.push(cells);
      joinable = true;
    }
  }
  const kept = columns.filter((c) => !CUT_NAME.test(c.name));
  const rows = cellRows.map((cells) => Object.fromEntries(kept.map((c) => [c.name, cells[columns.indexOf(c)]!])));
  return { rows, cutNames: columns.filter((c) => CUT_NAME.test(c.name)).map((c) => c.name), unread };
}

/** A row's cells: the text between the separators, where each separator is the space nearest the next column. */
function cellsOf(columns: Column[], line: string): string[] | null {
  const cells: string[] = [];
  // From the line's start: a right-aligned number in the first column may begin before its name.
  let from = 0;
  for (let k = 1; k < columns.length; k++) {
    const low = columns[k - 1]!.end + 1;
    // A line that ends before the column: the rest of its cells are empty.
    let sep = line.length <= low ? line.length : -1;
    for (let p = Math.min(columns[k]!.start - 1, line.length); sep < 0 && p >= low; p--) {
      if (p >= line.length || line[p] === ' ') {
        sep = p;
        break;
      }
    }
    if (sep < 0) return spaceSplit(columns, line);
    cells.push(line.slice(from, sep).trim());
    from = sep + 1;
  }
  cells.push(line.slice(from).trim());
  return cells;
}

/** A table whose spacing the paste lost (a rendered page): a row reads only when its words are one a column. */
function spaceSplit(columns: Column[], line: string): string[] | null {
  const words = line.trim().split(/\s+/);
  return words.length === columns.length ? words : null;
}

/** A value PowerShell wrapped onto the next line: a word cut at the column's width joins without a space. */
export function joinWrapped(head: string, tail: string): string {
  return /\s/.test(head) || /\s/.test(tail) ? `${head} ${tail}` : head + tail;
}
