/// The twelve weeks the sample covers, with integer-only civil dates (no Foundation, no time zone
/// database), so that timestamps are the same on every machine.
enum SampleCalendar {
    /// Monday 7 September 2026 (Labor Day), the first day of the run.
    static let firstDay = (year: 2026, month: 9, day: 7)
    static let weeks = 12
    static let dayCount = weeks * 7
    /// When the pipeline ran: the morning after the last day.
    static let runCreatedAt = "2026-11-30T06:00:00Z"

    /// Days of the run that are US holidays: Labor Day, Thanksgiving and the day after.
    static let holidays: [Int] = [0, 80, 81]
    /// The site offices keep US Eastern time; daylight saving ends on day 55 (1 November).
    static let standardTimeFromDay = 55

    /// Monday 0 … Sunday 6.
    static let weekdayWeights: [Double] = [1.0, 1.05, 1.0, 0.95, 0.75, 0.12, 0.06]
    /// Local hour 0…23: crews start early, offices ask through the afternoon.
    static let hourWeights: [Double] = [
        0.02, 0.02, 0.02, 0.02, 0.05, 0.3, 1.2, 2.2, 2.6, 2.4, 2.2, 2.0,
        1.4, 2.0, 2.1, 1.9, 1.4, 0.8, 0.5, 0.4, 0.35, 0.3, 0.15, 0.05,
    ]

    /// Relative weight of each day of the run for a topic whose weekly volume follows `weekly`.
    static func dayWeights(weekly: [Double]) -> [Double] {
        (0..<dayCount).map { day in
            let holiday = holidays.contains(day) ? 0.15 : 1.0
            return weekly[day / 7] * weekdayWeights[day % 7] * holiday
        }
    }

    /// Seconds since the first day's midnight UTC for a local (US Eastern) time on a day of the run.
    static func utcSeconds(day: Int, localHour: Int, minute: Int, second: Int) -> Int {
        let offset = day >= standardTimeFromDay ? 5 : 4
        return ((day * 24 + localHour + offset) * 60 + minute) * 60 + second
    }

    /// `2026-09-07T14:05:09Z`.
    static func iso8601(utcSeconds: Int) -> String {
        let day = utcSeconds / 86_400
        let rest = utcSeconds % 86_400
        let date = civil(daysSinceEpoch: firstDayEpoch + day)
        return "\(date.year)-\(pad(date.month))-\(pad(date.day))T\(pad(rest / 3600)):\(pad(rest / 60 % 60)):\(pad(rest % 60))Z"
    }

    /// A calendar date `offset` days after the first day.
    static func date(dayOffset offset: Int) -> (year: Int, month: Int, day: Int) {
        civil(daysSinceEpoch: firstDayEpoch + offset)
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    static func pad(_ n: Int, width: Int = 2) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static let firstDayEpoch = daysSinceEpoch(year: firstDay.year, month: firstDay.month, day: firstDay.day)

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, integer only).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(daysSinceEpoch z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
