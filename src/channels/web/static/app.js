// Driver web chat client: sends text, voice and location, renders answers with sources and station cards, shows staff replies live.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const log = $('log');
  const form = $('form');
  const input = $('text');
  const status = $('status');
  const chips = $('chips');
  const speakToggle = $('speak-toggle');
  const talk = $('talk');
  let speaking = localStorage.getItem('nx-speak') === '1';
  let busy = false;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const child of children || []) if (child) node.appendChild(child);
    return node;
  }

  function scroll() {
    log.scrollTop = log.scrollHeight;
  }

  function setStatus(text) {
    status.textContent = text || '';
  }

  function distance(card) {
    const km = typeof card.distanceKm === 'number' ? card.distanceKm : typeof card.distanceM === 'number' ? card.distanceM / 1000 : undefined;
    if (km === undefined) return '';
    return km < 1 ? `${Math.round(km * 1000)}米` : `${km < 10 ? km.toFixed(1) : Math.round(km)}公里`;
  }

  const LINK_LABELS = { amap: '高德导航', gaode: '高德导航', baidu: '百度导航', tencent: '腾讯导航', qq: '腾讯导航', apple: '苹果地图' };
  function links(value, label, out) {
    if (typeof value === 'string' && /^https?:\/\//.test(value)) out.push({ label, url: value });
    else if (Array.isArray(value)) value.forEach((v) => links(v, label, out));
    else if (value && typeof value === 'object') {
      if (typeof value.url === 'string') links(value.url, value.label || label, out);
      else for (const [k, v] of Object.entries(value)) links(v, LINK_LABELS[k.toLowerCase()] || label, out);
    }
    return out;
  }

  function stationCard(card) {
    if (!card || typeof card.name !== 'string') return null;
    // The station domain sends amenity codes plus their Chinese labels; show the labels.
    const amenities = (Array.isArray(card.amenityLabels) ? card.amenityLabels : Array.isArray(card.amenities) ? card.amenities : []).map((a) => (typeof a === 'string' ? a : a && a.label)).filter(Boolean);
    const navs = [];
    links(card.nav, '导航', navs);
    links(card.navigation, '导航', navs);
    links(card.links, '导航', navs);
    const d = distance(card);
    const linkRow = el('div', { class: 'links' }, [
      ...navs.slice(0, 3).map((l) => el('a', { href: l.url, target: '_blank', rel: 'noopener noreferrer', text: `🧭 ${l.label}` })),
      card.phone ? el('a', { href: `tel:${card.phone}`, text: `📞 ${card.phone}` }) : null,
      el('button', { type: 'button', 'data-say': `预约${card.name}`, text: '预约床位' }),
    ]);
    return el('section', { class: 'card station-card' }, [
      el('h3', { text: card.name }, d ? [el('span', { class: 'dist', text: ` · ${d}` })] : []),
      amenities.length ? el('ul', { class: 'amen' }, amenities.map((a) => el('li', { text: a }))) : null,
      card.address ? el('div', { class: 'addr', text: card.address }) : null,
      card.hours ? el('div', { class: 'hours', text: `营业：${card.hours}` }) : null,
      linkRow,
    ]);
  }

  function addMessage(kind, text, reply) {
    const who = kind === 'staff' ? el('span', { class: 'who', text: '工作人员' }) : null;
    const parts = [who, el('p', { text })];
    if (reply) {
      for (const card of reply.stations || []) parts.push(stationCard(card));
      if (reply.booking && typeof reply.booking === 'object' && reply.booking.summary) parts.push(el('div', { class: 'card booking', text: String(reply.booking.summary) }));
      if (reply.caseId) parts.push(el('div', { class: 'case', text: `诉求编号：${reply.caseId}` }));
      if (reply.citations && reply.citations.length) {
        // `source` is the statute and article (《…》 第62条); `title` is the entry's own headline, shown only without a source.
        const cites = [...new Set(reply.citations.map((c) => String(c.source || c.title || '').trim()).filter(Boolean))];
        if (cites.length) parts.push(el('div', { class: 'cite', text: `依据：${cites.join('；')}` }));
      }
    }
    const node = el('div', { class: `msg ${kind}` }, parts);
    log.appendChild(node);
    scroll();
    return node;
  }

  function setChips(list) {
    if (!list || !list.length) return;
    chips.replaceChildren(...list.map((q) => el('button', { type: 'button', class: 'chip', 'data-say': q, text: q })));
  }

  function speak(text) {
    if (!speaking || !('speechSynthesis' in window) || !text) return;
    // Drivers listen rather than read: short, no links, numbers one digit at a time.
    const spoken = text
      .replace(/https?:\/\/\S+/g, '')
      .replace(/\d{3,}/g, (m) => m.split('').join(' '))
      .slice(0, 200);
    const u = new SpeechSynthesisUtterance(spoken);
    u.lang = 'zh-CN';
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(u);
  }

  function showReplies(data) {
    const replies = (data && data.replies) || [];
    for (const r of replies) addMessage('bot', r.text, r);
    const last = replies[replies.length - 1];
    if (last) setChips(last.quickReplies);
    speak(replies.map((r) => r.text).join('。'));
  }

  async function post(url, body, headers) {
    const res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers, body });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error((data.error && data.error.message) || '网络不好，请再试一次');
    return data;
  }

  async function send(text, extra) {
    text = (text || '').trim();
    if (!text || busy) return;
    busy = true;
    setStatus('');
    addMessage('me', extra && extra.location ? `📍 ${text}` : text);
    try {
      const data = await post('/web/chat', JSON.stringify({ text, messageId: crypto.randomUUID(), ...(extra || {}) }), { 'content-type': 'application/json' });
      showReplies(data);
      ensureStream();
    } catch (err) {
      setStatus(`${err.message}。急事请拨打 12328。`);
    } finally {
      busy = false;
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value;
    input.value = '';
    void send(text);
  });

  document.addEventListener('click', (e) => {
    const target = e.target.closest('[data-say]');
    if (target) void send(target.getAttribute('data-say'));
  });

  function renderToggle() {
    speakToggle.setAttribute('aria-pressed', String(speaking));
    speakToggle.textContent = speaking ? '🔊 朗读：开' : '🔈 朗读：关';
  }
  speakToggle.addEventListener('click', () => {
    speaking = !speaking;
    localStorage.setItem('nx-speak', speaking ? '1' : '0');
    if (!speaking && 'speechSynthesis' in window) window.speechSynthesis.cancel();
    renderToggle();
  });
  renderToggle();

  $('locate').addEventListener('click', () => {
    if (!navigator.geolocation) return setStatus('这个浏览器不能取位置，请直接说地名，比如“金堂附近的暖心之家”。');
    setStatus('正在获取位置…');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setStatus('');
        void send('附近的暖心之家', { location: { lat: pos.coords.latitude, lon: pos.coords.longitude } });
      },
      () => setStatus('没拿到位置。请在浏览器里允许定位，或直接说地名。'),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  });

  // Hold to talk: record while pressed, upload on release.
  let recorder;
  let chunks = [];
  async function startTalk(e) {
    e.preventDefault();
    if (recorder || busy) return;
    if (!navigator.mediaDevices || !window.MediaRecorder) return setStatus('这个浏览器不能录音，请打字。');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      recorder = new MediaRecorder(stream);
      chunks = [];
      recorder.ondataavailable = (ev) => ev.data.size && chunks.push(ev.data);
      recorder.onstop = () => {
        stream.getTracks().forEach((t) => t.stop());
        const blob = new Blob(chunks, { type: recorder.mimeType || 'audio/webm' });
        recorder = undefined;
        talk.classList.remove('recording');
        talk.textContent = '🎤 按住说话';
        void upload(blob);
      };
      recorder.start();
      talk.classList.add('recording');
      talk.textContent = '🔴 松开发送';
    } catch {
      recorder = undefined;
      setStatus('没有麦克风权限，请打字。');
    }
  }
  function stopTalk(e) {
    e.preventDefault();
    if (recorder && recorder.state === 'recording') recorder.stop();
  }
  async function upload(blob) {
    if (blob.size < 1000) return setStatus('说话时间太短，请按住按钮说完再松开。');
    busy = true;
    setStatus('正在识别…');
    try {
      const data = await post('/api/voice', blob, { 'content-type': blob.type.split(';')[0] });
      setStatus('');
      if (data.transcript) addMessage('me', `🎤 ${data.transcript}`);
      showReplies(data);
      ensureStream();
    } catch (err) {
      setStatus(err.message);
    } finally {
      busy = false;
    }
  }
  talk.addEventListener('pointerdown', startTalk);
  talk.addEventListener('pointerup', stopTalk);
  talk.addEventListener('pointerleave', stopTalk);
  talk.addEventListener('contextmenu', (e) => e.preventDefault());

  // Staff replies arrive on a server-sent event stream; the last seen id survives reloads.
  let source;
  function ensureStream() {
    if (source || !window.EventSource) return;
    const after = Number(localStorage.getItem('nx-after') || 0);
    source = new EventSource(`/web/stream?after=${after}`);
    source.addEventListener('update', (e) => {
      const item = JSON.parse(e.data);
      localStorage.setItem('nx-after', String(item.id));
      addMessage('staff', item.text, item.payload);
      speak(item.text);
    });
  }
  ensureStream();
})();
