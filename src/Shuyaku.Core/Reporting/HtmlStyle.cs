namespace Shuyaku.Core.Reporting;

/// <summary>
/// The report's one inline stylesheet: system fonts only (nothing fetched), tables that scroll inside their own box on
/// narrow screens, charts that scale with their viewBox, and a print stylesheet that keeps colours and avoids breaking
/// rows and charts across pages.
/// </summary>
internal static class HtmlStyle
{
    /// <summary>The stylesheet, as it goes into the &lt;style&gt; element.</summary>
    public const string Css = """
:root{--fg:#1b1f24;--muted:#5b6570;--line:#d8dde3;--soft:#f3f5f8;--accent:#1f5f99;--ok:#2a7d2e;--warn:#a86b00;--bad:#b3261e}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:1120px;padding:0 1rem 3rem;color:var(--fg);background:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Hiragino Sans",sans-serif}
header{padding:1.2rem 0 .4rem;border-bottom:3px solid var(--accent)}
h1{font-size:1.6rem;margin:0 0 .2rem;line-height:1.25}
h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
p,li,td,th,caption,h1,h2,h3{overflow-wrap:anywhere}
.muted,caption{color:var(--muted)}
caption{text-align:left;font-size:.85rem;padding:.2rem 0;caption-side:bottom}
nav{margin:.6rem 0 0;display:flex;flex-wrap:wrap;gap:.2rem .8rem;font-size:.9rem}
nav a{color:var(--accent);text-decoration:none}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.6rem;margin:.8rem 0}
.figure{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:4px;padding:.45rem .6rem;background:var(--soft)}
.figure b{display:block;font-size:1.35rem;line-height:1.2}
.figure span{font-size:.85rem;color:var(--muted)}
.figure.ok{border-left-color:var(--ok)}.figure.warn{border-left-color:var(--warn)}.figure.bad{border-left-color:var(--bad)}
.scroll{overflow-x:auto;max-width:100%;margin:.5rem 0 1rem;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{padding:.3rem .55rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:var(--soft);white-space:nowrap}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.ok{color:var(--ok)}.warn{color:var(--warn)}.bad{color:var(--bad)}
.tag{display:inline-block;padding:0 .35rem;border-radius:3px;font-size:.8rem;background:var(--soft);border:1px solid var(--line)}
.u{display:inline-flex;align-items:center;gap:.3rem;white-space:nowrap;font-variant-numeric:tabular-nums}
.u svg{width:4.5rem;height:.7rem;flex:none}
figure{margin:.6rem 0 1.2rem}
figure svg{display:block;width:100%;height:auto;max-width:600px}
.estate{display:flex;align-items:center;gap:.8rem;margin:.6rem 0}
.rooms{display:flex;flex-direction:column;gap:.5rem;flex:1 1 0;min-width:0;max-width:22rem}
.room{border:1px solid #9aa5b1;border-radius:6px;background:var(--soft);padding:.4rem .6rem}
.room.dc{background:#eaf2fb;border-color:var(--accent)}
.room b{display:block}
.room span{display:block;font-size:.8rem;color:var(--muted)}
.room svg{display:block;width:100%;max-width:15rem;height:auto;margin-top:.3rem}
.arrow{display:flex;flex-direction:column;align-items:center;color:var(--accent);font-size:2rem;line-height:1}
.arrow small{font-size:.75rem}
.arrow .narrow{display:none}
figcaption{font-size:.85rem;color:var(--muted);margin-top:.2rem}
.notice{border:1px solid var(--line);border-left:4px solid var(--warn);padding:.5rem .7rem;background:#fffaf0;margin:.6rem 0}
footer{margin-top:3rem;font-size:.8rem;color:var(--muted);border-top:1px solid var(--line);padding-top:.5rem}
@media (max-width:600px){.estate{flex-direction:column;align-items:stretch}.rooms{max-width:none}.arrow .wide{display:none}.arrow .narrow{display:inline}body{font-size:14px;padding:0 .6rem 2rem}h1{font-size:1.3rem}th,td{padding:.25rem .35rem}.figure b{font-size:1.15rem}}
@media print{
@page{margin:14mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{max-width:none;padding:0;font-size:10pt}
nav{display:none}
header{border-bottom-width:2px}
h2{break-after:avoid;page-break-after:avoid;margin-top:1.2rem}
h3{break-after:avoid}
.scroll{overflow:visible}
table{font-size:8.5pt}
thead{display:table-header-group}
tr,figure,.figure,.notice{break-inside:avoid;page-break-inside:avoid}
a{color:inherit;text-decoration:none}
figure svg{max-width:100%}
}
""";
}
