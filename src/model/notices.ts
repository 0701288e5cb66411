/**
 * Where the library says something the user should hear while it works, though nothing went wrong (a
 * database upgraded in place). The library never prints: the CLI points this at stderr; elsewhere it is silent.
 */
let sink: ((text: string) => void) | null = null;

export function setNoticeSink(to: ((text: string) => void) | null): void {
  sink = to;
}

export function notice(text: string): void {
  sink?.(text);
}
