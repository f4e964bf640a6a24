import CladeCore
import CladeUI
import Foundation
import Testing

/// The segment grid in the real app on a copy of the sample: thresholds changed with keys move
/// clusters between cells on the next frame, and stay changed after a restart.
@Suite(.serialized) struct SegmentGridAppTests {
    /// The segment code of the cell a cluster is listed in on a 120-column grid screen.
    static func cell(of name: String, in screen: String) -> String? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0)) }
        let divider = 59
        guard let row = lines.firstIndex(where: { String($0).contains(name) }) else { return nil }
        let line = String(lines[row])
        let column = line.distance(from: line.startIndex, to: line.range(of: name)!.lowerBound)
        let side: (Int, Int) = column < divider ? (1, divider) : (divider + 1, lines[row].count - 1)
        for r in stride(from: row, through: 0, by: -1) where lines[r].count > side.1 {
            let half = String(lines[r][side.0..<side.1])
            if half.hasPrefix(" ?·?·? ") { return "?·?·?" }
            let code = half.dropFirst().prefix(5)
            if code.count == 5, code.enumerated().allSatisfy({ $0.offset % 2 == 1 ? $0.element == "·" : "HL".contains($0.element) }), half.dropFirst(6).first != nil, r != row {
                return String(code)
            }
        }
        return nil
    }

    @Test func changingAThresholdMovesClustersAtOnceAndSurvivesARestart() throws {
        let app = try SampleApp(width: 120, height: 40)
        var screen = app.type("4").text
        #expect(Self.cell(of: "Site logistics and deliveries", in: screen) == "L·H·L")
        #expect(Self.cell(of: "Fiscal-year budgets", in: screen) == "H·L·L")
        #expect(Self.cell(of: "Milestones and completion dates", in: screen) == "H·H·L")

        screen = app.type("tr<C-u>0.6<Enter>").text
        #expect(Self.cell(of: "Site logistics and deliveries", in: screen) == "L·L·L")  // relevance 0.59
        #expect(screen.contains("relevance < 0.60*"))
        #expect(screen.contains("Threshold: low relevance below 0.60 · u undoes"))
        screen = app.type("tm<C-u>20<Enter>").text
        #expect(Self.cell(of: "Weather at the site", in: screen) == "?·?·?")  // 19 rated rows
        #expect(app.state.dataset.thresholds.minRatings == 20)

        let restarted = try SampleApp(width: 120, height: 40, reopening: app)
        screen = restarted.type("4").text
        #expect(Self.cell(of: "Site logistics and deliveries", in: screen) == "L·L·L")
        #expect(Self.cell(of: "Weather at the site", in: screen) == "?·?·?")
        #expect(screen.contains("judged from 20 ratings*"))
        screen = restarted.type("uu").text
        #expect(Self.cell(of: "Site logistics and deliveries", in: screen) == "L·H·L")
        #expect(Self.cell(of: "Weather at the site", in: screen) == "L·L·L")
    }

    @Test func enterOnAGridClusterSelectsItInTheClustersPane() throws {
        let app = try SampleApp(width: 120, height: 40)
        let screen = app.type("4/fiscal<Enter><Enter>").text
        #expect(app.state.view == .main && app.state.focus == .clusters)
        #expect(app.state.selectedCluster?.name == "Fiscal-year budgets")
        #expect(screen.split(separator: "\n").contains { $0.contains("│›") && $0.contains("Fiscal-year budgets") })
    }

    @Test func highContrastSwitchesTheRunnersThemeWithoutDimText() throws {
        let app = try SampleApp(width: 80, height: 24)
        app.type("T")
        #expect(app.runner.theme.highContrast && app.backend.theme.highContrast)
        for style in Style.allCases { #expect(!app.runner.theme.appearance(style).dim, "\(style)") }
        for style in Style.allCases { #expect(!Theme.mono.withHighContrast(true).appearance(style).dim, "\(style)") }
        app.type("T")
        #expect(!app.runner.theme.highContrast)
    }
}
