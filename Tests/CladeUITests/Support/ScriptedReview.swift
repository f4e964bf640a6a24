import CladeCore
import CladeStore
import Foundation

/// A short review of the sample by two reviewers, through the real store: a merge, a relabel,
/// priorities, notes, prioritisation inputs, an action, a dismissal, an undone decision, a
/// threshold and a capability verdict. Timestamps are fixed so reports are reproducible.
enum ScriptedReview {
    static func apply(to path: String) throws {
        let app = try AppDatabase.open(path: path)
        let data = try DatasetLoader.load(app)
        func id(_ name: String) throws -> ClusterID {
            guard let c = data.clusters.first(where: { $0.name == name }) else { throw CocoaError(.fileNoSuchFile) }
            return c.id
        }
        let start = Date(timeIntervalSince1970: 1_796_112_000)  // 2026-12-01T08:00:00Z
        nonisolated(unsafe) var tick = 0.0
        let clock: @Sendable () -> Date = { tick += 60; return start.addingTimeInterval(tick) }
        let ana = DecisionStore(app: app, reviewer: "ana", now: clock)
        let ben = DecisionStore(app: app, reviewer: "ben", now: clock)

        try ana.commit(.merge(sources: [try id("Open RFIs")], into: try id("RFI status"), name: nil))
        try ana.commit(.relabel(try id("Unclustered"), name: "Chit-chat and odd requests", description: nil))
        let fiscal = try id("Fiscal-year budgets")
        try ana.commit(.setPriority(fiscal, 0))
        try ana.commit(.setIssueType(fiscal, .capability))
        try ana.commit(.setNote(fiscal, "Cost sheets are filed by calendar year: normalise FY dates before retrieval"))
        try ana.commit(.setPrioritisation(fiscal, PrioritisationInputs(impact: 5, effort: 2, risk: 2, success: 0.7)))
        try ana.commit(.capabilityVerdict(fiscal, 7, .confirmed))
        let milestones = try id("Milestones and completion dates")
        try ben.commit(.setAction(milestones, .redirect))
        try ben.commit(.setNote(milestones, "Answered in the scheduling software: send users there"))
        try ben.commit(.setPriority(milestones, 1))
        try ben.commit(.dismiss(try id("Weather at the site"), reason: .outOfScope))
        try ben.commit(.setReviewed(try id("Specifications"), true))
        try ben.undo()
        try ana.commit(.setThreshold(key: ThresholdKey.minRatings.rawValue, value: "20"))
    }
}
