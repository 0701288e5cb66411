export { isHar, looksLikeHar } from './detect.js';
export { openHarSource, type HarSourceOptions } from './source.js';
export { jsonFileTokens, JsonSyntaxError } from './tokens.js';
export { HarWalker, NotHarError } from './walker.js';
