import RESP
@testable import StrataCore
import XCTest

/// The key-spec tables agree with the command table, and GETKEYS walks the specs as Redis does.
final class CommandKeySpecTests: XCTestCase {
    private let commands = CommandTable(Engine.commandList)

    private var everyCommand: [CommandSpec] { commands.all.flatMap { [$0] + $0.subcommands } }

    func testEveryDetailsEntryNamesACommand() {
        let names = Set(everyCommand.map(\.name))
        XCTAssertEqual(Set(Engine.commandDetails.keys).subtracting(names), [])
    }

    func testCommandsWithKeyPositionsOrMovableKeysHaveKeySpecs() {
        let missing = everyCommand.filter {
            ($0.keys.first > 0 || $0.flags.contains(.movableKeys)) && $0.details.keySpecs.isEmpty
        }
        XCTAssertEqual(missing.map(\.name), [])
    }

    /// Redis derives the legacy (first, last, step) triple and the movablekeys flag from the key specs; the
    /// declared triple must be what that derivation gives.
    func testDeclaredKeyPositionsFollowFromTheKeySpecs() {
        for command in everyCommand {
            let derived = Self.legacyRange(command.details.keySpecs)
            XCTAssertEqual([command.keys.first, command.keys.last, command.keys.step],
                           [derived.first, derived.last, derived.step], command.name)
            XCTAssertEqual(command.flags.contains(.movableKeys), derived.movable, command.name)
        }
    }

    func testKeyNumSpecRejectsCountsThatAreNotStrictOrOverrun() {
        let spec = [CommandKeySpec.key(1, .owUpdate), .counted(2, .roAccess)]
        XCTAssertEqual(walk(spec, "ZUNIONSTORE d 2 a b")?.map(\.position), [1, 3, 4])
        XCTAssertNil(walk(spec, "ZUNIONSTORE d 0 a"))
        XCTAssertNil(walk(spec, "ZUNIONSTORE d 3 a b"))
        XCTAssertNil(walk(spec, "ZUNIONSTORE d 2x a b"))
        XCTAssertNil(walk(spec, "ZUNIONSTORE d -1 a"))
    }

    func testStreamsSpecTakesHalfOfWhatFollowsTheKeyword() {
        let spec = [CommandKeySpec.streams(from: 1, .roAccess)]
        XCTAssertEqual(walk(spec, "XREAD COUNT 2 STREAMS a b 0 0")?.map(\.position), [4, 5])
        XCTAssertEqual(walk(spec, "XREAD STREAMS a b 0")?.map(\.position), [2])
        XCTAssertEqual(walk(spec, "XREAD COUNT 1 STREAMS")?.map(\.position), [])
        XCTAssertNil(walk(spec, "XREAD STREAMS a"))
    }

    func testKeywordSearchScansBackwardsFromANegativeStart() {
        let spec = [CommandKeySpec(.roAccess, .keyword("BY", startFrom: -2), .range(lastKey: 0, keyStep: 1, limit: 0))]
        XCTAssertEqual(walk(spec, "CMD BY x BY y z")?.map(\.position), [4])
        XCTAssertEqual(walk(spec, "CMD BY x y z")?.map(\.position), [])
    }

    func testIncompleteSpecRejectsTheLineAfterFindingItsKeys() {
        let spec = [CommandKeySpec(.incomplete, .index(1), .range(lastKey: 0, keyStep: 1, limit: 0))]
        XCTAssertNil(walk(spec, "CMD a"))
    }

    func testFallbackFindersAnswerWhenSpecsRejectTheLine() {
        let zunionstore = commands.lookup(Bytes("zunionstore"))!.details
        XCTAssertEqual(keys(zunionstore, "ZUNIONSTORE d 2abc a b"), [3, 4, 1])
        XCTAssertEqual(keys(zunionstore, "ZUNIONSTORE d 9 a b"), [])
        let set = commands.lookup(Bytes("set"))!.details
        XCTAssertEqual(CommandKeySearch.keys(set, in: line("SET k v get")).map(\.flags), [.rwAccessUpdate])
        XCTAssertEqual(CommandKeySearch.keys(set, in: line("SET k v")).map(\.flags), [.owUpdate])
    }

    // MARK: Helpers

    private func line(_ text: String) -> [Bytes] { text.split(separator: " ").map { Bytes(String($0)) } }

    private func walk(_ specs: [CommandKeySpec], _ text: String) -> [CommandKeySearch.Key]? {
        CommandKeySearch.walk(specs, line(text))
    }

    private func keys(_ details: CommandDetails, _ text: String) -> [Int] {
        CommandKeySearch.keys(details, in: line(text)).map(\.position)
    }

    /// Redis's derivation of the legacy triple: a lone index+range spec is the triple; otherwise the
    /// consecutive step-1 index+range specs are joined, and any other spec makes the keys movable.
    private static func legacyRange(_ specs: [CommandKeySpec]) -> (first: Int, last: Int, step: Int, movable: Bool) {
        if specs.count == 1, case .index(let index) = specs[0].beginSearch,
           case .range(let lastKey, let step, _) = specs[0].findKeys {
            return (index, lastKey < 0 ? lastKey : index + lastKey, step, specs[0].flags.contains(.incomplete))
        }
        var first = Int.max, last = 0, previousLast = 0, movable = false
        for spec in specs {
            guard case .index(let index) = spec.beginSearch, case .range(let lastKey, let step, _) = spec.findKeys,
                  step == 1, previousLast == 0 || previousLast == index - 1 else {
                movable = true
                continue
            }
            if spec.flags.contains(.incomplete) { movable = true }
            first = min(first, index)
            let absolute = lastKey >= 0 ? index + lastKey : lastKey
            last = UInt(bitPattern: absolute) > UInt(bitPattern: last) ? absolute : last
            previousLast = last
        }
        if first == .max { return (0, 0, 0, !specs.isEmpty) }
        return (first, last, 1, movable)
    }
}
