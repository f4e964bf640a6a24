/// What the sample database says: a construction firm's assistant over its project documents.
/// The figures (rows, relevance, satisfaction, week shapes) are chosen so that the findings listed
/// in `sample-data/README.md` land in the intended segments under the default thresholds.
enum SampleStory {
    static let seed: UInt64 = 20_260_907
    static let generatorVersion = 1
    static let title = "Northwind Builders — project assistant (sample)"
    static let embeddingModel = "synthetic-topic-48"
    /// Share of a cluster's questions that carry a thumbs-up or -down, unless the cluster sets its own.
    static let defaultRatedShare = 0.37

    static let parents: [ParentSpec] = [
        ParentSpec(
            id: 1, key: "document-search", name: "Document search",
            description: "Finding and reading project documents: drawings, specifications, RFIs, submittals, contracts and logs.",
            keywords: ["drawings", "specs", "RFI", "submittal", "contract", "find", "document"]
        ),
        ParentSpec(
            id: 2, key: "scheduling", name: "Scheduling",
            description: "Dates, milestones, look-ahead schedules and who is on site when.",
            keywords: ["schedule", "milestone", "lookahead", "date", "delay", "crew"]
        ),
        ParentSpec(
            id: 3, key: "cost-budget", name: "Cost & budget",
            description: "Budgets, actual costs, unit rates, invoices and cost comparisons between projects.",
            keywords: ["budget", "cost", "invoice", "spend", "unit rate", "forecast"]
        ),
        ParentSpec(
            id: 4, key: "compliance-safety", name: "Compliance & safety",
            description: "Safety plans, permits, inspections, code requirements and incident reports.",
            keywords: ["safety", "permit", "inspection", "OSHA", "code", "incident"]
        ),
        ParentSpec(
            id: 5, key: "other", name: "Other",
            description: "Contacts, site logistics, equipment, summaries and questions about the assistant itself.",
            keywords: ["contact", "logistics", "equipment", "summary", "assistant", "delivery"]
        ),
    ]

