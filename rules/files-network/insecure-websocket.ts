import { defineRule } from '../../src/rule/index.js';
import { argumentAt, calleeWrittenName, resolveCalleeAmong } from '../../src/analysis/index.js';
import { pieces } from '../../src/analysis/paths/pieces.js';

/** WebSocket constructors: the browser global and the Node clients that mirror it. */
const WEBSOCKETS: ReadonlySet<string> = new Set(['WebSocket', 'ws', 'ws.WebSocket', 'isomorphic-ws', 'reconnecting-websocket', 'partysocket.WebSocket']);
/** Hosts that never leave the machine or a development network. */
const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|[^/]*\.localhost|[^/]*\.local|[^/]*\.test|host\.docker\.internal)(:\d+)?$/i;

export default defineRule({
  id: 'TSB607',
  name: 'insecure-websocket',
  title: 'WebSocket opened to a plain ws:// URL',
  cwe: [319],
  severity: 'low',
  confidence: 'high',
  securitySeverity: 3.7,
  recommended: false,
  hasSuggestions: true,
  messages: {
    cleartextSocket: 'The WebSocket connects to `ws://{{host}}`: every message (and the cookies sent on the handshake) travels unencrypted and can be read or altered on the network; use `wss://`.',
    useWss: 'Use `wss://`.',
  },
  docs: {
    why: 'A `ws://` connection is neither encrypted nor authenticated. Anyone on the network path (shared Wi-Fi, a proxy, a compromised router) can read the messages, including session cookies sent with the handshake and tokens sent in messages, and inject their own. Connections to localhost and `.local`/`.test` development hosts are not reported.',
    fix: 'Connect with `wss://` (TLS); in the browser derive the scheme from the page (`location.protocol === \'https:\' ? \'wss:\' : \'ws:\'`) so that HTTPS pages never open a plain socket.',
    examples: {
      flagged: `const socket = new WebSocket('ws://chat.example.com/live');\nsocket.addEventListener('message', (event) => console.log(event.data));`,
      safe: `const socket = new WebSocket('wss://chat.example.com/live');\nsocket.addEventListener('message', (event) => console.log(event.data));`,
    },
    references: ['https://developer.mozilla.org/en-US/docs/Web/API/WebSockets_API/Writing_WebSocket_client_applications#security_considerations', 'https://cwe.mitre.org/data/definitions/319.html'],
    sources: ['@microsoft/eslint-plugin-sdl:no-insecure-url'],
  },
  create(context) {
    return {
      NewExpression(node) {
        const written = calleeWrittenName(node);
        if (written === undefined || !/socket/i.test(written)) return;
        if (resolveCalleeAmong(context, node, WEBSOCKETS) === undefined) return;
        const url = argumentAt(node, 0);
        if (url === undefined) return;
        const parts = pieces(context, url);
        const head = parts[0];
        if (head === undefined || !('text' in head)) return;
        const match = /^ws:\/\/([^/?#]+)([/?#]|$)/i.exec(head.text);
        // The host must be written in full: `ws://${location.host}` follows the page.
        if (match === null || match[1] === undefined || (match[2] === '' && parts.length > 1)) return;
        const host = match[1];
        if (LOCAL_HOST.test(host)) return;
        const literal = url.type === 'Literal' || url.type === 'TemplateLiteral' ? url : undefined;
        context.report({
          node: url,
          messageId: 'cleartextSocket',
          data: { host },
          suggest: literal === undefined ? [] : [{ messageId: 'useWss', fix: (fixer) => fixer.replaceTextRange([literal.range[0] + 1, literal.range[0] + 3], 'wss') }],
        });
      },
    };
  },
});
