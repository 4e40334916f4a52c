export * from './schema.js';
export * from './entries.js';
export * from './file.js';
export * from './inspection.js';
