// The console's small browser script: CSRF-carrying fetches, live queue and transcript over EventSource, form posting.
(function () {
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  function api(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: Object.assign({ 'x-csrf-token': csrf }, body === undefined ? {} : { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (res) {
      return res
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          if (res.status === 401) {
            location.href = '/staff/login?expired=1&next=' + encodeURIComponent(location.pathname);
          }
          if (!res.ok) throw new Error((data.error && data.error.message) || '请求失败（' + res.status + '）');
          return data;
        });
    });
  }
  function refresh(id, url) {
    var el = document.getElementById(id);
    if (!el) return Promise.resolve();
    return fetch(url, { credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (html !== null) el.innerHTML = html;
      });
  }
  function live(url, handlers) {
    var source = new EventSource(url);
    Object.keys(handlers).forEach(function (name) {
      source.addEventListener(name, function (e) {
        handlers[name](e.data ? JSON.parse(e.data || '{}') : {});
      });
    });
    source.addEventListener('expired', function () {
      source.close();
      location.href = '/staff/login?expired=1';
    });
    return source;
  }

  document.addEventListener('click', function (e) {
    var btn = e.target.closest && e.target.closest('[data-post],[data-delete]');
    if (!btn) return;
    e.preventDefault();
    if (btn.dataset.confirm && !confirm(btn.dataset.confirm)) return;
    btn.disabled = true;
    api(btn.dataset.post ? 'POST' : 'DELETE', btn.dataset.post || btn.dataset.delete)
      .then(function () {
        if (btn.dataset.go) location.href = btn.dataset.go;
        else location.reload();
      })
      .catch(function (err) {
        btn.disabled = false;
        alert(err.message);
      });
  });

  // Ctrl+Enter (⌘+Enter on a Mac) sends the form a textarea belongs to.
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
    var area = e.target;
    if (!area || area.tagName !== 'TEXTAREA' || !area.form) return;
    e.preventDefault();
    if (area.form.requestSubmit) area.form.requestSubmit();
    else area.form.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
  });

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.dataset || !form.dataset.api) return;
    e.preventDefault();
    var body = {};
    new FormData(form).forEach(function (value, key) {
      var input = form.elements[key];
      var type = input && input.dataset ? input.dataset.type : undefined;
      if (type === 'bool') body[key] = value === '1';
      else if (type === 'int') body[key] = value === '' ? null : Number(value);
      else body[key] = value;
    });
    var error = form.querySelector('.form-error');
    var submit = form.querySelector('[type=submit]');
    if (submit) submit.disabled = true;
    api(form.dataset.method || 'POST', form.dataset.api, body)
      .then(function (data) {
        if (error) error.textContent = '';
        if (form.dataset.then === 'reload') return location.reload();
        form.reset();
        if (form.dataset.then === 'note' && data.note) {
          var li = document.createElement('li');
          li.textContent = data.note.staffName + '：' + data.note.text;
          document.getElementById('notes').appendChild(li);
        }
      })
      .catch(function (err) {
        if (error) error.textContent = err.message;
        else alert(err.message);
      })
      .then(function () {
        if (submit) submit.disabled = false;
      });
  });

  var canned = document.getElementById('canned');
  if (canned)
    canned.addEventListener('change', function () {
      var box = document.querySelector('#reply-form textarea');
      if (box && canned.value) {
        box.value = box.value ? box.value + '\n' + canned.value : canned.value;
        box.focus();
      }
      canned.value = '';
    });

  var queue = document.getElementById('queue');
  if (queue && queue.dataset.live) {
    live('/staff/api/events', {
      queue: function () {
        refresh('queue', queue.dataset.live);
      },
    });
  }

  var transcript = document.getElementById('transcript');
  if (transcript && transcript.dataset.conversation) {
    var id = transcript.dataset.conversation;
    var seen = {};
    transcript.querySelectorAll('[data-id]').forEach(function (el) {
      seen[el.dataset.id] = true;
    });
    var labels = { driver: '司机', bot: '暖心助手', staff: '工作人员' };
    live('/staff/api/conversations/' + id + '/stream?after=' + (transcript.dataset.after || 0), {
      message: function (m) {
        if (seen[m.id]) return;
        seen[m.id] = true;
        var div = document.createElement('div');
        div.className = 'msg ' + m.author;
        div.dataset.id = m.id;
        var who = document.createElement('div');
        who.className = 'who';
        var t = new Date(new Date(m.createdAt).getTime() + 8 * 3600000).toISOString();
        who.textContent = labels[m.author] + ' · ' + t.slice(11, 16);
        div.appendChild(who);
        div.appendChild(document.createTextNode(m.text));
        // Newest first: a new message goes on top, where staff are reading.
        transcript.insertBefore(div, transcript.firstChild);
        transcript.scrollTop = 0;
      },
      handoff: function () {
        refresh('panel', '/staff/partials/conversations/' + id + '/panel');
      },
    });
  }
})();
