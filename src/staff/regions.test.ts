// The region tree used for routing and access: containment, detection from driver text, nearest county, account rules.
import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../stations/load-data.js';
import { KNOWLEDGE_DIR } from '../runtime.js';
import { accountRegionProblem } from './access.js';
import { PROVINCE_CODE, createRegionDirectory } from '../china/regions.js';

const regions = createRegionDirectory(loadGazetteer(KNOWLEDGE_DIR));

describe('region directory', () => {
  it('contains counties in their city and everything in the province; unknown only in the province', () => {
    expect(regions.contains('510300', '510311')).toBe(true);
    expect(regions.contains('510311', '510300')).toBe(false);
    expect(regions.contains('510300', '510121')).toBe(false);
    expect(regions.contains(PROVINCE_CODE, null)).toBe(true);
    expect(regions.contains('510300', null)).toBe(false);
    expect(regions.parent('510311')).toBe('510300');
    expect(regions.parent('510300')).toBe(PROVINCE_CODE);
  });

  it('detects the county a driver names, preferring a county over its city', () => {
    expect(regions.detect('我在自贡沿滩这边')).toBe('510311');
    expect(regions.detect('在自贡市区')).toBe('510300');
    expect(regions.detect('在路上')).toBeUndefined();
    expect(regions.nearest({ lat: 29.27, lon: 104.87 })).toBe('510311');
    expect(regions.nearest({ lat: 39.9, lon: 116.4 })).toBeUndefined();
  });

  it('enforces which region each role may hold', () => {
    expect(accountRegionProblem('agent', '510311', regions)).toBeUndefined();
    expect(accountRegionProblem('agent', '510300', regions)).toBeUndefined();
    expect(accountRegionProblem('agent', PROVINCE_CODE, regions)).toMatch(/county or city/);
    expect(accountRegionProblem('supervisor', '510311', regions)).toMatch(/city or the province/);
    expect(accountRegionProblem('supervisor', PROVINCE_CODE, regions)).toBeUndefined();
    expect(accountRegionProblem('admin', null, regions)).toBeUndefined();
    expect(accountRegionProblem('agent', '999999', regions)).toMatch(/not a Sichuan region/);
    expect(accountRegionProblem('agent', null, regions)).toMatch(/needs --region/);
  });
});
