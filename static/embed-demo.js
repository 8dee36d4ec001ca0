// The widget's page: ?widget=<url> or the optirace page in this folder. Only an http(s)
// address is used: the value becomes each iframe's src, and a javascript: or data: URL
// there would run whatever the link says, on this page's origin.
const params = new URLSearchParams(location.search);
const asked = params.get('widget');
const base = widgetBase(asked);
const widgetOrigin = base ? base.origin : null;

/** The widget's URL, or null when it is not an http(s) address. */
function widgetBase(value) {
  let url;
  try {
    url = new URL(value || './', location.href);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

if (!base) {
  const notice = document.getElementById('notice');
  // Text only: the refused value is shown, never loaded or inserted as HTML.
  notice.textContent = `No widget is loaded: ?widget= must be an http: or https: address, got "${asked.length > 80 ? `${asked.slice(0, 80)}…` : asked}".`;
  notice.hidden = false;
}

const config = {
  name: 'Two optimizers on the crop data',
  data: 'crops15',
  epochs: 40,
  seed: 3,
  racers: [
    { id: 'momentum', label: 'Momentum', optimizer: 'sgd', lr: 1e-5, momentum: 0.9, batchSize: 4 },
    { id: 'adam', label: 'Adam', optimizer: 'adam', lr: 0.1, batchSize: 4 },
  ],
};

/** Every event received, per widget: what the tests read. */
const demo = { widgets: [], events: [[], []], heights: [[], []], generic: [[], []] };
window.demo = demo;

const specs = !base ? [] : [
  { title: 'Widget A (origin=this page)', query: `embed=1&panels=leaderboard,loss&controls=play,step,reset&origin=${encodeURIComponent(location.origin)}` },
  { title: 'Widget B (answers its parent)', query: 'embed=1&panels=leaderboard,path&controls=none&theme=light' },
];

let nextRequest = 1;
function send(index, command, extra = {}) {
  const requestId = `r${nextRequest++}`;
  demo.widgets[index].frame.contentWindow.postMessage({ type: 'optirace:command', command, requestId, ...extra }, widgetOrigin);
  return requestId;
}
demo.send = send;

specs.forEach((spec, index) => {
  const node = document.getElementById('widget-template').content.firstElementChild.cloneNode(true);
  node.querySelector('h2').textContent = spec.title;
  const textarea = node.querySelector('textarea');
  textarea.value = JSON.stringify(config, null, 2);
  const frame = node.querySelector('iframe');
  frame.title = spec.title;
  frame.src = `${base.href.split(/[?#]/)[0]}?${spec.query}`;
  const status = node.querySelector('.status');
  const log = node.querySelector('.log');
  demo.widgets.push({ frame, status, log });

  node.querySelectorAll('button[data-command]').forEach((button) => {
    button.addEventListener('click', () => {
      const command = button.dataset.command;
      if (command !== 'setConfig') return send(index, command);
      let parsed;
      try {
        parsed = JSON.parse(textarea.value);
      } catch (e) {
        status.textContent = `Not JSON: ${e.message}`;
        return;
      }
      send(index, 'setConfig', { config: parsed });
    });
  });
  document.getElementById('widgets').append(node);
});

window.addEventListener('message', (event) => {
  // Only the widgets' own windows, from the widget's origin.
  if (event.origin !== widgetOrigin) return;
  const index = demo.widgets.findIndex((w) => w.frame.contentWindow === event.source);
  if (index < 0) return;
  const { frame, status, log } = demo.widgets[index];
  const message = event.data;
  // The generic auto-height form; the same height also comes as a `resize` event.
  if (message && message.context === 'iframe.resize') return void demo.generic[index].push(message.height);
  if (!message || message.type !== 'optirace:event') return;
  demo.events[index].push(message);
  if (message.event === 'resize') {
    frame.style.height = `${message.data.height}px`;
    demo.heights[index].push(message.data.height);
  }
  if (message.event === 'error') status.textContent = `Error: ${message.data.message}`;
  if (message.event === 'finished') status.textContent = `Finished: ${message.data.records.map((r) => `${r.racer} ${r.loss}`).join(', ')}`;
  // Text only: nothing received is ever inserted as HTML.
  const item = document.createElement('li');
  const data = message.event === 'epoch' ? `${message.data.racer} epoch ${message.data.epoch} loss ${message.data.loss}` : JSON.stringify(message.data).slice(0, 200);
  item.textContent = `${message.event}${message.requestId ? ` [${message.requestId}]` : ''}: ${data}`;
  log.append(item);
  if (log.children.length > 200) log.firstElementChild.remove();
  log.scrollTop = log.scrollHeight;
});
