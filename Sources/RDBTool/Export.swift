import StrataText
import ArgumentParser
import Glibc
import RDB

extension StrataRDB {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the keys as JSON lines, or as RESP commands that `redis-cli --pipe` replays.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case json, resp }

        @Argument(help: "The RDB file.") var file: String
        @OptionGroup var filter: FilterOptions
        @Option(help: "json (one object per key) or resp (commands).") var format: Format = .json

        func run() throws {
            let accept = filter.filter
            var currentDB = -1
            var out: [UInt8] = []
            func flush() {
                out.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, stdout) }
                out.removeAll(keepingCapacity: true)
            }
            do {
                try DumpScanner(path: file).scan { record in
                    guard case .entry(let e) = record, accept.accepts(e) else { return }
                    switch format {
                    case .json:
                        var pairs = [("db", String(e.db)), ("key", JSONText.bytes(e.key)), ("type", JSONText.string(e.value.typeName))]
                        if let at = e.expireAt { pairs.append(("expire_at", String(at))) }
                        pairs.append(("value", JSONText.value(e.value)))
                        out += Array((JSONText.object(pairs) + "\n").utf8)
                    case .resp:
                        if e.db != currentDB {
                            RESPExport.encode([Array("SELECT".utf8), Array(String(e.db).utf8)], into: &out)
                            currentDB = e.db
                        }
                        for command in RESPExport.commands(for: e) { RESPExport.encode(command, into: &out) }
                    }
                    if out.count > 1 << 20 { flush() }
                }
            } catch {
                flush()
                throw StrataRDB.fail(error, json: false)
            }
            flush()
            fflush(stdout)
        }
    }
}
