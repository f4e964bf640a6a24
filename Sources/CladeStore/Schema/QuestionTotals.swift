/// The per-question counts of a run that `clade check` reports, gathered by `RunScan`'s pass or
/// by SQL. The totals of two ranges of question ids add up.
struct QuestionTotals: Equatable, Sendable {
    var questions = 0
    /// The summed weight of the run's questions.
    var volume = 0.0
    var rated = 0
    var nullTexts = 0
    var longTexts = 0
    /// In characters, as SQLite's `length()` counts them.
    var longestText = 0
    /// asked_at set but not a date SQLite reads.
    var undated = 0
    /// Questions without an assignment row.
    var unassigned = 0
    /// Questions with at least one capability tag.
    var tagged = 0

    static func + (a: QuestionTotals, b: QuestionTotals) -> QuestionTotals {
        QuestionTotals(
            questions: a.questions + b.questions, volume: a.volume + b.volume, rated: a.rated + b.rated,
            nullTexts: a.nullTexts + b.nullTexts, longTexts: a.longTexts + b.longTexts, longestText: max(a.longestText, b.longestText),
            undated: a.undated + b.undated, unassigned: a.unassigned + b.unassigned, tagged: a.tagged + b.tagged
        )
    }
}
