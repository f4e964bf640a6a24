/// Question templates per intent. `{slot}` is filled from `SampleFillers`; `{slot2}` draws a value
/// different from `{slot}`'s. A template lists the capabilities its wording needs; the slots
/// `{reldate}`, `{range}` and `{fy}` add theirs (see `SampleText.slotCapabilities`).
enum SampleTemplates {
    private static func t(_ text: String, _ capabilities: CapabilityKey...) -> Template {
        Template(text: text, capabilities: capabilities, retrieves: true)
    }

    /// A message that triggers no retrieval.
    private static func chat(_ text: String) -> Template {
        Template(text: text, capabilities: [], retrieves: false)
    }

    // MARK: Document search

    static let drawingSearch: [Template] = [
        t("where are the {discipline} drawings for {project}"),
        t("find the {discipline} plans for {level} at {project}"),
        t("show me sheet {drawing}"),
        t("pull up {drawing} for {project}"),
        t("I need the {detail} details for {project}"),
        t("which sheet shows the {system} layout on {level}?"),
        t("do we have {discipline} drawings for the {area} at {project}?"),
        t("link to the latest {discipline} set for {project}", .latestRevision),
        t("where's the {system} riser diagram for {project}"),
        t("{project} {discipline} drawings {level}"),
        t("can you find the enlarged plan of the {area} on {project}?"),
        t("is there a section through the {area} at {project}?"),
        t("what drawings did the architect issue {reldate} for {project}?"),
        t("{detail} detail {project}"),
    ]

    static let drawingCount: [Template] = [
        t("how many {element} on {level} of the {project} drawings", .drawingCounting),
        t("how many {element} are shown on {drawing}?", .drawingCounting),
        t("count the {element} on {level} at {project}", .drawingCounting),
        t("total number of {element} in the {project} building", .drawingCounting),
        t("how many {element} does {drawing} show in the {area}?", .drawingCounting),
        t("number of {element} per floor at {project}", .drawingCounting),
        t("can you count {element} on sheet {drawing}", .drawingCounting),
        t("how many {element} do we need for {level}, {project}?", .drawingCounting),
        t("{element} count {level} {project}", .drawingCounting),
        t("do {drawing} and {drawing2} show the same number of {element}?", .drawingCounting),
        t("compare the {element} count on {level} between {project} and {project2}", .drawingCounting, .crossProject),
    ]

    static let drawingRevision: [Template] = [
        t("which revision of {drawing} is current", .latestRevision),
        t("is {drawing} {rev} the latest?", .latestRevision),
        t("what changed between {rev} and {rev2} on {drawing}?"),
        t("latest revision of the {discipline} drawings for {project}", .latestRevision),
        t("has {drawing} been revised since {date}?", .latestRevision),
        t("what rev is {drawing} on now", .latestRevision),
        t("when was {drawing} last revised and why?", .latestRevision),
        t("are we building off the current {drawing}? the field set has {rev}", .latestRevision),
        t("which sheets changed in {rev} of the {project} set"),
        t("is {drawing} superseded?", .latestRevision),
        t("current rev {drawing}", .latestRevision),
        t("what sheets were revised {reldate} on {project}", .latestRevision),
    ]

    static let specifications: [Template] = [
        t("what {property} is specified for the {material} at {project}?"),
        t("what does spec section {spec} say about {specTopic}?"),
        t("which {material} products are approved in the {project} specs"),
        t("is {brand} an approved equal for the {material}?"),
        t("testing requirements for {material} on {project}"),
        t("spec for {material} {project}"),
        t("what's the required {property} for {material}"),
        t("warranty requirements in section {spec}"),
        t("what curing time does the spec require for the {project} slabs?"),
        t("does the {project} spec allow substitutions for {material}?"),
        t("section {spec} {specTopic}"),
    ]

    static let rfiStatus: [Template] = [
        t("what's the status of {rfi} on {project}?"),
        t("has {rfi} been answered yet"),
        t("did the architect respond to {rfi}"),
        t("{rfi} status"),
        t("what was the answer to {rfi} about the {rfiTopic}?"),
        t("is {rfi} still pending with the engineer?"),
        t("when is the response to {rfi} due?"),
        t("who is holding {rfi}?", .ownership),
        t("any update on {rfi} for {project}"),
        t("was {rfi} closed {reldate}?"),
        t("status of the RFI about the {rfiTopic} at {project}"),
        t("did we get an answer on the {rfiTopic} RFI"),
    ]

