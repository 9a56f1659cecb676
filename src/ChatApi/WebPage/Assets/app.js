// The stored-completions page: plain DOM, reading and writing only through ChatApi's public /v1 API.
const KEY = 'chatapi.apiKey';
const PAGE_SIZE = 20;
const main = document.getElementById('main');

// h('a', { href }, 'text', child…): an element; strings become text nodes, never HTML.
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// Asks for an API key (once keys are configured the API answers 401 without one) and keeps it for this tab.
function askForKey(message) {
  const dialog = document.getElementById('key-dialog');
  const error = document.getElementById('key-error');
  error.hidden = !message;
  error.textContent = message ?? '';
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      const key = document.getElementById('key-input').value.trim();
      if (key) sessionStorage.setItem(KEY, key);
      resolve(Boolean(key));
    }, { once: true });
    dialog.showModal();
  });
}

async function api(path, init = {}, retried = false) {
  const headers = { Accept: 'application/json' };
  const key = sessionStorage.getItem(KEY);
  if (key) headers.Authorization = `Bearer ${key}`;
  if (init.body) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { ...init, headers });
  const body = await response.json().catch(() => null);
  if (response.status === 401 && !retried) {
    sessionStorage.removeItem(KEY);
    if (await askForKey(key ? body?.error?.message ?? 'That key was refused.' : null)) return api(path, init, false);
  }
  if (!response.ok) throw new Error(body?.error?.message ?? `${response.status} ${response.statusText}`);
  return body;
}

const formatTime = unix => new Date(unix * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

// The text of a message or content parts, on one line.
function textOf(message) {
  if (!message) return '';
  if (typeof message.content === 'string' && message.content) return message.content;
  const parts = message.content_parts ?? (Array.isArray(message.content) ? message.content : null);
  if (parts) return parts.map(p => p.text ?? (p.image_url ? '[image]' : p.input_audio ? '[audio]' : '')).join(' ');
  if (message.tool_calls?.length) return message.tool_calls.map(c => `${c.function?.name ?? c.type}(…)`).join(', ');
  return message.refusal ?? '';
}

const oneLine = text => text.replace(/\s+/g, ' ').trim();

function pretty(text) {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null ? JSON.stringify(value, null, 2) : null;
  } catch {
    return null;
  }
}

async function listView(params) {
  const model = params.get('model') ?? '';
  const key = params.get('key') ?? '';
  const value = params.get('value') ?? '';
  const after = params.get('after');
  const page = Number(params.get('page') ?? '1');
  document.title = 'ChatApi · stored completions';

  const query = new URLSearchParams({ limit: PAGE_SIZE, order: 'desc' });
  if (model) query.set('model', model);
  if (key) query.set(`metadata[${key}]`, value);
  if (after) query.set('after', after);

  const filters = h('form', { class: 'filters', method: 'get', action: '/', role: 'search' },
    h('label', {}, 'Model', h('input', { name: 'model', value: model, placeholder: 'any', id: 'filter-model' })),
    h('label', {}, 'Metadata key', h('input', { name: 'key', value: key, placeholder: 'e.g. team', id: 'filter-key' })),
    h('label', {}, 'Value', h('input', { name: 'value', value, id: 'filter-value' })),
    h('button', { type: 'submit', class: 'primary' }, 'Filter'),
    (model || key) && h('a', { href: '/' }, 'Clear'));

  let list;
  try {
    list = await api(`/v1/chat/completions?${query}`);
  } catch (error) {
    main.replaceChildren(filters, h('p', { class: 'error', role: 'alert' }, error.message));
    return;
  }

  const rows = list.data.map(c => {
    const choice = c.choices?.[0];
    const userCell = h('td', { class: 'preview user-preview' }, h('span', { class: 'muted' }, '…'));
    const answer = oneLine(textOf(choice?.message));
    return {
      id: c.id,
      userCell,
      row: h('tr', { 'data-id': c.id },
        h('td', { class: 'time' }, h('a', { href: `/completions/${encodeURIComponent(c.id)}` }, formatTime(c.created))),
        h('td', { class: 'model' }, c.model),
        userCell,
        h('td', { class: 'preview answer-preview', title: answer }, answer),
        h('td', { class: 'num tokens' }, c.usage ? String(c.usage.total_tokens) : ''),
        h('td', { class: 'finish' }, [...new Set((c.choices ?? []).map(x => x.finish_reason))].join(', '))),
    };
  });

  const next = new URLSearchParams(params);
  next.set('after', list.last_id ?? '');
  next.set('page', String(page + 1));
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
    page > 1 && h('button', { type: 'button', id: 'newer', onclick: () => history.back() }, '← Newer'),
    h('span', { class: 'muted' }, `Page ${page}`),
    list.has_more && h('a', { href: `/?${next}`, id: 'older', rel: 'next' }, 'Older →'));

  main.replaceChildren(
    filters,
    list.data.length === 0
      ? h('p', { class: 'muted', id: 'empty' }, 'No stored completions match. Create one with "store": true.')
      : h('table', { class: 'list' },
          h('thead', {}, h('tr', {}, ['Time', 'Model', 'Last user message', 'Answer', 'Tokens', 'Finish'].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, rows.map(r => r.row))),
    pager);

  // The list API carries the answer, not the request: each row's last user message comes from its messages.
  await Promise.all(rows.map(async r => {
    try {
      const messages = await api(`/v1/chat/completions/${encodeURIComponent(r.id)}/messages?order=desc&limit=20`);
      const text = oneLine(textOf(messages.data.find(m => m.role === 'user')));
      r.userCell.replaceChildren(text);
      r.userCell.title = text;
    } catch {
      r.userCell.replaceChildren('');
    }
  }));
}

