export * from './errors.js';
export * from './validate.js';
export * from './schema/activation.js';
export * from './schema/snapshot.js';
export * from './schema/verdict.js';
export * from './schema/api.js';
export * from './signing/ed25519.js';
export * from './signing/envelope.js';