    static let leaves: [LeafSpec] = [
        // Document search
        LeafSpec(
            id: 10, key: "drawing-search", parent: 1, name: "Drawing search",
            description: "Finding drawing sheets and plan sets by discipline, area or system.",
            keywords: ["drawings", "sheet", "plans", "discipline", "layout", "details", "find"],
            rows: 168, weight: 4, ratedShare: 0.36,
            intents: [Intent("drawing-search", relevance: 0.68, satisfaction: 0.72, templates: SampleTemplates.drawingSearch)]
        ),
        LeafSpec(
            id: 11, key: "drawing-counts-revisions", parent: 1, name: "Drawing counts and revisions",
            description: "Questions about drawings: counting what a sheet shows and finding which revision is current.",
            keywords: ["drawing", "how many", "count", "revision", "current", "sheet", "level", "rev"],
            rows: 400, ratedShare: 0.38,
            intents: [
                Intent("drawing-count", share: 0.5, relevance: 0.58, satisfaction: 0.46, templates: SampleTemplates.drawingCount),
                Intent("drawing-revision", share: 0.5, relevance: 0.71, satisfaction: 0.86, templates: SampleTemplates.drawingRevision),
            ]
        ),
        LeafSpec(
            id: 12, key: "specifications", parent: 1, name: "Specifications",
            description: "Requirements in the project specifications: materials, products, tolerances and testing.",
            keywords: ["spec", "specification", "section", "requirement", "product", "material", "testing"],
            rows: 250, ratedShare: 0.36,
            intents: [Intent("specifications", relevance: 0.44, satisfaction: 0.78, templates: SampleTemplates.specifications)]
        ),
        LeafSpec(
            id: 13, key: "rfi-status", parent: 1, name: "RFI status",
            description: "Status and answers of specific requests for information (RFIs).",
            keywords: ["rfi", "status", "response", "answered", "architect", "open", "pending"],
            rows: 235,
            intents: [Intent("rfi-status", relevance: 0.64, satisfaction: 0.68, templates: SampleTemplates.rfiStatus)]
        ),
        LeafSpec(
            id: 14, key: "open-rfis", parent: 1, name: "Open RFIs",
            description: "Lists of RFIs that are still open, overdue or waiting on someone.",
            keywords: ["rfi", "open", "overdue", "pending", "status", "list", "response"],
            rows: 170, twinOf: "rfi-status",
            // The same intent as "RFI status": the pipeline split one topic in two.
            intents: [Intent("rfi-status", relevance: 0.62, satisfaction: 0.66, templates: SampleTemplates.openRFIs)]
        ),
        LeafSpec(
            id: 15, key: "submittals", parent: 1, name: "Submittal status",
            description: "Status of submittals and shop drawings, and the reviewers' comments.",
            keywords: ["submittal", "shop drawings", "approved", "review", "status", "resubmit", "product data"],
            rows: 165,
            intents: [Intent("submittals", relevance: 0.66, satisfaction: 0.72, templates: SampleTemplates.submittals)]
        ),
        LeafSpec(
            id: 16, key: "submittal-log-exports", parent: 1, name: "Submittal log exports",
            description: "Exporting the submittal log to a spreadsheet, filtered by project, trade or status.",
            keywords: ["submittal log", "export", "excel", "csv", "spreadsheet", "download", "filter"],
            rows: 75, ratedShare: 0.45,
            intents: [Intent("submittal-log-exports", relevance: 0.79, satisfaction: 0.91, templates: SampleTemplates.submittalLogExports)]
        ),
        LeafSpec(
            id: 17, key: "contract-terms", parent: 1, name: "Contract terms",
            description: "Clauses of owner contracts and subcontracts: retainage, notice, liquidated damages, insurance.",
            keywords: ["contract", "clause", "retainage", "liquidated damages", "notice", "insurance", "subcontract"],
            rows: 175,
            intents: [Intent("contract-terms", relevance: 0.61, satisfaction: 0.67, templates: SampleTemplates.contractTerms)]
        ),
        LeafSpec(
            id: 18, key: "change-orders", parent: 1, name: "Change orders",
            description: "Change orders and potential change orders: status, value and scope.",
            keywords: ["change order", "PCO", "approved", "value", "scope", "owner"],
            rows: 150,
            intents: [Intent("change-orders", relevance: 0.65, satisfaction: 0.70, templates: SampleTemplates.changeOrders)]
        ),
        LeafSpec(
            id: 19, key: "daily-reports", parent: 1, name: "Daily logs and minutes",
            description: "Entries in daily logs, site diaries and meeting minutes.",
            keywords: ["daily log", "minutes", "site diary", "meeting", "report", "manpower", "OAC"],
            rows: 130,
            intents: [Intent("daily-reports", relevance: 0.63, satisfaction: 0.74, templates: SampleTemplates.dailyReports)]
        ),
        // Scheduling: retrieval finds the schedule documents, but the answers come out wrong.
        LeafSpec(
            id: 20, key: "milestone-dates", parent: 2, name: "Milestones and completion dates",
            description: "When milestones and completion dates fall, and whether they have slipped.",
            keywords: ["schedule", "milestone", "completion", "date", "delay", "critical path", "pour"],
            rows: 232, ratedShare: 0.41, shape: .growing(0.7),
            intents: [Intent("milestone-dates", relevance: 0.63, satisfaction: 0.24, templates: SampleTemplates.milestoneDates)]
        ),
        LeafSpec(
            id: 21, key: "crew-lookahead", parent: 2, name: "Crews and look-ahead",
            description: "Who is on site when, and what the short-term look-ahead schedule says.",
            keywords: ["lookahead", "crew", "manpower", "schedule", "next week", "trade", "sequence"],
            rows: 224, ratedShare: 0.40, shape: .growing(0.7),
            intents: [Intent("crew-lookahead", relevance: 0.61, satisfaction: 0.26, templates: SampleTemplates.crewLookahead)]
        ),
        // Cost & budget
        LeafSpec(
            id: 30, key: "budget-vs-actual", parent: 3, name: "Budget vs actual",
            description: "Budget, committed and actual cost by project, trade or cost code.",
            keywords: ["budget", "actual", "cost", "committed", "variance", "forecast", "overrun"],
            rows: 235,
            intents: [Intent("budget-vs-actual", relevance: 0.70, satisfaction: 0.82, templates: SampleTemplates.budgetVsActual)]
        ),
        LeafSpec(
            id: 31, key: "unit-rates", parent: 3, name: "Unit rates and cost codes",
            description: "Unit rates, labor rates, cost codes and pricing references.",
            keywords: ["unit rate", "cost code", "price", "per square foot", "pricing", "rate", "estimate"],
            rows: 150,
            intents: [Intent("unit-rates", relevance: 0.72, satisfaction: 0.85, templates: SampleTemplates.unitRates)]
        ),
        LeafSpec(
            id: 32, key: "invoices", parent: 3, name: "Invoices and pay applications",
            description: "Subcontractor and supplier invoices, pay applications and what has been paid.",
            keywords: ["invoice", "pay app", "payment", "paid", "billing", "retainage", "supplier"],
            rows: 170,
            intents: [Intent("invoices", relevance: 0.69, satisfaction: 0.80, templates: SampleTemplates.invoices)]
        ),
        LeafSpec(
            id: 33, key: "cost-comparison", parent: 3, name: "Cost comparison across projects",
            description: "Comparing costs between projects or against benchmarks.",
            keywords: ["compare", "cost", "projects", "per square foot", "benchmark", "total"],
            rows: 120,
            intents: [Intent("cost-comparison", relevance: 0.62, satisfaction: 0.74, templates: SampleTemplates.costComparison)]
        ),
        // Cost documents are filed by calendar year, so fiscal-year questions retrieve the wrong year.
        LeafSpec(
            id: 34, key: "fiscal-year-budgets", parent: 3, name: "Fiscal-year budgets",
            description: "Budgets and spend asked for by fiscal year (FY26, FY27), mostly in November's budget season.",
            keywords: ["FY", "fiscal year", "budget", "spend", "forecast", "annual", "year-end"],
            rows: 235, ratedShare: 0.43, shape: .november,
            intents: [Intent("fiscal-year-budgets", relevance: 0.37, spread: 0.09, satisfaction: 0.21, templates: SampleTemplates.fiscalYearBudgets)]
        ),
        // Compliance & safety
        LeafSpec(
            id: 40, key: "safety-plans", parent: 4, name: "Safety plans and toolbox talks",
            description: "Site-specific safety plans, job hazard analyses, PPE and toolbox talks.",
            keywords: ["safety", "safety plan", "toolbox talk", "PPE", "fall protection", "JHA", "orientation"],
            rows: 175,
            intents: [Intent("safety-plans", relevance: 0.70, satisfaction: 0.80, templates: SampleTemplates.safetyPlans)]
        ),
        LeafSpec(
            id: 41, key: "permits-inspections", parent: 4, name: "Permits and inspections",
            description: "Permit status and expiry, and inspections booked, passed or failed.",
            keywords: ["permit", "inspection", "inspector", "city", "approval", "expires", "sign-off"],
            rows: 165,
            intents: [Intent("permits-inspections", relevance: 0.66, satisfaction: 0.76, templates: SampleTemplates.permitsInspections)]
        ),
        LeafSpec(
            id: 42, key: "code-requirements", parent: 4, name: "Code and OSHA requirements",
            description: "What building codes and OSHA rules require on site.",
            keywords: ["OSHA", "code", "requirement", "IBC", "regulation", "compliance", "guardrail"],
            rows: 150,
            intents: [Intent("code-requirements", relevance: 0.64, satisfaction: 0.78, templates: SampleTemplates.codeRequirements)]
        ),
        LeafSpec(
            id: 43, key: "incident-reports", parent: 4, name: "Incident reports",
            description: "Incidents, near misses and injuries: reports, investigations and counts.",
            keywords: ["incident", "near miss", "injury", "report", "recordable", "investigation"],
            rows: 110,
            intents: [Intent("incident-reports", relevance: 0.65, satisfaction: 0.75, templates: SampleTemplates.incidentReports)]
        ),
        // Other
        LeafSpec(
            id: 50, key: "contacts", parent: 5, name: "Contacts and responsibilities",
            description: "Who holds which role on a project, who is responsible for what, and how to reach them.",
            keywords: ["who", "contact", "responsible", "phone", "email", "project manager", "superintendent"],
            rows: 140,
            intents: [Intent("contacts", relevance: 0.66, satisfaction: 0.74, templates: SampleTemplates.contacts)]
        ),
        LeafSpec(
            id: 51, key: "site-logistics", parent: 5, name: "Site logistics and deliveries",
            description: "Gate codes, delivery windows, parking, hoist bookings and laydown areas.",
            keywords: ["delivery", "gate", "parking", "hoist", "logistics", "access", "laydown"],
            rows: 115,
            intents: [Intent("site-logistics", relevance: 0.60, satisfaction: 0.46, templates: SampleTemplates.siteLogistics)]
        ),
        LeafSpec(
            id: 52, key: "equipment-rentals", parent: 5, name: "Equipment and rentals",
            description: "Rented equipment on site: who rented it, what it costs and when it goes off-rent.",
            keywords: ["equipment", "rental", "lift", "crane", "off-rent", "telehandler", "inspection"],
            rows: 85,
            intents: [Intent("equipment-rentals", relevance: 0.64, satisfaction: 0.70, templates: SampleTemplates.equipmentRentals)]
        ),
        // No documents describe the assistant, yet its built-in help satisfies: relevance says "bad", users say "good".
        LeafSpec(
            id: 53, key: "assistant-help", parent: 5, name: "Using the assistant",
            description: "How to use the assistant itself: uploads, sources, languages and what it can read.",
            keywords: ["upload", "assistant", "how do I", "access", "pdf", "sources", "feedback"],
            rows: 75, shape: .fading(0.6),
            intents: [Intent("assistant-help", relevance: 0.40, satisfaction: 0.73, templates: SampleTemplates.assistantHelp)]
        ),
        LeafSpec(
            id: 54, key: "summaries", parent: 5, name: "Summaries and recaps",
            description: "Requests to summarise logs, minutes, reports or a project's week.",
            keywords: ["summarize", "summary", "recap", "overview", "owner report", "weekly"],
            rows: 105,
            intents: [Intent("summaries", relevance: 0.63, satisfaction: 0.70, templates: SampleTemplates.summaries)]
        ),
        // Top level, no parent.
        LeafSpec(
            id: 60, key: "weather", parent: nil, name: "Weather at the site",
            description: "Forecasts and current weather at a site, which no project document holds.",
            keywords: ["weather", "rain", "forecast", "wind", "temperature", "snow"],
            rows: 36, ratedShare: 0.5,
            intents: [Intent("weather", relevance: 0.27, satisfaction: 0.18, templates: SampleTemplates.weather)]
        ),
        LeafSpec(
            id: 61, key: "unclustered", parent: nil, name: "Unclustered",
            description: "Questions the pipeline could not place in any topic.",
            keywords: ["misc", "greeting", "test", "email", "translate", "other"],
            rows: 90, isOutlier: true,
            intents: [Intent("unclustered", relevance: 0.40, spread: 0.14, satisfaction: 0.45, templates: SampleTemplates.unclustered)]
        ),
    ]
}

