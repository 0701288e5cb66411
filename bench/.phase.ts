import { openStore } from '../src/store/store.js';
import { analyzeUnits } from '../src/analyze/index.js';
import { linkChains } from '../src/analyze/link.js';
import { buildTransactions } from '../src/analyze/timeline.js';
import { transactionJson, itemsText } from '../src/analyze/document.js';
const store = openStore('/tmp/an1m/analyze-1000000.db');
const caps = store.captures([1]);
const mode = process.argv[2];
const t = performance.now();
let n = 0, bytes = 0;
if (mode === 'read') { for (const g of store.groups([1])) n += g.length; }
else if (mode === 'link') { for (const g of store.groups([1])) { const l = linkChains(g); n += buildTransactions(l.chains, new Map()).length; } }
else if (mode === 'rules') { const r = analyzeUnits(store.groups([1]), caps, {}, (tx) => { n += tx.length; }); }
else if (mode === 'text') { const r = analyzeUnits(store.groups([1]), caps, {}, (tx) => { n += tx.length; bytes += Buffer.byteLength(itemsText(tx.map(transactionJson))); }); }
else if (mode === 'json') { const r = analyzeUnits(store.groups([1]), caps, {}, (tx) => { n += tx.length; bytes += tx.map(transactionJson).length; }); }
const u = process.cpuUsage();
console.log(mode, Math.round(performance.now() - t), 'ms', n, bytes, 'cpu', Math.round((u.user + u.system) / 1000), 'rss', Math.round(process.resourceUsage().maxRSS / 1024));
