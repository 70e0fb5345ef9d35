import XCTest

/// The generator's own guarantees, checked without servers: a seed replays exactly, and no
/// generated command can make two correct servers part ways (lex ranges over mixed scores,
/// endless blocking, partial random pops, relative TTLs compared with GT/LT).
final class RandomCommandGeneratorTests: XCTestCase {
    private func stream(seed: UInt64, count: Int) -> [[String]] {
        var generator = RandomCommandGenerator(seed: seed)
        var commands: [[String]] = []
        while commands.count < count { commands += generator.next().map(\.command) }
        return commands
    }

    private lazy var sample: [[String]] = (1...8).flatMap { stream(seed: $0, count: 5000) }

    func testSameSeedReplaysTheSameCommands() {
        XCTAssertEqual(stream(seed: 42, count: 3000), stream(seed: 42, count: 3000))
        XCTAssertNotEqual(stream(seed: 42, count: 100), stream(seed: 43, count: 100))
    }

    func testEveryFamilyAndManyCommandsAppear() {
        let names = Set(sample.map { $0[0] })
        for name in ["SET", "LPUSH", "HSET", "SADD", "ZADD", "XADD", "PFADD", "GEOADD", "MULTI", "EXEC", "WATCH",
                     "CONFIG", "HELLO", "ZRANGEBYLEX", "XREADGROUP", "GEOSEARCH", "BLMPOP", "LCS"] {
            XCTAssertTrue(names.contains(name), "\(name) never generated")
        }
        XCTAssertGreaterThan(names.count, 150)
    }

    func testLexKeysOnlyReceiveZeroScores() {
        let lex = Set(RandomCommandGenerator.lexKeys)
        let destinationFirst: Set = ["ZINCRBY", "ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE", "ZRANGESTORE",
                                     "GEOADD", "GEOSEARCHSTORE"]
        let destinationSecond: Set = ["RENAME", "RENAMENX", "COPY"]
        for command in sample {
            let name = command[0]
            if destinationFirst.contains(name) && command.count > 2 {
                XCTAssertFalse(lex.contains(command[1]), "\(command)")
            }
            if destinationSecond.contains(name) && command.count > 2 {
                XCTAssertFalse(lex.contains(command[2]), "\(command)")
            }
            if let store = command.firstIndex(where: { $0 == "STORE" || $0 == "STOREDIST" }), store + 1 < command.count {
                XCTAssertFalse(lex.contains(command[store + 1]), "\(command)")
            }
            if name == "ZADD" && lex.contains(command[1]) {
                XCTAssertFalse(command.contains("INCR"), "\(command)")
                let scores = command.dropFirst(2).filter { !["NX", "XX", "GT", "LT", "CH"].contains($0) }
                for (offset, word) in scores.enumerated() where offset % 2 == 0 {
                    XCTAssertEqual(word, "0", "\(command)")
                }
            }
        }
    }

    func testNothingWaitsForeverOrPopsAtRandom() {
        let blocking: Set = ["BLPOP", "BRPOP", "BRPOPLPUSH", "BLMOVE", "BLMPOP", "BZPOPMIN", "BZPOPMAX", "BZMPOP"]
        for command in sample {
            if blocking.contains(command[0]) {
                let timeout = ["BLMPOP", "BZMPOP"].contains(command[0]) ? command[1] : command[command.count - 1]
                XCTAssertNotEqual(Double(timeout) ?? 1, 0, "\(command)")
            }
            if command[0] == "SPOP" {
                XCTAssertEqual(command.count, 3, "\(command)")
                XCTAssertFalse((1..<100_000).contains(Int(command[2]) ?? 0), "\(command)")
            }
            XCTAssertFalse(command.contains("*") && command[0] == "XADD", "\(command)")
            if ["EXPIRE", "PEXPIRE"].contains(command[0]) {
                let rejected = command.contains("NX") || command.contains("BOGUS")
                    || (command.contains("GT") && command.contains("LT"))
                XCTAssertTrue(rejected || !(command.contains("GT") || command.contains("LT")), "\(command)")
            }
        }
    }

    func testSkippedCommandsAreNeverGenerated() {
        var generator = RandomCommandGenerator(seed: 9, skipped: ["SET", "XADD", "ZADD"])
        let names = (0..<5000).flatMap { _ in generator.next().map { $0.command[0] } }
        XCTAssertTrue(Set(names).isDisjoint(with: ["SET", "XADD", "ZADD"]))
        XCTAssertTrue(names.contains("GET"))
    }

    func testSettingsFromEnvironment() throws {
        let defaults = try RandomizedSettings(environment: [:], clock: { 777 })
        XCTAssertEqual(defaults.seeds, RandomizedSettings.defaultSeeds + [777])
        XCTAssertEqual(defaults.steps, RandomizedSettings.defaultSteps)
        XCTAssertEqual(defaults.families, RandomCommandFamily.allCases)
        let chosen = try RandomizedSettings(environment: [
            "STRATA_RANDOM_SEED": "5, 0x10", "STRATA_RANDOM_STEPS": "30", "STRATA_RANDOM_FAMILIES": "strings,keys",
            "STRATA_RANDOM_SKIP": "xread, BZMPOP",
        ])
        XCTAssertEqual(chosen.seeds, [5, 16])
        XCTAssertEqual(chosen.steps, 30)
        XCTAssertEqual(chosen.families, [.strings, .keys])
        XCTAssertEqual(chosen.skipped, ["XREAD", "BZMPOP"])
        XCTAssertEqual(chosen.reproduction(seed: 5), "STRATA_RANDOM_SEED=5 STRATA_RANDOM_STEPS=30 "
                       + "STRATA_RANDOM_FAMILIES=strings,keys STRATA_RANDOM_SKIP=BZMPOP,XREAD "
                       + "swift test --skip-build --filter RandomizedDifferentialTests")
        XCTAssertThrowsError(try RandomizedSettings(environment: ["STRATA_RANDOM_STEPS": "0"]))
        XCTAssertThrowsError(try RandomizedSettings(environment: ["STRATA_RANDOM_SEED": "x"]))
        XCTAssertThrowsError(try RandomizedSettings(environment: ["STRATA_RANDOM_FAMILIES": "lists,nope"]))
    }
}
