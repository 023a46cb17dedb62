// Delivery metrics (`I`): per environment, the figures and weekly sparklines `airlock stats` prints, same words.

import AirlockCore

struct StatsOverlay: OverlayWidget {
    let state: AppState
    let scroll: Int

    func draw(on grid: inout Grid) {
        let lines = Self.lines(state.statsPage)
        let frame = OverlayFrame.draw(on: &grid, title: "Delivery metrics — last 30 days", height: lines.count + 2)
        ScrolledText(lines: lines, offset: scroll).draw(in: frame, on: &grid)
    }

    /// The view's lines: the heading, each environment's rows (label, figure, sparkline), what was read.
    static func lines(_ page: StatsPage?) -> [Line] {
        switch page {
        case nil, .reading?: return [Line("reading the audit log…", .dim)]
        case .failed(let text)?: return [Line(text, .error)]
        case .ready(let stats, let pipeline)?:
            var out = [Line(DeliveryText.heading(stats, pipeline: pipeline), .dim)]
            for e in stats.environments {
                out.append(.blank)
                out.append(Line(e.name, .header, bold: true))
                let rows = DeliveryText.rows(e, period: stats.period)
                let labelWidth = rows.map { Grid.width(of: $0.label) }.max() ?? 0
                let figureWidth = rows.filter { !$0.spark.isEmpty }.map { Grid.width(of: $0.figure) }.max() ?? 0
                for r in rows {
                    let label = "  " + r.label.padding(toLength: labelWidth + 2, withPad: " ", startingAt: 0)
                    let figure = r.figure.padding(toLength: figureWidth + 2, withPad: " ", startingAt: 0)
                    let text = r.missing ? Span(r.figure, .dim) : Span(figure, .normal)
                    out.append(Line([Span(label, .normal), text, Span(r.spark, .accent)]))
                }
            }
            out.append(.blank)
            out.append(Line(DeliveryText.footer(stats), .dim))
            return out
        }
    }
}
