/// Everything that can change the state: input from the terminal and results from the store.
public enum Action: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case run(CommandID)
    case questionsLoaded(QuestionPage)
    case datasetLoaded(Dataset)
    case failed(String)
}

/// Work `reduce` asks the run loop to do: the only way the core reaches the outside.
public enum Effect: Equatable, Sendable {
    case loadQuestions(QuestionQuery)
    case redraw
    case suspend
    case quit
}
