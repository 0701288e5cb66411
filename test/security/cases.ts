/**
 * Planted secrets: each case is one shape in which a secret reaches authtrail (issue 16 and issue 10).
 * `needle` is the clear value that must appear in no output; every case is rendered in each format where
 * its shape exists (see render.ts).
 */
export interface Exchange {
  method: string;
  /** Path under https://dev-1.okta.com. */
  path: string;
  reqHeaders?: [string, string][];
  reqBody?: string;
  status: number;
  resHeaders?: [string, string][];
  resBody?: string;
  /** HAR only: store the request / response body base64-encoded. */
  base64?: boolean;
  /** HAR only: extra fields of the entry (`_authtrail`, `comment`, `_webSocketMessages`). */
  harExtra?: Record<string, unknown>;
}

export interface Case {
  id: string;
  needle: string;
  /** An exchange rendered in every format; absent when the case has only `text`. */
  exchange?: Exchange;
  /** Extra text shapes with no HAR form, keyed by format (curl flags, console lines). */
  text?: Partial<Record<'transcript' | 'curl' | 'http', string>>;
  /** The shape exists in HAR only (base64 bodies). */
  harOnly?: boolean;
  /** Not imported (outside --include or prose): only sanitize output and the raw input hold it. */
  textOnly?: boolean;
}

const A = '/api/v1/authn';
const json = (o: unknown) => JSON.stringify(o);
const ok = (o: unknown) => ({ status: 200, resBody: json(o) });
// Okta-shaped values: stateTokens start 00 (42 chars), sessionTokens 20111 (~60 chars).
const st = (n: number) => `00${'Qz'.repeat(3)}St${n.toString().padStart(2, '0')}aT0k3nV${'xY'.repeat(14)}`.slice(0, 42);
const sess = (n: number) => `20111${'Wd'.repeat(4)}Se${n}sSi0nT0k3n${'pL'.repeat(20)}`.slice(0, 60);
const jwt = (n: number) => `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUke${n}xIn0.SiGnAtUrE${n}abcDEFghiJKLmnoPQRstuVWXyz0123456789_-`;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const cases: Case[] = [];
const add = (c: Case) => cases.push(c);