struct ParentSpec: Sendable {
    let id: Int64
    let key: String
    let name: String
    let description: String
    let keywords: [String]
}

struct LeafSpec: Sendable {
    let id: Int64
    let key: String
    let parent: Int64?
    let name: String
    let description: String
    let keywords: [String]
    /// Question rows; each stands for `weight` questions.
    let rows: Int
    let weight: Double
    let ratedShare: Double
    let shape: WeekShape
    let isOutlier: Bool
    /// A leaf whose embedding centre sits almost on top of another's (a planted duplicate).
    let twinOf: String?
    let intents: [Intent]

    init(
        id: Int64, key: String, parent: Int64?, name: String, description: String, keywords: [String],
        rows: Int, weight: Double = 1, ratedShare: Double = SampleStory.defaultRatedShare, shape: WeekShape = .steady,
        isOutlier: Bool = false, twinOf: String? = nil, intents: [Intent]
    ) {
        self.id = id
        self.key = key
        self.parent = parent
        self.name = name
        self.description = description
        self.keywords = keywords
        self.rows = rows
        self.weight = weight
        self.ratedShare = ratedShare
        self.shape = shape
        self.isOutlier = isOutlier
        self.twinOf = twinOf
        self.intents = intents
    }

    var externalID: String { "c-\(key)" }
}