async function allMessages(id) {
  const messages = [];
  let after = null;
  do {
    const query = new URLSearchParams({ limit: 100, order: 'asc' });
    if (after) query.set('after', after);
    const page = await api(`/v1/chat/completions/${encodeURIComponent(id)}/messages?${query}`);
    messages.push(...page.data);
    after = page.has_more ? page.last_id : null;
  } while (after);
  return messages;
}

function toolCalls(calls) {
  return (calls ?? []).map(call => h('div', { class: 'tool-call' },
    h('div', {}, h('strong', {}, call.function?.name ?? call.type), ' ', h('span', { class: 'muted' }, call.id)),
    h('pre', { class: 'arguments' }, pretty(call.function?.arguments ?? '') ?? call.function?.arguments ?? '')));
}

function bubble(role, message, extra = []) {
  const text = textOf({ ...message, tool_calls: undefined });
  const structured = role === 'assistant' || role === 'tool' ? pretty(text) : null;
  return h('article', { class: `bubble ${role}`, 'data-role': role },
    h('div', { class: 'role' }, role, message.name && h('span', { class: 'id' }, ` · ${message.name}`), message.tool_call_id && h('span', { class: 'id' }, ` · ${message.tool_call_id}`)),
    structured ? h('pre', { class: 'structured' }, structured) : text && h('div', { class: 'text' }, text),
    message.refusal && h('div', { class: 'text error' }, `Refusal: ${message.refusal}`),
    toolCalls(message.tool_calls),
    extra);
}

function keyValues(entries) {
  return h('dl', { class: 'kv' }, entries.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, typeof v === 'object' ? h('pre', {}, JSON.stringify(v, null, 2)) : String(v))]));
}

function metadataEditor(completion, onSaved, message = '') {
  const rows = h('div', { id: 'metadata-rows' });
  const status = h('p', { class: 'muted', id: 'metadata-status', role: 'status' }, message);
  const addRow = (k = '', v = '') => {
    const row = h('div', { class: 'meta-row' },
      h('input', { 'aria-label': 'Key', class: 'meta-key', value: k, maxlength: 64 }),
      h('input', { 'aria-label': 'Value', class: 'meta-value', value: v, maxlength: 512 }),
      h('button', { type: 'button', 'aria-label': `Remove ${k || 'pair'}`, onclick: () => row.remove() }, '×'));
    rows.append(row);
    return row;
  };
  for (const [k, v] of Object.entries(completion.metadata ?? {})) addRow(k, v);
  const form = h('form', {
    id: 'metadata-form',
    onsubmit: async event => {
      event.preventDefault();
      const metadata = {};
      for (const row of rows.querySelectorAll('.meta-row')) {
        const k = row.querySelector('.meta-key').value.trim();
        if (k) metadata[k] = row.querySelector('.meta-value').value;
      }
      status.textContent = 'Saving…';
      try {
        const updated = await api(`/v1/chat/completions/${encodeURIComponent(completion.id)}`, { method: 'POST', body: JSON.stringify({ metadata }) });
        onSaved(updated, 'Saved.');
      } catch (error) {
        status.textContent = error.message;
        status.className = 'error';
      }
    },
  }, rows,
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'metadata-add', onclick: () => addRow().querySelector('input').focus() }, 'Add pair'),
      h('button', { type: 'submit', class: 'primary', id: 'metadata-save' }, 'Save metadata')),
    status);
  return form;
}

