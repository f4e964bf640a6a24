import Testing

/// Every end-to-end suite runs inside this one, one test at a time: each starts its own tmux
/// server and the real binary, and two cores shared by parallel tmux servers made timings (and
/// tmux 3.3a's reaping of dead panes) unreliable.
@Suite(.serialized) enum EndToEnd {}
