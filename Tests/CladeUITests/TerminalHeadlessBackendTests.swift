import CladeCore
import CladeTerminal
import CladeUI
import Testing

@Suite("Headless terminal backend")
struct TerminalHeadlessBackendTests {
    @Test("scripted events come back in order, then nil")
    func scripted() {
        let backend = HeadlessBackend()
        backend.enqueue(keys: "j<Down>\r")
        backend.enqueue(.interrupt(signal: 15))
        var seen: [InputEvent] = []
        while let event = backend.nextEvent(timeoutMs: -1) { seen.append(event) }
        #expect(seen == [.key(.char("j")), .key(.down), .key(.enter), .interrupt(signal: 15)])
        #expect(backend.nextEvent(timeoutMs: 100) == nil)
        #expect(backend.requestedTimeouts == [-1, -1, -1, -1, -1, 100])
    }

    @Test("a resize changes the size when the loop reads it, as a terminal does")
    func resize() {
        let backend = HeadlessBackend(size: Size(width: 80, height: 24))
        backend.enqueue(keys: "a")
        backend.resize(to: Size(width: 60, height: 18))
        #expect(backend.size == Size(width: 80, height: 24))
        _ = backend.nextEvent(timeoutMs: 0)
        #expect(backend.size == Size(width: 80, height: 24))
        #expect(backend.nextEvent(timeoutMs: 0) == .resize(width: 60, height: 18))
        #expect(backend.size == Size(width: 60, height: 18))
    }

    @Test("presented frames are recorded")
    func frames() {
        let backend = HeadlessBackend(size: Size(width: 6, height: 2))
        var screen = Screen(size: backend.size)
        screen.put("hi", x: 0, y: 0)
        backend.present(screen)
        screen.put("漢", x: 0, y: 1, style: .selected)
        backend.present(screen)
        #expect(backend.frames.count == 2)
        #expect(backend.lastScreen?.text == "hi    \n漢    ")
        #expect(backend.lastScreen?.styleText == "......\nSS....")
        backend.clearFrames()
        #expect(backend.lastScreen == nil)
    }

    @Test("colour and Unicode flags pick the theme; redraw, suspend and restore are counted")
    func flags() {
        let plain = HeadlessBackend(color: false, unicode: false)
        #expect(plain.theme.monochrome)
        #expect(plain.theme.glyphs == .ascii)
        #expect(!HeadlessBackend().theme.monochrome)

        let backend: any TerminalBackend = HeadlessBackend()
        backend.forceRedraw()
        backend.suspend()
        backend.restore()
        backend.restore()
        let headless = backend as! HeadlessBackend
        #expect(headless.redrawRequests == 1)
        #expect(headless.suspensions == 1)
        #expect(headless.restoreCount == 2)
    }
}
