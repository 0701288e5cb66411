/** The report's only stylesheet, inlined: system fonts, no external resource, a print layout. */
export const CSS = `
:root{--fg:#172b4d;--muted:#5e6c84;--line:#dfe1e6;--bg:#fff;--panel:#f7f8f9;
--high:#ae2a19;--high-bg:#ffeceb;--medium:#974f0c;--medium-bg:#fff3e0;--low:#0055cc;--low-bg:#e9f2ff;--info:#44546f;--info-bg:#f1f2f4}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue","DejaVu Sans","Liberation Sans",Arial,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1280px;margin:0 auto;padding:20px 28px 40px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:18px 0 8px}
code{font:12.5px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;overflow-wrap:anywhere}
a{color:#0055cc}
.muted,.meta{color:var(--muted)}
.summary{font-size:15px;font-weight:600;margin:10px 0 6px}
.counts{display:flex;gap:8px;flex-wrap:wrap;margin:6px 0 12px}
.count{border-radius:12px;padding:2px 10px;font-weight:600;font-size:13px}
.prose{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:10px 16px;max-width:1000px}
.prose p{margin:6px 0}.prose h3{font-size:13px;margin:10px 0 2px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}.prose ul{margin:2px 0 6px;padding-left:0;list-style:none}.prose li{margin:3px 0}.prose li .sev{width:64px;text-align:center;margin-right:6px;text-indent:0}.prose ul.matter li,.prose ul.minor li{padding-left:72px;text-indent:-72px}.prose ul.minor,.prose ul.basis{font-size:13px}
section.transaction{border-top:2px solid var(--line);margin-top:26px}
.outcome{display:inline-block;margin-left:8px;padding:1px 8px;border-radius:4px;font-size:13px;vertical-align:2px;background:var(--info-bg)}
.outcome-SUCCESS{background:#dcfff1;color:#216e4e}.outcome-FAILED,.outcome-MFA_PENDING{background:var(--high-bg);color:var(--high)}
.lane-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:6px;margin:8px 0 14px;background:#fff}
svg.lanes{display:block;font:12px -apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif}
svg .even{fill:#fafbfc}svg .odd{fill:#f1f2f4}svg .aux{fill:#fff;stroke:var(--line)}
svg .lane-label{font-weight:600;fill:var(--fg)}svg .col-label{fill:var(--muted);font-size:11px}
svg .edge{stroke:#1d7afc;stroke-width:2.5}svg .edge-error{stroke:var(--high);stroke-dasharray:5 3}
svg .node{fill:#1d7afc;stroke:#fff;stroke-width:2}svg .start{fill:var(--muted)}
svg .http{font-size:10.5px;fill:var(--muted)}svg .flag{font-size:11px;font-weight:700}
svg .sev-high{fill:var(--high)}svg .sev-medium{fill:#e2790a}svg .sev-low{fill:var(--low)}svg .sev-info{fill:#8590a2}
svg text.sev-medium{fill:var(--medium)}svg text.sev-info{fill:var(--info)}
svg .tok{stroke:none}svg .tok-0{fill:#e9f2ff}svg .tok-1{fill:#dcfff1}svg .tok-2{fill:#fff7d6}svg .tok-3{fill:#f3f0ff}svg .tok-4{fill:#ffeceb}svg .tok-5{fill:#e7f9ff}
svg .tok-label{font:11px ui-monospace,monospace;fill:var(--fg)}svg .none{fill:#a5adba}
svg .pw-advanced{fill:var(--medium);font-weight:700}svg .pw-regressed{fill:var(--high);font-weight:700}svg .pw-same{fill:var(--muted)}
ol.steps{list-style:none;padding:0;margin:0}
li.step{display:grid;grid-template-columns:minmax(330px,440px) 1fr;gap:4px 18px;border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin:8px 0;break-inside:avoid}
li.step.has-findings{border-left:4px solid var(--medium)}
.step-head{grid-column:1;display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.step-no{display:inline-block;min-width:24px;text-align:center;border-radius:12px;background:var(--fg);color:#fff;font-weight:700;font-size:12px;padding:1px 6px}
.time{color:var(--muted);font-size:12.5px}
.transition{grid-column:1;margin:4px 0}
.status{display:inline-block;font:600 12px ui-monospace,monospace;padding:1px 6px;border-radius:4px;background:var(--panel);border:1px solid var(--line)}
.status-SUCCESS{background:#dcfff1;border-color:#94c748}.status-MFA_REQUIRED,.status-MFA_CHALLENGE{background:#fff7d6;border-color:#f5cd47}
.arrow{margin:0 6px;color:var(--muted)}.http{margin-left:8px;color:var(--muted);font-size:12.5px}.http-error{color:var(--high);font-weight:700}
dl.facts{grid-column:1;margin:4px 0 0;font-size:12.5px}
dl.facts div{display:flex;gap:6px}dl.facts dt{color:var(--muted);min-width:124px}dl.facts dd{margin:0;overflow-wrap:anywhere}
li.step:not(.has-findings){grid-template-columns:1fr}
li.step:not(.has-findings) dl.facts{display:flex;flex-wrap:wrap;gap:2px 22px}li.step:not(.has-findings) dl.facts dt{min-width:0}
dl.facts .pw-advanced dd{color:var(--medium);font-weight:700}dl.facts .pw-regressed dd{color:var(--high);font-weight:700}
code.rotated{background:#fff7d6}
.step-findings{grid-column:2;grid-row:1 / span 4;display:flex;flex-direction:column;gap:8px}
article.finding{border:1px solid var(--line);border-left:5px solid var(--info);border-radius:5px;padding:6px 10px;background:#fff;break-inside:avoid}
article.finding header{font-size:13px}article.finding p{margin:4px 0}
.finding .where{color:var(--muted);font-size:12px}.finding .why,.finding .basis{font-size:12.5px}
.sev{display:inline-block;text-transform:uppercase;font-size:11px;font-weight:800;letter-spacing:.04em;padding:1px 6px;border-radius:3px;background:var(--info-bg);color:var(--info)}
.sev-high .sev,.count.sev-high{background:var(--high-bg);color:var(--high)}article.sev-high{border-left-color:var(--high)}
.sev-medium .sev,.count.sev-medium{background:var(--medium-bg);color:var(--medium)}article.sev-medium{border-left-color:#e2790a}
.sev-low .sev,.count.sev-low{background:var(--low-bg);color:var(--low)}article.sev-low{border-left-color:var(--low)}
.count.sev-info{background:var(--info-bg);color:var(--info)}
table{border-collapse:collapse}
table.evidence{font-size:12px;margin-top:4px}table.evidence th{text-align:left;color:var(--muted);font-weight:500;padding:1px 10px 1px 0;vertical-align:top}
table.grid{width:100%;font-size:12.5px;margin:6px 0 14px}
table.grid th,table.grid td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
table.grid th{white-space:nowrap}table.grid td{overflow-wrap:break-word}table.grid td code{overflow-wrap:normal}table.findings td.ev code{overflow-wrap:anywhere}table.timeline td code{white-space:nowrap}
table.grid thead th{background:var(--panel)}td.num{text-align:right}

footer{margin-top:30px;color:var(--muted);font-size:12px}
@media (max-width:900px){li.step{grid-template-columns:1fr}.step-findings{grid-column:1;grid-row:auto}}
@media print{
 body{font-size:10pt}main{max-width:none;padding:0}
 .lane-wrap{overflow:visible;border:none}svg.lanes{max-width:100%;height:auto}
 li.step{grid-template-columns:minmax(0,1fr)}.step-findings{grid-column:1;grid-row:auto}
 @page{margin:14mm 12mm}section.transaction{break-before:auto}

 table.grid,table.grid code{font-size:8pt}table.grid th{white-space:normal}table.timeline td code{white-space:normal}
 table.timeline .src{display:none}table.grid th,table.grid td{padding:2px 3px}
 a[href^="http"]::after{content:" (" attr(href) ")";font-size:9pt;color:var(--muted)}
 h2,h3{break-after:avoid}
}
`;
