export * from './model.js';
export * from './sort.js';
export * from './fingerprint.js';
