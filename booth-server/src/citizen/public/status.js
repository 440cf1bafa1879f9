/* global document, fetch, FormData, location, URLSearchParams -- a browser script */
// The public case status page (a receipt's QR code opens it on a phone). No personal data in
// its URL: the QR code carries only the case number. Served as a file of its own because the
// Content-Security-Policy allows no inline script.
// The one glossary (contract/src/status-words.ts), loaded before this script as /status-words.js.
const { case: CASE_WORDS, subCase: SUB_CASE_WORDS } = globalThis.STATUS_WORDS;
const LEVELS = [
  ['very_satisfied', '非常满意', 'Very satisfied'],
  ['satisfied', '满意', 'Satisfied'],
  ['basic', '基本满意', 'Fair'],
  ['unsatisfied', '不满意', 'Unsatisfied'],
  ['very_unsatisfied', '非常不满意', 'Very unsatisfied'],
];
const word = (words, s) => (words[s] ? `${words[s].zh} / ${words[s].en}` : s);
const text = (tag, value) => Object.assign(document.createElement(tag), { textContent: value });
const $ = (id) => document.getElementById(id);

/** A time the reader can act on: today's HH:MM, or the date too when it is not today. */
function when(at) {
  const d = new Date(at);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return d.toDateString() === new Date().toDateString()
    ? hm
    : `${d.getMonth() + 1}/${d.getDate()} ${hm}`;
}

/** Every answer in both languages; no code or server text reaches the reader. */
function errorText(res, body) {
  const code = body.error?.code;
  const retryAt =
    body.error?.details?.retryAt ?? Date.now() + (body.error?.details?.retryAfterMs ?? 60_000);
  switch (res ? code : null) {
    case 'CASE_NOT_FOUND':
      return '未找到与该编号和身份证后四位相符的办件，请核对回执后重试。No case matches this number and these four characters; check your receipt and try again.';
    case 'CASE_LOOKUP_LIMITED':
      return `为保护申请人信息，该办件的查询已暂停，请在 ${when(retryAt)} 后再试。To protect the applicant, lookups of this case are paused; please try again after ${when(retryAt)}.`;
    case 'RATE_LIMITED':
      return '查询过于频繁，请一分钟后再试。Too many lookups from this device; please wait a minute.';
    case 'VALIDATION_FAILED':
      return '请检查办件编号和身份证后四位（数字，最后一位可以是 X）。Check the case number and the four ID characters (digits; the last may be X).';
    case 'TEXT_UNSAFE':
      return '意见中含有不可见的控制字符或文字方向字符，请删除后重新输入。The comment contains invisible control or text-direction characters; remove them and type it again.';
    case 'ALREADY_RATED':
      return '该办件已评价，感谢您的反馈。This case has already been rated; thank you.';
    default:
      return '暂时无法查询，请稍后再试。The service is unavailable; please try again later.';
  }
}

async function post(path, payload) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  }).catch(() => null);
  const body = res ? await res.json().catch(() => ({})) : {};
  return { res, body, ok: !!res && res.ok };
}

let proof = null;

function showRating(rated) {
  const form = $('rate');
  form.hidden = rated;
  if (rated) return;
  const levels = $('levels');
  levels.replaceChildren(
    ...LEVELS.map(([value, zh, en], i) => {
      const label = document.createElement('label');
      const input = Object.assign(document.createElement('input'), {
        type: 'radio',
        name: 'level',
        value,
        required: i === 0,
      });
      label.append(input, `${zh} / ${en}`);
      return label;
    }),
  );
}

$('case').value = new URLSearchParams(location.search).get('case') ?? '';

$('lookup').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('message').textContent = '';
  $('rate-message').textContent = '';
  $('rate').hidden = true;
  const result = $('result');
  result.replaceChildren();
  proof = {
    caseNumber: $('case').value.trim(),
    idLast4: $('last4').value.trim().toUpperCase(),
  };
  const { res, body, ok } = await post('/api/public/cases/lookup', proof);
  if (!ok) {
    $('message').textContent = errorText(res, body);
    // A pause is no mistake of the reader's: said calmly, not in alarm red.
    $('message').className = body.error?.code === 'CASE_LOOKUP_LIMITED' ? 'notice' : 'error';
    return;
  }
  result.append(text('h2', `${body.bundleName.zh} · ${word(CASE_WORDS, body.status)}`));
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const h of ['部门 Department', '事项 Items', '状态 Status']) head.append(text('th', h));
  const tbody = table.createTBody();
  for (const sub of body.subCases) {
    const row = tbody.insertRow();
    row.append(
      text('td', sub.department.zh),
      text('td', sub.items.map((i) => i.name.zh).join('、')),
      text(
        'td',
        sub.dueProvisional
          ? `${word(SUB_CASE_WORDS, sub.status)} · 期限暂定 / due date provisional`
          : word(SUB_CASE_WORDS, sub.status),
      ),
    );
  }
  result.append(table);
  // A department asked for more material (补正): what, by when, and where to hand it in.
  for (const sub of body.subCases) {
    const c = sub.correction;
    if (!c || c.suppliedAt !== null) continue;
    const day = new Date(c.deadlineAt - 1).toLocaleDateString('zh-CN', {
      timeZone: 'Asia/Shanghai',
    });
    result.append(
      text(
        'p',
        `${sub.department.zh}请您在 ${day} 前补交：${c.materials.map((m) => m.name.zh).join('、')}。请本人携带身份证到任一自助终端，输入办件编号和身份证后四位补交。` +
          ` ${sub.department.en} asks you for: ${c.materials.map((m) => m.name.en).join(', ')}, by ${day}. Bring your ID card to any self-service terminal and enter the case number and the last four ID characters.`,
      ),
    );
  }
  if (body.rated)
    $('rate-message').textContent = errorText(res, { error: { code: 'ALREADY_RATED' } });
  showRating(body.rated);
});

$('rate').addEventListener('submit', async (e) => {
  e.preventDefault();
  const level = new FormData($('rate')).get('level');
  const comment = $('comment').value.trim();
  const { res, body, ok } = await post('/api/public/cases/rating', {
    ...proof,
    rating: { level, ...(comment ? { comment } : {}) },
  });
  if (!ok) {
    $('rate-message').textContent = errorText(res, body);
    if (body.error?.code === 'ALREADY_RATED') $('rate').hidden = true;
    return;
  }
  $('rate').hidden = true;
  $('rate-message').textContent = '感谢您的评价！Thank you for your rating.';
});
