@testable import CladeApp
import CladeCore
import CladeStore
import CladeTerminal
import CladeUI
import Foundation
import Testing

/// Issue 16, item 11: typing into a 20×5 terminal, where no dialog can be shown, commits nothing
/// unseen; each refused key says so on the too-small screen.
@Suite("terminal: too small to decide")
struct TooSmallTerminalTests {
    @Test func keysThatWouldCommitAreRefusedWhileTheDialogCannotBeShown() throws {
        let s = try RunnerContentionTests.Session()
        s.select("Budgets")
        s.type("r")
        #expect(s.runner.state.dialog != nil)
        s.backend.resize(to: Size(width: 20, height: 5))
        s.type("<C-u>Oops\r")
        #expect(try s.decisions() == 0, "the relabel was committed unseen")
        #expect(s.runner.state.dialog != nil)
        #expect(s.screen.contains("ignored"), "\(s.screen)")
        s.type("<Esc>")
        #expect(s.runner.state.dialog == nil, "Esc still closes the dialog")
        s.type("yp1")
        #expect(try s.decisions() == 0, "a decision key on the too-small screen")

        s.backend.resize(to: Size(width: 120, height: 40))
        s.type("y")
        #expect(try s.decisions() == 1, "keys work again once it is large enough")
    }
}
