/**
 * The domain model in one import for the site and the build: vocabularies, field definitions,
 * header binding, derived metrics and the cell parsers. Pure: no I/O, no DOM, no Node APIs.
 */
export * from './vocabulary';
export * from './schema';
export * from './headers';
export * from './metrics';
export * from './parse/result';
export * from './parse/text';
export * from './parse/numbers';
export * from './parse/dates';
export * from './parse/booleans';
export * from './parse/coordinates';
export * from './parse/vocab';
export * from './parse/items';
