import { idxPollTooFast } from '../../src/protocols/okta-idx/rules/idx-poll-too-fast.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { HANDLE, call, flow, introspect, res } from './support/idx-steps.js';

/** Fixture 02 with an Okta Verify push poll form (widget shape: challenge-poll, refresh 4000 ms). */
const pushWaiting = () => {
  const b = res('02');
  b.remediation.value = [{ rel: ['create-form'], name: 'challenge-poll', href: 'https://example.com/idp/idx/authenticators/poll', method: 'POST', refresh: 4000, value: [{ name: 'stateHandle', value: HANDLE, mutable: false }] }];
  return b;
};
const identify = () => call('/idp/idx/identify', { identifier: 'ann@example.com', stateHandle: HANDLE }, 200, pushWaiting(), 1);
const poll = (seconds: number, response: unknown = pushWaiting()) => call('/idp/idx/authenticators/poll', { stateHandle: HANDLE }, 200, response, seconds);

ruleTester(idxPollTooFast, {
  valid: [
    { name: 'polls 4 s apart', steps: [(flow(), introspect()), identify(), poll(5), poll(9), poll(13, res('03'))] },
    { name: 'no times in the evidence', steps: [(flow(), introspect()), { ...identify(), startedAt: null }, { ...poll(2), startedAt: null }] },
  ],
  invalid: [
    { name: 'poll every second', steps: [(flow(), introspect()), identify(), poll(2), poll(3, res('03'))], findings: [{ step: 3, messageId: 'pollTooFast' }, { step: 4, messageId: 'pollTooFast' }] },
    { name: 'one early poll', steps: [(flow(), introspect()), identify(), poll(5), poll(7), poll(11, res('03'))], findings: [{ step: 4, messageId: 'pollTooFast' }] },
  ],
});
