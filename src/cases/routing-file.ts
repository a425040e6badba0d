// Reads knowledge/routing/rules.json from disk (Node only) and validates it with the routing schema.
import { readFileSync } from 'node:fs';
import { parseRoutingRules, type RoutingRules } from './routing.js';

export function loadRoutingRules(path: string): RoutingRules {
  return parseRoutingRules(JSON.parse(readFileSync(path, 'utf8')) as unknown, path);
}