/// What a group of questions wants, with the figures its questions are drawn around.
struct Intent: Sendable {
    let key: String
    let share: Double
    let relevance: Double
    let spread: Double
    let satisfaction: Double
    let templates: [Template]

    init(_ key: String, share: Double = 1, relevance: Double, spread: Double = 0.1, satisfaction: Double, templates: [Template]) {
        self.key = key
        self.share = share
        self.relevance = relevance
        self.spread = spread
        self.satisfaction = satisfaction
        self.templates = templates
    }
}

/// How a topic's weekly volume moves over the twelve weeks.
enum WeekShape: Sendable {
    case steady
    case growing(Double)
    case fading(Double)
    /// Budget season: asked mostly in November (the last four weeks).
    case november

    /// Every topic also grows a little as the firm adopts the assistant.
    func weekly(weeks: Int) -> [Double] {
        (0..<weeks).map { week in
            let t = (Double(week) - Double(weeks - 1) / 2) / (Double(weeks - 1) / 2)  // -1 … 1
            let adoption = 1 + 0.15 * t
            switch self {
            case .steady: return adoption
            case .growing(let g): return adoption * (1 + g * t)
            case .fading(let g): return adoption * (1 - g * t)
            case .november: return week >= weeks - 4 ? 2.0 : 0.12
            }
        }
    }
}

