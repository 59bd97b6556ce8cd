// The simulated phones: one card per number with its messages; the form under each sends a reply
// as that phone (the simulator pushes it to OneCall as an SmsUp). Text is always inserted as text.
const main = document.getElementById('phones');
const cards = new Map();

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
}

function card(phone) {
  if (cards.has(phone)) return cards.get(phone);
  const list = el('ul', { className: 'messages' });
  const input = el('input', { placeholder: '回复 Reply (1 接单 / 2 婉拒 / 3 到达 / 9 完成 / 0 我的任务)', autocomplete: 'off' });
  input.setAttribute('aria-label', '以 ' + phone + ' 回复 Reply as ' + phone);
  const form = el('form', {}, input, el('button', { type: 'submit', textContent: '发送 Send' }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const content = input.value.trim();
    if (!content) return;
    const r = await fetch('admin/replies', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone, content }) });
    if (r.ok) { input.value = ''; refresh(); }
  });
  const section = el('section', { className: 'phone' }, el('h2', { textContent: '📱 ' + phone }), list, form);
  section.dataset.phone = phone;
  const c = { section, list, count: -1 };
  cards.set(phone, c);
  main.prepend(section);
  document.getElementById('empty')?.remove();
  return c;
}

function time(iso) {
  return new Date(iso).toLocaleString('zh-CN', { hour12: false });
}

function show(phone, messages) {
  const c = card(phone);
  if (c.count === messages.length && messages.every((m, i) => c.list.children[i]?.dataset.status === m.status)) return;
  c.list.replaceChildren(...messages.map((m) => {
    const meta = m.direction === 'IN'
      ? `${time(m.at)} · ${m.segments} 条计费 segments · ${m.status === 'DELIVERED' ? '已送达 delivered' : m.status}`
      : `${time(m.at)} · 我的回复 my reply`;
    const li = el('li', { className: m.direction === 'IN' ? 'in' : 'out' }, el('span', { textContent: m.text }),
      el('small', { textContent: meta }));
    li.dataset.status = m.status;
    return li;
  }));
  c.count = messages.length;
  c.list.scrollTop = c.list.scrollHeight;
}

async function refresh() {
  const r = await fetch('admin/phones');
  if (!r.ok) return;
  const phones = await r.json();
  for (const p of phones.slice().reverse()) show(p.phone, p.messages);
}

document.getElementById('add').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const input = document.getElementById('add-phone');
  const phone = input.value.replace(/[^0-9]/g, '');
  if (!/^1[3-9][0-9]{9}$/.test(phone)) { input.setCustomValidity('11 位手机号 11-digit mobile number'); input.reportValidity(); return; }
  input.setCustomValidity('');
  show(phone, []);
  input.value = '';
});

refresh();
setInterval(refresh, 1500);
