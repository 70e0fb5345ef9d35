import StrataText
import ArgumentParser
import RDB

extension StrataRDB {
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarize a dump: aux fields, keys per database, types and encodings, biggest keys, estimated memory.")

        @Argument(help: "The RDB file.") var file: String
        @Flag(help: "Machine-readable output.") var json = false

        func run() throws {
            var stats = DumpStatistics()
            do {
                stats.version = try DumpScanner(path: file).scan { stats.add($0) }
            } catch {
                throw StrataRDB.fail(error, json: json)
            }
            StrataRDB.emit(json ? Info.json(stats) : Info.text(stats))
        }

        static func text(_ s: DumpStatistics) -> String {
            var lines = ["RDB version: \(s.version)"]
            for (k, v) in s.aux { lines.append("aux \(k): \(v)") }
            lines.append("keys: \(s.totalKeys)")
            for db in s.keysPerDB.keys.sorted() {
                lines.append("db\(db): keys=\(s.keysPerDB[db]!) expires=\(s.expiringPerDB[db] ?? 0)")
            }
            for (name, count) in s.encodings.sorted(by: { $0.key < $1.key }) { lines.append("encoding \(name): \(count)") }
            for type in s.biggest.keys.sorted() {
                for big in s.biggest[type]! {
                    lines.append("biggest \(type): db\(big.db) '\(String(decoding: big.key, as: UTF8.self))' size=\(big.size)")
                }
            }
            if s.functions > 0 { lines.append("function libraries: \(s.functions)") }
            lines.append("estimated memory: \(s.estimatedMemory) bytes")
            return lines.joined(separator: "\n")
        }

        static func json(_ s: DumpStatistics) -> String {
            let dbs = s.keysPerDB.keys.sorted().map { db in
                JSONText.object([("db", String(db)), ("keys", String(s.keysPerDB[db]!)), ("expires", String(s.expiringPerDB[db] ?? 0))])
            }
            let biggest = s.biggest.keys.sorted().map { type in
                (type, JSONText.array(s.biggest[type]!.map { b in
                    JSONText.object([("db", String(b.db)), ("key", JSONText.bytes(b.key)), ("size", String(b.size))])
                }))
            }
            return JSONText.object([
                ("version", String(s.version)),
                ("aux", JSONText.object(s.aux.map { ($0.key, JSONText.string($0.value)) })),
                ("keys", String(s.totalKeys)),
                ("databases", JSONText.array(dbs)),
                ("encodings", JSONText.object(s.encodings.sorted(by: { $0.key < $1.key }).map { ($0.key, String($0.value)) })),
                ("biggest", JSONText.object(biggest)),
                ("functions", String(s.functions)),
                ("estimated_memory", String(s.estimatedMemory)),
            ])
        }
    }
}