    static let openRFIs: [Template] = [
        t("list open RFIs for {project}"),
        t("which RFIs are still open on {project}?"),
        t("how many RFIs are open at {project}"),
        t("open rfis {project}"),
        t("show overdue RFIs on {project}"),
        t("what RFIs are waiting on the {role}?", .ownership),
        t("which RFIs opened {reldate} are still pending?"),
        t("rfis still open for {trade} at {project}"),
        t("summarise the open RFIs on {project}", .summarise),
        t("compare open RFI counts for {project} and {project2}", .crossProject),
        t("is the {rfiTopic} RFI still open?"),
        t("open RFIs older than two weeks at {project}", .relativeDates),
    ]

    static let submittals: [Template] = [
        t("has the {trade} submittal for {project} been approved?"),
        t("status of {submittal}"),
        t("did the architect return the {material} shop drawings?"),
        t("what were the review comments on {submittal}?"),
        t("is the {supplier} product data approved for {project}"),
        t("which submittals are revise and resubmit at {project}"),
        t("when are the {trade} shop drawings due back?"),
        t("who reviews {trade} submittals on {project}?", .ownership),
        t("{trade} submittal status {project}"),
        t("submittals approved {reldate} for {project}"),
        t("is {submittal} approved as noted or rejected"),
    ]

    static let submittalLogExports: [Template] = [
        t("export the submittal log for {project} to excel"),
        t("can I download the {project} submittal log as csv?"),
        t("submittal log for {trade} only, as a spreadsheet"),
        t("export all pending submittals at {project}"),
        t("give me the submittal register for {project} with due dates"),
        t("download submittal log {project}"),
        t("export submittals approved {range}"),
        t("send me the submittal log filtered by {trade}"),
    ]

    static let contractTerms: [Template] = [
        t("what's the retainage on the {sub} subcontract?"),
        t("how many days notice do we need to give for a delay claim on {project}?"),
        t("what are the liquidated damages on {project}"),
        t("does the {project} contract have a no-damages-for-delay clause?"),
        t("insurance requirements for subs on {project}"),
        t("who is responsible for {duty} under the {sub} subcontract?", .ownership),
        t("what does the contract say about {contractTopic}?"),
        t("retainage release terms {project}"),
        t(
            "we got a letter from the owner's rep about the curtain wall delay at {project}. can you find what the contract says about notice, who has to notify whom, and by when?",
            .ownership
        ),
        t("compare the payment terms in the {project} and {project2} contracts", .crossProject),
        t("{contractTopic} clause in the {sub} subcontract"),
    ]

    static let changeOrders: [Template] = [
        t("status of {co} on {project}"),
        t("what's the value of {pco}?"),
        t("is {pco} approved yet?"),
        t("list approved change orders for {project}"),
        t("total value of change orders on {project} to date", .costAggregation),
        t("why was {co} issued?"),
        t("change orders {reldate} {project}"),
        t("which change orders affect the {trade} scope?"),
        t("has the owner signed {co}"),
        t("pending PCOs on {project} over {amount}"),
    ]

    static let dailyReports: [Template] = [
        t("what did the daily log say for {project} on {date}?"),
        t("find the OAC minutes where we discussed {meetingTopic}"),
        t("manpower on site at {project} {reldate}"),
        t("was a delay noted in the daily reports {range}?"),
        t("meeting minutes {project} {date}"),
        t("who attended the {date} OAC meeting for {project}?"),
        t("did anyone log {siteEvent} at {project} {reldate}?"),
        t("what was decided about {meetingTopic} in the last coordination meeting", .relativeDates),
        t("site diary {project} {date}"),
    ]

    // MARK: Scheduling

    static let milestoneDates: [Template] = [
        t("when is {milestone} for {project}?"),
        t("is {milestone} at {project} still on for {weekday}?"),
        t("has {milestone} slipped at {project}"),
        t("what's the current completion date for {project}"),
        t("how many days behind is {project}?"),
        t("when will {trade} finish on {level} at {project}"),
        t("is {milestone} on the critical path at {project}?"),
        t("what's driving the delay on {project}?"),
        t("milestone dates {project}"),
        t("compare {milestone} dates for {project} and {project2}", .crossProject),
        t("what milestones are due {soon} at {project}?"),
        t("did we hit {milestone} {reldate}?"),
        t("which milestones fall {range} on {project}"),
        t("{milestone} date {project}"),
    ]

    static let crewLookahead: [Template] = [
        t("who's on site {soon} at {project}?"),
        t("what's the 3-week lookahead for {trade} at {project}", .relativeDates),
        t("when is {sub} scheduled back on site?"),
        t("which trades are working on {level} {soon}"),
        t("can {trade} start on {level} before {trade2} finishes?"),
        t("lookahead {project}"),
        t("what's scheduled for {weekday} at {project}"),
        t("how many {trade} guys are coming {soon}?"),
        t("is the crane booked for {weekday}?"),
        t("who is responsible for updating the lookahead on {project}?", .ownership),
        t("what's the sequence for {trade} and {trade2} on {level}"),
        t("{trade} crew size {project} {soon}"),
    ]