async function detailView(id) {
  document.title = `ChatApi · ${id}`;
  let completion, messages;
  try {
    [completion, messages] = await Promise.all([api(`/v1/chat/completions/${encodeURIComponent(id)}`), allMessages(id)]);
  } catch (error) {
    main.replaceChildren(h('p', {}, h('a', { href: '/' }, '← All completions')), h('p', { class: 'error', role: 'alert' }, error.message));
    return;
  }

  const conversation = h('section', { class: 'conversation', 'aria-label': 'Conversation' },
    messages.map(m => bubble(m.role, m)),
    (completion.choices ?? []).map(choice => bubble('assistant', choice.message ?? {},
      h('div', {}, h('span', { class: 'tag' }, `finish: ${choice.finish_reason}`), completion.choices.length > 1 && h('span', { class: 'tag' }, `choice ${choice.index}`)))));

  const usage = completion.usage ?? {};
  const metadataSection = h('section', { 'aria-labelledby': 'metadata-title' }, h('h2', { id: 'metadata-title' }, 'Metadata'));
  const raw = h('pre', { id: 'raw-json' }, JSON.stringify(completion, null, 2));
  const render = (current, message) => {
    metadataSection.replaceChildren(h('h2', { id: 'metadata-title' }, 'Metadata'), metadataEditor(current, render, message));
    raw.textContent = JSON.stringify(current, null, 2);
  };
  render(completion);

  // One handler, and returnValue cleared on open, so a late close event of an earlier Cancel cannot swallow the Delete.
  const dialog = document.getElementById('confirm-dialog');
  dialog.onclose = async () => {
    if (dialog.returnValue !== 'delete') return;
    try {
      await api(`/v1/chat/completions/${encodeURIComponent(id)}`, { method: 'DELETE' });
      location.assign('/');
    } catch (error) {
      alert(error.message);
    }
  };
  const deleteButton = h('button', {
    type: 'button', class: 'danger', id: 'delete',
    onclick: () => {
      dialog.returnValue = '';
      dialog.showModal();
    },
  }, 'Delete…');

  main.replaceChildren(
    h('p', {}, h('a', { href: '/', id: 'back' }, '← All completions')),
    h('h1', {}, completion.id),
    h('p', { class: 'muted' }, `${formatTime(completion.created)} · ${completion.model}`),
    h('div', { class: 'detail' },
      conversation,
      h('aside', { class: 'side' },
        h('section', { 'aria-labelledby': 'usage-title' }, h('h2', { id: 'usage-title' }, 'Usage'), keyValues([
          ['prompt tokens', usage.prompt_tokens], ['completion tokens', usage.completion_tokens], ['total', usage.total_tokens],
          ['cached', usage.prompt_tokens_details?.cached_tokens || null], ['reasoning', usage.completion_tokens_details?.reasoning_tokens || null]])),
        h('section', { 'aria-labelledby': 'settings-title' }, h('h2', { id: 'settings-title' }, 'Request settings'), keyValues([
          ['temperature', completion.temperature], ['top_p', completion.top_p], ['seed', completion.seed],
          ['presence_penalty', completion.presence_penalty], ['frequency_penalty', completion.frequency_penalty],
          ['tool_choice', completion.tool_choice], ['response_format', completion.response_format],
          ['tools', completion.tools?.map(t => t.function?.name ?? t.type).join(', ')],
          ['service_tier', completion.service_tier], ['system_fingerprint', completion.system_fingerprint],
          ['user', completion.input_user], ['request_id', completion.request_id]])),
        metadataSection,
        h('section', {}, h('details', { id: 'raw' }, h('summary', {}, 'Raw JSON'), raw)),
        h('section', {}, deleteButton))));
}

function route() {
  const path = location.pathname;
  const match = path.match(/^\/completions\/([^/]+)$/);
  const view = match ? detailView(decodeURIComponent(match[1])) : listView(new URLSearchParams(location.search));
  view.finally(() => document.body.setAttribute('data-ready', 'true'));
}

// "/" jumps to the model filter, as in many list pages.
document.addEventListener('keydown', event => {
  if (event.key === '/' && !['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName)) {
    const filter = document.getElementById('filter-model');
    if (filter) {
      event.preventDefault();
      filter.focus();
    }
  }
});

route();
