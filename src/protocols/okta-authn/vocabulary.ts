export * from './statuses.js';
export * from './operations.js';
export * from './transitions.js';
export * from './errors.js';