    // MARK: Cost & budget

    static let budgetVsActual: [Template] = [
        t("what's the budget vs actual for {material} at {project}?"),
        t("how much have we spent on {trade} at {project} so far", .costAggregation),
        t("are we over budget on {project}?"),
        t("cost variance for {project} {range}"),
        t("committed cost for {sub} at {project}"),
        t("what's the forecast at completion for {project}"),
        t("total spent on {material} across all projects", .costAggregation, .crossProject),
        t("budget remaining on cost code {costcode}"),
        t("spend {reldate} at {project}", .costAggregation),
        t("{project} budget status"),
        t("actual cost to date for the {area} at {project}", .costAggregation),
    ]

    static let unitRates: [Template] = [
        t("what's our unit rate for {material}?"),
        t("which cost code do I use for {costItem}"),
        t("price per square foot for {area} finishes at {project}"),
        t("what did we pay per ton for rebar on {project}"),
        t("cost code {costcode} description"),
        t("labor rate for {trade} in the current estimate"),
        t("what's the going rate for a {equipment} rental"),
        t("compare {material} unit prices between {project} and {project2}", .crossProject),
        t("unit rates {trade}"),
        t("how many {element} are in the {project} takeoff?", .drawingCounting),
        t("cost code for {costItem}?"),
    ]

    static let invoices: [Template] = [
        t("has {sub}'s invoice for {month} been paid?"),
        t("status of pay app {payapp} for {project}"),
        t("how much have we billed the owner on {project}?", .costAggregation),
        t("did we pay {supplier} {reldate}?"),
        t("outstanding invoices from {sub}"),
        t("what's the total retainage held on {project}", .costAggregation),
        t("when is the next pay app due for {project}?"),
        t("invoice {invoice} from {supplier} amount"),
        t("who approves invoices over {amount} on {project}?", .ownership),
        t("sum of {supplier} invoices {range}", .costAggregation),
        t("is the {supplier} invoice for the {material} approved for payment?"),
    ]

    static let costComparison: [Template] = [
        t("compare {material} costs for {project} and {project2}", .crossProject),
        t("which project had the highest {trade} cost per square foot?", .crossProject),
        t("how does {trade} cost on {project} compare to {project2}?", .crossProject),
        t("total {trade} spend across all projects {range}", .crossProject, .costAggregation),
        t("rank our projects by cost overrun", .crossProject, .costAggregation),
        t("{project} vs {project2} cost per sf", .crossProject),
        t("compare general conditions cost on {project} and {project2}", .crossProject, .costAggregation),
        t("are we spending more on {material} than on the {project2} job?", .crossProject),
        t("compare {fy} spend for {project} and {project2}", .crossProject, .costAggregation),
    ]

    static let fiscalYearBudgets: [Template] = [
        t("{fy} budget for the {project} site"),
        t("what's the {fy} budget for {project}?"),
        t("how much did we spend in {fy} on {project}", .costAggregation),
        t("{fy} forecast {project}"),
        t("remaining {fy} budget for {trade}"),
        t("what is left in the {fy} capital budget for {project}?"),
        t("{fy} spend vs budget across all sites", .costAggregation, .crossProject),
        t("year-end {fy} accruals for {project}"),
        t("what did we commit in Q1 of {fy} on {project}?", .dateRanges),
        t("compare {fy} and {fy2} budgets for {project}"),
        t("how much of the {fy} contingency is used at {project}?"),
        t("{fy} {trade} budget {project}"),
    ]

    // MARK: Compliance & safety

    static let safetyPlans: [Template] = [
        t("where is the site-specific safety plan for {project}?"),
        t("toolbox talk topics {soon}"),
        t("what PPE is required for {task} at {project}"),
        t("do we have a JHA for {task}?"),
        t("fall protection plan for {level} at {project}"),
        t("who is the safety officer for {project}?", .ownership),
        t("what's covered in site orientation at {project}"),
        t("toolbox talk on {hazard}"),
        t("summarise the safety plan for {project}", .summarise),
        t("JHA {task} {project}"),
    ]

    static let permitsInspections: [Template] = [
        t("is the {permit} for {project} approved?"),
        t("when does the {permit} expire at {project}"),
        t("did we pass the {inspection} at {project}?"),
        t("when is the {inspection} scheduled for {project}?"),
        t("who at the city is our inspector for {project}?", .ownership),
        t("what inspections do we need before we pour {level}?"),
        t("permit number for {project}"),
        t("inspections failed {range} on {project}"),
        t("do we need a {permit} for {task}?"),
        t("{inspection} result {project}"),
    ]

