/// Values for the `{slot}`s of the question templates.
enum SampleFillers {
    /// Projects, most asked about first; "Café Riverside" (the café fit-out) is rare on purpose.
    static let projects: [(name: String, weight: Double)] = [
        ("Mills", 3), ("Harbor", 3), ("Riverside", 2.5), ("Eastgate", 2.5), ("Oakwood", 1.5), ("Pier 9", 1),
        ("Café Riverside", 0.15),
    ]

    static let lists: [String: [String]] = [
        "discipline": ["architectural", "structural", "electrical", "mechanical", "plumbing", "civil", "landscape", "fire protection"],
        "detail": ["stair", "curtain wall", "roof drain", "door frame", "parapet", "footing", "expansion joint", "window head"],
        "system": ["sprinkler", "HVAC duct", "lighting", "storm drain", "fire alarm", "low voltage", "domestic water"],
        "area": ["lobby", "parking garage", "east stair", "loading dock", "mechanical room", "roof", "retail space", "level 2 corridor"],
        "element": [
            "doors", "windows", "light fixtures", "sprinkler heads", "parking stalls", "columns", "outlets", "fire dampers",
            "toilets", "rooftop units", "smoke detectors",
        ],
        "reldate": [
            "last week", "yesterday", "this week", "last month", "two weeks ago", "over the past 30 days", "today",
            "this morning", "last Tuesday", "since Monday",
        ],
        "soon": ["next week", "tomorrow", "next Friday", "this week", "today", "on Monday", "over the next two weeks"],
        "range": [
            "between Oct 1 and Oct 15", "from Sept 14 to Oct 2", "in Q3", "for October", "Sept through Nov",
            "between 9/1 and 9/30", "in the first half of October", "from Aug 1 to date",
        ],
        "fy": ["FY27", "FY27", "FY26", "FY26", "FY25", "fiscal 2027", "FY 2026", "fy27", "fiscal year 2026", "FY2027"],
        "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "month": ["August", "September", "October", "Sept", "Oct"],
        "material": [
            "concrete", "rebar", "structural steel", "drywall", "glazing", "roofing membrane", "ductwork", "copper pipe",
            "CMU", "lumber", "insulation", "waterproofing", "ceiling tile",
        ],
        "property": ["compressive strength", "thickness", "fire rating", "finish", "R-value", "slump", "tolerance", "minimum cover"],
        "spec": ["03 30 00", "05 12 00", "07 21 00", "07 54 00", "08 44 13", "09 29 00", "22 11 16", "23 31 13", "26 05 19", "31 23 33"],
        "specTopic": [
            "mock-ups", "submittals", "warranty", "cold-weather placement", "field quality control", "substitutions",
            "delivery and storage", "tolerances",
        ],
        "brand": ["Hilti", "USG", "Kawneer", "Sika", "Carlisle", "Simpson Strong-Tie", "Tremco", "Armstrong"],
        "rfiTopic": [
            "stair stringer", "beam penetration", "door hardware", "slab edge", "roof drain", "embed plates",
            "ceiling height conflict", "duct clash at grid C", "elevator pit depth", "footing at grid 4",
        ],
        "role": [
            "superintendent", "project manager", "safety officer", "architect", "structural engineer", "owner's rep",
            "MEP coordinator", "project engineer", "assistant super",
        ],
        "trade": [
            "drywall", "electrical", "plumbing", "HVAC", "concrete", "steel", "framing", "roofing", "glazing",
            "fire sprinkler", "elevator", "painting", "earthwork", "masonry",
        ],
        // One supplier's name is in Japanese, as it appears on its invoices.
        "supplier": ["Ferguson", "Pacific Rebar", "ABC Supply", "Graybar", "Hilti", "東邦鋼材", "Summit Lumber", "White Cap"],
        "sub": [
            "Keller Concrete", "Apex Electric", "Müller Mechanical", "Bright Glass", "Northline Plumbing", "Summit Drywall",
            "Ironside Steel", "Delta Fire Protection",
        ],
        "duty": [
            "winter protection", "temporary power", "dewatering", "final cleaning", "hoisting", "fire watch",
            "as-built drawings", "snow removal", "traffic control",
        ],
        "contractTopic": [
            "escalation", "force majeure", "termination for convenience", "the warranty period", "dispute resolution",
            "allowances", "indemnification", "pay-when-paid",
        ],
        "meetingTopic": [
            "the roof leak", "the elevator lead time", "the parking garage layout", "the lobby finishes", "site access",
            "the crane schedule", "the curtain wall delay",
        ],
        "siteEvent": ["a concrete delivery", "an inspection", "a utility strike", "rain delays", "a visit from the owner", "a crane pick"],
        "milestone": [
            "substantial completion", "topping out", "dry-in", "TCO", "final inspection", "the slab pour", "steel erection",
            "MEP rough-in", "curtain wall install", "the punch walk", "elevator turnover",
        ],
        "costItem": [
            "temporary fencing", "dumpsters", "traffic control", "survey", "winter heat", "testing and inspection",
            "porta-johns", "site security",
        ],
        "equipment": ["scissor lift", "telehandler", "tower crane", "boom lift", "mini excavator", "generator", "concrete pump", "forklift"],
        "task": ["hot work", "working at height", "concrete cutting", "crane lifts", "trenching", "demolition", "roofing work"],
        "hazard": [
            "fall protection", "silica exposure", "confined spaces", "excavations", "crane lifts", "hot work", "scaffolding",
            "lockout/tagout",
        ],
        "permit": [
            "building permit", "electrical permit", "hot work permit", "crane permit", "street closure permit",
            "demolition permit", "excavation permit",
        ],
        "inspection": [
            "framing inspection", "fire marshal inspection", "rebar inspection", "final electrical", "insulation inspection",
            "elevator inspection", "footing inspection",
        ],
        "codeItem": ["stair width", "corridor width", "exit separation", "handrail height", "egress window size", "ceiling height"],
        "adaItem": ["restrooms", "parking stalls", "ramps", "door hardware", "drinking fountains"],
        "occupancy": ["business", "assembly", "educational", "residential"],
        "incident": ["ladder fall", "struck-by incident", "hand laceration", "forklift near miss", "dropped object", "trench wall collapse"],
        "person": ["Dana Ortiz", "Raj Patel", "Mei Chen", "Tom Walsh", "Sofia Reyes", "Luc Bérard", "Kwame Mensah", "Jenny O'Neil"],
        "issue": ["a broken gate", "a utility locate", "a noise complaint", "a damaged delivery", "the elevator key", "neighbor parking"],
        "acronym": ["ASI", "CCD", "GMP", "RFI", "TCO", "AHJ", "SOV"],
    ]