// Named fields of the authn API, in request and response bodies.
add({ id: 'password-json', needle: 'Hunter2PlantedPw!01', exchange: { method: 'POST', path: A, reqBody: json({ username: 'a@b.com', password: 'Hunter2PlantedPw!01' }), ...ok({ status: 'MFA_REQUIRED', stateToken: '00ab****' }) } });
add({ id: 'stateToken-response', needle: st(2), exchange: { method: 'POST', path: A, reqBody: json({ username: 'a@b.com' }), ...ok({ status: 'MFA_REQUIRED', stateToken: st(2) }) } });
add({ id: 'sessionToken-response', needle: sess(3), exchange: { method: 'POST', path: `${A}/factors/f1/verify`, reqBody: json({ stateToken: '00ab****' }), ...ok({ status: 'SUCCESS', sessionToken: sess(3) }) } });
add({ id: 'passCode-string', needle: '740361', exchange: { method: 'POST', path: `${A}/factors/f2/verify`, reqBody: json({ stateToken: '00ab****', passCode: '740361' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'passCode-number', needle: '90817263', exchange: { method: 'POST', path: `${A}/factors/f3/verify`, reqBody: '{"stateToken":"00ab****","passCode":90817263}', ...ok({ status: 'SUCCESS' }) } });
add({ id: 'password-number', needle: '55512398741', exchange: { method: 'POST', path: A, reqBody: '{"username":"n@b.com","password":55512398741}', ...ok({ status: 'LOCKED_OUT' }) } });
add({ id: 'answer-array', needle: 'PlantedAnswerInArray', exchange: { method: 'POST', path: `${A}/recovery/answer`, reqBody: json({ stateToken: '00ab****', ANSWER: ['PlantedAnswerInArray'] }), ...ok({ status: 'PASSWORD_RESET' }) } });
add({ id: 'password-object', needle: 'PlantedPwInObject77', exchange: { method: 'POST', path: A, reqBody: json({ username: 'o@b.com', password: { value: 'PlantedPwInObject77' } }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'idx-credentials-passcode', needle: 'IdxPasscodePlanted9', exchange: { method: 'POST', path: `${A}/factors/f4/verify`, reqBody: json({ stateHandle: '02ab****', credentials: { passcode: 'IdxPasscodePlanted9' } }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'json-in-json-string', needle: 'NestedJsonPwPlanted', exchange: { method: 'POST', path: A, reqBody: json({ data: json({ password: 'NestedJsonPwPlanted' }) }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'duplicate-keys', needle: 'DupKeyPwPlanted42', exchange: { method: 'POST', path: A, reqBody: '{"username":"d@b.com","password":"xxxx","password":"DupKeyPwPlanted42"}', ...ok({ status: 'SUCCESS' }) } });
add({ id: 'upper-case-key', needle: 'UpperCaseKeyPw5', exchange: { method: 'POST', path: A, reqBody: json({ username: 'u@b.com', PassWord: 'UpperCaseKeyPw5' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'deep-key', needle: 'DeepKeyPwPlanted66', exchange: { method: 'POST', path: A, reqBody: json({ a: { b: { c: [{ d: { newPassword: 'DeepKeyPwPlanted66' } }] } } }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'nextPassCode', needle: '918273', exchange: { method: 'POST', path: `${A}/factors/f5/verify`, reqBody: json({ stateToken: '00ab****', passCode: '0000xx', nextPassCode: '918273' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'recoveryToken', needle: 'VBQ0gwBXofPlantedRecovery1', exchange: { method: 'POST', path: `${A}/recovery/token`, reqBody: json({ recoveryToken: 'VBQ0gwBXofPlantedRecovery1' }), ...ok({ status: 'RECOVERY' }) } });
add({ id: 'activationToken', needle: 'o7AFoTGE9xjQiHQK6dAaPlanted', exchange: { method: 'POST', path: A, reqBody: json({ token: 'o7AFoTGE9xjQiHQK6dAaPlanted' }), ...ok({ status: 'PASSWORD_RESET' }) } });
add({ id: 'deviceToken', needle: 'dEvIcEt0kenPlanted26chars', exchange: { method: 'POST', path: A, reqBody: json({ username: 'v@b.com', context: { deviceToken: 'dEvIcEt0kenPlanted26chars' } }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'activationCode-number', needle: '48213377', exchange: { method: 'POST', path: `${A}/factors/f6/lifecycle/activate`, reqBody: '{"stateToken":"00ab****","activationCode":48213377}', ...ok({ status: 'SUCCESS' }) } });
add({ id: 'answer-in-response-echo', needle: 'EchoedAnswerPlanted', exchange: { method: 'POST', path: `${A}/recovery/answer`, reqBody: json({ stateToken: '00ab****' }), status: 400, resBody: json({ errorCode: 'E0000001', errorCauses: [{ answer: 'EchoedAnswerPlanted' }] }) } });
// Names client code and other APIs give the same secrets.
add({ id: 'pwd-field', needle: 'PwdShortNamePlanted51', exchange: { method: 'POST', path: A, reqBody: json({ username: 'pw@b.com', pwd: 'PwdShortNamePlanted51' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'security-answer-field', needle: 'SecurityAnswerPlanted52', exchange: { method: 'POST', path: `${A}/recovery/answer`, reqBody: json({ stateToken: '00ab****', securityAnswer: 'SecurityAnswerPlanted52' }), ...ok({ status: 'PASSWORD_RESET' }) } });
add({ id: 'mfa-code-field', needle: '30481527', exchange: { method: 'POST', path: `${A}/factors/f11/verify`, reqBody: json({ stateToken: '00ab****', mfa_code: '30481527' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'session-id-field', needle: 'SessionIdFieldPlanted53', exchange: { method: 'POST', path: A, reqBody: json({ username: 'si@b.com' }), ...ok({ status: 'SUCCESS', session_id: 'SessionIdFieldPlanted53' }) } });
// Value shapes, whatever the key.
add({ id: 'jwt-unnamed-field', needle: 'SiGnAtUrE7abcDEF', exchange: { method: 'POST', path: A, reqBody: json({ username: 'j@b.com' }), ...ok({ status: 'SUCCESS', assertion: jwt(7) }) } });
add({ id: 'okta-prefix-unnamed', needle: st(9), exchange: { method: 'POST', path: A, reqBody: json({ username: 'p@b.com' }), ...ok({ status: 'MFA_REQUIRED', handle: st(9) }) } });
add({ id: 'session-prefix-unnamed', needle: sess(10), exchange: { method: 'POST', path: `${A}/factors/f7/verify`, reqBody: json({ stateToken: '00ab****' }), ...ok({ status: 'SUCCESS', result: sess(10) }) } });
// Tokens inside messages and URLs inside bodies.
add({ id: 'token-in-error-url', needle: 'HelpUrlTokenPlanted31', exchange: { method: 'POST', path: A, reqBody: json({ username: 'e@b.com' }), status: 401, resBody: json({ errorCode: 'E0000004', errorSummary: 'Authentication failed, see https://dev-1.okta.com/help?token=HelpUrlTokenPlanted31 for details' }) } });
add({ id: 'stateToken-in-error-message', needle: st(12), exchange: { method: 'POST', path: A, reqBody: json({ stateToken: '00ab****' }), status: 403, resBody: json({ errorCode: 'E0000011', errorSummary: `Invalid token provided: ${st(12)}` }) } });
add({ id: 'url-fragment-tokens', needle: 'SiGnAtUrE13abcDEF', exchange: { method: 'POST', path: A, reqBody: json({ username: 'f@b.com' }), ...ok({ status: 'SUCCESS', _links: { next: { href: `https://app.example.com/cb#id_token=${jwt(13)}&state=abc` } } }) } });
add({ id: 'url-fragment-access-token', needle: 'AccessFragPlanted14xyz', exchange: { method: 'POST', path: A, reqBody: json({ username: 'g@b.com' }), ...ok({ status: 'SUCCESS', redirect: 'https://app.example.com/cb#access_token=AccessFragPlanted14xyz&token_type=Bearer' }) } });
add({ id: 'qr-activation-path', needle: '00fukNElRS_Tz6kPlantedQr15', exchange: { method: 'POST', path: `${A}/factors/f8/lifecycle/activate`, reqBody: json({ stateToken: '00ab****' }), ...ok({ status: 'MFA_ENROLL_ACTIVATE', _embedded: { factor: { _embedded: { activation: { _links: { qrcode: { href: 'https://dev-1.okta.com/api/v1/users/00u1/factors/f8/qr/00fukNElRS_Tz6kPlantedQr15' } } } } } } }) } });
add({ id: 'reset-link-path', needle: 'ResetLinkTokenPlanted16', exchange: { method: 'POST', path: `${A}/recovery/token`, reqBody: json({ recoveryToken: 'VB****' }), ...ok({ status: 'RECOVERY', note: 'https://dev-1.okta.com/signin/reset-password/ResetLinkTokenPlanted16' }) } });
add({ id: 'query-token', needle: 'QueryTokenPlanted17', exchange: { method: 'GET', path: `${A}/recovery/token?token=QueryTokenPlanted17`, status: 200, resBody: json({ status: 'RECOVERY' }) } });
// Forms.
add({ id: 'form-password-plus', needle: 'form pw planted', exchange: { method: 'POST', path: A, reqHeaders: [['Content-Type', 'application/x-www-form-urlencoded']], reqBody: 'username=a%40b.com&password=form+pw+planted', ...ok({ status: 'SUCCESS' }) } });
add({ id: 'form-password-space', needle: 'spacedFormPw planted18', exchange: { method: 'POST', path: A, reqHeaders: [['Content-Type', 'application/x-www-form-urlencoded']], reqBody: 'username=b%40b.com&password=spacedFormPw planted18', ...ok({ status: 'SUCCESS' }) } });
add({ id: 'multipart', needle: 'MultipartPwPlanted19', exchange: { method: 'POST', path: A, reqHeaders: [['Content-Type', 'multipart/form-data; boundary=XyZ']], reqBody: '--XyZ\r\nContent-Disposition: form-data; name="username"\r\n\r\nm@b.com\r\n--XyZ\r\nContent-Disposition: form-data; name="password"\r\n\r\nMultipartPwPlanted19\r\n--XyZ--\r\n', ...ok({ status: 'SUCCESS' }) } });
// Headers.
add({ id: 'authorization-ssws', needle: '00SswsApiKeyPlanted20abcdefghijklmnopqrstu', exchange: { method: 'POST', path: `${A}/recovery/password`, reqHeaders: [['Authorization', 'SSWS 00SswsApiKeyPlanted20abcdefghijklmnopqrstu']], reqBody: json({ username: 'r@b.com' }), ...ok({ status: 'RECOVERY' }) } });
add({ id: 'cookie', needle: 'CookieSidPlanted21', exchange: { method: 'POST', path: A, reqHeaders: [['Cookie', 'sid=CookieSidPlanted21; lang=en']], reqBody: json({ username: 'c@b.com' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'set-cookie', needle: 'SetCookiePlanted22', exchange: { method: 'POST', path: A, reqBody: json({ username: 's@b.com' }), status: 200, resHeaders: [['Set-Cookie', 'sid=SetCookiePlanted22; Path=/; HttpOnly']], resBody: json({ status: 'SUCCESS' }) } });
add({ id: 'x-api-key', needle: 'XApiKeyPlanted23', exchange: { method: 'POST', path: A, reqHeaders: [['X-API-Key', 'XApiKeyPlanted23']], reqBody: json({ username: 'k@b.com' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'x-custom-token', needle: 'CustomTokenHdrPlanted24', exchange: { method: 'POST', path: A, reqHeaders: [['X-Okta-Custom-Token', 'CustomTokenHdrPlanted24']], reqBody: json({ username: 't@b.com' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'x-client-secret', needle: 'ClientSecretHdrPlanted25', exchange: { method: 'POST', path: A, reqHeaders: [['X-Client-Secret', 'ClientSecretHdrPlanted25']], reqBody: json({ username: 'q@b.com' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'header-numeric-key', needle: '88112233445566', exchange: { method: 'POST', path: A, reqHeaders: [['X-Partner-Key', '88112233445566']], reqBody: json({ username: 'h@b.com' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'bearer-jwt', needle: 'SiGnAtUrE26abcDEF', exchange: { method: 'POST', path: A, reqHeaders: [['Authorization', `Bearer ${jwt(26)}`]], reqBody: json({ username: 'w@b.com' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'referer-reset-link', needle: 'RefererResetPlanted27', exchange: { method: 'POST', path: `${A}/recovery/token`, reqHeaders: [['Referer', 'https://dev-1.okta.com/signin/reset-password/RefererResetPlanted27']], reqBody: json({ recoveryToken: 'VB****' }), ...ok({ status: 'RECOVERY' }) } });
add({ id: 'forwarded-authorization', needle: 'FwdBearerPlanted47xyz', exchange: { method: 'POST', path: A, reqHeaders: [['X-Forwarded-Authorization', 'Bearer FwdBearerPlanted47xyz']], reqBody: json({ username: 'fa@b.com' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'bearer-under-any-name', needle: 'GatewayBearerPlanted48', exchange: { method: 'POST', path: A, reqHeaders: [['X-Upstream', 'Bearer GatewayBearerPlanted48']], reqBody: json({ username: 'gb@b.com' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'password-header', needle: 'HeaderPwPlanted49', exchange: { method: 'POST', path: A, reqHeaders: [['X-User-Password', 'HeaderPwPlanted49']], reqBody: json({ username: 'hp@b.com' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'basic-auth', needle: 'BasicPwPlanted50', exchange: { method: 'POST', path: A, reqHeaders: [['Authorization', `Basic ${Buffer.from('admin:BasicPwPlanted50').toString('base64')}`]], reqBody: json({ username: 'ba@b.com' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'device-fingerprint', needle: 'FingerprintPlanted28', exchange: { method: 'POST', path: A, reqHeaders: [['X-Device-Fingerprint', 'FingerprintPlanted28']], reqBody: json({ username: 'x@b.com' }), ...ok({ status: 'SUCCESS' }) } });
// OAuth and IDX names.
add({ id: 'client_secret-field', needle: 'ClientSecretFieldPlanted29', exchange: { method: 'POST', path: A, reqBody: json({ client_id: 'abc', client_secret: 'ClientSecretFieldPlanted29' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'refresh_token', needle: 'RefreshTokPlanted30', exchange: { method: 'POST', path: A, reqBody: json({ username: 'y@b.com' }), ...ok({ status: 'SUCCESS', refresh_token: 'RefreshTokPlanted30' }) } });
add({ id: 'api_key-field', needle: 'ApiKeyFieldPlanted31', exchange: { method: 'POST', path: A, reqBody: json({ username: 'z@b.com', api_key: 'ApiKeyFieldPlanted31' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'interaction_code', needle: 'InteractionCodePlanted32', exchange: { method: 'POST', path: A, reqBody: json({ interaction_code: 'InteractionCodePlanted32' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'secret-suffix-field', needle: 'SharedSecretPlanted33', exchange: { method: 'POST', path: `${A}/factors/f9/lifecycle/activate`, reqBody: json({ stateToken: '00ab****' }), ...ok({ status: 'MFA_ENROLL_ACTIVATE', _embedded: { factor: { _embedded: { activation: { sharedSecret: 'SharedSecretPlanted33' } } } } }) } });
add({ id: 'session-in-json-string-response', needle: sess(34), exchange: { method: 'POST', path: A, reqBody: json({ username: 'i@b.com' }), ...ok({ status: 'SUCCESS', payload: json({ sessionToken: sess(34) }) }) } });
// HAR encodings.
add({ id: 'base64-request', needle: 'Base64ReqPwPlanted35', harOnly: true, exchange: { method: 'POST', path: A, base64: true, reqBody: json({ username: 'b@b.com', password: 'Base64ReqPwPlanted35' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'base64-response-stateToken', needle: st(36), harOnly: true, exchange: { method: 'POST', path: A, base64: true, reqBody: json({ username: 'b@b.com' }), ...ok({ status: 'MFA_REQUIRED', stateToken: st(36) }) } });
add({ id: 'base64-passCode', needle: '663311', harOnly: true, exchange: { method: 'POST', path: `${A}/factors/f10/verify`, base64: true, reqBody: json({ stateToken: '00ab****', passCode: '663311' }), ...ok({ status: 'SUCCESS' }) } });
// JSON packed in base64 (a client's `state`, a context field): the haystack decodes base64 runs, so a mask must reach inside.
add({ id: 'base64-json-query', needle: 'PackedQueryPwPlanted55', exchange: { method: 'POST', path: `${A}?state=${b64(json({ password: 'PackedQueryPwPlanted55' }))}`, reqBody: json({ username: 'bq@b.com' }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'base64url-json-field', needle: 'PackedFieldPwPlanted56', exchange: { method: 'POST', path: A, reqBody: json({ username: 'bf@b.com', context: Buffer.from(json({ user: 'bf', password: 'PackedFieldPwPlanted56' })).toString('base64url') }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'url-userinfo', needle: 'UrlUserinfoPwPlanted57', textOnly: true, text: { curl: `curl -X POST https://admin:UrlUserinfoPwPlanted57@dev-1.okta.com${A} -H 'Content-Type: application/json' -d '{"username":"ui@b.com"}'\n` } });
// sessionCookieRedirect: outside --include, still in the evidence.
add({ id: 'session-cookie-redirect', needle: sess(37), textOnly: true, exchange: { method: 'GET', path: `/login/sessionCookieRedirect?token=${sess(37)}&redirectUrl=https%3A%2F%2Fapp.example.com`, status: 302, resBody: '' } });
// Text-only shapes: curl flags, pasted objects, consoles.
add({ id: 'curl-u', needle: 'CurlUserPassPlanted38', textOnly: true, text: { curl: `curl -u admin:CurlUserPassPlanted38 -X POST https://dev-1.okta.com${A} -d '{"username":"a@b.com"}'\n` } });
add({ id: 'curl-b-cookie', needle: 'CurlCookiePlanted39', textOnly: false, text: { curl: `curl -X POST https://dev-1.okta.com${A} -b 'sid=CurlCookiePlanted39' -H 'Content-Type: application/json' -d '{"username":"a@b.com"}'\n` } });
add({ id: 'curl-cookie-long', needle: 'CurlCookieLongPlanted40', textOnly: false, text: { curl: `curl -X POST https://dev-1.okta.com${A} --cookie "JSESSIONID=CurlCookieLongPlanted40" -H 'Content-Type: application/json' -d '{"username":"a@b.com"}'\n` } });
add({ id: 'curl-data-urlencode', needle: 'CurlUrlencodePw41', textOnly: false, text: { curl: `curl -X POST https://dev-1.okta.com${A} --data-urlencode 'username=a@b.com' --data-urlencode 'password=CurlUrlencodePw41'\n` } });
// Chrome's "Copy as cURL" for bash ($'…'), cmd (^-escaped) and "Copy as PowerShell" (backtick-escaped): the readers unquote them; sanitize masks what they read wherever the text spells it.
add({ id: 'curl-bash-ansi-c', needle: 'AnsiCQuotedPw64', textOnly: false, text: { curl: `curl 'https://dev-1.okta.com${A}' -H 'content-type: application/json' --data-raw $'{"username":"ac@b.com","password":"AnsiCQuotedPw64"}'\n` } });
add({ id: 'curl-cmd-caret', needle: 'CmdCaretPwPlanted65', textOnly: false, text: { curl: `curl ^"https://dev-1.okta.com${A}^" ^\n  -H ^"content-type: application/json^" ^\n  --data-raw ^"^{^\\^"username^\\^":^\\^"cc@b.com^\\^",^\\^"password^\\^":^\\^"CmdCaretPwPlanted65^\\^"^}^"\n` } });
add({ id: 'curl-user-long', needle: 'CurlUserLongPw42', textOnly: true, text: { curl: `curl --user 'admin:CurlUserLongPw42' https://dev-1.okta.com${A}/recovery/password -d '{"username":"a@b.com"}'\n` } });
add({ id: 'unquoted-object-value', needle: 'hunter2planted43', textOnly: false, text: { transcript: `Step 1: POST ${A}\n\`\`\`\n{ username: 'a@b.com', password: hunter2planted43 }\n\`\`\`\nResponse:\n\`\`\`\n{ status: 'SUCCESS' }\n\`\`\`\n` } });
add({ id: 'unquoted-pasted-prose', needle: 'hunter9planted44', textOnly: true, text: { transcript: `I typed password: hunter9planted44 and it failed.\n` } });
add({ id: 'console-totp', needle: '106105', textOnly: true, text: { transcript: `$ okta-cli login\nEnter verification code 106105\nLogin failed.\n` } });
add({ id: 'console-otp-label', needle: '557301', textOnly: true, text: { transcript: `> Enter your passcode: 557301\n` } });
add({ id: 'env-api-token', needle: '00EnvSswsPlanted45abcdefghijklmnopqrstuvwx', textOnly: true, text: { transcript: `export OKTA_API_TOKEN=00EnvSswsPlanted45abcdefghijklmnopqrstuvwx\n` } });
add({ id: 'http-authorization-line', needle: 'RawBasicPlanted46', textOnly: true, text: { http: `GET /api/v1/users/me HTTP/1.1\nHost: dev-1.okta.com\nX-Session-Token: RawBasicPlanted46\n\n` } });
// Other languages' object syntax in a paste.
add({ id: 'go-struct-body', needle: 'GoStructPwPlanted58', textOnly: false, text: { transcript: `POST https://dev-1.okta.com${A}\n\n\`\`\`\n{Username:go@b.com Password:GoStructPwPlanted58 Options:{WarnBeforePasswordExpired:true}}\n\`\`\`\n\nResponse:\n\`\`\`\n{"status":"SUCCESS"}\n\`\`\`\n` } });
add({ id: 'ruby-hash-body', needle: 'RubyHashPwPlanted59', textOnly: false, text: { transcript: `POST https://dev-1.okta.com${A}\n\n\`\`\`\n{"username"=>"rb@b.com", "password"=>"RubyHashPwPlanted59"}\n\`\`\`\n\nResponse:\n\`\`\`\n{"status":"SUCCESS"}\n\`\`\`\n` } });
add({ id: 'php-array-prose', needle: 'PhpArrayPwPlanted60', textOnly: true, text: { transcript: `My PHP: $data = array('username' => 'a@b.com', 'password' => 'PhpArrayPwPlanted60');\n` } });
add({ id: 'kotlin-mapof-prose', needle: 'KotlinMapPwPlanted61', textOnly: true, text: { transcript: `val body = mapOf("username" to "a@b.com", "password" to "KotlinMapPwPlanted61")\n` } });
add({ id: 'xml-element-prose', needle: 'XmlElementPwPlanted62', textOnly: true, text: { transcript: `SOAP: <auth><username>a@b.com</username><password>XmlElementPwPlanted62</password></auth>\n` } });
// JSON escaped into a string with no key before it: Ruby Net::HTTP's debug output, Apache HttpClient's wire log, a log message.
add({ id: 'escaped-json-no-key', needle: 'EscapedNoKeyPw87', textOnly: true, text: { transcript: `<- "{\\"username\\":\\"rb@b.com\\",\\"password\\":\\"EscapedNoKeyPw87\\"}"\n` } });
// The value holds a quote (`\\\"` once escaped): the part after it must go too.
add({ id: 'escaped-json-quote-in-value', needle: 'AfterQuotePw88', textOnly: true, text: { transcript: `msg="okta body {\\"passCode\\":123456,\\"answer\\":\\"EscQuote\\\\\\"AfterQuotePw88\\"}"\n` } });
add({ id: 'escaped-json-number', needle: '48151623', textOnly: true, text: { transcript: `sent {\\"stateToken\\":\\"00ab****\\",\\"passCode\\":48151623} to okta\n` } });
// Python string prefixes before a value's quote: Python 2's unicode repr, bytes and raw strings.
add({ id: 'python2-unicode-repr', needle: 'PyTwoUnicodePw89', textOnly: true, text: { transcript: `printed: {u'username': u'p2@b.com', u'password': u'PyTwoUnicodePw89'}\n` } });
add({ id: 'python-bytes-value', needle: 'PyBytesSecret90', textOnly: true, text: { transcript: `creds = {'client_secret': b'PyBytesSecret90', 'passCode': rb'771100'}\n` } });
// A name and its value as a call's two arguments, a map entry or a subscript assignment.
add({ id: 'java-map-put', needle: 'JavaMapPutPw91', textOnly: true, text: { transcript: `params.put("password", "JavaMapPutPw91");\n` } });
add({ id: 'js-form-append', needle: 'JsFormAppendPw92', textOnly: true, text: { transcript: `form.append('password', 'JsFormAppendPw92');\n` } });
add({ id: 'headers-set-authorization', needle: '00HeadersSetApiTok3n93abcdefghijklmnop', textOnly: true, text: { transcript: `headers.set("Authorization", "SSWS 00HeadersSetApiTok3n93abcdefghijklmnop");\n` } });
add({ id: 'cs-dictionary-initializer', needle: 'CsDictInitPw94', textOnly: true, text: { transcript: `var d = new Dictionary<string, string> { { "password", "CsDictInitPw94" } };\n` } });
add({ id: 'python-environ-subscript', needle: 'PyEnvAssignPw95', textOnly: true, text: { transcript: `os.environ["OKTA_PASSWORD"] = "PyEnvAssignPw95"\n` } });
// Secrets by where they stand rather than a `name: value` pair: tables, tabs, YAML blocks, credentials, settings.
add({ id: 'table-key-value', needle: 'TableKvPw96', textOnly: true, text: { transcript: `| Key | Value |\n|---|---|\n| username | t@b.com |\n| password | TableKvPw96 |\n` } });
add({ id: 'tab-separated-pair', needle: 'TabPairPw97', textOnly: true, text: { transcript: `username\tt@b.com\npassword\tTabPairPw97\n` } });
add({ id: 'powershell-securestring', needle: 'PsSecureStrPw98', textOnly: true, text: { transcript: `$sec = ConvertTo-SecureString "PsSecureStrPw98" -AsPlainText -Force\n` } });
add({ id: 'dotnet-network-credential', needle: 'NetCredPw99', textOnly: true, text: { transcript: `var cred = new NetworkCredential("admin", "NetCredPw99");\n` } });
add({ id: 'yaml-block-scalar', needle: 'YamlBlockPw100', textOnly: true, text: { transcript: `okta:\n  password: |\n    YamlBlockPw100\n  issuer: https://dev-1.okta.com\n` } });
add({ id: 'yaml-list-under-secret', needle: 'YamlListSecret101', textOnly: true, text: { transcript: `client_secret:\n  - YamlListSecret101\n` } });
add({ id: 'dotnet-appsettings-xml', needle: 'AppSettingsSecret102', textOnly: true, text: { transcript: `<appSettings><add key="Okta:ClientSecret" value="AppSettingsSecret102" /></appSettings>\n` } });
add({ id: 'xml-entry-key', needle: 'XmlEntryKeyPw103', textOnly: true, text: { transcript: `<entry key="password">XmlEntryKeyPw103</entry>\n` } });
// Prose that gives a secret outright.
add({ id: 'prose-password-is', needle: 'ProsePwIs104', textOnly: true, text: { transcript: `My password is ProsePwIs104 and the sign-in still fails.\n` } });
add({ id: 'prose-passcode-was', needle: '604218', textOnly: true, text: { transcript: `The SMS passcode was 604218, typed within a minute.\n` } });
add({ id: 'prose-security-answer', needle: 'marmalade', textOnly: true, text: { transcript: `My security answer is marmalade (all lower case).\n` } });
// A secret header's value in an array (a client's headers object: `"authorization": ["Bearer …"]`).
add({ id: 'header-value-array', needle: 'HeaderArrayTok105abcdef', textOnly: true, text: { transcript: `headers: {"authorization": ["Bearer HeaderArrayTok105abcdef"], "accept": ["application/json"]}\n` } });
add({ id: 'credential-after-equals', needle: 'FormAuthTok106abcdefgh', textOnly: true, text: { transcript: `Authorization=Bearer FormAuthTok106abcdefgh\n` } });
// curl and HTTPie flags that carry a credential without naming it.
add({ id: 'curl-proxy-user', needle: 'ProxyUserPw107', textOnly: true, text: { curl: `curl --proxy-user admin:ProxyUserPw107 -X POST https://dev-1.okta.com${A} -d '{"username":"a@b.com"}'\n` } });
add({ id: 'curl-cert-password', needle: 'CertPassPw108', textOnly: true, text: { curl: `curl -E client.pem:CertPassPw108 -X POST https://dev-1.okta.com${A} -d '{"username":"a@b.com"}'\n` } });
add({ id: 'httpie-bearer-auth', needle: 'BearerHttpieTok109abc', textOnly: true, text: { curl: `http -A bearer -a BearerHttpieTok109abc POST https://dev-1.okta.com${A} username=a@b.com\n` } });
add({ id: 'merged-by-repair', needle: 'MergedPwPlanted63', textOnly: false, text: { transcript: `POST https://dev-1.okta.com${A}\n\n\`\`\`\n{"username": "mg@b.com Password:MergedPwPlanted63"}\n\`\`\`\n\nResponse:\n\`\`\`\n{"status":"SUCCESS"}\n\`\`\`\n` } });
// Header names as JSON keys (a client logging its request config), and cookies joined by commas.
add({ id: 'authorization-json-key', needle: 'AuthzJsonKeyPlanted70xyz', exchange: { method: 'POST', path: A, reqBody: json({ username: 'aj@b.com', headers: { Authorization: 'Bearer AuthzJsonKeyPlanted70xyz' } }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'cookie-json-key', needle: 'CookieJsonKeyPlanted71', exchange: { method: 'POST', path: A, reqBody: json({ username: 'cj@b.com', headers: { Cookie: 'sid=CookieJsonKeyPlanted71; lang=en' } }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'set-cookie-comma-joined', needle: 'SetCookieCommaPlanted72', exchange: { method: 'POST', path: A, reqBody: json({ username: 'sc@b.com' }), status: 200, resHeaders: [['Set-Cookie', 'JSESSIONID=abc123def456; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly, sid=SetCookieCommaPlanted72; Path=/; Secure']], resBody: json({ status: 'SUCCESS' }) } });
add({ id: 'multipart-unquoted-name', needle: 'UnquotedMultipartPw74', exchange: { method: 'POST', path: A, reqHeaders: [['Content-Type', 'multipart/form-data; boundary=QwE']], reqBody: '--QwE\r\nContent-Disposition: form-data; name=username\r\n\r\nmu@b.com\r\n--QwE\r\nContent-Disposition: form-data; name=password\r\n\r\nUnquotedMultipartPw74\r\n--QwE--\r\n', ...ok({ status: 'SUCCESS' }) } });
add({ id: 'html-entity-json', needle: 'EntityJsonPwPlanted75', harOnly: true, exchange: { method: 'POST', path: A, reqBody: json({ username: 'he@b.com' }), status: 200, resBody: '<html><body><div id="app" data-props="{&quot;username&quot;:&quot;he@b.com&quot;,&quot;password&quot;:&quot;EntityJsonPwPlanted75&quot;}"></div></body></html>' } });
add({ id: 'double-encoded-param', needle: 'DoubleEncTokPlanted78', exchange: { method: 'GET', path: `${A}/recovery/token?fromURI=%252Flogin%252Fcb%253Ftoken%253DDoubleEncTokPlanted78%2526lang%253Den`, status: 200, resBody: json({ status: 'RECOVERY' }) } });
// HAR fields outside the exchange: authtrail's own extension taken from a file, comments, WebSocket frames.
add({ id: 'authtrail-ext-note', needle: 'AuthtrailNotePwPlanted84', harOnly: true, exchange: { method: 'POST', path: A, reqBody: json({ username: 'an@b.com' }), ...ok({ status: 'SUCCESS' }), harExtra: { _authtrail: { notes: ['retried with password=AuthtrailNotePwPlanted84'], label: 'login token=AuthtrailNotePwPlanted84' } } } });
add({ id: 'authtrail-ext-preview', needle: 'AuthtrailPreviewPwPlanted85', harOnly: true, exchange: { method: 'POST', path: A, reqBody: json({ username: 'ap@b.com' }), ...ok({ status: 'SUCCESS' }), harExtra: { _authtrail: { evidence: { exposures: [{ where: 'request.body', field: 'password', path: 'password', preview: 'AuthtrailPreviewPwPlanted85' }], passwords: [] } } } } });
add({ id: 'har-comment', needle: 'HarCommentPwPlanted86', harOnly: true, textOnly: true, exchange: { method: 'POST', path: A, reqBody: json({ username: 'hc@b.com' }), ...ok({ status: 'SUCCESS' }), harExtra: { comment: 'user typed password: HarCommentPwPlanted86' } } });
add({ id: 'websocket-frame', needle: 'WsFramePwPlanted87', harOnly: true, textOnly: true, exchange: { method: 'GET', path: '/ws/events', status: 101, resBody: '', harExtra: { _resourceType: 'websocket', _webSocketMessages: [{ type: 'send', time: 1767261600.1, opcode: 1, data: 'AUTH password=WsFramePwPlanted87' }, { type: 'receive', time: 1767261600.2, opcode: 1, data: '{"ok":true}' }] } } });
add({ id: 'js-hex-escaped-json', needle: 'JsHexJsonPwPlanted95', harOnly: true, exchange: { method: 'POST', path: A, reqBody: json({ username: 'jx@b.com' }), status: 200, resBody: String.raw`<html><script>var data = '\x7B\x22username\x22\x3A\x22jx@b.com\x22,\x22password\x22\x3A\x22JsHexJsonPwPlanted95\x22\x7D';</script></html>` } });
add({ id: 'js-unicode-escaped-json-prose', needle: 'JsUniJsonPwPlanted96', textOnly: true, text: { transcript: String.raw`From the page script: var cfg = "{\u0022password\u0022:\u0022JsUniJsonPwPlanted96\u0022}";` + '\n' } });
add({ id: 'bare-value-with-ampersand', needle: 'AmpTailPlanted97', textOnly: true, text: { transcript: `My new password: Tr0ub4dor&AmpTailPlanted97\npassword = Xy9&AmpTailPlanted97 did not work either\n` } });
add({ id: 'bare-value-with-semicolon', needle: 'SemiTailPlanted98', textOnly: true, text: { transcript: `passcode: 7392;SemiTailPlanted98\n` } });
// Other clients' credentials in a paste.
add({ id: 'html-entity-json-prose', needle: 'EntityProsePwPlanted89', textOnly: true, text: { transcript: `Copied from the page source: {&quot;username&quot;:&quot;ep@b.com&quot;,&quot;password&quot;:&quot;EntityProsePwPlanted89&quot;}\n` } });
add({ id: 'python-auth-tuple', needle: 'PyAuthTuplePwPlanted79', textOnly: true, text: { transcript: `resp = requests.post("https://dev-1.okta.com${A}", auth=("admin", "PyAuthTuplePwPlanted79"), json=body)\n` } });
add({ id: 'httpie-auth', needle: 'HttpieAuthPwPlanted80', textOnly: true, text: { transcript: `$ http -a admin:HttpieAuthPwPlanted80 POST https://dev-1.okta.com${A} username=a@b.com\n` } });
add({ id: 'httpie-item', needle: 'HttpieItemPwPlanted88', textOnly: true, text: { transcript: `$ http POST https://dev-1.okta.com${A} username=a@b.com password=HttpieItemPwPlanted88\n` } });
add({ id: 'wget-password', needle: 'WgetPwPlanted81', textOnly: true, text: { transcript: `$ wget --user=admin --password=WgetPwPlanted81 https://dev-1.okta.com/api/v1/users/me\n$ wget --http-password 'WgetHttpPwPlanted81' https://dev-1.okta.com/\n` } });
add({ id: 'wget-http-password', needle: 'WgetHttpPwPlanted81', textOnly: true, text: { transcript: `$ wget --http-user admin --http-password 'WgetHttpPwPlanted81' https://dev-1.okta.com/\n` } });
add({ id: 'java-setter', needle: 'JavaSetterPwPlanted82', textOnly: true, text: { transcript: `AuthenticationRequest req = new AuthenticationRequest();\nreq.setUsername("a@b.com");\nreq.setPassword("JavaSetterPwPlanted82");\n` } });
add({ id: 'line-wrapped-value', needle: 'WrapSecondHalfPlanted83', textOnly: true, text: { transcript: `Request body:\n    "username": "lw@b.com",\n    "password": "FirstHalfOfALongPassword\nWrapSecondHalfPlanted83",\n` } });
add({ id: 'cookie-header-line-prose', needle: 'CookieLinePlanted90', textOnly: true, text: { transcript: `The browser sends these headers:\nCookie: sid=CookieLinePlanted90; JSESSIONID=0A1B2C3D4E5F\nAccept: application/json\n` } });
add({ id: 'powershell-env-password', needle: 'PsEnvPwPlanted91', textOnly: true, text: { transcript: `PS> $env:OKTA_PASSWORD = "PsEnvPwPlanted91"\nPS> Invoke-RestMethod -Method Post -Uri https://dev-1.okta.com${A} -Body $body\n` } });
add({ id: 'postman-key-value', needle: 'PostmanKvPwPlanted92', exchange: { method: 'POST', path: A, reqBody: json({ collection: { auth: { type: 'basic', basic: [{ key: 'password', value: 'PostmanKvPwPlanted92', type: 'string' }] } } }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'postman-env-value', needle: 'PostmanEnvTokenPlanted93', exchange: { method: 'POST', path: A, reqBody: json({ values: [{ key: 'okta_api_token', value: 'PostmanEnvTokenPlanted93', enabled: true }] }), ...ok({ status: 'SUCCESS' }) } });
add({ id: 'php-print-r', needle: 'PhpPrintRPwPlanted94', textOnly: true, text: { transcript: `print_r($request):\n\nArray\n(\n    [username] => a@b.com\n    [password] => PhpPrintRPwPlanted94\n)\n` } });
add({ id: 'relayState-not-secret', needle: '', exchange: { method: 'POST', path: A, reqBody: json({ username: 'rs@b.com', relayState: '/app/home' }), ...ok({ status: 'SUCCESS' }) } });

export const CASES = cases.filter((c) => c.needle !== '');
export const RELAY_STATE = cases.find((c) => c.id === 'relayState-not-secret')!;
