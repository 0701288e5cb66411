/**
 * A scripted authn client that behaves like okta-auth-js: it starts at one URL and then only follows the
 * `_links` each response publishes, sending the stateToken of the response it acts on.
 */

type Json = Record<string, any>;

export interface ClientStep {
  url: string;
  httpStatus: number;
  body: Json;
}

export interface FlowResult {
  steps: ClientStep[];
  /** Status of the last response (or its errorCode). */
  final: string;
  /** Hrefs the client was given that pointed away from its base origin (should be empty behind a proxy). */
  foreignLinks: string[];
}

export interface RecoveryFlowOptions {
  username: string;
  answer: string;
  newPassword: string;
  passCode: string;
  /** The trusted app's API token (sent as `Authorization: SSWS ...`). */
  apiToken: string;
  /** Factor to verify if the reset answers MFA_REQUIRED. */
  factorType?: 'email' | 'sms' | 'push';
  /** Wait this long before reset_password (a user who reads the policy slowly): lets a short-lived stateToken expire. */
  pauseBeforeResetMs?: number;
  /** Extra headers on every call (an okta-auth-js user agent, an Expect header...). */
  headers?: Record<string, string>;
}

class LinkFollower {
  readonly steps: ClientStep[] = [];
  readonly foreignLinks: string[] = [];
  constructor(
    private readonly base: string,
    private readonly headers: Record<string, string>,
  ) {}

  async post(url: string, body: Json, extraHeaders: Record<string, string> = {}): Promise<Json> {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'x-okta-user-agent-extended': 'authtrail-demo-client/1.0',
        ...this.headers,
        ...extraHeaders,
      },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Json;
    this.steps.push({ url, httpStatus: response.status, body: json });
    this.collectForeign(json);
    return json;
  }

  /** The href of a published link; throws when the flow cannot go on (the response has no such link). */
  href(body: Json, ...path: (string | number)[]): string {
    let node: any = body;
    for (const key of path) node = node?.[key];
    if (typeof node !== 'string') throw new Error(`response ${body.status ?? body.errorCode} publishes no ${path.join('.')} link`);
    return node;
  }

  result(): FlowResult {
    const last = this.steps.at(-1)?.body ?? {};
    return { steps: this.steps, final: String(last.status ?? last.errorCode ?? 'NONE'), foreignLinks: this.foreignLinks };
  }

  private collectForeign(node: unknown, inLinks = false): void {
    if (Array.isArray(node)) node.forEach((item) => this.collectForeign(item, inLinks));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (inLinks && key === 'href' && typeof value === 'string' && !value.startsWith(this.base)) this.foreignLinks.push(value);
        else this.collectForeign(value, inLinks || key === '_links');
      }
    }
  }
}

/**
 * The trusted-app recovery of the forum thread: recovery/password (SSWS) → recovery/token → answer →
 * reset_password → (MFA_REQUIRED → factor challenge → verify) → SUCCESS.
 */
export async function runRecoveryFlow(baseUrl: string, options: RecoveryFlowOptions): Promise<FlowResult> {
  const base = baseUrl.replace(/\/+$/, '');
  const client = new LinkFollower(base, options.headers ?? {});
  const start = await client.post(
    `${base}/api/v1/authn/recovery/password`,
    { username: options.username, relayState: '/app/after-reset' },
    { authorization: `SSWS ${options.apiToken}` },
  );
  const recovery = await client.post(client.href(start, '_links', 'next', 'href'), { recoveryToken: start.recoveryToken });
  const reset = await client.post(client.href(recovery, '_links', 'next', 'href'), { stateToken: recovery.stateToken, answer: options.answer });
  if (options.pauseBeforeResetMs) await new Promise((resolve) => setTimeout(resolve, options.pauseBeforeResetMs));
  let current = await client.post(client.href(reset, '_links', 'next', 'href'), {
    stateToken: reset.stateToken,
    newPassword: options.newPassword,
  });
  if (current.status === 'MFA_REQUIRED') {
    const factors: Json[] = current._embedded?.factors ?? [];
    const factor = factors.find((f) => f.factorType === (options.factorType ?? 'email')) ?? factors[0];
    if (!factor) return client.result();
    const challenge = await client.post(client.href(factor, '_links', 'verify', 'href'), { stateToken: current.stateToken });
    if (factor.factorType === 'push') current = await pushUntilDone(client, challenge);
    else {
      current = await client.post(client.href(challenge, '_links', 'next', 'href'), {
        stateToken: challenge.stateToken,
        passCode: options.passCode,
      });
    }
  }
  return client.result();
}

/** Polls a push; a REJECTED or TIMEOUT one is sent again once (the user taps approve the second time). */
async function pushUntilDone(client: LinkFollower, challenge: Json): Promise<Json> {
  let current = challenge;
  let resent = false;
  for (let poll = 0; poll < 10 && current.status === 'MFA_CHALLENGE'; poll++) {
    if (current.factorResult === 'WAITING') current = await client.post(client.href(current, '_links', 'next', 'href'), { stateToken: current.stateToken });
    else if (!resent) {
      resent = true;
      current = await client.post(client.href(current, '_links', 'resend', 0, 'href'), { stateToken: current.stateToken });
    } else break;
  }
  return current;
}

export interface MfaFlowOptions {
  username: string;
  password: string;
  passCode: string;
  factorType: 'email' | 'sms' | 'push';
  /** Push polls before giving up. */
  maxPolls?: number;
}

/** Primary authentication → MFA_REQUIRED → challenge → verify (push: poll the `next` link). */
export async function runMfaFlow(baseUrl: string, options: MfaFlowOptions): Promise<FlowResult> {
  const base = baseUrl.replace(/\/+$/, '');
  const client = new LinkFollower(base, {});
  const primary = await client.post(`${base}/api/v1/authn`, { username: options.username, password: options.password });
  if (primary.status !== 'MFA_REQUIRED') return client.result();
  const factor = (primary._embedded?.factors as Json[]).find((f) => f.factorType === options.factorType);
  if (!factor) return client.result();
  let current = await client.post(client.href(factor, '_links', 'verify', 'href'), { stateToken: primary.stateToken });
  if (options.factorType === 'push') {
    for (let poll = 0; poll < (options.maxPolls ?? 5) && current.status === 'MFA_CHALLENGE' && current.factorResult === 'WAITING'; poll++) {
      current = await client.post(client.href(current, '_links', 'next', 'href'), { stateToken: current.stateToken });
    }
  } else if (current.status === 'MFA_CHALLENGE') {
    await client.post(client.href(current, '_links', 'next', 'href'), { stateToken: current.stateToken, passCode: options.passCode });
  }
  return client.result();
}
