import type { CurlRequest } from './curl-args.js';
import type { CurlCommand } from './curl-commands.js';
import { DEFAULT_HEADERS, isNodeCall, nodeAssignments, nodeCallNames, nodeReceivers, readNodeCall, scriptLines } from './node-calls.js';
import { nodeOutput, type NodeOutput, outputTexts, printedByCall, type ScriptCall } from './node-output.js';
import { evaluateNode, NodeResponse } from './node-values.js';
import type { Printed } from './printed.js';
import { ScriptScope, Unknown } from './script-values.js';
import type { Line } from './text.js';

export { isNodeCall, nodeReceivers };

/**
 * A pasted Node.js script read call by call (see node-calls.ts, node-values.ts, node-output.ts): the names
 * it sets before each call (`const OKTA = '…'`, `const { stateToken } = res.data`), what earlier calls
 * returned (so `res.data.stateToken` links the chain), which lines are code rather than output, and, for a
 * script pasted whole with its output after it, which print showed which call's response.
 */
export class NodeScript {
  private readonly scope = new ScriptScope();
  private readonly assignments: ReturnType<typeof nodeAssignments>;
  /** Line numbers that calls and assignments take: code, never output. */
  private readonly code = new Set<number>();
  private readonly calls = new Map<CurlCommand, ScriptCall>();
  private readonly printed: Map<string, Printed> | null;
  private readonly notRun: ReadonlySet<string>;

  constructor(text: string, lines: Line[], commands: readonly CurlCommand[]) {
    const receivers = nodeReceivers(lines);
    this.assignments = nodeAssignments(scriptLines(text), receivers);
    for (const a of this.assignments) for (let n = a.line; n <= a.end; n++) this.code.add(n);
    commands.forEach((cmd, k) => {
      if (cmd.kind !== 'node') return;
      const end = cmd.line.no + cmd.text.split('\n').length - 1;
      for (let n = cmd.line.no; n <= end; n++) this.code.add(n);
      this.calls.set(cmd, { key: String(k), line: cmd.line.no, end, catches: /\.catch\(/.test(cmd.text), ...nodeCallNames(cmd.text) });
    });
    const matched = printedByCall(lines, [...this.calls.values()], this.aliases(), this.code);
    this.printed = matched?.printed ?? null;
    this.notRun = matched?.notRun ?? new Set();
  }

  /** `const data = await res.json()`, `const body = res.data`: names that hold a call's body. */
  private aliases(): Map<string, string> {
    const out = new Map<string, string>();
    const calls = [...this.calls.values()];
    for (const a of this.assignments) {
      const m = /^\(?\s*(?:await\s+)?([\w$]+)\.(?:json\(\)|data)\s*\)?\s*;?\s*$/.exec(a.text);
      const call = m && [...calls].reverse().find((c) => c.line < a.line && c.response.includes(m[1]!));
      if (call && !a.destructured) out.set(a.names[0]!, call.key);
    }
    return out;
  }

  /** The request `cmd` sends, with the names set on the lines before it. */
  request(cmd: CurlCommand): CurlRequest {
    while (this.assignments.length > 0 && this.assignments[0]!.line < cmd.line.no) this.assign(this.assignments.shift()!);
    return readNodeCall(cmd.text, this.scope).request;
  }

  private assign(a: ReturnType<typeof nodeAssignments>[number]): void {
    const text = a.text.replace(/;\s*$/, '');
    const header = /^axios\.defaults\.headers(?:\.[\w$]+)?(?:\.([\w$-]+)|\[\s*['"]([^'"]+)['"]\s*\])$/.exec(a.names[0]!);
    if (header) {
      // Every method's defaults (`common`, `post`) are sent with the calls this paste makes.
      const headers = this.scope.get(DEFAULT_HEADERS);
      this.scope.set(DEFAULT_HEADERS, { ...(headers instanceof Unknown ? {} : (headers as object)), [header[1] ?? header[2]!]: evaluateNode(text, this.scope) });
      return;
    }
    if (!a.destructured) {
      this.scope.set(a.names[0]!, evaluateNode(text, this.scope));
      return;
    }
    // `const { stateToken, _embedded: e } = res.data`: each name is a property of the value.
    for (const name of a.names) {
      const [key, as] = name.split(':');
      this.scope.set(as ?? key!, evaluateNode(`(${text}).${key}`, this.scope));
    }
  }

  /** What the print statements showed of `cmd`'s response, when the script's prints and output line up. */
  printedFor(cmd: CurlCommand): Printed | undefined {
    const call = this.calls.get(cmd);
    return call ? this.printed?.get(call.key) : undefined;
  }

  /** True when the output shows that `cmd` was never sent: an earlier call in its `try` threw, or an error nothing caught stopped the script. */
  neverRan(cmd: CurlCommand): boolean {
    const call = this.calls.get(cmd);
    return call !== undefined && this.notRun.has(call.key);
  }

  /** What follows `cmd` that is output, not code: its status and its body's lines. */
  output(cmd: CurlCommand): NodeOutput {
    return nodeOutput(outputTexts(cmd.output, this.code));
  }

  /** What `cmd` returned, under the names the script gives it, for the calls after it. */
  answered(cmd: CurlCommand, body: unknown, status: number | null): void {
    const call = this.calls.get(cmd);
    if (!call) return;
    for (const name of call.response) this.scope.set(name, new NodeResponse(body, status));
    for (const name of call.body) this.scope.set(name, body ?? new Unknown(name));
  }
}
