// Driver web chat client: sends text, voice and location, renders answers, station and booking cards, keeps the conversation across reloads, shows staff replies live.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const log = $('log');
  const form = $('form');
  const input = $('text');
  const sendButton = $('send');
  const status = $('status');
  const chips = $('chips');
  const speakToggle = $('speak-toggle');
  const talk = $('talk');
  const HISTORY_KEY = 'nx-history';
  const CHIPS_KEY = 'nx-chips';
  const HISTORY_MAX = 80;
  const HOTLINE = '12328';
  // Common questions the knowledge base answers; 常见问题 opens them instead of sending its own label.
  const COMMON_QUESTIONS = ['疲劳驾驶扣几分', '超载了怎么罚', '运费被拖欠怎么办', '挂靠的车出了事故谁赔', '高速上车坏了怎么办'];
  const firstChips = Array.from(chips.querySelectorAll('.chip')).map((b) => b.textContent);
  let speaking = localStorage.getItem('nx-speak') === '1';
  let busy = false;

  const { el, stationCard, bookingCard } = window.nxCards;

  function readJson(key, fallback) {
    try {
      const value = JSON.parse(localStorage.getItem(key) || 'null');
      return value === null ? fallback : value;
    } catch {
      return fallback;
    }
  }
  function writeJson(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // A full or disabled storage only loses the history, never the conversation.
    }
  }
  const history = readJson(HISTORY_KEY, []);
  function remember(entry) {
    history.push(entry);
    if (history.length > HISTORY_MAX) history.splice(0, history.length - HISTORY_MAX);
    writeJson(HISTORY_KEY, history);
  }

  function setStatus(text) {
    status.textContent = text || '';
  }

  function body(text, reply) {
    if (reply && typeof reply.html === 'string') {
      const div = el('div', { class: 'answer' });
      div.innerHTML = reply.html;
      return div;
    }
    const shown = reply && Array.isArray(reply.stations) && reply.stations.length ? String(text).split('\n')[0] : text;
    return el('p', { text: shown });
  }

  /** 👎 under a bot answer: the driver's message it answered goes to staff (POST /web/feedback, stored once). */
  function feedbackButton(messageId, done) {
    if (done) return el('p', { class: 'feedback sent', text: '已告诉工作人员，谢谢' });
    return el('button', { type: 'button', class: 'feedback', 'data-feedback': messageId, title: '这个回答没帮上，告诉工作人员', text: '👎 没帮上' });
  }

  async function sendFeedback(button) {
    const messageId = button.getAttribute('data-feedback');
    button.disabled = true;
    try {
      await post('/web/feedback', JSON.stringify({ messageId }), { 'content-type': 'application/json' });
      for (const h of history) if (h.feedback === messageId) h.feedbackSent = true;
      writeJson(HISTORY_KEY, history);
      document.querySelectorAll(`[data-feedback="${CSS.escape(messageId)}"]`).forEach((b) => b.replaceWith(feedbackButton(messageId, true)));
      setStatus('已告诉工作人员，他们会补充这个问题的答案');
    } catch (err) {
      button.disabled = false;
      setStatus(err.message);
    }
  }

  const LABELS = { me: '我', bot: '暖心助手', staff: '工作人员' };
  function addMessage(kind, text, reply, opts) {
    const parts = [el('span', { class: kind === 'staff' ? 'who' : 'sr-only', text: `${LABELS[kind]}：` }), body(text, reply)];
    if (reply) {
      for (const card of reply.stations || []) parts.push(stationCard(card));
      parts.push(bookingCard(reply.booking));
      if (reply.caseId) parts.push(el('div', { class: 'case', text: `诉求编号：${reply.caseId}` }));
    }
    const feedback = opts && opts.feedback;
    if (kind === 'bot' && feedback) parts.push(feedbackButton(feedback, opts.feedbackSent));
    const node = el('div', { class: `msg ${kind}` }, parts);
    log.appendChild(node);
    if (!opts || opts.save !== false) remember({ kind, text, reply: reply || null, ...(feedback ? { feedback } : {}) });
    return node;
  }

  function showChips(list) {
    chips.replaceChildren(
      ...(list || []).map((q) =>
        el('button', { type: 'button', class: 'chip', ...(q === '常见问题' ? { 'data-topics': '' } : { 'data-say': q }), text: q }),
      ),
    );
    chips.hidden = !list || !list.length;
  }
  /** A reply's own quick replies, or the main menu when it has none; `[]` only when a person takes over. */
  function setChips(list, opts) {
    const next = list && list.length ? list : opts && opts.clear ? [] : firstChips;
    writeJson(CHIPS_KEY, next);
    showChips(next);
  }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    sendButton.setAttribute('aria-busy', String(value));
    chips.querySelectorAll('button').forEach((b) => (b.disabled = value));
    const typing = $('typing');
    if (value && !typing) {
      log.appendChild(
        el('div', { id: 'typing', class: 'msg bot typing', role: 'status', 'aria-label': '暖心助手正在回复' }, [el('span'), el('span'), el('span')]),
      );
      log.scrollTop = log.scrollHeight;
    } else if (!value && typing) typing.remove();
  }

  function speak(text) {
    if (!speaking || !('speechSynthesis' in window) || !text) return;
    // The server's speech form: the whole curated answer, cut at a sentence end, numbers already in words.
    const u = new SpeechSynthesisUtterance(text);
    u.lang = 'zh-CN';
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(u);
  }

  function showReplies(data, messageId) {
    const replies = (data && data.replies) || [];
    let first;
    for (const r of replies) {
      const node = addMessage('bot', r.text, r, messageId && data.mode !== 'human' ? { feedback: messageId } : undefined);
      first = first || node;
    }
    // A new answer is read from its start, not its end.
    if (first) first.scrollIntoView({ block: 'start' });
    const last = replies[replies.length - 1];
    if (last) {
      setChips(last.quickReplies);
      input.setAttribute('inputmode', last.expects === 'phone' ? 'tel' : 'text');
      input.setAttribute('type', last.expects === 'phone' ? 'tel' : 'text');
    }
    speak(
      replies
        .map((r) => r.speech || '')
        .filter(Boolean)
        .join(''),
    );
  }

  /** A plain Chinese message for any failure: the server's own when it is Chinese, ours otherwise. */
  function failure(err, data) {
    const server = data && data.error && data.error.message;
    if (server && /[\u4e00-\u9fff]/.test(server)) return server;
    if (err && err.name === 'TypeError') return '网络不好，消息没发出去';
    return '系统出了点问题，消息没发出去';
  }

  async function post(url, body, headers) {
    let res;
    try {
      res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers, body });
    } catch (err) {
      throw new Error(failure(err), { cause: err });
    }
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(failure(null, data));
    return data;
  }

  function markFailed(node, message, retry) {
    const note = el('div', { class: 'failed', role: 'alert' }, [
      el('span', { text: `${message}。急事请拨打 ${HOTLINE}。` }),
      el('button', { type: 'button', class: 'retry', text: '重试' }),
    ]);
    note.querySelector('button').addEventListener('click', () => {
      note.remove();
      node.classList.remove('unsent');
      void retry();
    });
    node.classList.add('unsent');
    node.appendChild(note);
    note.scrollIntoView({ block: 'nearest' });
  }

  async function send(text, extra) {
    text = (text || '').trim();
    if (!text || busy) return;
    setStatus('');
    const node = addMessage('me', extra && extra.location ? `📍 ${text}` : text);
    node.scrollIntoView({ block: 'end' });
    // One id per message, kept across retries, so a retry after a lost response is answered once.
    const messageId = crypto.randomUUID();
    const payload = JSON.stringify({ text, messageId, ...(extra || {}) });
    const attempt = async () => {
      setBusy(true);
      try {
        const data = await post('/web/chat', payload, { 'content-type': 'application/json' });
        setBusy(false);
        showReplies(data, messageId);
        ensureStream();
      } catch (err) {
        setBusy(false);
        markFailed(node, err.message, attempt);
      }
    };
    await attempt();
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (busy) return;
    const text = input.value;
    input.value = '';
    void send(text);
  });

  document.addEventListener('click', (e) => {
    const feedback = e.target.closest('[data-feedback]');
    if (feedback) return void sendFeedback(feedback);
    const topics = e.target.closest('[data-topics]');
    if (topics) return showChips([...COMMON_QUESTIONS, '返回']);
    const target = e.target.closest('[data-say]');
    if (!target) return;
    const say = target.getAttribute('data-say');
    if (say === '返回') return restoreChips();
    void send(say);
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

  // Hold to talk: offered only when the server can recognise speech; record while pressed, upload on release.
  fetch('/web/features', { credentials: 'same-origin' })
    .then((r) => (r.ok ? r.json() : {}))
    .then((f) => {
      talk.hidden = !(f && f.speechToText && navigator.mediaDevices && window.MediaRecorder);
    })
    .catch(() => undefined);
  let recorder;
  let recorded = [];
  async function startTalk(e) {
    e.preventDefault();
    if (recorder || busy) return;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      recorder = new MediaRecorder(stream);
      recorded = [];
      recorder.ondataavailable = (ev) => ev.data.size && recorded.push(ev.data);
      recorder.onstop = () => {
        stream.getTracks().forEach((t) => t.stop());
        const blob = new Blob(recorded, { type: recorder.mimeType || 'audio/webm' });
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
    setBusy(true);
    try {
      const data = await post('/api/voice', blob, { 'content-type': blob.type.split(';')[0] });
      setBusy(false);
      if (data.transcript) addMessage('me', `🎤 ${data.transcript}`);
      showReplies(data);
      ensureStream();
    } catch (err) {
      setBusy(false);
      setStatus(`${err.message}。请打字，或拨打 ${HOTLINE}。`);
    }
  }
  talk.addEventListener('pointerdown', startTalk);
  talk.addEventListener('pointerup', stopTalk);
  talk.addEventListener('pointerleave', stopTalk);
  talk.addEventListener('contextmenu', (e) => e.preventDefault());

  // Staff replies and notices arrive on a server-sent event stream; the last seen id survives reloads.
  let source;
  function ensureStream() {
    if (source || !window.EventSource) return;
    const after = Number(localStorage.getItem('nx-after') || 0);
    source = new EventSource(`/web/stream?after=${after}`);
    source.addEventListener('update', (e) => {
      const item = JSON.parse(e.data);
      localStorage.setItem('nx-after', String(item.id));
      // Only a person's reply is labelled 工作人员; the hand-back and case notices come from the assistant.
      const kind = item.kind === 'staff_reply' ? 'staff' : 'bot';
      const node = addMessage(kind, item.text, item.payload);
      node.scrollIntoView({ block: 'start' });
      // A person has taken over: the bot's quick replies no longer apply.
      if (item.kind === 'staff_reply') setChips([], { clear: true });
      if (item.kind === 'handback') setChips(firstChips);
      speak(item.text);
    });
  }

  function restoreChips() {
    const saved = readJson(CHIPS_KEY, null);
    showChips(Array.isArray(saved) ? saved : firstChips);
  }
  // The conversation so far, as it was before the reload.
  for (const m of history) addMessage(m.kind, m.text, m.reply, { save: false, feedback: m.feedback, feedbackSent: m.feedbackSent });
  restoreChips();
  if (history.length) {
    log.scrollTop = log.scrollHeight;
    ensureStream();
  } else if (localStorage.getItem('nx-after')) ensureStream();
})();