/// What the system must be able to do for the answer, independent of the topic.
enum CapabilityKey: Int, CaseIterable, Sendable {
    case relativeDates = 1
    case dateRanges
    case crossProject
    case drawingCounting
    case ownership
    case costAggregation
    case fiscalYear
    case summarise
    case latestRevision

    var name: String {
        switch self {
        case .relativeDates: "Relative dates"
        case .dateRanges: "Date ranges"
        case .crossProject: "Comparison across projects"
        case .drawingCounting: "Counting in drawings"
        case .ownership: "Ownership"
        case .costAggregation: "Cost aggregation"
        case .fiscalYear: "Fiscal-year dates"
        case .summarise: "Summarise"
        case .latestRevision: "Latest revision"
        }
    }

    var description: String {
        switch self {
        case .relativeDates: "Resolve \"last week\", \"tomorrow\" or \"next Friday\" against the date the question was asked."
        case .dateRanges: "Filter documents to a span of dates (between two dates, a month, a quarter)."
        case .crossProject: "Split a question into one search per project and compare the answers."
        case .drawingCounting: "Count symbols or items shown on drawing sheets, which text search cannot do."
        case .ownership: "Find who is responsible for something: roles, contacts and contractual duties."
        case .costAggregation: "Add up costs, invoices or quantities across documents."
        case .fiscalYear: "Map fiscal years (FY26: October 2025 to September 2026) onto calendar dates."
        case .summarise: "Condense several documents into a short summary."
        case .latestRevision: "Tell the current revision of a drawing or document from superseded ones."
        }
    }
}

struct Template: Sendable {
    let text: String
    let capabilities: [CapabilityKey]
    /// False for messages that trigger no retrieval (greetings): their relevance is NULL.
    let retrieves: Bool
}
