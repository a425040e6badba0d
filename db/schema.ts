// Database schema (drizzle), one module per aggregate under db/schema/; drizzle-kit and the stores read it through this index.
export * from './schema/conversations.js';
export * from './schema/cases.js';
export * from './schema/stations.js';
export * from './schema/staff.js';
export * from './schema/knowledge.js';
