import RDB
import StrataText

extension JSONText {
    /// A value as JSON: strings as strings, lists and sets as arrays, hashes as objects, sorted sets as
    /// [member, score] pairs, streams with entries and groups.
    static func value(_ v: RDBValue) -> String {
        switch v {
        case .string(let s): return bytes(s)
        case .list(let items), .set(let items): return array(items.map(bytes))
        case .zset(let members): return array(members.map { array([bytes($0.member), number($0.score)]) })
        case .hash(let pairs): return array(pairs.map { array([bytes($0.field), bytes($0.value)]) })
        case .stream(let s):
            let entries = s.entries.map { e in
                object([("id", string(e.id.description)), ("fields", array(e.fields.flatMap { [bytes($0.field), bytes($0.value)] }))])
            }
            let groups = s.groups.map { g in
                object([("name", bytes(g.name)), ("last-id", string(g.lastID.description)),
                        ("pending", String(g.pending.count)), ("consumers", array(g.consumers.map { bytes($0.name) }))])
            }
            return object([("last-id", string(s.lastID.description)), ("entries", array(entries)), ("groups", array(groups))])
        }
    }
}
