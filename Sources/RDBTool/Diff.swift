import StrataText
import ArgumentParser
import RDB

extension StrataRDB {
    /// Compares two dumps key by key. Memory holds one digest per key of the first dump, not its values.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two dumps: keys only in one of them, and keys whose value, type or expiry differ.")

        @Argument(help: "The first RDB file.") var first: String
        @Argument(help: "The second RDB file.") var second: String
        @Flag(help: "Machine-readable output.") var json = false

        struct Slot: Hashable {
            let db: Int
            let key: [UInt8]
        }

        func run() throws {
            var digests: [Slot: (type: String, value: UInt64, expireAt: Int64?)] = [:]
            var onlyFirst: [Slot] = [], onlySecond: [Slot] = [], differing: [Slot] = []
            do {
                try DumpScanner(path: first).scan { record in
                    guard case .entry(let e) = record else { return }
                    digests[Slot(db: e.db, key: e.key)] = (e.value.typeName, ValueComparison.digest(e.value), e.expireAt)
                }
                try DumpScanner(path: second).scan { record in
                    guard case .entry(let e) = record else { return }
                    let slot = Slot(db: e.db, key: e.key)
                    guard let mine = digests.removeValue(forKey: slot) else { return onlySecond.append(slot) }
                    if mine.type != e.value.typeName || mine.value != ValueComparison.digest(e.value) || mine.expireAt != e.expireAt {
                        differing.append(slot)
                    }
                }
            } catch {
                throw StrataRDB.fail(error, json: json)
            }
            onlyFirst = Array(digests.keys)
            let order = { (a: Slot, b: Slot) in (a.db, String(decoding: a.key, as: UTF8.self)) < (b.db, String(decoding: b.key, as: UTF8.self)) }
            onlyFirst.sort(by: order)
            onlySecond.sort(by: order)
            differing.sort(by: order)
            if json {
                func list(_ slots: [Slot]) -> String {
                    JSONText.array(slots.map { JSONText.object([("db", String($0.db)), ("key", JSONText.bytes($0.key))]) })
                }
                StrataRDB.emit(JSONText.object([("only_in_first", list(onlyFirst)), ("only_in_second", list(onlySecond)),
                                                ("different", list(differing))]))
            } else {
                for s in onlyFirst { StrataRDB.emit("- db\(s.db) \(String(decoding: s.key, as: UTF8.self))") }
                for s in onlySecond { StrataRDB.emit("+ db\(s.db) \(String(decoding: s.key, as: UTF8.self))") }
                for s in differing { StrataRDB.emit("~ db\(s.db) \(String(decoding: s.key, as: UTF8.self))") }
                if onlyFirst.isEmpty && onlySecond.isEmpty && differing.isEmpty { StrataRDB.emit("dumps hold the same data") }
            }
            if !(onlyFirst.isEmpty && onlySecond.isEmpty && differing.isEmpty) { throw ExitCode(StrataRDB.problemFound) }
        }
    }
}
