// Sichuan's administrative divisions (GB/T 2260): cities and counties with names drivers say and their centres; serves stations, cases and staff.
import { z } from 'zod';

/** GB/T 2260 six-digit division code; Sichuan codes all start with 51. */
export const divisionCode = z.string().regex(/^51\d{4}$/, 'expected a 6-digit Sichuan GB/T 2260 code (51xxxx)');

// Loose WGS-84/GCJ-02 bounds for Sichuan: catches swapped lat/lon and stray decimal points, not border precision.
const SICHUAN_BOUNDS = { latMin: 26, latMax: 34.5, lonMin: 97.3, lonMax: 108.6 } as const;
export const sichuanLat = z.number().min(SICHUAN_BOUNDS.latMin).max(SICHUAN_BOUNDS.latMax);
export const sichuanLon = z.number().min(SICHUAN_BOUNDS.lonMin).max(SICHUAN_BOUNDS.lonMax);
const lat = sichuanLat;
const lon = sichuanLon;

export const citySchema = z.strictObject({
  code: divisionCode.refine((c) => c.endsWith('00'), 'a prefecture code ends in 00'),
  name: z.string().min(1),
  shortName: z.string().min(1),
  lat,
  lon,
  aliases: z.array(z.string().min(1)).optional(),
});
export type City = z.infer<typeof citySchema>;

export const countySchema = z
  .strictObject({
    code: divisionCode.refine((c) => !c.endsWith('00'), 'a county-level code does not end in 00'),
    name: z.string().min(1),
    /** What drivers say: 沿滩 for 沿滩区. Stays the full name where the short form would clash (市中区, 高县, 阿坝县). */
    shortName: z.string().min(1),
    cityCode: divisionCode,
    lat,
    lon,
    aliases: z.array(z.string().min(1)).optional(),
  })
  .refine((c) => c.code.slice(0, 4) === c.cityCode.slice(0, 4), {
    message: 'county code must start with its city code prefix',
    path: ['cityCode'],
  });
export type County = z.infer<typeof countySchema>;

export const gazetteerSchema = z.strictObject({
  cities: z.array(citySchema),
  counties: z.array(countySchema),
});
export type Gazetteer = z.infer<typeof gazetteerSchema>;
