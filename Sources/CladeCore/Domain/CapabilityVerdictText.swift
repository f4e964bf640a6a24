/// The reviewer's capability verdicts (`c` confirms, `x` rejects) in words, for the detail and
/// the report.
extension Dataset {
    /// `Fiscal-year dates 40% (confirmed)`: a capability's share of a cluster's questions, and the
    /// verdict on it when there is one.
    public func capabilityText(_ cap: Capability, in c: Cluster) -> String {
        let v = c.capabilityVolume[cap.id] ?? 0
        let share = c.stats.volume > 0 && v > 0 ? " " + Format.percent(v / c.stats.volume, decimals: 0) : ""
        let verdict = c.capabilityVerdicts[cap.id].map { " (\($0.rawValue))" } ?? ""
        return cap.name + share + verdict
    }

    /// `confirmed: Fiscal-year dates`, `rejected: Ownership, Summarise`: one entry per verdict given.
    public func verdictLines(of c: Cluster) -> [String] {
        CapabilityVerdict.allCases.compactMap { verdict in
            let names = c.capabilityVerdicts.filter { $0.value == verdict }.keys.sorted().compactMap { capability($0)?.name }
            return names.isEmpty ? nil : "\(verdict.rawValue): " + names.joined(separator: ", ")
        }
    }
}