    static let codeRequirements: [Template] = [
        t("what does OSHA require for {hazard}?"),
        t("guardrail height requirement"),
        t("minimum {codeItem} per the IBC"),
        t("is a fire watch required for {task}?"),
        t("osha {hazard}"),
        t("who is responsible for {hazard} compliance on a multi-employer site?", .ownership),
        t("what are the {hazard} training requirements for workers"),
        t("does {project} need ADA compliant {adaItem}?"),
        t("code requirement for {codeItem} in a {occupancy} occupancy"),
    ]

    static let incidentReports: [Template] = [
        t("how many incidents at {project} {range}"),
        t("find the incident report for the {incident} at {project}"),
        t("was the {incident} on {date} recordable?"),
        t("near misses reported {reldate}"),
        t("who investigated the {incident} at {project}?", .ownership),
        t("summarise incidents on {project} this quarter", .summarise, .relativeDates),
        t("compare incident rates for {project} and {project2}", .crossProject),
        t("lost time injuries {project}"),
        t("corrective actions from the {incident} investigation"),
    ]

    // MARK: Other

    static let contacts: [Template] = [
        t("who is the {role} on {project}?", .ownership),
        t("who is responsible for {duty} at {project}?", .ownership),
        t("phone number for the {sub} foreman"),
        t("email for {person}"),
        t("who do I call about {issue} at {project}", .ownership),
        t("who's the {sub} PM", .ownership),
        t("contact for the {role} {project}"),
        t("is {person} still the {role} on {project}?", .ownership),
        t("{person} phone"),
    ]

    static let siteLogistics: [Template] = [
        t("what's the gate code at {project}"),
        t("delivery window for {project} on {weekday}"),
        t("where can subs park at {project}?"),
        t("can I book the hoist for {weekday} morning?"),
        t("where is the laydown area for {material} at {project}"),
        t("is there a {material} delivery {soon}?"),
        t("site logistics plan {project}"),
        t("which entrance do concrete trucks use at {project}?"),
        t("who manages deliveries at {project}?", .ownership),
        t("is the street closure at {project} still on for {weekday}"),
        t("how many parking stalls does the logistics plan show at {project}?", .drawingCounting),
    ]

    static let equipmentRentals: [Template] = [
        t("when is the {equipment} at {project} due off-rent?"),
        t("how much are we paying for the {equipment} rental at {project}"),
        t("who rented the {equipment} for {project}?", .ownership),
        t("is the {equipment} annual inspection current?"),
        t("{equipment} rental cost {range}", .costAggregation),
        t("call off the {equipment} at {project}"),
        t("{equipment} rental {project}"),
        t("which rental company supplied the {equipment} at {project}?"),
    ]

    static let assistantHelp: [Template] = [
        t("how do I upload drawings"),
        t("can you read scanned PDFs?"),
        t("what documents do you have access to"),
        t("why can't you see the {project} folder?"),
        t("how do I share this answer with my PM"),
        t("does this work on my phone"),
        t("can you cite the page you got that from?"),
        t("how often are the documents updated?"),
        t("¿puedes responder en español?"),
        t("how do I give feedback on an answer"),
        t("what can you help me with"),
        t("can you search my email too?"),
    ]

    static let summaries: [Template] = [
        t("summarise this week's daily logs for {project}", .summarise, .relativeDates),
        t("give me a summary of the {project} OAC minutes from {date}", .summarise),
        t("recap of what happened at {project} {reldate}", .summarise),
        t("write an owner update for {project}", .summarise),
        t("summarize open issues on {project}", .summarise),
        t("tl;dr of the {project} geotech report", .summarise),
        t("summary of {trade} progress {range}", .summarise),
        t("executive summary of {project} for the monthly report", .summarise),
        t("summarise the differences between the {project} and {project2} schedules", .summarise, .crossProject),
    ]

    // MARK: Top level

    static let weather: [Template] = [
        t("what's the weather at {project} tomorrow", .relativeDates),
        t("is it going to rain on {weekday} at {project}?"),
        t("forecast for the pour {soon}"),
        t("wind speed at the {project} site right now"),
        t("too cold to pour concrete tomorrow?", .relativeDates),
        t("will it snow next week", .relativeDates),
        t("weather {project}"),
        t("temperature at {project} at 6am"),
        t("is it too windy to fly the crane today?", .relativeDates),
    ]

    static let unclustered: [Template] = [
        chat("hi"),
        chat("test"),
        chat("hello?"),
        chat("thanks 👍"),
        chat("are you chatgpt"),
        t("write an email to {person} about {meetingTopic}"),
        t("translate the {project} safety notice to spanish"),
        t("what's 15% of {amount}"),
        t("convert 12 ft 6 in to mm"),
        t("lunch spots near {project}"),
        t("what does {acronym} stand for"),
        t("make this sound more professional: we're late again on {project}"),
    ]
}