    private static let drawingDisciplines: [(letter: String, weight: Double)] = [
        ("A", 4), ("S", 2), ("M", 1.5), ("E", 1.5), ("P", 1), ("C", 0.5),
    ]
    private static let costDivisions = ["01", "02", "03", "05", "06", "07", "08", "09", "21", "22", "23", "26", "31", "32"]
    private static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
    private static let ordinals = ["2nd", "3rd", "4th", "5th", "6th"]

    /// A value for `slot`, or nil when the slot is unknown.
    static func value(for slot: String, using rng: inout SeededRandom) -> String? {
        let pad = SampleCalendar.pad
        switch slot {
        case "project":
            return projects[rng.index(weights: projects.map(\.weight))].name
        case "level":
            switch rng.int(below: 10) {
            case 0..<4: return "level \(rng.int(in: 1...6))"
            case 4..<6: return "L\(rng.int(in: 1...6))"
            case 6..<8: return "the \(rng.pick(ordinals)) floor"
            case 8: return rng.pick(["the basement", "the roof", "level P1"])
            default: return "the ground floor"
            }
        case "drawing":
            let letter = drawingDisciplines[rng.index(weights: drawingDisciplines.map(\.weight))].letter
            let sheet = "\(rng.int(in: 1...5))\(pad(rng.int(in: 1...12), 2))"
            return rng.chance(0.1) ? letter + sheet : letter + "-" + sheet
        case "rev":
            let letter = rng.pick(["B", "C", "D", "E", "F", "G"])
            switch rng.int(below: 4) {
            case 0: return "Rev \(letter)"
            case 1: return "rev \(rng.int(in: 1...6))"
            case 2: return "Rev. \(letter)"
            default: return "R\(rng.int(in: 1...6))"
            }
        case "date":
            let date = SampleCalendar.date(dayOffset: rng.int(in: -40...83))
            switch rng.int(below: 3) {
            case 0: return "\(monthAbbreviations[date.month - 1]) \(date.day)"
            case 1: return "\(date.month)/\(date.day)"
            default: return "\(SampleCalendar.monthNames[date.month - 1]) \(date.day)"
            }
        case "rfi":
            let n = rng.int(in: 1...240)
            switch rng.int(below: 4) {
            case 0: return "RFI \(n)"
            case 1: return "RFI-\(pad(n, 3))"
            case 2: return "RFI #\(n)"
            default: return "rfi \(n)"
            }
        case "submittal":
            let n = rng.int(in: 1...60)
            switch rng.int(below: 3) {
            case 0: return "submittal \(rng.pick(lists["spec"]!))-\(pad(rng.int(in: 1...12), 3))"
            case 1: return "SUB-\(pad(n, 3))"
            default: return "submittal #\(n)"
            }
        case "co":
            let n = rng.int(in: 1...48)
            return rng.pick(["CO #\(n)", "CO-\(pad(n, 3))", "change order \(n)"])
        case "pco":
            let n = rng.int(in: 1...140)
            return rng.pick(["PCO \(n)", "PCO-\(pad(n, 3))", "PCO #\(n)"])
        case "amount":
            switch rng.int(below: 3) {
            case 0: return "$" + thousands(rng.int(in: 2...190) * 500)
            case 1: return "$\(rng.int(in: 1...90) * 10)k"
            default: return "$\(rng.int(in: 1...4)).\(rng.int(in: 0...9))M"
            }
        case "costcode":
            return "\(rng.pick(costDivisions))-\(rng.int(in: 10...90) * 10)"
        case "payapp":
            let n = rng.int(in: 1...14)
            return rng.chance(0.5) ? "#\(n)" : "\(n)"
        case "invoice":
            let n = rng.int(in: 10_000...99_999)
            return rng.chance(0.6) ? "INV-\(n)" : "\(n)"
        default:
            guard let list = lists[slot] else { return nil }
            return rng.pick(list)
        }
    }

    /// 12500 → "12,500".
    static func thousands(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
