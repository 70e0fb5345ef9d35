import RESP

/// One command of a differential script and how its replies are compared. A plain
/// `["SET", "k", "v"]` literal is an exactly compared step.
struct DifferentialStep: ExpressibleByArrayLiteral {
    let command: [String]
    let comparison: Comparison

    init(_ command: [String], _ comparison: Comparison = .exact) {
        self.command = command
        self.comparison = comparison
    }

    init(arrayLiteral command: String...) { self.init(command) }

    static func unordered(_ command: String...) -> Self { Self(command, .unordered) }
    static func ignoreValue(_ command: String...) -> Self { Self(command, .ignoreValue) }
    static func approximately(_ tolerance: Double, _ command: String...) -> Self {
        Self(command, .approximately(tolerance))
    }
    static func projected(_ what: String, _ command: [String],
                          _ reduce: @escaping (RESPValue) -> RESPValue) -> Self {
        Self(command, .projected(what, reduce))
    }
}

/// A named script run against both servers on a fresh, flushed connection; every step's
/// replies must agree.
struct DifferentialCase {
    let name: String
    let steps: [DifferentialStep]

    init(_ name: String, _ steps: [DifferentialStep]) {
        self.name = name
        self.steps = steps
    }
}
