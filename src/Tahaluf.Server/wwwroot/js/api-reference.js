// Renders /openapi/v1.json as a compact, searchable reference (no third-party code, CSP-friendly).
const groups = document.getElementById('groups');
const filter = document.getElementById('filter');
let operations = [];

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function render() {
  const needle = filter.value.trim().toLowerCase();
  const byTag = new Map();
  for (const op of operations) {
    const haystack = `${op.method} ${op.path} ${op.tag} ${op.summary}`.toLowerCase();
    if (needle && !haystack.includes(needle)) continue;
    if (!byTag.has(op.tag)) byTag.set(op.tag, []);
    byTag.get(op.tag).push(op);
  }
  groups.replaceChildren();
  if (byTag.size === 0) groups.append(element('p', '', 'No operation matches.'));
  for (const [tag, ops] of [...byTag.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const section = element('section');
    section.append(element('h2', '', tag));
    for (const op of ops) {
      const row = element('div', 'op');
      row.append(element('span', `method ${op.method}`, op.method.toUpperCase()), element('span', 'path', op.path));
      if (op.summary) row.append(element('span', 'summary', op.summary));
      const meta = [];
      if (op.parameters.length) meta.push('parameters: ' + op.parameters.join(', '));
      if (op.responses.length) meta.push('responses: ' + op.responses.join(', '));
      if (meta.length) row.append(element('span', 'meta', meta.join(' · ')));
      section.append(row);
    }
    groups.append(section);
  }
}

async function load() {
  try {
    const response = await fetch('/openapi/v1.json');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const doc = await response.json();
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
        const op = item[method];
        if (!op) continue;
        operations.push({
          method, path,
          tag: (op.tags && op.tags[0]) || 'Other',
          summary: op.summary || '',
          parameters: (op.parameters || []).map((p) => `${p.name} (${p.in})`),
          responses: Object.keys(op.responses || {}),
        });
      }
    }
    render();
  } catch (error) {
    groups.replaceChildren(element('p', '', `Could not load the API description: ${error.message}`));
  }
}

filter.addEventListener('input', render);
load();
