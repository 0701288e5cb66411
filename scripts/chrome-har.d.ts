/** The part of chrome-har (untyped) the fixture recorder uses. */
declare module 'chrome-har' {
  export function harFromMessages(
    messages: { method: string; params: unknown }[],
    options?: { includeTextFromResponseBody?: boolean },
  ): { log: Record<string, unknown> };
}
