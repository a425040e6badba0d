// Driver web chat cards: station cards (distance, amenities, price, navigation links) and booking cards, as DOM nodes for app.js.
(() => {
  'use strict';

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const child of children || []) if (child) node.appendChild(child);
    return node;
  }

  function distance(card) {
    const km = typeof card.distanceKm === 'number' ? card.distanceKm : undefined;
    if (km === undefined) return '';
    return km < 1 ? `${Math.round(km * 1000)}米` : `${km < 10 ? km.toFixed(1) : Math.round(km)}公里`;
  }

  const LINK_LABELS = { amap: '高德导航', baidu: '百度导航', tencent: '腾讯导航', apple: '苹果地图' };
  function navLinks(nav) {
    if (!nav || typeof nav !== 'object') return [];
    return Object.entries(nav)
      .filter(([, url]) => typeof url === 'string' && /^https?:\/\//.test(url))
      .map(([k, url]) => ({ label: LINK_LABELS[k] || '导航', url }));
  }

  function stationCard(card) {
    if (!card || typeof card.name !== 'string') return null;
    const amenities = (Array.isArray(card.amenityLabels) ? card.amenityLabels : []).filter((a) => typeof a === 'string');
    const prices = (Array.isArray(card.prices) ? card.prices : []).map((p) => (p.yuan === 0 ? `${p.item}免费` : `${p.item}${p.yuan}元`)).join('，');
    const d = distance(card);
    const open = card.openNow === true ? '现在开着' : card.openNow === false ? '现在没开' : '';
    const canBook = card.beds > 0 && Array.isArray(card.amenities) && card.amenities.includes('lodging');
    return el('section', { class: 'card station-card' }, [
      el('h3', { text: card.name }, d ? [el('span', { class: 'dist', text: ` · ${d}` })] : []),
      amenities.length
        ? el(
            'ul',
            { class: 'amen', 'aria-label': '服务' },
            amenities.map((a) => el('li', { text: a })),
          )
        : null,
      card.address ? el('div', { class: 'addr', text: card.address }) : null,
      prices ? el('div', { class: 'price', text: `价格：${prices}` }) : null,
      card.hours ? el('div', { class: 'hours', text: `营业：${card.hours}${open ? `（${open}）` : ''}` }) : null,
      card.mealHours ? el('div', { class: 'meal', text: `供餐：${card.mealHours}` }) : null,
      card.approximate ? el('div', { class: 'approx', text: '位置为估计：导航到附近后请看服务区指示牌' }) : null,
      el('div', { class: 'links' }, [
        ...navLinks(card.nav)
          .slice(0, 3)
          .map((l) => el('a', { href: l.url, target: '_blank', rel: 'noopener noreferrer', text: `🧭 ${l.label}` })),
        card.phone ? el('a', { href: `tel:${card.phone}`, text: `📞 ${card.phone}` }) : null,
        canBook ? el('button', { type: 'button', 'data-say': `预约${card.name}`, text: '预约床位' }) : null,
      ]),
    ]);
  }

  function bookingCard(b) {
    if (!b || typeof b !== 'object' || typeof b.code !== 'string') return null;
    const cancelled = b.status === 'cancelled';
    const rows = [
      ['预约码', b.code],
      ['站点', b.stationName],
      ['入住', b.day],
      ['姓名', b.name],
      ['电话', b.phone],
      ['洗澡', b.showerAt],
    ].filter(([, v]) => typeof v === 'string' && v);
    return el('section', { class: `card booking${cancelled ? ' cancelled' : ''}` }, [
      el('h3', { text: cancelled ? '预约已取消' : '床位预约' }),
      el(
        'dl',
        {},
        rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]),
      ),
      cancelled ? null : el('button', { type: 'button', 'data-say': `取消预约 ${b.code}`, text: '取消这个预约' }),
    ]);
  }

  /** The body of a bot bubble: the server's escaped answer HTML, or plain text (station answers keep only their first line: the cards say the rest). */

  window.nxCards = { el, stationCard, bookingCard };
})();
