/// The report's stylesheet, inlined: readable on screen, black-and-white safe on paper (codes,
/// patterns and rules carry the meaning; colour only repeats it).
public enum HTMLStyle {
    public static let css = """
    :root { --ink: #1b1f24; --muted: #5b6470; --rule: #d0d5db; --bar: #7a9cc6; --line: #1b1f24;
            --danger: #b3261e; --warn: #8a5a00; --ok: #2e6b30; --shade: 43, 74, 128; }
    * { box-sizing: border-box; }
    body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink);
           max-width: 1100px; margin: 0 auto; padding: 24px; overflow-wrap: break-word; }
    h1 { font-size: 1.9em; margin: 0 0 .2em; }
    h2 { font-size: 1.35em; border-bottom: 2px solid var(--ink); padding-bottom: .2em; margin-top: 2em; }
    h3 { font-size: 1.1em; margin: 1.6em 0 .3em; }
    .meta, .muted, figcaption { color: var(--muted); }
    table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: .92em; }
    th, td { border-bottom: 1px solid var(--rule); padding: .25em .5em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
    th { border-bottom: 2px solid var(--ink); vertical-align: bottom; overflow-wrap: normal; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.num { white-space: nowrap; }
    .code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; white-space: nowrap; }
    .danger { color: var(--danger); font-weight: 700; }
    .warn { color: var(--warn); font-weight: 600; }
    .ok { color: var(--ok); }
    .grid { table-layout: fixed; }
    .grid td { border: 1px solid var(--rule); width: 50%; padding: .5em .6em; }
    .grid td.danger-cell { border: 3px double var(--danger); }
    .grid .cell-head { font-weight: 700; }
    .grid ul { margin: .3em 0 0; padding-left: 1.1em; }
    .charts { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
    figure { margin: .4em 0; }
    svg.chart { max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
    svg.chart text { fill: var(--muted); }
    svg.chart .axis { stroke: var(--ink); stroke-width: 1; }
    svg.chart .bar { fill: var(--bar); }
    svg.chart .bar.danger { fill: var(--danger); }
    svg.chart .bar.warn { fill: #d7a84a; }
    svg.chart .bar.ok { fill: #7fb383; }
    svg.chart .bar.unjudged { fill: #b9bfc6; }
    svg.chart .hatch-bg { fill: #f0d6d4; }
    svg.chart .hatch { stroke: var(--danger); stroke-width: 2; }
    svg.chart .line { fill: none; stroke: var(--line); stroke-width: 2; }
    svg.chart .dot { fill: #fff; stroke: var(--line); stroke-width: 2; }
    svg.chart .dot.low { fill: var(--line); }
    svg.chart .threshold { stroke: var(--danger); stroke-width: 1.5; stroke-dasharray: 5 4; }
    .matrix td.num { min-width: 3.2em; }
    .matrix th.num span { writing-mode: vertical-rl; transform: rotate(180deg); display: inline-block; max-height: 11em; text-align: left; }
    .meta .code { white-space: normal; overflow-wrap: anywhere; }
    table.log td:first-child { white-space: nowrap; }
    .s1 { background: rgba(var(--shade), .10); } .s2 { background: rgba(var(--shade), .25); }
    .s3 { background: rgba(var(--shade), .45); } .s4 { background: rgba(var(--shade), .70); color: #fff; font-weight: 700; }
    article.cluster { border-top: 1px solid var(--rule); }
    blockquote { margin: .4em 0; padding-left: .8em; border-left: 3px solid var(--rule); }
    footer { margin-top: 3em; color: var(--muted); font-size: .85em; }
    @page { margin: 14mm; }
    @media print {
    \(printRules)
    }
    """

    /// The rules for paper (A4 or Letter, whichever the printer has): smaller type, the full
    /// width, nothing split across pages that reads badly split. Apart so that a test can lay
    /// the page out with them at a sheet's width and measure.
    public static let printRules = """
      body { font-size: 10pt; max-width: none; padding: 0; }
      table { font-size: 8.5pt; }
      h2 { break-after: avoid; page-break-after: avoid; }
      article.cluster, figure, table.grid, tr { break-inside: avoid; page-break-inside: avoid; }
      .s1, .s2, .s3, .s4 { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      a { color: inherit; text-decoration: none; }
    """
}
