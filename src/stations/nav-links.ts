// One-tap navigation links for 高德, 百度 and 腾讯 maps; web URIs that open the installed app or fall back to the browser.
import type { LatLon } from '../china/geo.js';

export interface NavLinks {
  amap: string;
  baidu: string;
  tencent: string;
}

/** Names the caller to the map providers, as their URI APIs ask. */
const SOURCE = 'nuanxin';

/**
 * Station coordinates are kept in GCJ-02 (what WeChat and 高德 use), so 百度 is told so.
 * None of the three web URI APIs documents a truck routing mode, so car driving is requested;
 * drivers switch to 货车 in the app, which then keeps that choice.
 */
export function navLinks(to: LatLon & { name: string }): NavLinks {
  const lat = to.lat.toFixed(6);
  const lon = to.lon.toFixed(6);
  const name = encodeURIComponent(to.name);
  return {
    amap: `https://uri.amap.com/navigation?to=${lon},${lat},${name}&mode=car&coordinate=gaode&callnative=1&src=${SOURCE}`,
    baidu: `https://api.map.baidu.com/direction?destination=${encodeURIComponent(`latlng:${lat},${lon}|name:`)}${name}&mode=driving&coord_type=gcj02&output=html&src=${SOURCE}`,
    tencent: `https://apis.map.qq.com/uri/v1/routeplan?type=drive&to=${name}&tocoord=${lat},${lon}&referer=${SOURCE}`,
  };
}
