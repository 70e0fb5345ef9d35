import StrataText
import ArgumentParser
import RDB

extension StrataRDB {
    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the keys of a dump, optionally filtered.")

        @Argument(help: "The RDB file.") var file: String
        @OptionGroup var filter: FilterOptions
        @Flag(help: "One JSON object per key (db, key, type, encoding, expire_at).") var json = false

        func run() throws {
            let accept = filter.filter
            do {
                try DumpScanner(path: file).scan { record in
                    guard case .entry(let e) = record, accept.accepts(e) else { return }
                    if json {
                        var pairs = [("db", String(e.db)), ("key", JSONText.bytes(e.key)), ("type", JSONText.string(e.value.typeName)),
                                     ("encoding", JSONText.string(DumpStatistics.encodingName(e.encoding)))]
                        if let at = e.expireAt { pairs.append(("expire_at", String(at))) }
                        StrataRDB.emit(JSONText.object(pairs))
                    } else {
                        StrataRDB.emit(String(decoding: e.key, as: UTF8.self))
                    }
                }
            } catch {
                throw StrataRDB.fail(error, json: json)
            }
        }
    }
}
